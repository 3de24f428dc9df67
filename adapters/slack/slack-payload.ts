/**
 * Reads what comes back from Slack in our own fields (button values, private_metadata) without
 * trusting its shape: intents through the flows' schema (parseIntent), the rest by type guards.
 */
import type { FormMetadata, ModalContext } from '../../cards/slack';
import { parseIntent } from '../../src/flows/intent.schema';
import type { Intent, SubmitIntent } from '../../src/flows/intents';
import type { SuggestSource } from '../../src/flows/views';

const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    return obj(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** A button's value as an intent; undefined when it is not one (an old or foreign button). */
export function decodeIntent(value: string | undefined): Intent | undefined {
  return value === undefined ? undefined : parseIntent(value);
}

function isSuggestSource(v: unknown): v is SuggestSource {
  const o = obj(v);
  if (!o || o.kind !== 'vms') return false;
  const optionalString = (k: string) => o[k] === undefined || typeof o[k] === 'string';
  const optionalBool = (k: string) => o[k] === undefined || typeof o[k] === 'boolean';
  return optionalString('location') && optionalString('subscriptionId') && optionalBool('unprotectedOnly') && optionalBool('protectedOnly');
}

export function decodeModalContext(text: string | undefined): ModalContext {
  const o = parseJson(text);
  if (!o) return {};
  return {
    ...(typeof o.channel === 'string' ? { channel: o.channel } : {}),
    ...(typeof o.origin === 'string' ? { origin: o.origin } : {}),
  };
}

/** A form modal's private_metadata; undefined when it is not one of ours (or from an old version). */
export function decodeFormMetadata(text: string | undefined): FormMetadata | undefined {
  const o = parseJson(text);
  if (!o) return undefined;
  const submit = parseIntent(o.submit);
  if (!submit || !('values' in submit)) return undefined;
  const sources: Record<string, SuggestSource> = {};
  for (const [field, source] of Object.entries(obj(o.sources) ?? {})) {
    if (isSuggestSource(source)) sources[field] = source;
  }
  return { submit: submit as SubmitIntent, sources, ...decodeModalContext(text) };
}
