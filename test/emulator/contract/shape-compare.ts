/** One way our response differs in shape from Microsoft's example. */
export interface ShapeProblem {
  path: string;
  problem: string;
}

export interface ShapeOptions {
  /** Example paths the emulator deliberately does not model (optional Azure features). */
  ignore: RegExp[];
  /** Paths whose string values must be equal (polymorphic discriminators, resource types). */
  discriminator: (path: string) => boolean;
  /** Values considered the same discriminator (e.g. the examples only show Classic VMs). */
  equivalent?: (a: string, b: string) => boolean;
}

type Kind = 'array' | 'object' | 'string' | 'number' | 'boolean' | 'null' | 'undefined';

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as Kind;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Walks the example JSON and checks that our JSON has the same property paths with the same
 * value types (arrays are compared as the union of their items' shapes), date-time strings
 * where the example has them, and equal discriminator values. Values themselves may differ.
 * A null in the example means "may be absent". Extra properties on our side are allowed.
 */
export function compareShape(example: unknown, actual: unknown, options: ShapeOptions): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  walk(example, actual, '', options, problems);
  return problems;
}

function walk(example: unknown, actual: unknown, path: string, options: ShapeOptions, problems: ShapeProblem[]): void {
  if (path !== '' && options.ignore.some((re) => re.test(path))) return;
  const exampleKind = kindOf(example);
  const actualKind = kindOf(actual);
  if (exampleKind === 'null' || exampleKind === 'undefined') return;
  if (actualKind === 'undefined') {
    problems.push({ path, problem: `missing (example has ${exampleKind})` });
    return;
  }
  if (exampleKind !== actualKind) {
    problems.push({ path, problem: `is ${actualKind}, example has ${exampleKind}` });
    return;
  }
  if (exampleKind === 'string') {
    const ex = example as string;
    const ac = actual as string;
    if (DATE_LIKE.test(ex) && !(DATE_LIKE.test(ac) && !Number.isNaN(Date.parse(ac)))) {
      problems.push({ path, problem: `'${ac}' is not a date-time like the example's '${ex}'` });
    }
    if (options.discriminator(path) && ex !== ac && !(options.equivalent?.(ex, ac) ?? false)) {
      problems.push({ path, problem: `discriminator '${ac}', example has '${ex}'` });
    }
    return;
  }
  if (exampleKind === 'array') {
    const ex = example as unknown[];
    const ac = actual as unknown[];
    if (ex.length === 0) return;
    if (ac.length === 0) {
      problems.push({ path, problem: 'is an empty array, example has items' });
      return;
    }
    walk(mergeAll(ex), mergeAll(ac), `${path}[]`, options, problems);
    return;
  }
  if (exampleKind === 'object') {
    const ex = example as Record<string, unknown>;
    const ac = actual as Record<string, unknown>;
    for (const key of Object.keys(ex)) walk(ex[key], ac[key], path ? `${path}.${key}` : key, options, problems);
  }
}

/** The union of the items' shapes, so lists of differently-filled items compare as one. */
function mergeAll(items: unknown[]): unknown {
  return items.reduce((acc, item) => merge(acc, item), undefined);
}

function merge(a: unknown, b: unknown): unknown {
  if (a === undefined || a === null) return b;
  if (b === undefined || b === null) return a;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (kindOf(a) === 'object' && kindOf(b) === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
    return out;
  }
  return a;
}
