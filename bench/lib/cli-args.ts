import { PART_NAMES, type PartName } from './report';

export interface BenchArgs {
  parts: PartName[];
  /** Write the CPU profile of the bot process of the picker part (node --cpu-prof) to bench/results/profiles. */
  profile: boolean;
  /** Fewer ack rounds (4, not 24): to check a change to the bench on a busy machine; written as partial, never as latest. */
  quick: boolean;
  /** Where results go; default bench/results/latest.{md,json} for a full run, partial.{md,json} for --only or --quick. */
  outName: string;
}

/**
 * Reads `--only=ack,picker`, `--profile`, `--quick`, `--out=name`. Unknown flags and part names are
 * refused with the list of valid ones, so a typo does not silently run nothing.
 */
export function parseArgs(argv: readonly string[]): BenchArgs {
  let parts: PartName[] = [...PART_NAMES];
  let only = false;
  let profile = false;
  let quick = false;
  let outName: string | undefined;
  for (const arg of argv) {
    const [flag, value] = splitFlag(arg);
    if (flag === '--only') {
      const names = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = names.filter((n) => !(PART_NAMES as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) {
        throw new Error(`--only takes parts from ${PART_NAMES.join(', ')} (comma-separated); got ${JSON.stringify(value ?? '')}`);
      }
      // Run in the canonical order whatever order was typed.
      parts = PART_NAMES.filter((p) => names.includes(p));
      only = true;
    } else if (flag === '--profile' && value === undefined) {
      profile = true;
    } else if (flag === '--quick' && value === undefined) {
      quick = true;
    } else if (flag === '--out' && value !== undefined && /^[\w.-]+$/.test(value)) {
      outName = value;
    } else {
      throw new Error(`unknown argument ${JSON.stringify(arg)}; use --only=${PART_NAMES.join(',')}, --profile, --quick, --out=<name>`);
    }
  }
  return { parts, profile, quick, outName: outName ?? (only || quick ? 'partial' : 'latest') };
}

function splitFlag(arg: string): [string, string | undefined] {
  const i = arg.indexOf('=');
  return i < 0 ? [arg, undefined] : [arg.slice(0, i), arg.slice(i + 1)];
}
