/**
 * Access control end to end on the emulator: what an unbound and a bound channel see, roles and
 * grants, the audit log (one entry per effect, with the actor), and duplicated deliveries.
 */
import { effectKey } from '../../../src/access/effect-key';
import type { Intent } from '../../../src/flows/intents';
import { claimEffect } from '../../../src/store/repositories/access-effects.repository';
import type { FlowResult } from '../../../src/flows/views';
import { form, message, noticeOf, person, PROD, ROOT, SEED, startGuardedHarness, submit, type GuardedHarness } from './support/guarded-harness';

const WEB_RG = 'rg-web-prod';
const vmIdOf = (name: string) => SEED.vmId(name);
const isRefusal = (r: FlowResult, role: string) => r.kind === 'message' && r.view.kind === 'notice' && r.view.title.endsWith(`needs the ${role} role`);

describe('access control on the emulator', () => {
  let h: GuardedHarness;
  beforeAll(async () => {
    h = await startGuardedHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('a channel nobody bound', () => {
    const here = person('U0ROOT', 'C0NEW', 'root');

    it('sees nothing: lists, status, jobs and pickers are empty and say how to bind', async () => {
      for (const text of ['backup vms', 'backup vms web', 'backup status', `backup status ${SEED.protectedVmId}`, 'backup jobs', 'backup policy list', 'backup enable', 'backup now web-01']) {
        const r = await h.text(here, text);
        const view = noticeOf(r);
        expect({ text, title: view.title }).toEqual({ text, title: 'This channel is not bound to any Azure scope' });
        expect(JSON.stringify(r)).not.toMatch(/web-0\d|rsv-prod|sql-0\d/);
      }
      expect(await h.flows.suggest({ kind: 'vms' }, 'web', here)).toEqual([]);
      expect(await h.flows.suggest({ kind: 'vms' }, 'web')).toEqual([]);
      expect(noticeOf(await h.text(here, 'backup admin bindings')).text).toMatch(/sees nothing/);
      expect(message(await h.text(here, 'backup help'), 'help').commands.length).toBeGreaterThan(5);
    });

    it('refuses an action on a resource, and records the refusal', async () => {
      const r = await h.flows.handle({ type: 'now.submit', vmId: SEED.protectedVmId, values: { retainUntil: '2026-12-24' } }, here);
      expect(noticeOf(r).title).toBe('This channel is not bound to any Azure scope');
      const denied = (await h.audit()).filter((e) => e.outcome === 'denied' && e.actor.channelId === 'C0NEW');
      expect(denied).toEqual([expect.objectContaining({ action: 'now.submit', resourceIds: [SEED.protectedVmId], actor: expect.objectContaining({ userId: 'U0ROOT', userName: 'root' }) })]);
    });
  });

  describe('a channel bound to one resource group and the vaults\' group', () => {
    beforeAll(async () => {
      expect(noticeOf(await h.text(ROOT, `backup admin bind ${PROD}/${WEB_RG}`)).title).toBe('Channel bound');
      expect(noticeOf(await h.text(ROOT, `backup admin bind ${PROD}/rg-backup`)).title).toBe('Channel bound');
    });

    it('lists only the VMs of its scope, and offers only them', async () => {
      const inScope = (await h.backup.service.listVirtualMachines()).filter((v) => v.resourceGroup === WEB_RG);
      const list = message(await h.text(ROOT, 'backup vms'), 'vm-list');
      expect(list.total).toBe(inScope.length);
      expect(list.vms.map((v) => v.vm.resourceGroup)).toEqual(inScope.map(() => WEB_RG));
      const offered = await h.flows.suggest({ kind: 'vms' }, '', ROOT);
      expect(offered.map((o) => o.value).sort()).toEqual(inScope.map((v) => v.id).sort());
      expect(await h.flows.suggest({ kind: 'vms' }, 'sql', ROOT)).toEqual([]);
    });

    it('refuses a VM outside its scope by id, and does not find it by name', async () => {
      const byId = noticeOf(await h.text(ROOT, `backup status ${vmIdOf('sql-01')}`));
      expect(byId.title).toBe("Reading backup status: not in this channel's scope");
      expect(byId.text).toContain(`backup admin bind ${PROD}/rg-data-prod`);
      const byName = await h.text(ROOT, 'backup status sql-01');
      expect(byName.kind === 'message' && byName.view.kind === 'vm-status').toBe(false);
      expect(JSON.stringify(byName)).not.toContain('rg-data-prod/providers');
    });

    it('refuses a forged vault-path submission naming a VM outside its scope, and creating a vault outside it', async () => {
      const forged: Intent = { type: 'vault.chooseVms', vault: { kind: 'existing', vaultId: SEED.vaultIds.westeurope }, policy: { kind: 'default' }, values: { vms: [vmIdOf('web-03'), vmIdOf('sql-02')] } };
      expect(noticeOf(await h.flows.handle(forged, ROOT)).title).toMatch(/not in this channel's scope/);
      const define: Intent = { type: 'vault.define', values: { subscriptionId: PROD, resourceGroup: 'new', newResourceGroup: 'rg-elsewhere', location: 'westeurope', vaultName: 'rsv-x' } };
      expect(noticeOf(await h.flows.handle(define, ROOT)).text).toMatch(/resource group rg-elsewhere/);
      const items = await h.backup.service.listProtectedItems(SEED.vaultIds.westeurope);
      expect(items.map((i) => i.vmName)).not.toContain('sql-02');
      expect(items.map((i) => i.vmName)).not.toContain('web-03');
    });
  });

  describe('roles', () => {
    const ana = person('U0ANA', 'C0WEB', 'ana');

    it('refuses by role, says which role and who grants it, and follows grants and revocations', async () => {
      const refused = noticeOf(await h.text(ana, 'backup vms'));
      expect(refused.title).toBe('Listing VMs needs the viewer role');
      expect(refused.text).toContain('You have no role here yet.');
      expect(refused.text).toContain('(U0ROOT)');
      expect(refused.text).toContain('`backup admin grant viewer @you`');

      expect(noticeOf(await h.text(ROOT, 'backup admin grant viewer <@U0ANA|ana>')).title).toBe('ana (U0ANA) is now viewer');
      expect(message(await h.text(ana, 'backup vms'), 'vm-list').total).toBeGreaterThan(0);
      expect(isRefusal(await h.text(ana, 'backup now web-01'), 'operator')).toBe(true);

      expect(noticeOf(await h.text(ROOT, 'backup admin grant operator <@U0ANA>')).text).toContain('(was viewer)');
      expect(form(await h.text(ana, 'backup now web-01')).form).toBe('now.retain');
      expect(isRefusal(await h.text(ana, 'backup enable web-02'), 'admin')).toBe(true);
      expect(isRefusal(await h.text(ana, `backup admin bind ${PROD}`), 'admin')).toBe(true);
      expect(isRefusal(await h.text(ana, 'backup audit'), 'admin')).toBe(true);

      expect(noticeOf(await h.text(ROOT, 'backup admin grant operator <@U0ANA>')).title).toBe('ana (U0ANA) is already operator');
      const roles = noticeOf(await h.text(ana, 'backup admin roles'));
      expect(roles.facts).toEqual(expect.arrayContaining([{ label: 'U0ROOT', value: 'admin (BOOTSTRAP_ADMINS setting)' }, expect.objectContaining({ label: 'ana (U0ANA)', value: expect.stringMatching(/^operator, granted by root \(U0ROOT\)/) })]));

      expect(noticeOf(await h.text(ROOT, 'backup admin revoke <@U0ANA>')).title).toBe('ana (U0ANA) is no longer operator');
      expect(isRefusal(await h.text(ana, 'backup vms'), 'viewer')).toBe(true);
    });

    it('gives a role through a group the person belongs to', async () => {
      const bo = { ...person('U0BO', 'C0WEB', 'bo'), groups: ['S0OPS'] };
      expect(isRefusal(await h.text(bo, 'backup now web-01'), 'operator')).toBe(true);
      await h.text(ROOT, 'backup admin grant operator <!subteam^S0OPS|@ops>');
      expect(form(await h.text(bo, 'backup now web-01')).form).toBe('now.retain');
      expect(isRefusal(await h.text({ ...bo, groups: [] }, 'backup now web-01'), 'operator')).toBe(true);
    });

    it('keeps roles per workspace', async () => {
      const elsewhere = { ...person('U0ROOT', 'C0WEB'), workspaceId: 'T0OTHER' };
      expect(isRefusal(await h.text(elsewhere, 'backup vms'), 'viewer')).toBe(true);
    });
  });

  describe('effects, duplicates and the audit log', () => {
    const ana = person('U0ANA', 'C0WEB', 'ana');
    const bo = person('U0BOB', 'C0WEB', 'bob');
    beforeAll(async () => {
      await h.text(ROOT, 'backup admin grant operator <@U0ANA|ana>');
      await h.text(ROOT, 'backup admin grant operator <@U0BOB|bob>');
    });

    it('runs a Backup now pressed by two people at once exactly once, and tells the second who did it', async () => {
      const retain = form(await h.text(ana, 'backup now web-01'));
      const press = submit(retain, { retainUntil: '2026-12-31' });
      h.backup.emulator.clearRequests();
      const results = await Promise.all([h.flows.handle(press, ana), h.flows.handle(press, bo), h.flows.handle(press, ana), h.flows.handle(press, bo)]);

      const jobs = results.filter((r) => r.kind === 'message' && r.view.kind === 'job');
      expect(jobs.length).toBe(1);
      const triggers = h.backup.emulator.requests().filter((r) => r.method === 'POST' && /\/backup$/i.test(r.path));
      expect(triggers.length).toBe(1);
      const others = results.filter((r) => r !== jobs[0]).map(noticeOf);
      for (const n of others) expect(n.title).toMatch(/^Already (done|in progress)$/);
      expect(others.map((n) => n.text).join(' ')).toMatch(/started this exact request|already made this exact request/);

      const entries = (await h.audit()).filter((e) => e.action === 'now.submit' && e.outcome === 'succeeded');
      expect(entries).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ platform: 'slack', workspaceId: 'T0OPS', channelId: 'C0WEB' }),
          summary: expect.stringMatching(/^Backup now of web-01, kept until 31 Dec 2026 \((\d+ days?|1 day) from the request\)$/),
          resourceIds: expect.arrayContaining([SEED.protectedVmId, SEED.protectedVmVaultId]),
        }),
      ]);
      const again = noticeOf(await h.flows.handle(press, bo));
      expect(again.title).toBe('Already done');
      expect(again.text).toMatch(new RegExp(`^(You|${entries[0].actor.userName} \\(${entries[0].actor.userId}\\)) already made this exact request`));
    });

    it('enables backup once for a double-clicked Enable Backup, and audits it once with the actor', async () => {
      const vaultStep = form(await h.text(ROOT, 'backup enable web-02'));
      const policyStep = form(await h.flows.handle(submit(vaultStep, { vault: SEED.vaultIds.westeurope }), ROOT));
      const confirm = form(await h.flows.handle(submit(policyStep, { policy: 'default' }), ROOT));
      const press = submit(confirm, {});
      const cy = person('U0CY', 'C0WEB', 'cy');
      await h.text(ROOT, 'backup admin grant admin <@U0CY|cy>');
      const [first, second, third] = [await h.flows.handle(press, ROOT), await h.flows.handle(press, cy), await h.flows.handle(press, ana)];
      expect(message(first, 'protection-result').outcomes).toEqual([expect.objectContaining({ ok: true })]);
      expect(noticeOf(second).title).toBe('Already done');
      expect(noticeOf(second).text).toMatch(/^root \(U0ROOT\) already made this exact request at Tue 24 Nov 2026, 10:\d\d UTC \(.*\); it was done, so it was not run again\. Enable backup for web-02/);
      expect(isRefusal(third, 'admin')).toBe(true);
      const entries = (await h.audit()).filter((e) => e.action === 'enable.confirm' && e.outcome !== 'denied');
      expect(entries).toEqual([expect.objectContaining({ outcome: 'succeeded', actor: expect.objectContaining({ userId: 'U0ROOT', userName: 'root' }) })]);
      const puts = h.backup.emulator.requests().filter((r) => r.method === 'PUT' && /protectedItems\/[^/]*web-02$/i.test(r.path) && r.status < 300);
      expect(puts.length).toBe(1);
    });

    it('writes every audit entry also as one JSON log line marked "audit":true, for a copy outside the database', async () => {
      const lines = h.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === true);
      expect(lines.every((l) => l.msg === 'audit entry' && l.level === 'info' && l.stored === true)).toBe(true);
      const entries = await h.audit();
      expect(entries.length).toBeGreaterThan(3);
      const key = (e: { at: string; action: string; summary: string; outcome: string; userId: string }): string => [e.at, e.action, e.summary, e.outcome, e.userId].join('|');
      const fromStore = entries.map((e) => key({ at: e.at.toISOString(), action: e.action, summary: e.summary, outcome: e.outcome, userId: e.actor.userId })).sort();
      const fromLog = lines.map((l) => key({ at: String(l.at), action: String(l.action), summary: String(l.summary), outcome: String(l.outcome), userId: String((l.actor as { userId: string }).userId) })).sort();
      expect(fromLog).toEqual(fromStore);
      expect(lines.find((l) => l.action === 'now.submit')).toMatchObject({ resourceIds: expect.arrayContaining([SEED.protectedVmId]), actor: expect.objectContaining({ platform: 'slack', workspaceId: 'T0OPS' }) });
    });

    it('shows the audit log by VM, by person and since a time', async () => {
      const byVm = noticeOf(await h.text(ROOT, 'backup audit web-01'));
      expect(byVm.title).toBe('Audit log: web-01, last 7 days');
      expect(byVm.facts?.map((f) => f.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^Backup now of web-01, kept until 31 Dec 2026 \(\d+ days? from the request\): done/)]));
      const byRoot = noticeOf(await h.text(ROOT, 'backup audit <@U0ROOT> 1d'));
      expect(byRoot.facts?.every((f) => f.label.includes('U0ROOT'))).toBe(true);
      expect(byRoot.facts?.map((f) => f.value)).toEqual(expect.arrayContaining([expect.stringMatching(/^Enable backup for web-02/), expect.stringMatching(/^Grant operator to ana/), expect.stringMatching(/^Bind channel C0WEB/)]));
      expect(noticeOf(await h.text(ROOT, 'backup audit nothing-here')).text).toMatch(/Nothing was recorded/);
    });
  });

  describe('an action the bot never finished', () => {
    it('is shown in the audit log as of unknown outcome, and no longer blocks its repeat', async () => {
      const startedAt = new Date(h.backup.emulator.now().getTime() - 60 * 60_000);
      const press: Intent = { type: 'now.submit', vmId: SEED.protectedVmId, values: { retainUntil: '2027-02-01' } };
      await claimEffect(h.store.db, { key: effectKey(press), action: 'now.submit', actor: { platform: 'slack', workspaceId: 'T0OPS', channelId: 'C0WEB', userId: 'U0ROOT', userName: 'root' }, at: startedAt }, () => false);

      const log = noticeOf(await h.text(ROOT, 'backup audit'));
      expect(log.tone).toBe('warning');
      expect(log.facts?.at(-1)).toEqual({ label: expect.stringContaining('root (U0ROOT)'), value: 'now.submit: outcome unknown (the bot stopped while it ran; check it in Azure)' });
      // Stale after 30 minutes: the same request runs again rather than being "in progress" for ever.
      const again = await h.flows.handle(press, ROOT);
      expect(again.kind === 'message' && again.view.kind === 'notice' && /^Already/.test(again.view.title)).toBe(false);
    });
  });

  describe('malformed input', () => {
    it('answers a malformed action or actor with a clear notice, never a crash', async () => {
      const bad: unknown[] = [{ type: 'nope' }, { type: 'now.submit' }, { type: 'enable.confirm', vmId: 5 }, null, 'x', { type: 'status', target: 'a'.repeat(5000) }];
      for (const intent of bad) {
        const r = await h.flows.handle(intent as Intent, ROOT);
        expect(noticeOf(r).title).toBe('That request could not be read');
      }
      for (const actor of [{}, { platform: 'slack' }, { platform: '', userId: 'U1' }, { platform: 'slack', userId: 'x'.repeat(500) }, null]) {
        expect(noticeOf(await h.flows.handle({ type: 'vms.list' }, actor as never)).title).toBe('That request could not be read');
        expect(noticeOf(await h.flows.handleText('backup admin roles', actor as never)).title).toBe('That request could not be read');
        expect(await h.flows.suggest({ kind: 'vms' }, 'web', actor as never)).toEqual([]);
      }
      expect(noticeOf(await h.flows.handleText(undefined as never, ROOT)).title).toBe('That request could not be read');
      const huge = await h.flows.handleText(`backup vms ${'w'.repeat(100_000)}`, ROOT);
      expect(huge.kind).toBe('message');
    });
  });
});

describe('guarded flows: group grants where the platform tells no groups', () => {
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const admin = { platform: 'teams', workspaceId: TENANT, userId: '6c1f2e3d-0000-4000-8000-000000000001', channelId: '19:ops@thread.tacv2', displayName: 'ana' };
  let h: GuardedHarness;
  beforeAll(async () => {
    h = await startGuardedHarness({ access: { bootstrapAdmins: [{ platform: 'teams', workspaceId: TENANT, userId: admin.userId }] } });
  });
  afterAll(() => h.close());

  it('refuses a group grant in Teams, which sends no group membership, and changes nothing', async () => {
    const refused = noticeOf(await h.text(admin, 'backup admin grant viewer group:8d2a0000-0000-4000-8000-000000000002'));
    expect(refused.tone).toBe('warning');
    expect(refused.text).toMatch(/would never apply.*Grant the people themselves.*Nothing was changed/);
    const roles = noticeOf(await h.text(admin, 'backup admin roles'));
    expect(JSON.stringify(roles.facts)).not.toContain('8d2a0000');
    // People are granted as before.
    expect(noticeOf(await h.text(admin, 'backup admin grant viewer user:6c1f2e3d-0000-4000-8000-000000000003')).tone).toBe('success');
  });
});
