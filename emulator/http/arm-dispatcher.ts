import { randomUUID } from 'node:crypto';
import { ARM_ERRORS, fillMessage } from '../backup/azure-error-catalog';
import type { EmulatorContext } from '../handlers/handler-context';
import { HANDLERS, POLL_OPERATIONS } from '../handlers/handler-registry';
import { resourceGroupNotFound } from '../handlers/lookups';
import { RouteTable, splitPath } from '../routing/route-table';
import { SEED_REGIONS } from '../seed/seed-ids';
import { loadSpecCatalog, type SpecFamily } from '../specs/spec-catalog';
import { validatorFor } from '../specs/schema-validator';
import { ArmHttpError, type ArmRequest, type ArmResponse } from './arm-http';

/** A request as it came off the wire, before routing. */
export interface IncomingRequest {
  method: string;
  rawPath: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  baseUrl: string;
}

/** The api-versions each provider accepts: the ones the bot's SDKs send, and the spec versions vendored. */
const API_VERSIONS: Record<SpecFamily, readonly string[]> = {
  backup: ['2023-06-01', '2026-02-01'],
  vaults: ['2026-07-01', '2026-08-01', '2023-06-01'],
  compute: ['2026-04-01', '2023-09-01'],
  resources: ['2025-04-01'],
  subscriptions: ['2022-12-01'],
  locks: ['2020-05-01'],
};

/** Microsoft.Resources types: ARM itself answers for them, not a registered provider. */
type ArmOwnFamily = 'resources' | 'subscriptions';
function isArmOwn(family: SpecFamily): family is ArmOwnFamily {
  return family === 'resources' || family === 'subscriptions';
}

/** The type ARM names in NoRegisteredProviderFound (the resource type, without its namespace). */
const PROVIDER_TYPE: Record<Exclude<SpecFamily, ArmOwnFamily>, string> = {
  backup: 'vaults',
  vaults: 'vaults',
  compute: 'virtualMachines',
  locks: 'locks',
};

/** The locations the emulator's providers "register": those of the seeded inventory. */
const SUPPORTED_LOCATIONS: readonly string[] = SEED_REGIONS;

/**
 * The ARM front door of the emulator: authentication, injected faults, routing by spec path,
 * api-version, body validation against the spec, then the handler. Every answer is an Azure
 * response (error bodies in Azure's shape).
 */
export class ArmDispatcher {
  private readonly routes: RouteTable;

  constructor(private readonly ctx: EmulatorContext) {
    this.routes = new RouteTable(loadSpecCatalog().operations);
  }

  handle(input: IncomingRequest): ArmResponse {
    try {
      return this.process(input);
    } catch (error) {
      if (error instanceof ArmHttpError) return error.toResponse();
      console.error('[emulator] handler failed', error);
      return new ArmHttpError(500, 'InternalServerError', `The emulator failed on this request: ${error instanceof Error ? error.message : String(error)}`).toResponse();
    }
  }

  private process(input: IncomingRequest): ArmResponse {
    checkBearer(input.headers.authorization);
    const segments = splitPath(input.rawPath);
    const fault = this.ctx.faults.takeRequestFault(input.method, input.rawPath);
    if (fault?.kind === 'throttle') {
      const spec = ARM_ERRORS.throttled;
      throw new ArmHttpError(spec.status, spec.code, spec.message, undefined, { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    if (fault?.kind === 'forbidden') {
      const spec = ARM_ERRORS.authorizationFailed;
      const scope = input.rawPath.split('?')[0];
      throw new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { client: EMULATOR_CLIENT_ID, action: armAction(input.method, segments), scope }));
    }
    if (fault?.kind === 'server-error') {
      const spec = /microsoft\.recoveryservices/i.test(input.rawPath) ? ARM_ERRORS.backupInternal : ARM_ERRORS.armInternal;
      throw new ArmHttpError(fault.status, spec.code, spec.message);
    }

    const lookup = this.routes.lookup(input.method, segments);
    if (lookup.kind === 'method-not-allowed') {
      throw new ArmHttpError(405, 'MethodNotAllowed', `The requested resource does not support http method '${input.method}'.`);
    }
    const handler = lookup.kind === 'match' ? HANDLERS[lookup.match.operation.operationId] : undefined;
    if (lookup.kind !== 'match' || !handler) {
      throw new ArmHttpError(404, 'InvalidResourceType', `The resource type for '${input.method} ${input.rawPath}' could not be found: the emulator does not serve it.`);
    }
    const { operation, params } = lookup.match;
    checkApiVersion(input.query, operation.family, POLL_OPERATIONS.has(operation.operationId), () => this.requestLocation(input.rawBody, params));
    this.checkResourceGroup(operation.family, params);

    const body = parseBody(input.rawBody);
    if (operation.bodySchema && ['PUT', 'PATCH', 'POST'].includes(input.method) && (body !== undefined || operation.bodyRequired)) {
      const issues = validatorFor(operation.doc).validate(operation.bodySchema, body);
      if (issues.length > 0) {
        const first = issues[0];
        const rest = issues.length > 1 ? ` (${issues.length - 1} more problem(s): ${issues.slice(1, 4).map((i) => i.path).join(', ')})` : '';
        throw new ArmHttpError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${first.message}${rest}`, first.path);
      }
    }
    const request: ArmRequest = {
      method: input.method,
      rawPath: input.rawPath,
      segments,
      query: input.query,
      body,
      headers: input.headers,
      baseUrl: input.baseUrl,
      params,
      operationId: operation.operationId,
    };
    return handler(request, this.ctx);
  }

  /** The location ARM names for a request: the body's, else the resource group's, else 'global'. */
  private requestLocation(rawBody: string, params: Record<string, string>): string {
    try {
      const body: unknown = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
      if (body && typeof body === 'object' && typeof (body as { location?: unknown }).location === 'string') {
        return (body as { location: string }).location.replace(/\s+/g, '').toLowerCase();
      }
    } catch {
      // A malformed body is refused later, by the body check.
    }
    const sub = params.subscriptionId?.toLowerCase();
    const subscriptionId = this.ctx.subscriptionIds.find((s) => s.toLowerCase() === sub);
    const group = subscriptionId && params.resourceGroupName ? this.ctx.groups.find(subscriptionId, params.resourceGroupName) : undefined;
    return group?.location ?? 'global';
  }

  /**
   * ARM's gateway refuses anything under a resource group that does not exist (read, create,
   * action), before the resource provider sees the request. Unknown subscriptions are left to
   * the handlers (SubscriptionNotFound); Microsoft.Resources answers for its own groups.
   */
  private checkResourceGroup(family: SpecFamily, params: Record<string, string>): void {
    const name = params.resourceGroupName;
    if (family === 'resources' || name === undefined || params.subscriptionId === undefined) return;
    const wanted = params.subscriptionId.toLowerCase();
    const subscriptionId = this.ctx.subscriptionIds.find((s) => s.toLowerCase() === wanted);
    if (subscriptionId && !this.ctx.groups.find(subscriptionId, name)) throw resourceGroupNotFound(name);
  }
}

/** The object id the emulator's AuthorizationFailed messages name (any token is accepted). */
const EMULATOR_CLIENT_ID = '00000000-0000-0000-0000-00000000e001';

/**
 * The RBAC action ARM names for a request: the provider's types after the last /providers/
 * (or Microsoft.Resources for subscriptions and resource groups) and read, write, delete or the
 * action's own name.
 */
function armAction(method: string, segments: string[]): string {
  const at = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  let type: string;
  let rest: string[];
  if (at >= 0 && at + 1 < segments.length) {
    rest = segments.slice(at + 2);
    type = [segments[at + 1], ...rest.filter((_, i) => i % 2 === 0)].join('/');
  } else {
    rest = segments.slice(2);
    type = ['Microsoft.Resources/subscriptions', ...rest.filter((_, i) => i % 2 === 0)].join('/');
  }
  if (method === 'POST') return `${type}/action`;
  const verb = method === 'DELETE' ? 'delete' : method === 'GET' || method === 'HEAD' ? 'read' : 'write';
  return `${type}/${verb}`;
}

function checkBearer(header: string | string[] | undefined): void {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) {
    const spec = ARM_ERRORS.authenticationMissing;
    throw new ArmHttpError(spec.status, spec.code, spec.message, undefined, { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."' });
  }
  if (!/^Bearer\s+\S+/i.test(value)) {
    const spec = ARM_ERRORS.authenticationInvalid;
    throw new ArmHttpError(spec.status, spec.code, spec.message);
  }
}

function checkApiVersion(query: Record<string, string>, family: SpecFamily, anyVersion: boolean, location: () => string): void {
  const entry = Object.entries(query).find(([k]) => k.toLowerCase() === 'api-version');
  if (!entry || entry[1] === '') {
    const spec = ARM_ERRORS.missingApiVersion;
    throw new ArmHttpError(spec.status, spec.code, spec.message);
  }
  const version = entry[1];
  if (anyVersion || API_VERSIONS[family].includes(version)) return;
  // Microsoft.Resources is ARM itself; other types go through a provider's registration.
  if (isArmOwn(family)) {
    const spec = ARM_ERRORS.invalidApiVersion;
    throw new ArmHttpError(spec.status, spec.code, fillMessage(spec.message, { version, versions: API_VERSIONS[family].join(',') }));
  }
  const spec = ARM_ERRORS.noRegisteredProvider;
  throw new ArmHttpError(
    spec.status,
    spec.code,
    fillMessage(spec.message, { location: location(), version, type: PROVIDER_TYPE[family], versions: API_VERSIONS[family].join(', '), locations: SUPPORTED_LOCATIONS.join(', ') }),
  );
}

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ArmHttpError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${error instanceof Error ? error.message : 'malformed JSON'}.`);
  }
}

export function newRequestId(): string {
  return randomUUID();
}
