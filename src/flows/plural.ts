/**
 * The one pluralising helper: wording.ts and the card renderers both count with it, so "1 item",
 * "1 job, 3 vaults" read the same in every message. Pure and import-free, so cards/ may use it.
 */

/** "1 day", "3 days"; `many` for irregular plurals ("1 policy", "2 policies"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The verb that agrees with a count: "is" for one, "are" otherwise ("1 recovery point is kept"). */
export function isAre(n: number | undefined): 'is' | 'are' {
  return n === 1 ? 'is' : 'are';
}
