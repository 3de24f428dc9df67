/** One `name eq 'value'` clause of an Azure $filter. */
export interface FilterClause {
  field: string;
  value: string;
}

/**
 * Parses the $filter dialect the Backup RP takes: clauses `field eq 'value'` joined by `and`
 * (field names case-insensitive). Returns undefined for text it cannot read, so the caller can
 * answer 400 as Azure does for a malformed filter.
 */
export function parseFilter(filter: string | undefined): FilterClause[] | undefined {
  if (!filter || filter.trim() === '') return [];
  const clauses: FilterClause[] = [];
  const pattern = /^\s*([A-Za-z][\w/]*)\s+eq\s+'((?:[^']|'')*)'\s*(?:and\s+|$)/i;
  let rest = filter.trim();
  while (rest.length > 0) {
    const match = pattern.exec(rest);
    if (!match) return undefined;
    clauses.push({ field: match[1].toLowerCase(), value: match[2].replace(/''/g, "'") });
    rest = rest.slice(match[0].length);
  }
  return clauses;
}

export function clauseValue(clauses: FilterClause[], field: string): string | undefined {
  return clauses.find((c) => c.field === field.toLowerCase())?.value;
}

/**
 * Job filters carry times as 'yyyy-MM-dd hh:mm:ss AM' (ListJobsWithAllSupportedFilters.json:
 * '2016-01-01 00:00:00 AM'), read as UTC. ISO 8601 is accepted too.
 */
export function parseJobFilterTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?\s*(AM|PM)?\s*Z?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[4]);
  const meridiem = match[7]?.toUpperCase();
  if (meridiem === 'PM' && hour < 12) hour += 12;
  if (meridiem === 'AM' && hour === 12) hour = 0;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), hour, Number(match[5]), Number(match[6]));
  return Number.isNaN(ms) ? undefined : ms;
}
