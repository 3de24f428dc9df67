/** What a handler sees of an ARM request, after routing. */
export interface ArmRequest {
  method: string;
  /** The raw path as received (still percent-encoded). */
  rawPath: string;
  /** Decoded path segments. */
  segments: string[];
  /** Query parameters; keys as sent (case kept), first value wins. */
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** e.g. https://127.0.0.1:41234 , used to build absolute async URLs that point at the emulator. */
  baseUrl: string;
  /** Path parameters from the route template, by template name (e.g. vaultName). */
  params: Record<string, string>;
  /** operationId of the matched spec operation. */
  operationId: string;
}

/** What a handler answers; the server adds the request-id headers and serialises the body. */
export interface ArmResponse {
  status: number;
  headers?: Record<string, string>;
  /** undefined = empty body. */
  body?: unknown;
}

/** Azure's error body shape, shared by ARM and the Backup RP. */
export interface ArmErrorBody {
  error: { code: string; message: string; target?: string; details?: unknown[] };
}

/** Thrown by handlers to answer with an Azure error; the server turns it into a response. */
export class ArmHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ArmHttpError';
  }

  toResponse(): ArmResponse {
    const body: ArmErrorBody = { error: { code: this.code, message: this.message } };
    if (this.target !== undefined) body.error.target = this.target;
    return { status: this.status, headers: this.extraHeaders, body };
  }
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): ArmResponse {
  return { status, body, headers };
}

export function noContent(status = 204, headers?: Record<string, string>): ArmResponse {
  return { status, headers };
}

/** Case-insensitive lookup of a query parameter (ARM treats $filter / $Filter alike). */
export function queryParam(req: Pick<ArmRequest, 'query'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.query)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
