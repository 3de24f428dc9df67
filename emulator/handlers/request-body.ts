import { isRecord, type ArmRequest } from '../http/arm-http';

/** A request's `tags` (or any string map) as ARM stores it: every value a string. */
export function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** The JSON body, or {} when there is none (the spec validator has already checked its shape). */
export function bodyOf(req: ArmRequest): Record<string, unknown> {
  return isRecord(req.body) ? req.body : {};
}
