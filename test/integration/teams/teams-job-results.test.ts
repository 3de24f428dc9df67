/**
 * Job results in full through the Teams adapter (Bot Framework activities to /api/messages, a fake
 * Bot Connector, the emulator behind the real Azure backup service): a backup failing with two
 * errorDetails shows both with Azure's recommended actions; one completed with warnings shows its
 * warning; Cancel job turns the card into a confirm step (Adaptive Cards have no confirmation
 * dialog), "Cancel the job" shows Cancelling in place and then Cancelled, "Keep it running" puts
 * the job card back; `backup items <vault>` lists protected and pending items.
 */
import { expectShown, TWO_ERRORS_SHOWN, WARNING_SHOWN } from '../../support/job-results-shown';
import { SEED } from '../../../emulator';
import { cardText, findAction, TeamsDriver, type CardAt } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

describe('Teams: job results in full, cancel with a confirm step, backup items', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  let days = 10;
  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());
  afterEach(() => h.backup.emulator.clearFaults());

  /** Backup now of web-01 typed to the bot; the job card (replacing its form), tracked. */
  const startJob = async (): Promise<CardAt> => {
    days += 1;
    const form = await teams.say('backup now web-01');
    const retain = new Date(h.backup.emulator.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const job = await teams.pressAndReplaceInTheEnd(form, 'Back up now', { retainUntil: retain });
    expect(cardText(job.card)).toContain('Backup of web-01');
    return job;
  };
  /** One pass of the job tracker; the job card's latest version. */
  const refreshed = async (job: CardAt): Promise<string> => {
    await h.flows.jobs.refreshTrackedJobs((update) => h.teams.messenger.publishJobUpdate(update));
    const updates = h.connector.calls.filter((c) => c.kind === 'update' && c.activityId === job.activityId);
    return cardText(h.connector.cardsOf(updates.at(-1)!)[0]);
  };

  it('a backup failing for two reasons shows both errors with Azure\'s recommended actions', async () => {
    h.backup.emulator.injectFault({ kind: 'vm-agent-missing', vmId: SEED.protectedVmId });
    h.backup.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptionIds[0], location: 'westeurope' });
    const job = await startJob();
    await h.backup.emulator.advance(31_000);
    const shown = await refreshed(job);
    expectShown(shown, TWO_ERRORS_SHOWN);
  });

  it('a backup completed with warnings shows the warning and what to do', async () => {
    h.backup.emulator.injectFault({ kind: 'backup-warning', vmId: SEED.protectedVmId });
    const job = await startJob();
    await h.backup.emulator.advance(120_000);
    const shown = await refreshed(job);
    expectShown(shown, WARNING_SHOWN);
  });

  it('Cancel job asks on the card; "Cancel the job" shows Cancelling in place, then Cancelled', async () => {
    const job = await startJob();
    const asked = await teams.pressAndReplaceInTheEnd(job, 'Cancel job');
    expect(cardText(asked.card)).toContain('Cancel the backup of web-01?');
    expect(findAction(asked.card, 'Cancel the job').style).toBe('destructive');
    findAction(asked.card, 'Keep it running');
    expect(() => findAction(asked.card, 'Cancel job')).toThrow();

    const cancelling = await teams.pressAndReplaceInTheEnd(asked, 'Cancel the job');
    expect(cardText(cancelling.card)).toMatch(/Cancelling/);
    await h.backup.emulator.advance(10_000);
    expect(await refreshed(job)).toMatch(/Cancelled after/);
  });

  it('"Keep it running" puts the job card back and the job runs on', async () => {
    const job = await startJob();
    const asked = await teams.pressAndReplaceInTheEnd(job, 'Cancel job');
    const kept = await teams.pressAndReplaceInTheEnd(asked, 'Keep it running');
    const shown = cardText(kept.card);
    expect(shown).not.toContain('Cancel the backup of web-01?');
    expect(shown).toMatch(/In progress|Queued/);
    findAction(kept.card, 'Cancel job');
    await h.backup.emulator.advance(120_000);
    expect(await refreshed(job)).toMatch(/Completed in/);
  });

  it('backup items <vault> lists protected and pending items with last backup and next run', async () => {
    await h.backup.service.enableProtection(SEED.vaultIds.westeurope, 'DefaultPolicy', [SEED.unprotectedVmId]);
    const answer = await teams.say(`backup items ${SEED.vaultNames.westeurope}`);
    const shown = cardText(answer.card);
    expect(shown).toContain(`Backup items of ${SEED.vaultNames.westeurope}`);
    expect(shown).toContain('web-01');
    expect(shown).toContain('web-02');
    expect(shown).toMatch(/Initial backup pending/i);
    expect(shown).toContain('No backup yet');
    expect(shown).toMatch(/Last backup: (Completed|Failed|CompletedWithWarnings|Cancelled) (today|\d+ days? ago)/);
    expect(shown).toMatch(/Next run: \w{3} \d+ \w{3} \d{4}, \d\d:\d\d UTC/);
    findAction(answer.card, 'Backup now');
    findAction(answer.card, 'Vault status');
  });
});
