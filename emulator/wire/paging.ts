import { queryParam, type ArmRequest } from '../http/arm-http';

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/**
 * One page of a list, Azure style: `nextLink` is an absolute URL back to the emulator with the
 * original query (api-version, $filter, ...) and a $skipToken. The token is an offset, so a page
 * is a slice of the list and costs O(page size).
 */
export function pageOf<T, W>(req: ArmRequest, items: readonly T[], pageSize: number, toWire: (item: T) => W): Page<W> {
  const start = parseSkipToken(queryParam(req, '$skipToken'));
  const slice = items.slice(start, start + pageSize).map(toWire);
  const page: Page<W> = { value: slice };
  const next = start + pageSize;
  if (next < items.length) page.nextLink = nextLinkFor(req, next);
  return page;
}

function parseSkipToken(token: string | undefined): number {
  if (!token) return 0;
  const n = Number.parseInt(token, 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function nextLinkFor(req: ArmRequest, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() !== '$skiptoken') params.set(key, value);
  }
  params.set('$skipToken', String(offset));
  const path = req.rawPath.split('?')[0];
  return `${req.baseUrl}${path}?${params.toString()}`;
}
