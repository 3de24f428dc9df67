import * as fs from 'node:fs';
import * as path from 'node:path';
import { appRoot } from '../../src/util/app-root';
import type { SwaggerDocument, SwaggerOperation, SwaggerParameter, SwaggerSchema } from './swagger.types';

/** Which resource provider a spec describes; decides the accepted api-versions. */
export type SpecFamily = 'backup' | 'vaults' | 'compute' | 'resources' | 'subscriptions' | 'locks';

export interface SpecOperation {
  operationId: string;
  method: string;
  /** Path template as written in the spec, e.g. /Subscriptions/{subscriptionId}/... */
  template: string;
  family: SpecFamily;
  doc: SwaggerDocument;
  /** Schema of the body parameter, when the operation takes one. */
  bodySchema?: SwaggerSchema;
  bodyRequired: boolean;
  /** Response schemas by status code ('200', '202', ...; 'default' is the error shape). */
  responses: Record<string, SwaggerSchema | undefined>;
}

export interface SpecCatalog {
  operations: SpecOperation[];
  byOperationId: Map<string, SpecOperation>;
  documents: Record<SpecFamily, SwaggerDocument>;
}

/** The vendored specs, relative to the repository root (a clean clone works alone). */
export const SPEC_FILES: Record<SpecFamily, string> = {
  backup: 'vendor/azure-rest-examples/specs/recoveryservicesbackup/2023-06-01/bms.json',
  vaults: 'vendor/azure-rest-examples/specs/recoveryservices/2026-07-01/openapi.json',
  compute: 'vendor/azure-rest-examples/specs/compute/2023-09-01/virtualMachine.json',
  // Not in vendor/: an excerpt (resource groups only) of Microsoft.Resources, see its SOURCE.md.
  resources: 'emulator/specs/resources/resource-groups.2025-04-01.json',
  // Not in vendor/: an excerpt (Subscriptions_Get and _List) of Microsoft.Resources, see its SOURCE.md.
  subscriptions: 'emulator/specs/resources/subscriptions.2022-12-01.json',
  // Not in vendor/: an excerpt (resource-group locks, subscription list) of Microsoft.Authorization, see its SOURCE.md.
  locks: 'emulator/specs/resources/locks.2020-05-01.json',
};

export const REPO_ROOT = appRoot();

const HTTP_METHODS = new Set(['get', 'head', 'put', 'post', 'patch', 'delete']);

let cached: SpecCatalog | undefined;

/** Loads and indexes the specs once per process; later calls reuse the result. */
export function loadSpecCatalog(): SpecCatalog {
  if (cached) return cached;
  const documents = {} as Record<SpecFamily, SwaggerDocument>;
  const operations: SpecOperation[] = [];
  for (const family of Object.keys(SPEC_FILES) as SpecFamily[]) {
    const doc = readSpec(family);
    documents[family] = doc;
    for (const [template, pathItem] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(pathItem)) {
        if (!HTTP_METHODS.has(method) || Array.isArray(op)) continue;
        operations.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          template,
          family,
          doc,
          ...findBody(doc, op),
          responses: responseSchemas(op),
        });
      }
    }
  }
  const byOperationId = new Map(operations.map((op) => [op.operationId, op]));
  cached = { operations, byOperationId, documents };
  return cached;
}

function readSpec(family: SpecFamily): SwaggerDocument {
  const file = path.join(REPO_ROOT, SPEC_FILES[family]);
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('paths' in parsed) || !('definitions' in parsed)) {
    throw new Error(`${file} is not a swagger 2.0 document`);
  }
  return parsed as SwaggerDocument;
}

function findBody(doc: SwaggerDocument, op: SwaggerOperation): { bodySchema?: SwaggerSchema; bodyRequired: boolean } {
  for (const raw of op.parameters ?? []) {
    const param = resolveParameter(doc, raw);
    if (param?.in === 'body' && param.schema) return { bodySchema: param.schema, bodyRequired: param.required === true };
  }
  return { bodyRequired: false };
}

function responseSchemas(op: SwaggerOperation): Record<string, SwaggerSchema | undefined> {
  const out: Record<string, SwaggerSchema | undefined> = {};
  for (const [status, response] of Object.entries(op.responses)) {
    const schema = typeof response === 'object' && response !== null && 'schema' in response ? (response as { schema?: SwaggerSchema }).schema : undefined;
    out[status] = schema;
  }
  return out;
}

function resolveParameter(doc: SwaggerDocument, param: SwaggerParameter): SwaggerParameter | undefined {
  if (!param.$ref) return param;
  const match = /^#\/parameters\/(.+)$/.exec(param.$ref);
  // Parameters in common-types (api-version, subscriptionId, ...) are never bodies.
  return match ? doc.parameters?.[match[1]] : undefined;
}
