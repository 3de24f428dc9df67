/**
 * The Teams adapter through its public surface: Bot Framework activities posted to
 * /api/messages as Teams sends them, replies and updates recorded by a fake Bot Connector, and
 * the ARM emulator behind the real Azure backup service.
 */
import { SEED } from '../../../emulator';
import { listConversationRefs } from '../../../src/store';
import { readConversationReference } from '../../../adapters/teams';
import { installActivity, mentionActivity, messageActivity, searchActivity } from './teams-activities';
import { cardText, findAction, findInput, textAfterInput, TeamsDriver, type CardAt } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const MINUTE = 60_000;

/** Moves the emulator's clock and runs the job tracker's passes until the job message is final. */
async function runJobToTheEnd(h: TeamsHarness, activityId: string): Promise<Record<string, unknown>> {
  for (let pass = 0; pass < 12; pass += 1) {
    await h.backup.emulator.advance(5 * MINUTE);
    await h.flows.jobs.refreshTrackedJobs((update) => h.teams.messenger.publishJobUpdate(update));
    if ((await h.trackedJobs.listOpen()).length === 0) break;
  }
  const updates = h.connector.calls.filter((c) => c.kind === 'update' && c.activityId === activityId);
  expect(updates.length).toBeGreaterThan(0);
  return h.connector.cardsOf(updates.at(-1)!)[0];
}

/** Backup now from a card's "Backup now" button (a message card: the form comes as a new message). */
async function backupNow(h: TeamsHarness, teams: TeamsDriver, from: CardAt, vmName: string): Promise<void> {
  const form = await teams.pressAndFollow(from, 'Backup now');
  expect(cardText(form.card)).toContain(vmName);
  const date = findInput(form.card, 'retainUntil');
  expect(date.type).toBe('Input.Date');
  expect(date.isRequired).toBe(true);
  expect(typeof date.min).toBe('string');
  expect(typeof date.max).toBe('string');

  // The server checks again: a date in the past comes back as the same form, the error under the field.
  const invalid = await teams.pressAndReplace(form, 'Back up now', { retainUntil: '2001-01-01' });
  expect(findInput(invalid.card, 'retainUntil')).toBeDefined();
  expect(textAfterInput(invalid.card, 'retainUntil').join(' ')).toMatch(/future/i);

  const job = await teams.pressAndReplace(invalid, 'Back up now', { retainUntil: String(date.value) });
  expect(cardText(job.card)).toContain(`Backup of ${vmName}`);
  expect(h.trackedJobs.rows).toHaveLength(1);

  const final = await runJobToTheEnd(h, job.activityId);
  expect(cardText(final)).toMatch(/Completed/);
  expect(cardText(final)).toContain('Recovery point');
}

describe('Teams: the VM path to a completed Backup now', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());

  it('enables backup of web-02 from typed commands and cards replaced in place, then backs it up now', async () => {
    const picker = await teams.say('backup enable');
    const vmInput = findInput(picker.card, 'vm');
    expect(vmInput).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered', 'choices.data': { type: 'Data.Query' } });

    // The search step (clients without typeahead): the same form, with the matching VMs as choices.
    const searched = await teams.pressAndReplace(picker, 'Search', { vmSearch: 'web-02' });
    const choices = findInput(searched.card, 'vm').choices as { value: string }[];
    expect(choices.map((c) => c.value)).toContain(SEED.unprotectedVmId);

    const vaultStep = await teams.pressAndReplace(searched, 'Next', { vm: SEED.unprotectedVmId });
    expect(vaultStep.activityId).toBe(picker.activityId);
    expect(findInput(vaultStep.card, 'vaultName')).toMatchObject({ type: 'Input.Text', regex: '^[A-Za-z][A-Za-z0-9-]{1,49}$' });

    // A new vault with a bad name: the flows refuse it and the card shows why, under the name.
    const badName = await teams.pressAndReplace(vaultStep, 'Next', { vault: 'new', vaultName: '9-lives' });
    expect(textAfterInput(badName.card, 'vaultName').join(' ')).toMatch(/start with a letter/);

    const policyStep = await teams.pressAndReplace(badName, 'Next', { vault: SEED.vaultIds.westeurope, vaultName: '' });
    const confirm = await teams.pressAndReplace(policyStep, 'Next', { policy: 'default' });
    expect(cardText(confirm.card)).toContain('rsv-prod-weu');

    const result = await teams.pressAndReplace(confirm, 'Enable Backup');
    expect(cardText(result.card)).toContain('Initial backup pending');
    expect(h.connector.calls.filter((c) => c.kind !== 'update')).toHaveLength(1);

    // A second click on "Enable Backup" (same card, same inputs) does not run it twice: the card says who did it and when.
    const again = await teams.press(confirm, 'Enable Backup');
    expect(again.answer.body).toMatchObject({ type: ADAPTIVE });
    expect(cardText((again.answer.body as { value: Record<string, unknown> }).value)).toMatch(/^Already done[\s\S]*You already made this exact request at /);
    expect(h.backup.emulator.requests().filter((r) => r.method === 'PUT' && /protectedItems\/[^/]*web-02$/i.test(r.path) && r.status < 300)).toHaveLength(1);

    await backupNow(h, teams, result, 'web-02');
  });

  it('answers Teams typeahead (application/search) from the inventory', async () => {
    // Typed without the `backup` prefix, as Teams' command menu inserts it.
    const picker = await teams.say('enable');
    const dataset = String((findInput(picker.card, 'vm')['choices.data'] as { dataset: string }).dataset);
    const answer = await teams.post(searchActivity(h.connector.serviceUrl, dataset, 'sql'));
    expect(answer.status).toBe(200);
    const body = answer.body as { type: string; value: { results: { title: string; value: string }[] } };
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(body.value.results.map((r) => r.value)).toContain(SEED.unprotectedWindowsVmId);
    expect(body.value.results.length).toBeLessThanOrEqual(15);
  });

  it('handles a redelivered message once', async () => {
    const activity = messageActivity(h.connector.serviceUrl, 'backup help');
    const before = h.connector.calls.length;
    await teams.post(activity);
    await teams.post(activity);
    expect(h.connector.calls.length - before).toBe(1);
  });
});

describe('Teams: the vault path to a completed Backup now', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());

  it('protects several VMs from a vault (one refused with its reason) when @mentioned in a channel', async () => {
    const pick = await teams.say('vault', mentionActivity(h.connector.serviceUrl, 'backup vault'));
    const settings = await teams.pressAndReplace(pick, 'Next', { vault: SEED.vaultIds.westeurope });
    const vmsStep = await teams.pressAndReplace(settings, 'Next', { policy: 'default' });
    expect(findInput(vmsStep.card, 'vms')).toMatchObject({ isMultiSelect: true });

    const result = await teams.pressAndReplace(vmsStep, 'Enable Backup', {
      vms: [SEED.unprotectedWindowsVmId, SEED.otherRegionVmId].join(','),
    });
    const text = cardText(result.card);
    expect(text).toContain('sql-01');
    expect(text).toContain('app-01');
    expect(text).toMatch(/northeurope|region/i);

    const protectedNow = findAction(result.card, 'Backup now');
    expect(protectedNow.verb).toBe('now.start');
    await backupNow(h, teams, result, 'sql-01');
  });

  it('stores the conversation reference when installed and posts notifications through it', async () => {
    const answer = await teams.post(installActivity(h.connector.serviceUrl));
    expect(answer.status).toBe(200);
    const refs = await listConversationRefs(h.store.db, { platform: 'teams' });
    const personal = refs.find((r) => r.conversationId.startsWith('a:'));
    expect(personal?.tenantId).toBeDefined();
    const reference = readConversationReference(personal!.reference);

    const before = h.connector.calls.length;
    await h.teams.messenger.postView(reference, {
      kind: 'notice',
      tone: 'warning',
      title: 'Initial backup pending',
      text: '2 VMs still wait for their first backup.',
      actions: [],
    });
    const sent = h.connector.calls.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].conversationId).toBe(reference.conversation!.id);
    expect(sent[0].activity.attachments).toEqual([expect.objectContaining({ contentType: ADAPTIVE })]);
  });
});
