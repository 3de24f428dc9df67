/**
 * Narrows an action payload from a chat platform (Slack button value, Adaptive Card data) to an
 * Intent. Adapters call parseIntent on whatever came in and never trust its shape otherwise. Each
 * intent type's schema is in the registry (intent-registry.ts).
 */
import type { Intent } from './intents';
import { isFormSubmission, specOf } from './intent-registry';

/**
 * An Intent from untrusted data (a parsed JSON object, or a JSON string), or undefined when it is
 * not one. Unknown properties are dropped; a form submission's `values` may be absent (then {}).
 */
export function parseIntent(data: unknown): Intent | undefined {
  let input = data;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      return undefined;
    }
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const type = (input as { type?: unknown }).type;
  const spec = typeof type === 'string' ? specOf(type) : undefined;
  if (!spec) return undefined;
  if (!('values' in input) && isFormSubmission(type as string)) input = { ...input, values: {} };
  const r = spec.schema.safeParse(input);
  return r.success ? r.data : undefined;
}
