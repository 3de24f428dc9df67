import { redact, redactText } from './redact';
import { currentRequestId } from './request-context';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

/**
 * A structured logger: one JSON object per line, `{ time, level, msg, requestId?, ...bindings, ...fields }`
 * (requestId: the command being handled, see request-context).
 * Every line is redacted (src/log/redact) before it is written, so callers may pass errors and
 * request details without scrubbing them first.
 */
export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger whose lines also carry `bindings` (e.g. { component: 'slack' }). */
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; default process.stdout. Tests pass their own to read what was logged. */
  write?: (line: string) => void;
  bindings?: LogFields;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const bindings = options.bindings ?? {};
  const threshold = SEVERITY[level];

  const log = (lineLevel: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
    if (SEVERITY[lineLevel] < threshold) return;
    const requestId = currentRequestId();
    const record = redact({ ...(requestId !== undefined ? { requestId } : {}), ...bindings, ...fields }) as LogFields;
    let line: string;
    try {
      line = JSON.stringify({ time: now().toISOString(), level: lineLevel, msg: redactText(msg), ...record });
    } catch {
      line = JSON.stringify({ time: now().toISOString(), level: lineLevel, msg: redactText(msg), logError: 'fields not serialisable' });
    }
    write(line + '\n');
  };

  return {
    level,
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
    child: (extra) => createLogger({ level, write, now, bindings: { ...bindings, ...extra } }),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ level: 'silent', write: () => undefined });
