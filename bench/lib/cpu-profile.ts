/**
 * Reads a V8 CPU profile (node --cpu-prof) and names where the time went: self time per
 * function (name, file:line), the largest first. Pure over the profile's JSON.
 */

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  /**
   * `name (file)`, the file relative to the repository when it is inside it. No line: tsx runs
   * transpiled code, whose positions do not match the TypeScript source.
   */
  where: string;
  selfMs: number;
  /** Share of all sampled time, 0..1. */
  share: number;
}

export function isCpuProfile(value: unknown): value is CpuProfile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas);
}

/**
 * Self time per function, largest first; `(program)` and `(garbage collector)` included as V8
 * names them. With `excludeIdle`, `(idle)` is left out, and shares are of the busy time. Samples
 * under `node:inspector` are always left out: a process that profiles itself (the bench's bot)
 * is sampled while it stops the profiler and builds the profile, which is not its own work.
 */
export function hotFunctions(profile: CpuProfile, repoRoot: string, top = 10, options: { excludeIdle?: boolean } = {}): HotFunction[] {
  const byNode = new Map<number, CpuProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const profiler = new Map<number, boolean>();
  const underInspector = (id: number): boolean => {
    const known = profiler.get(id);
    if (known !== undefined) return known;
    const node = byNode.get(id);
    const parent = parentOf.get(id);
    const result = node?.callFrame.url === 'node:inspector' || (parent !== undefined && underInspector(parent));
    profiler.set(id, result);
    return result;
  };
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const node = byNode.get(nodeId);
    if (!node || underInspector(nodeId)) return;
    const f = node.callFrame;
    const file = f.url.replace(/^file:\/\//, '').replace(`${repoRoot}/`, '');
    const where = f.url === '' ? f.functionName || '(anonymous)' : `${f.functionName || '(anonymous)'} (${file})`;
    if (options.excludeIdle && where === '(idle)') return;
    selfUs.set(where, (selfUs.get(where) ?? 0) + delta);
    total += delta;
  });
  return [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
}
