/**
 * Edit distance with adjacent transpositions (optimal string alignment): "enabel" is 1 away from
 * "enable", as a person would count the typo.
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

/**
 * The known word closest to what was typed, or undefined when nothing is close: within 2 edits
 * (1 for words of up to 4 letters), or the only word that starts with what was typed (2+ letters).
 * Ties go to the earlier word of `known`.
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  const t = typed.trim().toLowerCase();
  if (!t) return undefined;
  const prefixed = known.filter((k) => t.length >= 2 && k.startsWith(t));
  if (prefixed.length === 1) return prefixed[0];
  const max = t.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(t, k);
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return bestDistance <= max ? best : undefined;
}
