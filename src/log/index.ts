export { createLogger, silentLogger, LOG_LEVELS } from './logger';
export type { Logger, LogLevel, LogFields, LoggerOptions } from './logger';
export { redact, redactText, REDACTED } from './redact';
export { currentRequestId, newRequestId, requestIdFrom, withRequestId } from './request-context';
