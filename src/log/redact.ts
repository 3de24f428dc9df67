/**
 * Secret redaction for log output. Logs leave the process (stdout, log shippers), so anything that
 * looks like a credential is replaced before a line is written, whether it arrives as a field
 * named like a secret or embedded in free text (an error message quoting a header, a URL).
 */

export const REDACTED = '[REDACTED]';

/** Field names whose values are always secret, whatever they contain. */
const SECRET_KEY =
  /(token|secret|password|passwd|pwd|authorization|cookie|api[-_]?key|credential|signature|private[-_]?key|client[-_]?assertion)/i;

/** Patterns of secrets inside free text, each with its replacement. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Slack tokens: bot (xoxb), user (xoxp), app-level (xapp), legacy (xoxa, xoxr, xoxs), refresh/rotating (xoxe)
  [/\bxox[abeprs](?:\.xox[abp])?-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  // HTTP auth schemes, wherever a header got stringified
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // JSON Web Tokens without their scheme
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Passwords in connection strings: scheme://user:password@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@/\s]+@/gi, `$1${REDACTED}@`],
  // key=value pairs in query strings or config dumps: ...&client_secret=..., password=...
  [/\b((?:client_secret|password|access_token|refresh_token|sig)=)[^&\s"']+/gi, `$1${REDACTED}`],
];

/** Replaces secrets embedded in a string. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 8;

/**
 * A JSON-safe copy of `value` with secrets removed: secret-named keys are replaced whole, strings
 * are scrubbed, errors become { name, message, code, stack }, cycles and deep nesting are cut.
 */
export function redact(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) return errorFields(value, depth, seen);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (Buffer.isBuffer(value)) return `[Buffer ${value.length} bytes]`;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : walk(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function errorFields(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: redactText(error.message) };
  // Own enumerable fields carry codes and statuses (AzureError.azureCode, Node's err.code, ...).
  for (const [key, item] of Object.entries(error)) {
    if (key === 'request' || key === 'response') continue; // SDK errors: whole HTTP exchanges, headers included
    out[key] = SECRET_KEY.test(key) ? REDACTED : walk(item, depth + 1, seen);
  }
  if (error.stack) out.stack = redactText(error.stack);
  if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1, seen);
  return out;
}
