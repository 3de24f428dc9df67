import { z } from 'zod';
import type { FaultSpec } from '../emulator.types';
import type { EmulatorContext } from '../handlers/handler-context';
import type { ArmResponse } from './arm-http';
import type { RequestRecorder } from './request-recorder';

const faultSchema: z.ZodType<FaultSpec> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('throttle'),
    pathPattern: z.string().optional(),
    method: z.string().optional(),
    count: z.number().int().positive().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
  z.object({
    kind: z.literal('server-error'),
    pathPattern: z.string().optional(),
    method: z.string().optional(),
    count: z.number().int().positive().optional(),
    status: z.number().int().min(500).max(599).optional(),
  }),
  z.object({
    kind: z.literal('forbidden'),
    pathPattern: z.string().optional(),
    method: z.string().optional(),
    count: z.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal('vm-agent-missing'), vmId: z.string().min(1) }),
  z.object({ kind: z.literal('backup-warning'), vmId: z.string().min(1) }),
  z.object({ kind: z.literal('restore-point-rg-locked'), subscriptionId: z.string().min(1), location: z.string().min(1) }),
]);

const advanceSchema = z.object({ ms: z.number().nonnegative().finite() });

/**
 * The emulator's own control surface under /_admin (not part of ARM, not recorded, no auth):
 * faults, the clock, the request log and a state summary, for tests and demos.
 */
export class AdminApi {
  constructor(
    private readonly ctx: EmulatorContext,
    private readonly recorder: RequestRecorder,
  ) {}

  async handle(method: string, path: string, rawBody: string): Promise<ArmResponse> {
    const route = `${method} ${path.replace(/\/+$/, '').toLowerCase()}`;
    switch (route) {
      case 'POST /_admin/faults': {
        const parsed = faultSchema.safeParse(parseJson(rawBody));
        if (!parsed.success) return badRequest(parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
        this.ctx.faults.inject(parsed.data);
        return { status: 204 };
      }
      case 'DELETE /_admin/faults':
        this.ctx.faults.clear();
        return { status: 204 };
      case 'POST /_admin/clock/advance': {
        const parsed = advanceSchema.safeParse(parseJson(rawBody));
        if (!parsed.success) return badRequest('body must be {"ms": <non-negative number>}');
        await this.ctx.clock.advance(parsed.data.ms);
        return { status: 200, body: { now: new Date(this.ctx.clock.now()).toISOString() } };
      }
      case 'GET /_admin/requests':
        return { status: 200, body: { value: this.recorder.list() } };
      case 'DELETE /_admin/requests':
        this.recorder.clear();
        return { status: 204 };
      case 'GET /_admin/state':
        return { status: 200, body: this.summary() };
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: `No admin endpoint ${method} ${path}.` } } };
    }
  }

  private summary(): Record<string, unknown> {
    const { ctx } = this;
    return {
      now: new Date(ctx.clock.now()).toISOString(),
      clock: ctx.clock.mode,
      pendingTimers: ctx.clock.pendingTimers,
      subscriptionIds: ctx.subscriptionIds,
      virtualMachines: ctx.vms.size,
      resourceGroups: ctx.groups.size,
      vaults: ctx.store.allVaults().map((v) => ({
        id: v.id,
        location: v.location,
        provisioningState: v.provisioningState,
        storageType: v.storageType,
        policies: [...v.policies.values()].map((p) => p.name),
        protectedItems: ctx.store.itemsInVault(v.id).map((i) => ({ vm: i.vmName, state: i.protectionState, lastBackupStatus: i.lastBackupStatus, recoveryPoints: i.recoveryPoints.length })),
        jobs: ctx.store.jobsInVault(v.id).length,
        runningJobs: ctx.store.jobsInVault(v.id).filter((j) => j.status === 'InProgress' || j.status === 'Cancelling').length,
      })),
      faults: ctx.faults.summary(),
      operations: ctx.ops.size,
    };
  }
}

function parseJson(raw: string): unknown {
  try {
    return raw.trim() === '' ? undefined : JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function badRequest(message: string): ArmResponse {
  return { status: 400, body: { error: { code: 'BadRequest', message } } };
}
