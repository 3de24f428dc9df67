/** A single form value as a trimmed string ('' when absent). */
export function single(values: Record<string, string | string[] | undefined>, id: string): string {
  const v = values[id];
  if (Array.isArray(v)) return (v[0] ?? '').trim();
  return (v ?? '').trim();
}

/** A multi-valued form value as a list (a single string counts as one value). */
export function multiple(values: Record<string, string | string[] | undefined>, id: string): string[] {
  const v = values[id];
  if (Array.isArray(v)) return v.map((x) => x.trim()).filter(Boolean);
  if (typeof v === 'string' && v.trim()) return v.split(',').map((x) => x.trim()).filter(Boolean);
  return [];
}
