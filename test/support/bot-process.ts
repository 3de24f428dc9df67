/**
 * The bot as a child process, read the way a person reads its terminal: its JSON log lines on
 * stdout, and the "listening on" line that says it is up. Shared by the tests that start the bot
 * as `npm start` does (tsx) and as the container image does (dist/).
 */
import type { ChildProcess } from 'node:child_process';

export interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Collects a spawned bot's output and its end; a process that could not start at all ends too. */
export function watchBotProcess(child: ChildProcess): BotProcess {
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    // Not started at all (e.g. the user cannot execute node): no 'exit' follows.
    child.once('error', (error) => {
      stderr.push(String(error));
      resolve({ code: null, signal: null });
    });
  });
  return { child, stdout, stderr, exited };
}

/** Resolves with the URL of the "listening on" line; rejects if the process ends first, or after `timeoutMs`. */
export function listeningUrl(bot: BotProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const look = (): boolean => {
      const match = /listening on (http:\/\/[^\s|"]+)/.exec(bot.stdout.join(''));
      if (match) resolve(match[1]);
      return match !== null;
    };
    if (look()) return;
    const onData = (): void => {
      if (look()) bot.child.stdout?.off('data', onData);
    };
    bot.child.stdout?.on('data', onData);
    void bot.exited.then(({ code }) => reject(new Error(`bot exited (${code}) before listening:\n${bot.stderr.join('')}\n${bot.stdout.join('')}`)));
    setTimeout(() => reject(new Error(`no "listening on" line within ${timeoutMs} ms:\n${bot.stdout.join('')}\n${bot.stderr.join('')}`)), timeoutMs).unref();
  });
}

/** The JSON log lines the bot wrote so far. */
export function logLines(bot: BotProcess): Array<Record<string, unknown>> {
  return bot.stdout
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
