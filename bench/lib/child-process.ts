/**
 * The benchmark runs the bot, the bare Bolt app and the backends (Azure emulator, fake Slack) in
 * processes of their own, so the load generator's work does not land on the event loop it
 * measures and each process's memory is its own. Parent and child talk over Node's IPC channel:
 * the child announces `ready` with data, then answers calls by operation name.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

type Payload = Record<string, unknown>;

interface ReadyMessage {
  kind: 'ready';
  data: Payload;
}
interface ReplyMessage {
  kind: 'reply';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
interface CallMessage {
  kind: 'call';
  id: number;
  op: string;
  args: Payload;
}

function isObject(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isReady(m: unknown): m is ReadyMessage {
  return isObject(m) && m.kind === 'ready' && isObject(m.data);
}
function isReply(m: unknown): m is ReplyMessage {
  return isObject(m) && m.kind === 'reply' && typeof m.id === 'number' && typeof m.ok === 'boolean';
}
function isCall(m: unknown): m is CallMessage {
  return isObject(m) && m.kind === 'call' && typeof m.id === 'number' && typeof m.op === 'string' && isObject(m.args);
}

/** The last lines of a child's log, on one line, for an error message (the log itself is removed with the run's scratch folder). */
function logTail(file: string, lines = 6): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).map((l) => l.trim()).join(' | ').slice(0, 1200);
  } catch {
    return '(no log)';
  }
}

export interface Child {
  pid: number;
  /** performance.timeOrigin-based ms when fork() was called. */
  spawnedAt: number;
  /** What the child announced when it was ready. */
  ready: Promise<Payload>;
  call(op: string, args?: Payload): Promise<unknown>;
  /** Asks the child to close (op `close`), then ends it if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  /** Extra node flags (e.g. --cpu-prof, --expose-gc). */
  nodeFlags?: string[];
  /** The child's stdout and stderr go here. */
  logFile: string;
  /** How long the child may take to announce ready. */
  readyTimeoutMs?: number;
}

/** Forks a TypeScript entry (through tsx's loader), wired for IPC. */
export function spawnChild(script: string, options: SpawnOptions): Child {
  const log = fs.openSync(options.logFile, 'a');
  const spawnedAt = performance.now();
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx', ...(options.nodeFlags ?? [])],
    env: options.env,
    stdio: ['ignore', log, log, 'ipc'],
  });
  fs.closeSync(log);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = new Promise<Payload>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} was not ready within ${options.readyTimeoutMs ?? 120_000} ms (log: ${options.logFile})`)), options.readyTimeoutMs ?? 120_000);
    child.on('message', (m: unknown) => {
      if (isReady(m)) {
        clearTimeout(timer);
        resolve(m.data);
      } else if (isReply(m)) {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.result);
        else p?.reject(new Error(m.error ?? 'child call failed'));
      }
    });
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      const error = new Error(`${script} exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}); its log ends: ${logTail(options.logFile)}`);
      reject(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  });
  // A child that dies after ready must not leave an unhandled rejection behind.
  ready.catch(() => undefined);

  return {
    pid: child.pid ?? -1,
    spawnedAt,
    ready,
    call: (op, args = {}) =>
      new Promise((resolve, reject) => {
        if (exited) {
          reject(new Error(`${script} has exited`));
          return;
        }
        nextId += 1;
        pending.set(nextId, { resolve, reject });
        const message: CallMessage = { kind: 'call', id: nextId, op, args };
        child.send(message);
      }),
    stop: async (graceMs = 10_000) => {
      if (exited) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        nextId += 1;
        const message: CallMessage = { kind: 'call', id: nextId, op: 'close', args: {} };
        child.send(message);
      } catch {
        child.kill('SIGTERM');
      }
      await exit;
      clearTimeout(timer);
    },
  };
}

export type Handlers = Record<string, (args: Payload) => Promise<unknown> | unknown>;

/**
 * The child's side: answers the parent's calls with `handlers`; `close` runs `onClose` and
 * exits. Then announces ready with `data`.
 */
export function serveParent(data: Payload, handlers: Handlers, onClose: () => Promise<void>): void {
  const send = (m: ReplyMessage | ReadyMessage): void => {
    process.send?.(m);
  };
  process.on('message', (m: unknown) => {
    if (!isCall(m)) return;
    if (m.op === 'close') {
      void onClose().finally(() => process.exit(0));
      return;
    }
    const handler = handlers[m.op];
    if (!handler) {
      send({ kind: 'reply', id: m.id, ok: false, error: `unknown operation ${m.op}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(m.args))
      .then(
        (result) => send({ kind: 'reply', id: m.id, ok: true, result }),
        (error: unknown) => send({ kind: 'reply', id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  // The parent going away ends the child too.
  process.on('disconnect', () => void onClose().finally(() => process.exit(0)));
  send({ kind: 'ready', data });
}

/** Reads a string field of a child's payload, or fails naming it. */
export function stringField(data: Payload, key: string): string {
  const v = data[key];
  if (typeof v !== 'string') throw new Error(`child payload has no string ${key}`);
  return v;
}

export function numberField(data: Payload, key: string): number {
  const v = data[key];
  if (typeof v !== 'number') throw new Error(`child payload has no number ${key}`);
  return v;
}
