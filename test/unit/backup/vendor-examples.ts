import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', 'vendor', 'azure-rest-examples');

/** An x-ms-examples file from the vendored Azure REST examples. */
export interface ExampleFile {
  parameters: Record<string, unknown>;
  responses: Record<string, { body?: unknown; headers?: Record<string, unknown> }>;
}

export function readExample(relativePath: string): ExampleFile {
  return JSON.parse(readFileSync(join(ROOT, relativePath), 'utf8')) as ExampleFile;
}

/**
 * Wire JSON handed to a mapper typed for SDK models. The classic backup SDK would turn date-time
 * strings into Dates; the mappers accept both, and the tests feed both.
 */
export function asSdk<T>(json: unknown): T {
  return json as T;
}
