import { queryParam, type ArmRequest } from '../http/arm-http';
import type { EmulatorContext } from './handler-context';

/** An absolute URL on the emulator itself, with the request's api-version (Azure echoes one). */
export function selfUrl(req: ArmRequest, path: string): string {
  const apiVersion = queryParam(req, 'api-version') ?? '';
  return `${req.baseUrl}${encodePath(path)}?api-version=${encodeURIComponent(apiVersion)}`;
}

/** Headers of an accepted asynchronous request: Azure-AsyncOperation and/or Location, and Retry-After. */
export function asyncHeaders(ctx: EmulatorContext, urls: { asyncOperation?: string; location?: string }): Record<string, string> {
  const headers: Record<string, string> = { 'Retry-After': String(ctx.settings.retryAfterSeconds) };
  if (urls.asyncOperation) headers['Azure-AsyncOperation'] = urls.asyncOperation;
  if (urls.location) headers.Location = urls.location;
  return headers;
}

/** Percent-encodes each segment the way Azure writes them (';' stays literal in Azure's own URLs). */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%3B/gi, ';'))
    .join('/');
}
