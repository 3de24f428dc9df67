/**
 * Each role against each command: what the issue asks (viewer: status, lists, jobs; operator:
 * also Backup now; admin: vaults, policies, enabling protection, replication, bindings,
 * subscriptions, roles, audit), written out here independently of the product's table.
 */
import type { Intent, IntentType } from '../../../src/flows/intents';
import type { FlowResult } from '../../../src/flows/views';
import { putGrant } from '../../../src/store/repositories/access-grants.repository';
import { person, PROD, ROOT, SEED, startGuardedHarness, WORKSPACE, type GuardedHarness } from './support/guarded-harness';

type Level = 'anyone' | 'viewer' | 'operator' | 'admin';
const RANK: Record<Exclude<Level, 'anyone'> | 'none', number> = { none: 0, viewer: 1, operator: 2, admin: 3 };

const VM = SEED.unprotectedVmId;
const VAULT = SEED.vaultIds.westeurope;
const NEW_VAULT = { kind: 'new' as const, subscriptionId: PROD, resourceGroup: 'rg-backup', location: 'westeurope', name: 'rsv-table' };

/** One sample of every intent type, and the least role the issue allows it to. */
const INTENTS: { [K in IntentType]: { intent: Extract<Intent, { type: K }>; needs: Level } } = {
  help: { intent: { type: 'help' }, needs: 'anyone' },
  'vms.list': { intent: { type: 'vms.list' }, needs: 'viewer' },
  'jobs.list': { intent: { type: 'jobs.list', filter: 'failed' }, needs: 'viewer' },
  status: { intent: { type: 'status', target: SEED.protectedVmId }, needs: 'viewer' },
  check: { intent: { type: 'check', vm: VM }, needs: 'viewer' },
  'check.chooseVm': { intent: { type: 'check.chooseVm', values: { vm: VM } }, needs: 'viewer' },
  coverage: { intent: { type: 'coverage', resourceGroup: 'rg-web-prod' }, needs: 'viewer' },
  'policy.list': { intent: { type: 'policy.list', vault: VAULT }, needs: 'viewer' },
  'policy.show': { intent: { type: 'policy.show', name: 'DefaultPolicy', vault: VAULT }, needs: 'viewer' },
  'policy.pickVault': { intent: { type: 'policy.pickVault', next: 'list', values: { vault: VAULT } }, needs: 'viewer' },
  'job.refresh': { intent: { type: 'job.refresh', vaultId: VAULT, jobName: '00000000-0000-0000-0000-000000000000' }, needs: 'viewer' },
  items: { intent: { type: 'items', vault: VAULT }, needs: 'viewer' },
  'subscriptions.list': { intent: { type: 'subscriptions.list' }, needs: 'viewer' },
  'now.start': { intent: { type: 'now.start', vm: SEED.protectedVmId }, needs: 'operator' },
  'now.chooseVm': { intent: { type: 'now.chooseVm', values: { vm: SEED.protectedVmId } }, needs: 'operator' },
  'now.submit': { intent: { type: 'now.submit', vmId: SEED.protectedVmId, values: { retainUntil: '2027-01-01' } }, needs: 'operator' },
  'job.cancel': { intent: { type: 'job.cancel', vaultId: VAULT, jobName: '00000000-0000-0000-0000-000000000000' }, needs: 'operator' },
  'job.cancelAsk': { intent: { type: 'job.cancelAsk', vaultId: VAULT, jobName: '00000000-0000-0000-0000-000000000000' }, needs: 'operator' },
  'enable.start': { intent: { type: 'enable.start', vm: VM }, needs: 'admin' },
  'enable.chooseVm': { intent: { type: 'enable.chooseVm', values: { vm: VM } }, needs: 'admin' },
  'enable.chooseVault': { intent: { type: 'enable.chooseVault', vmId: VM, values: { vault: VAULT } }, needs: 'admin' },
  'enable.choosePolicy': { intent: { type: 'enable.choosePolicy', vmId: VM, vault: { kind: 'existing', vaultId: VAULT }, values: { policy: 'default' } }, needs: 'admin' },
  'enable.definePolicy': { intent: { type: 'enable.definePolicy', vmId: VM, vault: { kind: 'existing', vaultId: VAULT }, values: {} }, needs: 'admin' },
  'enable.confirm': { intent: { type: 'enable.confirm', vmId: VM, vault: { kind: 'existing', vaultId: VAULT }, policy: { kind: 'default' }, values: {} }, needs: 'admin' },
  'stop.start': { intent: { type: 'stop.start', vm: SEED.protectedVmId }, needs: 'admin' },
  // A wrong typed name: the admin gets the field error, and nothing is stopped for the rows that follow.
  'stop.submit': { intent: { type: 'stop.submit', vmId: SEED.protectedVmId, deleteData: true, values: { confirmVm: 'not-this-vm' } }, needs: 'admin' },
  // The rest of protection's life, on the protected web-01: each answers "nothing to do" (not
  // stopped, already that policy, not deleted), so nothing changes for the rows that follow.
  'resume.start': { intent: { type: 'resume.start', vm: SEED.protectedVmId }, needs: 'admin' },
  'resume.submit': { intent: { type: 'resume.submit', vmId: SEED.protectedVmId, values: { policy: 'DefaultPolicy' } }, needs: 'admin' },
  'policy.set': { intent: { type: 'policy.set', vm: SEED.protectedVmId }, needs: 'admin' },
  'policy.setChoose': { intent: { type: 'policy.setChoose', vmId: SEED.protectedVmId, values: {} }, needs: 'admin' },
  'policy.setConfirm': { intent: { type: 'policy.setConfirm', vmId: SEED.protectedVmId, policy: 'DefaultPolicy', values: {} }, needs: 'admin' },
  undelete: { intent: { type: 'undelete', vm: SEED.protectedVmId }, needs: 'admin' },
  'vault.start': { intent: { type: 'vault.start' }, needs: 'admin' },
  'vault.choose': { intent: { type: 'vault.choose', values: { vault: VAULT } }, needs: 'admin' },
  'vault.define': { intent: { type: 'vault.define', values: { subscriptionId: PROD, resourceGroup: 'rg-backup', location: 'westeurope', vaultName: 'rsv-table' } }, needs: 'admin' },
  'vault.settings': { intent: { type: 'vault.settings', vault: NEW_VAULT, values: { redundancy: 'LocallyRedundant', policy: 'default' } }, needs: 'admin' },
  'vault.definePolicy': { intent: { type: 'vault.definePolicy', vault: NEW_VAULT, values: {} }, needs: 'admin' },
  'vault.chooseVms': { intent: { type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: VAULT }, policy: { kind: 'default' }, values: { vms: [SEED.unprotectedWindowsVmId] } }, needs: 'admin' },
  'policy.create': { intent: { type: 'policy.create', vault: VAULT }, needs: 'admin' },
  'policy.define': { intent: { type: 'policy.define', vaultId: VAULT, values: {} }, needs: 'admin' },
  subscribe: { intent: { type: 'subscribe', scope: VAULT }, needs: 'admin' },
  'subscribe.submit': { intent: { type: 'subscribe.submit', values: { scope: VAULT } }, needs: 'admin' },
  unsubscribe: { intent: { type: 'unsubscribe', all: true }, needs: 'admin' },
  health: { intent: { type: 'health' }, needs: 'admin' },
};

const COMMANDS: [string, Level][] = [
  ['backup help', 'anyone'],
  ['backup admin help', 'anyone'],
  ['backup admin bindings', 'viewer'],
  ['backup admin roles', 'viewer'],
  [`backup admin bind ${PROD}/rg-data-prod`, 'admin'],
  [`backup admin unbind ${PROD}/rg-data-prod`, 'admin'],
  ['backup admin grant viewer <@U0SOMEONE>', 'admin'],
  ['backup admin revoke <@U0SOMEONE>', 'admin'],
  ['backup audit', 'admin'],
  ['backup status web-01', 'viewer'],
  ['backup items rsv-prod-weu', 'viewer'],
  ['backup coverage', 'viewer'],
  ['backup now web-01', 'operator'],
  ['backup enable web-03', 'admin'],
  ['backup policy create', 'admin'],
];

const refusedFor = (r: FlowResult): string | undefined => {
  if (r.kind !== 'message' || r.view.kind !== 'notice') return undefined;
  return /needs the (viewer|operator|admin) role$/.exec(r.view.title)?.[1];
};

describe('each role against each command', () => {
  let h: GuardedHarness;
  const actors = { none: person('U0NONE'), viewer: person('U0VIEW'), operator: person('U0OPER'), admin: person('U0ADMN') };

  beforeAll(async () => {
    h = await startGuardedHarness();
    await h.text(ROOT, `backup admin bind ${PROD}`);
    for (const role of ['viewer', 'operator', 'admin'] as const) {
      await putGrant(h.store.db, { principal: { platform: 'slack', workspaceId: WORKSPACE, kind: 'user', id: actors[role].userId }, role, grantedBy: 'U0ROOT', at: new Date() });
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const held of ['none', 'viewer', 'operator', 'admin'] as const) {
    it.each(Object.entries(INTENTS))(`${held}: %s`, async (_type, { intent, needs }) => {
      const r = await h.flows.handle(intent as Intent, actors[held]);
      const allowed = needs === 'anyone' || RANK[held] >= RANK[needs];
      expect(refusedFor(r)).toBe(allowed ? undefined : needs);
    });

    it.each(COMMANDS)(`${held}: %s`, async (text, needs) => {
      const r = await h.flows.handleText(text, actors[held]);
      const allowed = needs === 'anyone' || RANK[held] >= RANK[needs];
      expect(refusedFor(r)).toBe(allowed ? undefined : needs);
    });
  }
});
