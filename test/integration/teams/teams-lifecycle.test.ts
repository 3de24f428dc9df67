/**
 * The rest of protection's life through the Teams adapter (Bot Framework activities to
 * /api/messages, cards recorded by a fake Bot Connector, the ARM emulator behind the real Azure
 * backup service): stop -> Resume with another policy; `policy set` with the old and new schedule
 * and retention; stop with delete -> status shows soft-deleted with the days left -> Undelete ->
 * Resume.
 */
import { SEED } from '../../../emulator';
import { cardText, findAction, findInput, TeamsDriver } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const DAY = 24 * 60 * 60 * 1000;

describe('Teams: resume, change the policy, undelete', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
    await h.backup.service.createPolicy(SEED.protectedVmVaultId, {
      name: 'Weekly-Sun',
      schedule: { frequency: 'Weekly', time: '22:00', timeZone: 'UTC', daysOfWeek: ['Sunday'] },
      retention: { weekly: { weeks: 12, daysOfWeek: ['Sunday'] } },
    });
  });
  afterAll(() => h.close());

  const item = () => h.backup.service.findProtectedItem(SEED.protectedVmId);

  it('stops web-01 keeping its data, then resumes it from the result card with another policy', async () => {
    const confirm = await teams.say('backup stop web-01');
    const stopped = await teams.pressAndReplaceInTheEnd(confirm, 'Stop backups');
    expect(cardText(stopped.card)).toContain('Backups of web-01 stopped');
    expect(await item()).toMatchObject({ protectionState: 'ProtectionStopped' });

    const resume = await teams.pressAndFollow(stopped, 'Resume backups');
    expect(cardText(resume.card)).toContain('retention applies to the kept recovery points too');
    const policy = findInput(resume.card, 'policy');
    expect(policy).toMatchObject({ type: 'Input.ChoiceSet', value: 'DefaultPolicy' });
    expect((policy.choices as { value: string }[]).map((c) => c.value)).toEqual(['DefaultPolicy', 'Weekly-Sun']);

    const resumed = await teams.pressAndReplaceInTheEnd(resume, 'Resume backups', { policy: 'Weekly-Sun' });
    expect(cardText(resumed.card)).toContain('Backups of web-01 resumed');
    expect(cardText(resumed.card)).toContain('Weekly-Sun: Weekly on Sunday at 22:00 UTC, kept 12 weeks');
    expect(await item()).toMatchObject({ protectionState: 'Protected', policyName: 'Weekly-Sun' });
  });

  it('policy set web-01: the picker, then now and after with what happens to existing points, then the change', async () => {
    // Typed without the `backup` prefix, as Teams' command menu inserts it.
    const pick = await teams.say('policy set web-01');
    expect(cardText(pick.card)).toContain('web-01 is backed up by rsv-prod-weu with Weekly-Sun');
    const confirm = await teams.pressAndReplace(pick, 'Next', { policy: 'DefaultPolicy' });
    const text = cardText(confirm.card);
    expect(text).toMatch(/Now:\s+Weekly-Sun: Weekly on Sunday at 22:00 UTC, kept 12 weeks/);
    expect(text).toMatch(/After:\s+DefaultPolicy: Daily at/);
    expect(text).toContain('Weekly to daily: the existing weekly recovery points stay');
    const done = await teams.pressAndReplaceInTheEnd(confirm, 'Change policy');
    expect(cardText(done.card)).toContain('web-01 now uses policy DefaultPolicy');
    expect(await item()).toMatchObject({ policyName: 'DefaultPolicy' });
  });

  it('stop with delete -> status shows soft-deleted with the days left -> Undelete -> Resume', async () => {
    const confirm = await teams.say('backup stop web-01 delete-data');
    expect(cardText(confirm.card)).toContain('14 more days, soft-deleted and free of charge');
    const deleted = await teams.pressAndReplaceInTheEnd(confirm, 'Stop and delete data', { confirmVm: 'web-01' });
    expect(cardText(deleted.card)).toMatch(/Soft-deleted: backup data kept until .* \(14 days\), then deleted for good/);

    await h.backup.emulator.advance(3 * DAY);
    const status = await teams.say('backup status web-01');
    expect(cardText(status.card)).toMatch(/Soft-deleted: backup data kept until .* \(11 days\)/);
    expect(findAction(status.card, 'Undelete')).toBeDefined();

    // The status card is the asker's; the undelete is announced as a new message.
    const undeleted = await teams.pressAndFollow(status, 'Undelete');
    expect(cardText(undeleted.card)).toContain('Backup data of web-01 undeleted');
    expect((await item())?.softDeleted).toBeUndefined();

    const resume = await teams.pressAndFollow(undeleted, 'Resume backups');
    const resumed = await teams.pressAndReplaceInTheEnd(resume, 'Resume backups', { policy: 'DefaultPolicy' });
    expect(cardText(resumed.card)).toContain('Backups of web-01 resumed');
    expect(await item()).toMatchObject({ protectionState: 'Protected', policyName: 'DefaultPolicy' });
  });
});
