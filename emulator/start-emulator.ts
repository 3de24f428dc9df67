import { randomUUID } from 'node:crypto';
import { BackupEngine } from './backup/backup-engine';
import { EmulatedClock } from './clock/emulated-clock';
import type { EmulatorOptions, RecordedRequest, RunningEmulator, StartEmulator } from './emulator.types';
import { FaultInjector } from './faults/fault-injector';
import type { EmulatorContext, HandlerSettings } from './handlers/handler-context';
import { AdminApi } from './http/admin-api';
import { ArmDispatcher } from './http/arm-dispatcher';
import type { ArmResponse } from './http/arm-http';
import { makeServerCertificate } from './http/certificate';
import { HttpsServer, type ServerRequest } from './http/https-server';
import { RequestRecorder } from './http/request-recorder';
import { SEED } from './seed/seed-ids';
import { seedInventory } from './seed/seed-inventory';
import { loadSpecCatalog } from './specs/spec-catalog';
import { AsyncOperations } from './state/async-operations';
import { BackupStore } from './state/backup-store';
import { ManagementLocks } from './state/locks';
import { ResourceGroups } from './state/resource-groups';
import { VmInventory } from './state/vm-inventory';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const DEFAULTS = {
  backupJobDurationMs: 90_000,
  configureJobDurationMs: 30_000,
  retryAfterSeconds: 0,
  pollsBeforeDone: 1,
  timeScale: 1,
};

/** Starts the ARM emulator: seeded state, emulated clock, HTTPS on loopback with a fresh certificate. */
export const startEmulator: StartEmulator = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The emulator listens on loopback only; got host ${host}`);
  const startTime = options.startTime?.getTime() ?? Date.now();
  const clock = new EmulatedClock(options.clock ?? 'real', startTime, options.timeScale ?? DEFAULTS.timeScale);
  const backupJobDurationMs = options.backupJobDurationMs ?? DEFAULTS.backupJobDurationMs;
  const settings: HandlerSettings = {
    retryAfterSeconds: options.retryAfterSeconds ?? DEFAULTS.retryAfterSeconds,
    vmPageSize: 200,
    jobPageSize: 100,
    listPageSize: 200,
    configureJobDurationMs: options.configureJobDurationMs ?? DEFAULTS.configureJobDurationMs,
    cancelDelayMs: 5_000,
    shortOperationMs: 2_000,
  };
  const vms = new VmInventory();
  const groups = new ResourceGroups();
  const store = new BackupStore();
  const faults = new FaultInjector();
  const locks = new ManagementLocks();
  const engine = new BackupEngine({
    clock,
    store,
    vms,
    groups,
    faults,
    locks,
    timings: { backupJobDurationMs, configureJobDurationMs: settings.configureJobDurationMs, cancelDelayMs: settings.cancelDelayMs },
  });
  const ctx: EmulatorContext = {
    clock,
    vms,
    groups,
    store,
    locks,
    ops: new AsyncOperations(clock, options.pollsBeforeDone ?? DEFAULTS.pollsBeforeDone),
    faults,
    engine,
    settings,
    subscriptionIds: SEED.subscriptionIds,
  };
  if (!options.seed?.empty) seedInventory({ vms, groups, store, engine, now: startTime, backupJobDurationMs }, options.seed?.extraVms ?? 0);

  loadSpecCatalog();
  const dispatcher = new ArmDispatcher(ctx);
  const recorder = new RequestRecorder();
  const admin = new AdminApi(ctx, recorder);
  let baseUrl = '';

  const listener = async (req: ServerRequest): Promise<ArmResponse> => {
    if (req.rawPath.toLowerCase().startsWith('/_admin/')) return admin.handle(req.method, req.rawPath, req.rawBody);
    const response = dispatcher.handle({ ...req, baseUrl });
    const headers = { ...(response.headers ?? {}), ...armHeaders(req) };
    recorder.add(toRecord(req, response.status, clock.now()));
    return { ...response, headers };
  };

  const certificate = await makeServerCertificate();
  const server = new HttpsServer(certificate, listener);
  const ca = certificate.cert;
  const port = await server.listen(host, options.port ?? 0);
  baseUrl = `https://${host === '::1' ? '[::1]' : host}:${port}`;

  return {
    endpoint: baseUrl,
    ca,
    subscriptionIds: [...SEED.subscriptionIds],
    now: () => new Date(clock.now()),
    advance: (ms: number) => clock.advance(ms),
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    lockResourceGroup: (lock) => {
      const group = groups.find(lock.subscriptionId, lock.resourceGroup) ?? groups.ensure(lock.subscriptionId, lock.resourceGroup, lock.location ?? 'westeurope', clock.now());
      locks.put({ subscriptionId: group.subscriptionId, resourceGroup: group.name, name: lock.name, level: lock.level });
    },
    unlockResourceGroup: (subscriptionId, resourceGroup, name) => {
      locks.delete(subscriptionId, resourceGroup, name);
    },
    requests: () => recorder.list(),
    clearRequests: () => recorder.clear(),
    close: async () => {
      clock.stop();
      await server.close();
    },
  };
};

/** Headers ARM puts on every answer; client ids are echoed as ARM does. */
function armHeaders(req: ServerRequest): Record<string, string> {
  const requestId = randomUUID();
  const correlation = headerValue(req.headers['x-ms-correlation-request-id']) ?? requestId;
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': correlation,
    'x-ms-routing-request-id': `EMULATOR:${requestId}`,
  };
  const clientRequestId = headerValue(req.headers['x-ms-client-request-id']);
  if (clientRequestId) headers['x-ms-client-request-id'] = clientRequestId;
  const read = req.method === 'GET' || req.method === 'HEAD';
  headers[read ? 'x-ms-ratelimit-remaining-subscription-reads' : 'x-ms-ratelimit-remaining-subscription-writes'] = read ? '11999' : '1199';
  return headers;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function toRecord(req: ServerRequest, status: number, now: number): RecordedRequest {
  let body: unknown;
  try {
    body = req.rawBody.trim() === '' ? undefined : JSON.parse(req.rawBody);
  } catch {
    body = req.rawBody;
  }
  let path = req.rawPath;
  try {
    path = decodeURIComponent(req.rawPath);
  } catch {
    // keep the raw path when it is not valid percent-encoding
  }
  return { method: req.method, path, query: { ...req.query }, body, status, time: new Date(now).toISOString() };
}
