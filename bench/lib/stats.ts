/** Summary of a set of latency samples (milliseconds). */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The p-th percentile (0..100) of samples by the nearest-rank method: the smallest sample with
 * at least p% of the samples at or below it. No interpolation, so the answer is always a
 * measured value. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN, mean: Number.NaN };
  let sum = 0;
  let max = -Infinity;
  for (const s of samples) {
    sum += s;
    if (s > max) max = s;
  }
  return { count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max, mean: sum / samples.length };
}

/** a / b, NaN when b is 0 or either is not a number (a ratio is only shown when it means something). */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN;
  return a / b;
}

/** The samples of one round of a side-by-side measurement: ours and the baseline's, taken in the same round. */
export interface RoundSamples {
  ours: readonly number[];
  base: readonly number[];
}

export interface RoundRatios {
  /** Per round: p-th percentile of ours / that of the baseline (NaN when a side has no samples). */
  ratios: number[];
  /** Median of the ratios, nearest rank (a measured round's ratio, never an average of two). */
  median: number;
  /** The largest ratio; NaN when any round could not be compared, so a lost round never hides. */
  worst: number;
}

/**
 * Compares ours with the baseline round by round: a round's ratio cancels what slowed the
 * machine during that round for both, so the median says how we compare and the worst round
 * how far one unlucky round can go, where one pooled ratio over the whole run swings with drift.
 */
export function roundRatios(rounds: readonly RoundSamples[], p = 99): RoundRatios {
  const ratios = rounds.map((r) => ratio(percentile(r.ours, p), percentile(r.base, p)));
  if (ratios.length === 0) return { ratios, median: Number.NaN, worst: Number.NaN };
  const worst = ratios.some((x) => !Number.isFinite(x)) ? Number.NaN : Math.max(...ratios);
  return { ratios, median: percentile(ratios.filter(Number.isFinite), 50), worst };
}
