import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/**
 * A TypeScript script run in a child process through tsx's loader, its output kept for failure
 * messages. Node itself is the child (`node --import tsx`), not the tsx CLI, which would run the
 * script in a grandchild that a SIGKILL of the child leaves running.
 */
export interface Child {
  process: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves when a line of stdout matches. */
  waitFor(pattern: RegExp): Promise<void>;
  /** SIGKILL (no cleanup of any kind, as a crash), resolving once it is gone. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

export function startChild(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const listeners: (() => void)[] = [];
  const onData = (chunk: Buffer): void => {
    out += chunk.toString('utf8');
    for (const l of [...listeners]) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => out,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(out)) {
            listeners.splice(listeners.indexOf(check), 1);
            resolve();
          }
        };
        listeners.push(check);
        void exited.then((code) => reject(new Error(`child exited (${code}) before printing ${pattern}:\n${out}`)));
        check();
      }),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    exited,
  };
}
