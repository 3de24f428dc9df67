/**
 * The intent registry: every intent type once, with what the bot needs to know about it besides
 * what it does and who may do it.
 *
 * - `schema` reads it from untrusted data (parseIntent). The compiler checks that the schema reads
 *   exactly the intent's declared shape (intents.ts), at every depth: a property the schema leaves
 *   out would be dropped from every button that carries it.
 * - `mayOpenForm` says whether the answer may be a form (Slack opens one only with a fresh trigger).
 * - `failure` titles the notice when its flow fails: what the person tried to do.
 *
 * The registry satisfies `IntentRegistry`, a map over IntentType: an intent type added to the
 * `Intent` union without an entry here, or an entry for no such type, does not compile. The
 * handler map (create-flows.ts, HANDLERS), the access rules (src/access/intent-policy.ts,
 * INTENT_RULES) and the resources each intent names (src/access/intent-resources.ts) are maps over
 * the same IntentType, so a new intent fails to compile until it has a schema, a handler, a rule
 * and its resources (test/unit/flows/intent-registry.test.ts shows each).
 */
import { z } from 'zod';
import { DAYS_OF_WEEK, MONTHS_OF_YEAR, WEEKS_OF_MONTH } from '../domain/backup-policy.rule';
import type { Intent, IntentType } from './intents';

/** The intent of one type. */
export type IntentOf<K extends IntentType> = Extract<Intent, { type: K }>;

/** What the registry knows about one intent type. */
export interface IntentSpec<T extends Intent> {
  /** Reads the intent from untrusted data; unknown properties are dropped. */
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** False when the answer is always a message (lists, status, job actions), never a form. */
  mayOpenForm: boolean;
  /** Title of the failure notice when the flow fails; absent: "That did not work". */
  failure?: string;
}

/** One spec per intent type, no more, no less. */
export type IntentRegistry = { [K in IntentType]: IntentSpec<IntentOf<K>> };

// ---- field schemas ------------------------------------------------------------------------------

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

/** The most VMs an intent preselects (Preselected in intents.ts): ten ARM ids keep a button's value under Slack's 2,000 characters. */
export const PRESELECT_MAX = 10;
const preselect = z.array(id).max(PRESELECT_MAX).optional();
const scopeKind = z.enum(['subscription', 'resource-group', 'vault']);
const eventWord = z.enum(['pending', 'jobs', 'failures', 'threaded', 'coverage']);

// ---- the registry ---------------------------------------------------------------------------------

const ENABLE_FAILED = 'Backup was not enabled';
const message = { mayOpenForm: false } as const;
const form = { mayOpenForm: true } as const;

export const INTENTS = {
  help: { ...message, schema: z.object({ type: z.literal('help'), topic: text.optional(), unknown: text.optional(), suggestion: text.optional(), problem: text.optional() }) },
  'vms.list': { ...message, schema: z.object({ type: z.literal('vms.list'), query: text.optional() }) },
  'jobs.list': { ...message, schema: z.object({ type: z.literal('jobs.list'), filter: z.enum(['running', 'failed', 'last24h']).optional() }) },

  'enable.start': { ...form, schema: z.object({ type: z.literal('enable.start'), vm: text.optional() }) },
  'enable.chooseVm': { ...form, schema: z.object({ type: z.literal('enable.chooseVm'), values }) },
  'enable.chooseVault': { ...form, schema: z.object({ type: z.literal('enable.chooseVault'), vmId: id, values }) },
  'enable.choosePolicy': { ...form, schema: z.object({ type: z.literal('enable.choosePolicy'), vmId: id, vault, values }) },
  'enable.definePolicy': { ...form, schema: z.object({ type: z.literal('enable.definePolicy'), vmId: id, vault, values }) },
  'enable.confirm': { ...form, failure: ENABLE_FAILED, schema: z.object({ type: z.literal('enable.confirm'), vmId: id, vault, policy, values }) },

  'vault.start': { ...form, schema: z.object({ type: z.literal('vault.start') }) },
  'vault.choose': { ...form, schema: z.object({ type: z.literal('vault.choose'), values, preselect }) },
  'vault.define': { ...form, schema: z.object({ type: z.literal('vault.define'), values, preselect }) },
  'vault.settings': { ...form, schema: z.object({ type: z.literal('vault.settings'), vault, values, preselect }) },
  'vault.definePolicy': { ...form, schema: z.object({ type: z.literal('vault.definePolicy'), vault, redundancy: redundancy.optional(), values, preselect }) },
  'vault.chooseVms': {
    ...form,
    failure: ENABLE_FAILED,
    schema: z.object({ type: z.literal('vault.chooseVms'), vault, redundancy: redundancy.optional(), policy, values }),
  },

  'policy.list': { ...message, schema: z.object({ type: z.literal('policy.list'), vault: text.optional() }) },
  'policy.show': { ...message, schema: z.object({ type: z.literal('policy.show'), name: id, vault: text.optional() }) },
  'policy.create': { ...form, schema: z.object({ type: z.literal('policy.create'), vault: text.optional() }) },
  'policy.pickVault': { ...form, schema: z.object({ type: z.literal('policy.pickVault'), next: z.enum(['list', 'create']), values }) },
  'policy.define': { ...form, failure: 'The policy was not created', schema: z.object({ type: z.literal('policy.define'), vaultId: id, values }) },

  'now.start': { ...form, schema: z.object({ type: z.literal('now.start'), vm: text.optional() }) },
  'now.chooseVm': { ...form, schema: z.object({ type: z.literal('now.chooseVm'), values }) },
  'now.submit': { ...form, failure: 'Backup now did not start', schema: z.object({ type: z.literal('now.submit'), vmId: id, values }) },

  'stop.start': { ...form, schema: z.object({ type: z.literal('stop.start'), vm: z.string().min(1).max(2000), deleteData: z.boolean().optional() }) },
  'stop.submit': {
    ...form,
    failure: 'Protection was not stopped',
    schema: z.object({ type: z.literal('stop.submit'), vmId: id, deleteData: z.boolean(), values }),
  },

  check: { ...form, schema: z.object({ type: z.literal('check'), vm: text.optional() }) },
  'check.chooseVm': { ...form, schema: z.object({ type: z.literal('check.chooseVm'), values }) },
  'resume.start': { ...form, schema: z.object({ type: z.literal('resume.start'), vm: z.string().min(1).max(2000), policy: id.optional() }) },
  'resume.submit': { ...form, failure: 'Protection was not resumed', schema: z.object({ type: z.literal('resume.submit'), vmId: id, values }) },
  'policy.set': { ...form, schema: z.object({ type: z.literal('policy.set'), vm: z.string().min(1).max(2000), policy: id.optional() }) },
  'policy.setChoose': { ...form, schema: z.object({ type: z.literal('policy.setChoose'), vmId: id, values }) },
  'policy.setConfirm': { ...form, failure: 'The policy was not changed', schema: z.object({ type: z.literal('policy.setConfirm'), vmId: id, policy: id, values }) },
  undelete: { ...message, failure: 'The backup data was not undeleted', schema: z.object({ type: z.literal('undelete'), vm: z.string().min(1).max(2000) }) },

  status: { ...message, schema: z.object({ type: z.literal('status'), target: text.optional() }) },
  coverage: { ...message, schema: z.object({ type: z.literal('coverage'), subscriptionId: id.optional(), resourceGroup: id.optional() }) },
  'job.refresh': { ...message, schema: z.object({ type: z.literal('job.refresh'), vaultId: id, jobName: id, context: jobContext.optional() }) },
  'job.cancel': {
    ...message,
    failure: 'The job was not cancelled',
    schema: z.object({ type: z.literal('job.cancel'), vaultId: id, jobName: id, context: jobContext.optional() }),
  },
  'job.cancelAsk': { ...message, schema: z.object({ type: z.literal('job.cancelAsk'), vaultId: id, jobName: id, context: jobContext.optional() }) },
  items: { ...message, schema: z.object({ type: z.literal('items'), vault: text.optional(), page: z.number().int().min(1).max(1000).optional() }) },

  subscribe: {
    ...form,
    schema: z.object({ type: z.literal('subscribe'), scope: text.optional(), scopeKind: scopeKind.optional(), events: z.array(eventWord).max(5).optional() }),
  },
  'subscribe.submit': { ...form, schema: z.object({ type: z.literal('subscribe.submit'), values }) },
  unsubscribe: {
    ...message,
    schema: z.object({ type: z.literal('unsubscribe'), scope: text.optional(), scopeKind: scopeKind.optional(), subscriptionId: id.optional(), all: z.boolean().optional() }),
  },
  'subscriptions.list': { ...message, schema: z.object({ type: z.literal('subscriptions.list') }) },
  health: { ...message, schema: z.object({ type: z.literal('health') }) },
} satisfies IntentRegistry;

// ---- the schemas read exactly the declared intents -------------------------------------------------

/**
 * A type rewritten property by property (optional ones stay optional), so that intersections are
 * flattened and two descriptions of the same shape compare as identical.
 */
type Plain<T> = T extends string | number | boolean | bigint | symbol | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? Plain<E>[]
    : { [K in keyof T]: Plain<T[K]> };

/** True when A and B describe exactly the same shape at every depth. */
export type SameShape<A, B> = (<G>() => G extends Plain<A> ? 1 : 2) extends <G>() => G extends Plain<B> ? 1 : 2 ? true : false;

/** The intent types whose schema reads more or less than the intent declares. */
type Drifted = { [K in IntentType]: SameShape<z.output<(typeof INTENTS)[K]['schema']>, IntentOf<K>> extends true ? never : K }[IntentType];

// Fails to compile, naming the intent types, when a schema and its intent drift apart.
const schemasReadTheirIntents: [Drifted] extends [never] ? true : { drifted: Drifted } = true;
void schemasReadTheirIntents;

// ---- derived ----------------------------------------------------------------------------------------

/** All intent types, for adapters that register one handler per type (Slack action_id, card verb). */
export const INTENT_TYPES = Object.keys(INTENTS) as [IntentType, ...IntentType[]];

const registry: IntentRegistry = INTENTS;

/** The spec of an intent type, or undefined for a string that names none. */
export function specOf(type: string): IntentSpec<Intent> | undefined {
  return Object.hasOwn(registry, type) ? (registry[type as IntentType] as IntentSpec<Intent>) : undefined;
}

/** Whether handling this intent may answer with a form (a modal in Slack, which needs a fresh trigger). */
export const mayOpenForm = (type: IntentType): boolean => registry[type].mayOpenForm;

/** The title of the failure notice for this intent type: what the person tried to do. */
export const failureTitle = (type: IntentType): string => registry[type].failure ?? 'That did not work';

/** Intent types sent by a form's submit button (their schema reads `values`: the form's inputs). */
const SUBMITTED_BY_FORMS: ReadonlySet<string> = new Set(
  INTENT_TYPES.filter((type) => {
    const schema = registry[type].schema;
    return schema instanceof z.ZodObject && 'values' in schema.shape;
  }),
);

/** Whether a form's submit button sends this intent type (then its `values` are the form's inputs). */
export const isFormSubmission = (type: string): boolean => SUBMITTED_BY_FORMS.has(type);
