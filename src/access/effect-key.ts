import { createHash } from 'node:crypto';
import type { Intent } from '../flows/intents';

/**
 * The key of an effect: a digest of the intent with its exact inputs, independent of who sends
 * it, of key order and of the order of multi-valued inputs. Two people pressing the same card,
 * a double click, a Slack retry and a Teams redelivery all give the same key.
 */
export function effectKey(intent: Intent): string {
  return `effect:${intent.type}:${createHash('sha256').update(canonical(intent)).digest('hex').slice(0, 40)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    // Lists of plain strings are sets of choices (VM ids); lists of objects keep their order.
    return `[${(value.every((v) => typeof v === 'string') ? items.map((s) => s.toLowerCase()).sort() : items).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return typeof value === 'string' ? JSON.stringify(value.trim()) : JSON.stringify(value);
}
