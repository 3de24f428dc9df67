import { normalizeLocation } from '../domain/region.rule';
import type { CompactInventory } from './compact-inventory';
import type { InventoryFilter, InventorySearchResult } from './inventory.types';

export type SearchOptions = InventoryFilter & { limit?: number };

/** Up to this many results are kept by bounded insertion; larger asks collect and sort once. */
const TOP_K_MAX = 256;
/** Rows a sliced search scans before it lets other work run (a few milliseconds at most). */
export const SLICE_ROWS = 16_384;

const SEPARATORS = /[-_.\s]/;

/** A character that splits a name into words, as /[-_.\s]+/ does. */
function isSeparator(c: number): boolean {
  if (c === 45 || c === 95 || c === 46 || c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && SEPARATORS.test(String.fromCharCode(c));
}

/** 1 where `test` holds for a table's entry, by number (entry 0, "none", never holds). */
function flags(values: readonly string[], test: (value: string) => boolean): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 1; i < values.length; i++) if (test(values[i])) out[i] = 1;
  return out;
}

/** What a search word scores on the shared strings, per table entry: computed once per search, not per VM. */
interface WordKeys {
  word: string;
  /** The word holds a separator, so it can never be the start of a word of a name. */
  noWordStart: boolean;
  group: Uint8Array;
  location: Uint8Array;
  subscription: Uint8Array;
}

function wordKeys(inv: CompactInventory, word: string): WordKeys {
  const group = new Uint8Array(inv.groupLower.length);
  for (let g = 1; g < group.length; g++) {
    const rg = inv.groupLower[g];
    group[g] = rg === word ? 30 : rg.startsWith(word) ? 25 : rg.includes(word) ? 20 : 0;
  }
  const locations = inv.locations.values;
  const location = new Uint8Array(locations.length);
  for (let l = 1; l < locations.length; l++) {
    const loc = normalizeLocation(locations[l]);
    location[l] = loc.startsWith(word) ? 15 : loc.includes(word) ? 10 : 0;
  }
  const subscription = flags(inv.subscriptions.values, (s) => s.toLowerCase().startsWith(word)).map((f) => f * 5);
  return { word, noWordStart: SEPARATORS.test(word), group, location, subscription };
}

/**
 * One search over one inventory, scanned a slice of rows at a time (scan), then answered
 * (result). A name score is what the old per-VM check gave: 100 the whole name, 80 its start, 60
 * the start of a word of it, 40 anywhere in it; then 30/25/20 the resource group (whole, start,
 * anywhere), 15/10 the region (start, anywhere), 5 the start of the subscription id. Every word
 * must score; the sum ranks, ties go to shorter names, then A-Z by name and resource group.
 */
export class InventoryScan {
  private readonly limit: number;
  private readonly query: string;
  private readonly words: WordKeys[];
  /** Rows present when the search began: a load that goes on meanwhile adds rows it does not see. */
  readonly rows: number;
  private readonly location?: Uint8Array;
  private readonly subscription?: Uint8Array;
  private readonly placeSubscription?: Uint8Array;
  private readonly placeGroup?: Uint8Array;
  private readonly stopped: Uint8Array;
  private total = 0;
  private readonly bestRows: number[] = [];
  private readonly bestScores: number[] = [];
  private readonly nameScores: Uint8Array[];
  /** The kept list is at its limit; its last (worst) entry. */
  private full = false;
  private worstRow = 0;
  private worstScore = 0;

  constructor(
    private readonly inv: CompactInventory,
    query: string,
    private readonly options: SearchOptions = {},
  ) {
    this.limit = Math.max(0, options.limit ?? 25);
    this.query = query.trim().toLowerCase();
    this.words = this.query.split(/\s+/).filter(Boolean).map((w) => wordKeys(inv, w));
    this.rows = inv.size;
    this.nameScores = this.words.map(() => new Uint8Array(0));
    if (options.location) {
      const wanted = normalizeLocation(options.location);
      this.location = flags(inv.locations.values, (l) => normalizeLocation(l) === wanted);
    }
    if (options.subscriptionId) {
      const wanted = options.subscriptionId.toLowerCase();
      this.subscription = flags(inv.subscriptions.values, (s) => s.toLowerCase() === wanted);
    }
    if (options.places) {
      const subs = new Set<string>();
      const groups = new Set<string>();
      for (const p of options.places) {
        const sub = p.subscriptionId.toLowerCase();
        if (p.resourceGroup === undefined) subs.add(sub);
        else groups.add(`${sub}/${p.resourceGroup.toLowerCase()}`);
      }
      this.placeSubscription = flags(inv.subscriptions.values, (s) => subs.has(s.toLowerCase()));
      this.placeGroup = flags(inv.groups.values, (g) => groups.has(g));
    }
    this.stopped = flags(inv.states.values, (s) => s === 'ProtectionStopped');
  }

  /** Name scores of rows [from, to) for one word, from one substring scan of the joined names. */
  private scoreNames(word: WordKeys, from: number, to: number, out: Uint8Array): void {
    out.fill(0, 0, to - from);
    const text = this.inv.joinedNames();
    const starts = this.inv.nameStart;
    const end = starts[to];
    const w = word.word;
    let row = from;
    let p = text.indexOf(w, starts[from]);
    while (p !== -1 && p < end) {
      while (starts[row + 1] <= p) row++;
      const start = starts[row];
      let score: number;
      if (p === start) score = starts[row + 1] - 1 - start === w.length ? 100 : 80;
      else score = !word.noWordStart && isSeparator(text.charCodeAt(p - 1)) ? 60 : 40;
      if (score > out[row - from]) out[row - from] = score;
      // A later occurrence in the same name can only turn "anywhere" (40) into "start of a word" (60).
      p = text.indexOf(w, score >= 60 ? starts[row + 1] : p + 1);
    }
  }

  /** Scans rows [from, to) (to at most `rows`). */
  scan(from: number, to: number): void {
    const inv = this.inv;
    const { subscription, group, location, vault, state } = inv;
    const words = this.words;
    for (let k = 0; k < words.length; k++) {
      if (this.nameScores[k].length < to - from) this.nameScores[k] = new Uint8Array(to - from);
      this.scoreNames(words[k], from, to, this.nameScores[k]);
    }
    const { unprotectedOnly, protectedOnly, where } = this.options;
    const multiWord = words.length > 1;
    const { rank, ranked } = inv;
    for (let row = from; row < to; row++) {
      if (this.location && this.location[location[row]] === 0) continue;
      if (this.subscription && this.subscription[subscription[row]] === 0) continue;
      if (unprotectedOnly || protectedOnly) {
        const isProtected = vault[row] !== 0 && this.stopped[state[row]] === 0;
        if (unprotectedOnly && isProtected) continue;
        if (protectedOnly && !isProtected) continue;
      }
      if (this.placeSubscription && this.placeSubscription[subscription[row]] === 0 && this.placeGroup![group[row]] === 0) continue;
      let score = 0;
      let all = true;
      for (let k = 0; k < words.length; k++) {
        const w = words[k];
        const s = this.nameScores[k][row - from] || w.group[group[row]] || w.location[location[row]] || w.subscription[subscription[row]];
        if (s === 0) {
          all = false;
          break;
        }
        score += s;
      }
      if (!all) continue;
      if (where && !where(inv.entryAt(row))) continue;
      if (multiWord && inv.lowerNames[row] === this.query) score += 100;
      this.total += 1;
      if (this.limit === 0) continue;
      // Most matches of a short word lose to the worst kept one: an integer test, no call.
      if (this.full && (score < this.worstScore || (score === this.worstScore && rank !== undefined && row < ranked && this.worstRow < ranked && rank[row] > rank[this.worstRow]))) continue;
      this.keep(row, score);
    }
  }

  /** Higher score first, then the inventory's row order. */
  private compare(rowA: number, scoreA: number, rowB: number, scoreB: number): number {
    return scoreB - scoreA || this.inv.compareRows(rowA, rowB);
  }

  /** Keeps the best `limit` in order (a bounded insertion), rather than sorting every match. */
  private keep(row: number, score: number): void {
    const rows = this.bestRows;
    const scores = this.bestScores;
    if (this.limit > TOP_K_MAX) {
      rows.push(row);
      scores.push(score);
      return;
    }
    const n = rows.length;
    if (n === this.limit && this.compare(row, score, rows[n - 1], scores[n - 1]) >= 0) return;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(rows[mid], scores[mid], row, score) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
    scores.splice(lo, 0, score);
    if (rows.length > this.limit) {
      rows.pop();
      scores.pop();
    }
    if (rows.length === this.limit) {
      this.full = true;
      this.worstRow = rows[rows.length - 1];
      this.worstScore = scores[scores.length - 1];
    }
  }

  result(): InventorySearchResult {
    let rows = this.bestRows;
    if (this.limit > TOP_K_MAX) {
      const scores = this.bestScores;
      const order = rows.map((_, i) => i).sort((a, b) => this.compare(rows[a], scores[a], rows[b], scores[b]));
      rows = order.slice(0, this.limit).map((i) => this.bestRows[i]);
    }
    return { matches: rows.map((row) => this.inv.entryAt(row)), total: this.total };
  }
}

/** Ranks the VMs against a query (see InventoryScan); an empty query lists every VM (after the filter). */
export function searchInventory(inv: CompactInventory, query: string, options: SearchOptions = {}): InventorySearchResult {
  const scan = new InventoryScan(inv, query, options);
  scan.scan(0, scan.rows);
  return scan.result();
}

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The same search in slices of SLICE_ROWS rows, letting other requests run between them: a
 * keystroke that arrives during another person's search waits for one slice, not the whole scan.
 */
export async function searchInventorySliced(inv: CompactInventory, query: string, options: SearchOptions = {}, sliceRows = SLICE_ROWS): Promise<InventorySearchResult> {
  const scan = new InventoryScan(inv, query, options);
  for (let from = 0; from < scan.rows; from += sliceRows) {
    if (from > 0) await pause();
    scan.scan(from, Math.min(scan.rows, from + sliceRows));
  }
  return scan.result();
}
