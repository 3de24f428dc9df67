/**
 * Job results in full, through Slack over HTTP against the emulator: a backup that fails with two
 * errorDetails shows both with Azure's recommended actions; one completed with warnings shows its
 * warning and what to do; Cancel job asks in Block Kit's confirmation dialog
 * (docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object: Slack sends
 * the action only when confirmed, nothing when denied), needs the operator role, updates the job
 * message in place to Cancelling and then Cancelled; a job that ended first says it was not
 * cancelled. `backup items <vault>` answers the asker with protected and pending items.
 */
import type { AccessConfig } from '../../../src/config/config.types';
import { expectShown, TWO_ERRORS_SHOWN, WARNING_SHOWN } from '../../support/job-results-shown';
import { SEED } from '../../support/backup-harness';
import type { FakeMessage, FakeView, Json } from '../../support/fake-slack-api';
import { eventually } from '../../support/eventually';
import { findElement } from './support/slack-person';
import { startSlackBot, type SlackBot } from './support/slack-bot';
import type { SlackPerson } from './support/slack-person';

const TEAM = 'T0OPS';
const CHANNEL = 'C0OPS';
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: TEAM, userId: 'U0ADMIN' }],
  defaultChannelScope: 'all',
  defaultRole: 'viewer',
  costlyActions: { limit: 100, windowMinutes: 10 },
};
const texts = (x: unknown): string => JSON.stringify(x);

describe('Slack: job results in full, cancel with confirmation, backup items', () => {
  let bot: SlackBot;
  let admin: SlackPerson;
  let viewer: SlackPerson;
  let days = 10;

  beforeAll(async () => {
    bot = await startSlackBot({ access: ACCESS, fake: { teamId: TEAM } });
    admin = bot.person('U0ADMIN', CHANNEL);
    viewer = bot.person('U0VIEW', CHANNEL);
  });
  afterAll(async () => {
    await bot?.close();
  });
  afterEach(() => bot.harness.emulator.clearFaults());

  /** Backup now of web-01 (each its own retain-until, so each is its own request); the job message posted in the channel. */
  const backupNow = async (): Promise<FakeMessage> => {
    days += 1;
    const since = bot.fake.mark();
    await admin.slash('now web-01');
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && c.response.ok === true, 'the retain-until modal', since);
    const modal = bot.fake.view((call.response.view as Json).id as string) as FakeView;
    admin.type(modal.id, 'retainUntil', new Date(bot.harness.emulator.now().getTime() + days * 86_400_000).toISOString().slice(0, 10));
    expect((await admin.submit(modal.id)).status).toBe(200);
    const post = await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && c.response.ok === true && /Backup of web-01/.test(String(c.args.text)), 'the job message', since);
    await eventually(async () => (await bot.trackedJobs.listOpen()).some((t) => t.messageRef.includes(String(post.response.ts))), { what: 'the job message tracked' });
    return bot.fake.message(post.response.channel as string, post.response.ts as string) as FakeMessage;
  };
  const current = (m: FakeMessage): FakeMessage => bot.fake.message(m.channel, m.ts) as FakeMessage;

  it('a backup failing for two reasons shows both errors with Azure\'s recommended actions', async () => {
    bot.harness.emulator.injectFault({ kind: 'vm-agent-missing', vmId: SEED.protectedVmId });
    bot.harness.emulator.injectFault({ kind: 'restore-point-rg-locked', subscriptionId: SEED.subscriptionIds[0], location: 'westeurope' });
    const job = await backupNow();
    await bot.harness.emulator.advance(31_000);
    await bot.refreshJobs();
    const shown = texts(current(job).blocks);
    expectShown(shown, TWO_ERRORS_SHOWN);
  });

  it('a backup completed with warnings shows the warning and what to do', async () => {
    bot.harness.emulator.injectFault({ kind: 'backup-warning', vmId: SEED.protectedVmId });
    const job = await backupNow();
    await bot.harness.emulator.advance(120_000);
    await bot.refreshJobs();
    const shown = texts(current(job).blocks);
    expectShown(shown, WARNING_SHOWN);
  });

  it('Cancel job asks in a dialog; a viewer is refused; confirmed, the message shows Cancelling, then Cancelled', async () => {
    const job = await backupNow();
    const { element } = findElement(job.blocks as never, 'job.cancel');
    const dialog = (element as unknown as { confirm: Json }).confirm;
    // Denying the dialog sends nothing to the app; the button only carries the dialog.
    expect(dialog).toEqual(expect.objectContaining({ confirm: expect.objectContaining({ text: 'Cancel the job' }), deny: expect.objectContaining({ text: 'Keep it running' }) }));
    expect(texts(dialog)).toContain('Cancel the backup of web-01?');

    const since = bot.fake.mark();
    expect((await viewer.clickMessageButton(job, 'job.cancel')).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'response_url' && /needs the operator role/.test(texts(c.args)), 'the refusal', since);
    expect(texts(current(job).blocks)).toMatch(/In progress|Queued/);

    const updatesBefore = current(job).updates;
    expect((await admin.clickMessageButton(job, 'job.cancel')).status).toBe(200);
    await eventually(() => /Cancelling/.test(texts(current(job).blocks)), { what: 'Cancelling on the job message' });
    expect(current(job).updates).toBeGreaterThan(updatesBefore);
    await bot.harness.emulator.advance(10_000);
    await eventually(async () => {
      await bot.refreshJobs();
      return /Cancelled after/.test(texts(current(job).blocks));
    }, { what: 'Cancelled on the job message' });
    expect(bot.fake.messages(CHANNEL).filter((m) => m.ts !== job.ts && /Cancelling|Cancelled/.test(texts(m.blocks)))).toEqual([]);

    // The change is audited.
    const auditSince = bot.fake.mark();
    await admin.slash('audit');
    await bot.fake.waitForCall((c) => /Cancel job/.test(texts(c.args)), 'the audit answer', auditSince);
  });

  it('a job that ended before the cancel arrives is not cancelled, and the message says so', async () => {
    const job = await backupNow();
    await bot.harness.emulator.advance(120_000);
    // The message still shows the job running (no refresh yet): the person presses Cancel and confirms.
    expect((await admin.clickMessageButton(job, 'job.cancel')).status).toBe(200);
    await eventually(() => texts(current(job).blocks).includes('Not cancelled: the job had already ended'), { what: 'the refusal on the job message' });
    expect(texts(current(job).blocks)).toMatch(/Completed in/);
  });

  it('backup items <vault> lists protected and pending items with last backup and next run, to the asker only', async () => {
    await bot.harness.service.enableProtection(SEED.vaultIds.westeurope, 'DefaultPolicy', [SEED.unprotectedVmId]);
    const since = bot.fake.mark();
    const posted = bot.fake.messages(CHANNEL).length;
    expect((await viewer.slash(`items ${SEED.vaultNames.westeurope}`)).status).toBe(200);
    const answer = await bot.fake.waitForCall((c) => c.method === 'response_url' && /Backup items of/.test(texts(c.args)), 'the items answer', since);
    expect(answer.args.response_type).toBe('ephemeral');
    const shown = texts(answer.args.blocks);
    expect(shown).toContain('web-01');
    expect(shown).toContain('web-02');
    expect(shown).toMatch(/Initial backup pending/i);
    expect(shown).toContain('No backup yet');
    expect(shown).toMatch(/Last backup: (Completed|Failed|CompletedWithWarnings) (today|\d+ days? ago)/);
    expect(shown).toMatch(/Next run: \w{3} \d+ \w{3} \d{4}, \d\d:\d\d UTC/);
    expect(shown).toContain('"action_id":"now.start"');
    expect(bot.fake.messages(CHANNEL)).toHaveLength(posted);
  });
});
