/**
 * The tag that leaves a VM out of backup coverage on purpose (COVERAGE_EXCLUDE_TAG): such a VM is
 * counted as excluded, never as a gap.
 *
 * Format: `name=value` (the VM carries tag `name` with value `value`), or `name` alone (the VM
 * carries tag `name`, whatever its value). Names are compared ignoring case, as Azure treats tag
 * names; values too, since people type `Exclude` and `exclude` alike. Azure's limits apply: a name
 * of 1-512 characters without < > % & \ ? /, a value of at most 256 characters.
 */
export interface ExcludeTag {
  name: string;
  /** Absent: any value excludes. */
  value?: string;
}

export const DEFAULT_EXCLUDE_TAG: ExcludeTag = { name: 'backup', value: 'exclude' };
export const DEFAULT_EXCLUDE_TAG_TEXT = 'backup=exclude';

/** Characters Azure refuses in tag names (Microsoft Learn, "Use tags to organize your Azure resources", limitations). */
const FORBIDDEN_IN_NAME = /[<>%&\\?/]/;

export type ExcludeTagParse = { ok: true; value: ExcludeTag } | { ok: false; message: string };

export function parseExcludeTag(text: string): ExcludeTagParse {
  const raw = text.trim();
  const eq = raw.indexOf('=');
  const name = (eq < 0 ? raw : raw.slice(0, eq)).trim();
  const value = eq < 0 ? undefined : raw.slice(eq + 1).trim();
  if (!name) return { ok: false, message: `a tag name is required before "=" (e.g. ${DEFAULT_EXCLUDE_TAG_TEXT}), got ${JSON.stringify(text)}` };
  if (name.length > 512 || FORBIDDEN_IN_NAME.test(name)) return { ok: false, message: `the tag name must be 1-512 characters without < > % & \\ ? /, got ${JSON.stringify(name.slice(0, 80))}` };
  if (value !== undefined && value.length === 0) return { ok: false, message: `a value is required after "=" (or leave out "=" to match any value of tag ${name}), got ${JSON.stringify(text)}` };
  if (value !== undefined && value.length > 256) return { ok: false, message: 'the tag value must be at most 256 characters' };
  return { ok: true, value: value === undefined ? { name } : { name, value } };
}

/** Whether a VM's tags carry the exclude tag. */
export function isExcluded(tags: Readonly<Record<string, string>>, rule: ExcludeTag): boolean {
  const name = rule.name.toLowerCase();
  for (const [key, value] of Object.entries(tags)) {
    if (key.toLowerCase() !== name) continue;
    if (rule.value === undefined || value.trim().toLowerCase() === rule.value.toLowerCase()) return true;
  }
  return false;
}

/** The tag as people write it: "backup=exclude", or "nobackup" for any value. */
export const excludeTagWords = (rule: ExcludeTag): string => (rule.value === undefined ? rule.name : `${rule.name}=${rule.value}`);
