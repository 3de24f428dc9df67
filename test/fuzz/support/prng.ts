/**
 * A small seeded PRNG (mulberry32) and the pickers the fuzz corpus is made of: the same seed
 * gives the same requests, so a failure reproduces with FUZZ_SEED=<seed>.
 */
export interface Rng {
  seed: number;
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A string of random code points (controls, quotes, emoji, RTL, lone surrogates included). */
  text(maxLength: number): string;
  /** A random JSON-ish value of bounded depth: what a "wrong type" field gets. */
  value(depth?: number): unknown;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  const ALPHABET = ['a', 'Z', '0', ' ', '"', "'", '\\', '/', '<', '>', '&', '{', '}', '[', ']', ':', ',', '%', '\n', '\t', '\u0000', '\u001f', '\u202e', 'é', '😀', '\ud800', '=', '+', '@', '#', '^', '|', '*'];
  const text = (maxLength: number): string => {
    const n = int(0, maxLength);
    let s = '';
    for (let i = 0; i < n; i++) s += pick(ALPHABET);
    return s;
  };
  const value = (depth = 2): unknown => {
    switch (int(0, depth > 0 ? 8 : 5)) {
      case 0:
        return null;
      case 1:
        return int(-1e6, 1e6);
      case 2:
        return next() < 0.5;
      case 3:
        return text(20);
      case 4:
        return pick([NaN, Infinity, -0, 1e308]).toString();
      case 5:
        return '';
      case 6:
        return Array.from({ length: int(0, 3) }, () => value(depth - 1));
      default:
        return Object.fromEntries(Array.from({ length: int(0, 3) }, () => [text(8), value(depth - 1)]));
    }
  };
  return { seed, next, int, pick, chance: (p) => next() < p, text, value };
}
