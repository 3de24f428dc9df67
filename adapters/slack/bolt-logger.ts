import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log';

const LEVELS: Record<string, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt's logger interface on top of ours, so Bolt's lines are structured and redacted too. */
export function boltLogger(logger: Logger): BoltLogger {
  const one = (p: unknown): string => {
    if (p instanceof Error) return p.message;
    if (typeof p === 'string') return p;
    try {
      return JSON.stringify(p);
    } catch {
      return String(p);
    }
  };
  const text = (parts: unknown[]): string => parts.map(one).join(' ');
  return {
    // Bolt logs every request at debug, with its body: formatting that to drop it would cost each ack.
    debug: (...msg: unknown[]) => {
      if (logger.level === 'debug') logger.debug(text(msg));
    },
    info: (...msg: unknown[]) => logger.info(text(msg)),
    warn: (...msg: unknown[]) => logger.warn(text(msg)),
    error: (...msg: unknown[]) => logger.error(text(msg)),
    // Our logger's level is fixed at start; Bolt may ask for it but cannot change it.
    setLevel: () => undefined,
    getLevel: () => LEVELS[logger.level] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
