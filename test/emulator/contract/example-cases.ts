import * as fs from 'node:fs';
import * as path from 'node:path';
import { HANDLERS } from '../../../emulator/handlers/handler-registry';
import { loadSpecCatalog, REPO_ROOT, type SpecOperation } from '../../../emulator/specs/spec-catalog';
import type { SwaggerParameter } from '../../../emulator/specs/swagger.types';

/** A Microsoft x-ms-example file as vendored. */
export interface ExampleFile {
  parameters: Record<string, unknown>;
  responses: Record<string, { headers?: Record<string, unknown>; body?: unknown }>;
  operationId?: string;
}

export interface ExampleCase {
  /** e.g. recoveryservicesbackup/2023-06-01/Common/TriggerBackup_Post.json */
  name: string;
  example: ExampleFile;
  operation: SpecOperation;
  /** Name of the example parameter that holds the request body, if the operation has one. */
  bodyParameter?: string;
}

const EXAMPLES_ROOT = path.join(REPO_ROOT, 'vendor/azure-rest-examples');

/** The example sets for the versions the bot's SDKs speak (resource groups: copied next to their spec excerpt). */
const EXAMPLE_DIRS = [
  { root: EXAMPLES_ROOT, dir: 'recoveryservicesbackup/2023-06-01', family: 'backup' },
  { root: EXAMPLES_ROOT, dir: 'recoveryservices/2026-07-01', family: 'vaults' },
  { root: EXAMPLES_ROOT, dir: 'compute/2026-04-01', family: 'compute' },
  { root: path.join(REPO_ROOT, 'emulator/specs'), dir: 'resources/examples', family: 'resources' },
] as const;

/**
 * Every vendored example whose operation the emulator implements. Operations come from the
 * example's own operationId, or from the spec's x-ms-examples references (2023-06-01 examples
 * carry no operationId).
 */
export function loadExampleCases(): { cases: ExampleCase[]; notImplemented: string[] } {
  const catalog = loadSpecCatalog();
  const byExampleRef = new Map<string, string>();
  for (const family of ['backup', 'vaults', 'resources'] as const) {
    const doc = catalog.documents[family];
    for (const pathItem of Object.values(doc.paths)) {
      for (const op of Object.values(pathItem)) {
        if (Array.isArray(op) || !op || typeof op !== 'object') continue;
        const refs = (op as { 'x-ms-examples'?: Record<string, { $ref: string }> })['x-ms-examples'] ?? {};
        for (const ref of Object.values(refs)) byExampleRef.set(`${family}:${ref.$ref.replace(/^\.\/examples\//, '')}`, op.operationId);
      }
    }
  }
  const cases: ExampleCase[] = [];
  const notImplemented: string[] = [];
  for (const { root, dir, family } of EXAMPLE_DIRS) {
    for (const file of listJson(path.join(root, dir))) {
      const relative = path.relative(path.join(root, dir), file).split(path.sep).join('/');
      const example = JSON.parse(fs.readFileSync(file, 'utf8')) as ExampleFile;
      const operationId = example.operationId ?? byExampleRef.get(`${family}:${relative}`);
      const operation = operationId ? catalog.byOperationId.get(operationId) : undefined;
      const name = `${dir}/${relative}`;
      if (!operation || !HANDLERS[operation.operationId]) {
        notImplemented.push(`${name} (${operationId ?? 'unknown operation'})`);
        continue;
      }
      cases.push({ name, example, operation, bodyParameter: bodyParameterName(operation) });
    }
  }
  return { cases, notImplemented };
}

function bodyParameterName(operation: SpecOperation): string | undefined {
  const pathItem = operation.doc.paths[operation.template] ?? {};
  const op = pathItem[operation.method.toLowerCase()];
  if (!op || Array.isArray(op)) return undefined;
  const param = (op.parameters ?? []).find((p: SwaggerParameter) => p.in === 'body');
  return param?.name;
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(full));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}
