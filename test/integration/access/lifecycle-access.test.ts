/**
 * Resume, policy set and undelete under access control on the emulator: admin only (like
 * enabling), one effect per request however often it arrives, each audited with what was asked
 * and how it went, and announced in the channel when something changed.
 */
import { audienceOf } from '../../../src/access/audience';
import type { FlowResult } from '../../../src/flows/views';
import { form, noticeOf, person, PROD, ROOT, SEED, startGuardedHarness, submit, type GuardedHarness } from './support/guarded-harness';

const isRefusal = (r: FlowResult, role: string) => r.kind === 'message' && r.view.kind === 'notice' && r.view.title.endsWith(`needs the ${role} role`);

describe('access control: resume, policy set, undelete', () => {
  let h: GuardedHarness;
  const ana = person('U0ANA', 'C0WEB', 'ana');
  beforeAll(async () => {
    h = await startGuardedHarness();
    await h.text(ROOT, `backup admin bind ${PROD}/rg-web-prod`);
    await h.text(ROOT, `backup admin bind ${PROD}/rg-backup`);
    await h.text(ROOT, 'backup admin grant operator <@U0ANA|ana>');
    await h.backup.service.createPolicy(SEED.protectedVmVaultId, {
      name: 'Weekly-Sun',
      schedule: { frequency: 'Weekly', time: '22:00', timeZone: 'UTC', daysOfWeek: ['Sunday'] },
      retention: { weekly: { weeks: 12, daysOfWeek: ['Sunday'] } },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses an operator, naming the admin role', async () => {
    expect(isRefusal(await h.text(ana, 'backup resume web-01'), 'admin')).toBe(true);
    expect(isRefusal(await h.text(ana, 'backup policy set web-01'), 'admin')).toBe(true);
    expect(isRefusal(await h.text(ana, 'backup undelete web-01'), 'admin')).toBe(true);
    expect(noticeOf(await h.text(ana, 'backup resume web-01')).title).toBe('Resuming protection needs the admin role');
  });

  it('changes the policy once for a double-clicked Change policy, audits it and announces it in the channel', async () => {
    const confirm = form(await h.text(ROOT, 'backup policy set web-01 Weekly-Sun'));
    const press = submit(confirm, {});
    h.backup.emulator.clearRequests();
    const [first, second] = [await h.flows.handle(press, ROOT), await h.flows.handle(press, ROOT)];
    expect(noticeOf(first).title).toBe('web-01 now uses policy Weekly-Sun');
    expect(audienceOf({ intent: press }, first).audience).toBe('channel');
    expect(noticeOf(second).title).toBe('Already done');
    expect(h.backup.emulator.requests().filter((r) => r.method === 'PUT' && /protectedItems\/[^/]*web-01$/i.test(r.path))).toHaveLength(1);
    const entries = (await h.audit()).filter((e) => e.action === 'policy.setConfirm');
    expect(entries).toEqual([expect.objectContaining({ outcome: 'succeeded', summary: 'Change the backup policy of web-01 to Weekly-Sun', resourceIds: expect.arrayContaining([SEED.protectedVmId]) })]);
  });

  it('audits stop with delete, undelete and resume, each with its effect', async () => {
    const stop = form(await h.text(ROOT, 'backup stop web-01 delete-data'));
    noticeOf(await h.flows.handle(submit(stop, { confirmVm: 'web-01' }), ROOT));
    const undone = await h.text(ROOT, 'backup undelete web-01');
    expect(noticeOf(undone).title).toBe('Backup data of web-01 undeleted');
    expect(audienceOf({ text: 'backup undelete web-01' }, undone).audience).toBe('channel');
    // Nothing more to undelete: the asker is told so, and nothing is announced or changed.
    const nothing = await h.text(ROOT, 'backup undelete web-01');
    expect(noticeOf(nothing).title).toMatch(/^(The backup data of web-01 is not deleted|Already done)$/);
    expect(audienceOf({ text: 'backup undelete web-01' }, nothing).audience).toBe('asker');

    const resume = form(await h.text(ROOT, 'backup resume web-01'));
    const resumed = await h.flows.handle(submit(resume, { policy: 'DefaultPolicy' }), ROOT);
    expect(noticeOf(resumed).title).toBe('Backups of web-01 resumed');
    const audit = await h.audit();
    // The second, empty undelete is audited too (as a repeat or as refused, whichever answered it);
    // exactly one undelete took effect.
    expect(audit.filter((e) => e.action === 'undelete' && e.outcome === 'succeeded')).toEqual([expect.objectContaining({ summary: 'Undelete the backup data of web-01' })]);
    expect(audit.filter((e) => e.action === 'resume.submit')).toEqual([expect.objectContaining({ outcome: 'succeeded', summary: 'Resume protection of web-01 with policy DefaultPolicy' })]);
  });
});
