import type { SpecOperation } from '../specs/spec-catalog';

/** A matched route: the spec operation and the path parameters by template name. */
export interface RouteMatch {
  operation: SpecOperation;
  params: Record<string, string>;
}

interface CompiledRoute {
  operation: SpecOperation;
  /** Lower-case literal, or null for a {parameter} segment. */
  segments: (string | null)[];
  names: (string | null)[];
  literalCount: number;
}

export type RouteLookup =
  | { kind: 'match'; match: RouteMatch }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'no-route' };

/**
 * Routes requests to spec operations by path template, case-insensitively (Azure accepts
 * /Subscriptions/ and /subscriptions/, IaasVMContainer;... in any case). Segments are
 * compared after percent-decoding; a {parameter} matches exactly one segment.
 */
export class RouteTable {
  private readonly bySegmentCount = new Map<number, CompiledRoute[]>();

  constructor(operations: SpecOperation[]) {
    for (const operation of operations) {
      const parts = operation.template.split('/').filter((s) => s.length > 0);
      const segments: (string | null)[] = [];
      const names: (string | null)[] = [];
      for (const part of parts) {
        const param = /^\{(.+)\}$/.exec(part);
        segments.push(param ? null : part.toLowerCase());
        names.push(param ? param[1] : null);
      }
      const route: CompiledRoute = { operation, segments, names, literalCount: segments.filter((s) => s !== null).length };
      const list = this.bySegmentCount.get(segments.length) ?? [];
      list.push(route);
      this.bySegmentCount.set(segments.length, list);
    }
    // More literal segments first: /backupJobs/operationResults/{id} beats /backupJobs/{job}/{x}.
    for (const list of this.bySegmentCount.values()) list.sort((a, b) => b.literalCount - a.literalCount);
  }

  lookup(method: string, segments: string[]): RouteLookup {
    const candidates = this.bySegmentCount.get(segments.length) ?? [];
    const lowered = segments.map((s) => s.toLowerCase());
    const allowed: string[] = [];
    for (const route of candidates) {
      if (!matches(route, lowered)) continue;
      if (route.operation.method !== method) {
        allowed.push(route.operation.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        if (name) params[name] = segments[i];
      });
      return { kind: 'match', match: { operation: route.operation, params } };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'no-route' };
  }
}

function matches(route: CompiledRoute, lowered: string[]): boolean {
  for (let i = 0; i < route.segments.length; i++) {
    const literal = route.segments[i];
    if (literal !== null && literal !== lowered[i]) return false;
  }
  return true;
}

/** Splits a raw request path into percent-decoded segments (';' arrives as %3B from the SDK). */
export function splitPath(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
