/**
 * Narrows an action payload from a chat platform (Slack button value, Adaptive Card data) to an
 * Intent. Adapters call parseIntent on whatever came in and never trust its shape otherwise.
 */
import { z } from 'zod';
import { DAYS_OF_WEEK, MONTHS_OF_YEAR, WEEKS_OF_MONTH } from '../domain/backup-policy.rule';
import type { Intent } from './intents';

const text = z.string().max(2000);
const id = z.string().min(1).max(1000);
const day = z.enum(DAYS_OF_WEEK as unknown as [string, ...string[]]).transform((d) => d as (typeof DAYS_OF_WEEK)[number]);
const week = z.enum(WEEKS_OF_MONTH as unknown as [string, ...string[]]).transform((w) => w as (typeof WEEKS_OF_MONTH)[number]);
const month = z.enum(MONTHS_OF_YEAR as unknown as [string, ...string[]]).transform((m) => m as (typeof MONTHS_OF_YEAR)[number]);

const values = z.record(z.string(), z.union([text, z.array(text).max(500)]).optional());

const format = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('days'), daysOfMonth: z.array(z.number().int()).max(31), isLast: z.boolean().optional() }),
  z.object({ kind: z.literal('weeks'), weeksOfMonth: z.array(week).max(5), daysOfWeek: z.array(day).max(7) }),
]);

const definition = z.object({
  name: text,
  schedule: z.object({ frequency: z.enum(['Daily', 'Weekly']), time: text, timeZone: text, daysOfWeek: z.array(day).max(7).optional() }),
  retention: z.object({
    daily: z.object({ days: z.number().int() }).optional(),
    weekly: z.object({ weeks: z.number().int(), daysOfWeek: z.array(day).max(7) }).optional(),
    monthly: z.object({ months: z.number().int(), format }).optional(),
    yearly: z.object({ years: z.number().int(), monthsOfYear: z.array(month).max(12), format }).optional(),
  }),
  instantRpRetentionDays: z.number().int().optional(),
});

const vault = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), vaultId: id }),
  z.object({ kind: z.literal('new'), subscriptionId: id, resourceGroup: id, location: id, name: id, newResourceGroup: z.boolean().optional() }),
]);

const policy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default') }),
  z.object({ kind: z.literal('existing'), name: id }),
  z.object({ kind: z.literal('new'), definition }),
]);

const redundancy = z.enum(['GeoRedundant', 'LocallyRedundant']);
const jobContext = z.object({
  vmId: id.optional(),
  vmName: text.optional(),
  retainUntil: text.optional(),
  requestedBy: text.optional(),
  location: text.optional(),
});

const scopeKind = z.enum(['subscription', 'resource-group', 'vault']);
const eventWord = z.enum(['pending', 'jobs', 'failures']);

const intentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('help'), topic: text.optional(), unknown: text.optional(), suggestion: text.optional(), problem: text.optional() }),
  z.object({ type: z.literal('vms.list'), query: text.optional() }),
  z.object({ type: z.literal('jobs.list'), filter: z.enum(['running', 'failed', 'last24h']).optional() }),
  z.object({ type: z.literal('enable.start'), vm: text.optional() }),
  z.object({ type: z.literal('enable.chooseVm'), values }),
  z.object({ type: z.literal('enable.chooseVault'), vmId: id, values }),
  z.object({ type: z.literal('enable.choosePolicy'), vmId: id, vault, values }),
  z.object({ type: z.literal('enable.definePolicy'), vmId: id, vault, values }),
  z.object({ type: z.literal('enable.confirm'), vmId: id, vault, policy, values }),
  z.object({ type: z.literal('vault.start') }),
  z.object({ type: z.literal('vault.choose'), values }),
  z.object({ type: z.literal('vault.define'), values }),
  z.object({ type: z.literal('vault.settings'), vault, values }),
  z.object({ type: z.literal('vault.definePolicy'), vault, redundancy: redundancy.optional(), values }),
  z.object({ type: z.literal('vault.chooseVms'), vault, redundancy: redundancy.optional(), policy, values }),
  z.object({ type: z.literal('policy.list'), vault: text.optional() }),
  z.object({ type: z.literal('policy.show'), name: id, vault: text.optional() }),
  z.object({ type: z.literal('policy.create'), vault: text.optional() }),
  z.object({ type: z.literal('policy.pickVault'), next: z.enum(['list', 'create']), values }),
  z.object({ type: z.literal('policy.define'), vaultId: id, values }),
  z.object({ type: z.literal('now.start'), vm: text.optional() }),
  z.object({ type: z.literal('now.chooseVm'), values }),
  z.object({ type: z.literal('now.submit'), vmId: id, values }),
  z.object({ type: z.literal('stop.start'), vm: z.string().min(1).max(2000), deleteData: z.boolean().optional() }),
  z.object({ type: z.literal('stop.submit'), vmId: id, deleteData: z.boolean(), values }),
  z.object({ type: z.literal('status'), target: text.optional() }),
  z.object({ type: z.literal('job.refresh'), vaultId: id, jobName: id, context: jobContext.optional() }),
  z.object({ type: z.literal('job.cancel'), vaultId: id, jobName: id, context: jobContext.optional() }),
  z.object({ type: z.literal('subscribe'), scope: text.optional(), scopeKind: scopeKind.optional(), events: z.array(eventWord).max(3).optional() }),
  z.object({ type: z.literal('subscribe.submit'), values }),
  z.object({ type: z.literal('unsubscribe'), scope: text.optional(), scopeKind: scopeKind.optional(), subscriptionId: id.optional(), all: z.boolean().optional() }),
  z.object({ type: z.literal('subscriptions.list') }),
  z.object({ type: z.literal('health') }),
]);

// Fails to compile when the schema and the Intent type drift apart.
type Parsed = z.output<typeof intentSchema>;
const sameShape: (p: Parsed) => Intent = (p) => p;
void sameShape;

/**
 * An Intent from untrusted data (a parsed JSON object, or a JSON string), or undefined when it is
 * not one. Unknown properties are dropped; a form submission's `values` may be absent (then {}).
 */
export function parseIntent(data: unknown): Intent | undefined {
  let input = data;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input) as unknown;
    } catch {
      return undefined;
    }
  }
  if (input && typeof input === 'object' && !Array.isArray(input) && !('values' in input)) {
    const type = (input as { type?: unknown }).type;
    if (typeof type === 'string' && SUBMIT_TYPES.has(type)) input = { ...input, values: {} };
  }
  const r = intentSchema.safeParse(input);
  return r.success ? r.data : undefined;
}

const SUBMIT_TYPES = new Set([
  'enable.chooseVm',
  'enable.chooseVault',
  'enable.choosePolicy',
  'enable.definePolicy',
  'enable.confirm',
  'vault.choose',
  'vault.define',
  'vault.settings',
  'vault.definePolicy',
  'vault.chooseVms',
  'policy.pickVault',
  'policy.define',
  'now.chooseVm',
  'now.submit',
  'stop.submit',
]);
