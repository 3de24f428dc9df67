import type { RecordedRequest } from '../../../emulator/emulator.types';
import { validatorFor } from '../../../emulator/specs/schema-validator';
import { loadSpecCatalog, type SpecOperation } from '../../../emulator/specs/spec-catalog';

/** A recorded request whose body the vendored spec rejects, or that matches no spec operation. */
export interface SpecViolation {
  method: string;
  path: string;
  problem: string;
}

/**
 * Checks what the SDK actually sent against the vendored OpenAPI specs, independently of the
 * emulator's own routing: each request must match an operation of the specs (path template,
 * case-insensitive, as Azure routes) and its body must validate against that operation's schema.
 */
export function checkRequestsAgainstSpecs(requests: RecordedRequest[]): SpecViolation[] {
  const operations = loadSpecCatalog().operations;
  const violations: SpecViolation[] = [];
  for (const r of requests) {
    const op = findOperation(operations, r.method, r.path);
    if (!op) {
      violations.push({ method: r.method, path: r.path, problem: 'matches no operation of the vendored specs' });
      continue;
    }
    if (op.bodySchema && r.body !== undefined && r.body !== null && r.body !== '') {
      const issues = validatorFor(op.doc).validate(op.bodySchema, r.body);
      for (const issue of issues) violations.push({ method: r.method, path: r.path, problem: `${op.operationId}: ${issue.path}: ${issue.message}` });
    }
  }
  return violations;
}

/** The spec operationIds the requests map to, in order of first use (unmatched requests are left out). */
export function operationIdsOf(requests: RecordedRequest[]): string[] {
  const operations = loadSpecCatalog().operations;
  const ids = requests.map((r) => findOperation(operations, r.method, r.path)?.operationId).filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

function findOperation(operations: SpecOperation[], method: string, path: string): SpecOperation | undefined {
  const segments = path.split('?')[0].split('/').filter(Boolean).map((s) => safeDecode(s).toLowerCase());
  const candidates = operations.filter((op) => op.method === method.toUpperCase() && matches(op.template, segments));
  // The most specific template wins (more literal segments), as Azure's routing does.
  return candidates.sort((a, b) => literals(b.template) - literals(a.template))[0];
}

function matches(template: string, segments: string[]): boolean {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return false;
  return parts.every((p, i) => /^\{.+\}$/.test(p) || p.toLowerCase() === segments[i]);
}

function literals(template: string): number {
  return template.split('/').filter((p) => p && !/^\{.+\}$/.test(p)).length;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
