import type { RunningEmulator } from '../../emulator';
import { responseValidatorFor } from '../../emulator/specs/schema-validator';
import { loadExampleCases, type ExampleCase } from './contract/example-cases';
import { SCENARIOS, defaultParams, type ReplayPlan } from './contract/scenarios';
import { compareShape } from './contract/shape-compare';
import { startTestEmulator, type ArmClient, type ArmReply } from './support/arm-client';

/**
 * Replays Microsoft's examples (the versions the bot's SDKs speak) against the emulator and
 * compares the answers' shape with the examples': status, headers, property paths and types,
 * discriminators. Each example runs on a fresh emulator so the cases stay independent.
 */

/** Optional Azure features the emulator does not model; the examples show them. */
const NOT_MODELLED: RegExp[] = [
  /^nextLink$/, // absent on the last page
  /(^|\.)tags\./, // user data, keys differ
  /propertyBag\./,
  /privateEndpointConnections/,
  /costManagementSettings/,
  /sourceScanConfiguration/,
  /userAssignedIdentities/,
  /recoveryPointMoveReadinessInfo\./, // archive tier readiness, keyed by tier name
  /recoveryPointTierDetails\[\]\.extendedInfo/,
  /(^|\.)zones$/,
  /extendedLocation/,
  /securityType$/,
  /^properties\.(availabilitySet|proximityPlacementGroup|applicationProfile|userData|extensionsTimeBudget)/,
  /^(resources|managedBy|etag)$/,
  /bootDiagnostics\.storageUri/,
];

/** Examples the emulator answers differently on purpose. */
const SKIPPED: Record<string, string> = {
  'recoveryservicesbackup/2023-06-01/AzureIaasVm/V2Policy/IaaS_v2_daily.json': 'Enhanced (V2) policies are not emulated; the bot creates Standard (V1) policies',
  'recoveryservicesbackup/2023-06-01/AzureIaasVm/V2Policy/v2-Get-Policy.json': 'Enhanced (V2) policies are not emulated',
  'recoveryservicesbackup/2023-06-01/AzureIaasVm/V2Policy/v2-List-Policies.json': 'Enhanced (V2) policies are not emulated',
};

const DISCRIMINATOR_KEYS = new Set(['objectType', 'jobType', 'protectedItemType', 'backupManagementType', 'schedulePolicyType', 'retentionPolicyType', 'workloadType']);

function isDiscriminator(path: string): boolean {
  const key = path.split('.').pop() ?? '';
  return DISCRIMINATOR_KEYS.has(key) || path === 'type' || path === 'value[].type';
}

/** The examples only show Classic VMs for items; the emulator serves ARM VMs (INDEX.md notes it). */
function equivalent(a: string, b: string): boolean {
  const classic = (s: string) => s.replace('Microsoft.ClassicCompute/virtualMachines', 'Microsoft.Compute/virtualMachines');
  return classic(a) === classic(b);
}

const ASYNC_URL_SEGMENTS = new Set([
  'subscriptions', 'resourcegroups', 'providers', 'vaults', 'backupfabrics', 'protectioncontainers', 'protecteditems',
  'operationresults', 'operationsstatus', 'operationstatus', 'backupoperations', 'backupoperationresults', 'backupjobs',
  'backuppolicies', 'operations',
]);

/** The literal segments of an async URL (which endpoint kind it points at), ignoring names and ids. */
function urlKind(url: string): string {
  const pathname = url.startsWith('/') ? url.split('?')[0] : new URL(url).pathname;
  return pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => (ASYNC_URL_SEGMENTS.has(s.toLowerCase()) ? s.toLowerCase() : '*'))
    .join('/');
}

async function replay(arm: ArmClient, c: ExampleCase): Promise<ArmReply> {
  const scenario = SCENARIOS[c.operation.operationId];
  const plan: ReplayPlan = scenario ? await scenario(arm, c) : { params: {} };
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.example.parameters)) if (typeof v === 'string') params[k] = v;
  Object.assign(params, defaultParams(c), plan.params);
  const path = c.operation.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for {${name}} in ${c.name}`);
    return encodeURIComponent(params[name]);
  });
  const query = new URLSearchParams({ 'api-version': String(c.example.parameters['api-version']) });
  for (const [k, v] of Object.entries(c.example.parameters)) {
    if ((k.startsWith('$') || k === 'statusOnly') && typeof v === 'string') query.set(k, v);
  }
  for (const [k, v] of Object.entries(plan.query ?? {})) query.set(k, v);
  const body = plan.body ?? (c.bodyParameter ? c.example.parameters[c.bodyParameter] : undefined);
  return arm.request(c.operation.method, `${path}?${query.toString()}`, { body });
}

const { cases, notImplemented } = loadExampleCases();
const replayed = cases.filter((c) => !SKIPPED[c.name]);

describe('contract: Microsoft examples replayed against the emulator', () => {
  let emulator: RunningEmulator | undefined;
  let arm: ArmClient;

  beforeEach(async () => {
    ({ emulator, arm } = await startTestEmulator());
  });

  afterEach(async () => {
    await emulator?.close();
  });

  it('covers the operations the bot uses', () => {
    // A guard against a vacuous pass: most vendored examples must be replayed.
    expect(replayed.length).toBeGreaterThanOrEqual(45);
    expect(notImplemented.join('\n')).not.toMatch(/BackupJobs_List|ProtectedItems_CreateOrUpdate|Vaults_CreateOrUpdate|VirtualMachines_ListAll/);
  });

  it.each(replayed.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const reply = await replay(arm, c);
    const codes = Object.keys(c.example.responses);
    expect({ status: reply.status, codes, body: reply.body }).toEqual(expect.objectContaining({ status: expect.any(Number) }));
    if (!codes.includes(String(reply.status))) {
      throw new Error(`${c.name}: status ${reply.status} not among the example's ${codes.join(', ')}: ${JSON.stringify(reply.body)}`);
    }
    const expected = c.example.responses[String(reply.status)];

    for (const header of Object.keys(expected.headers ?? {})) {
      const value = reply.headers[header.toLowerCase()];
      expect({ header, present: value !== undefined }).toEqual({ header, present: true });
      if (/^(location|azure-asyncoperation)$/i.test(header)) {
        expect(value.startsWith(emulator!.endpoint)).toBe(true);
        expect(urlKind(value)).toBe(urlKind(String(expected.headers![header])));
      }
    }
    expect(reply.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    if (expected.body !== undefined && Object.keys(expected.body as object).length > 0) {
      const problems = compareShape(expected.body, reply.body, { ignore: NOT_MODELLED, discriminator: isDiscriminator, equivalent });
      expect(problems).toEqual([]);
    }
    const schema = c.operation.responses[String(reply.status)];
    if (schema && reply.body !== undefined) {
      expect(responseValidatorFor(c.operation.doc).validate(schema, reply.body)).toEqual([]);
    }
  });
});
