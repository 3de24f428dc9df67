/**
 * The vault path through Slack, end to end over HTTP: `/backup vault` -> create a vault (name
 * checked on its field) -> storage replication (GRS default) and a new policy (fields that
 * appear as the frequency and retention rules are chosen) -> several VMs -> Enable Backup ->
 * Backup now (dates refused on the field) -> the job completes in place.
 */
import type { FakeMessage, FakeView, Json } from '../../support/fake-slack-api';
import { POLICY_FIELDS as F } from '../../../src/flows/views';
import { buttonFor, findElement, type SlackPerson } from './support/slack-person';
import { startSlackBot, type SlackBot } from './support/slack-bot';

const inputIds = (v: FakeView): string[] =>
  (v.view.blocks as { type: string; block_id?: string }[]).filter((b) => b.type === 'input').map((b) => b.block_id as string);

describe('Slack: enable backup from a vault for several VMs', () => {
  let bot: SlackBot;
  let person: SlackPerson;

  beforeAll(async () => {
    bot = await startSlackBot();
    person = bot.person('U0VAULT', 'C0VAULT');
  });
  afterAll(async () => {
    await bot?.close();
  });

  const nextOpenedView = async (before: number): Promise<FakeView> => {
    const call = await bot.fake.waitForCall((c) => c.method === 'views.open' && bot.fake.calls('views.open').indexOf(c) >= before && c.response.ok === true, 'views.open');
    return bot.fake.view((call.response.view as Json).id as string) as FakeView;
  };
  const current = (id: string): FakeView => bot.fake.view(id) as FakeView;

  it('creates a vault and policy, protects two VMs and backs one up', async () => {
    expect((await person.slash('vault')).status).toBe(200);
    const modal = await nextOpenedView(0);
    const id = modal.id;
    expect(modal.view.callback_id).toBe('form:vault.pick');
    person.choose(id, 'vault', 'new');
    expect((await person.submit(id)).json?.response_action).toBe('update');
    expect(current(id).view.callback_id).toBe('form:vault.new');

    // An invalid vault name is refused on its field, and nothing is created.
    person.choose(id, 'location', 'westeurope');
    person.choose(id, 'resourceGroup', 'new');
    person.type(id, 'newResourceGroup', 'rg-slack-backup');
    person.type(id, 'vaultName', '9-not-a-letter');
    const refused = await person.submit(id);
    expect(refused.json?.response_action).toBe('errors');
    expect(Object.keys(refused.json?.errors as Json)).toEqual(['vaultName']);
    expect(String((refused.json?.errors as Json).vaultName)).toMatch(/letter/i);
    expect((await bot.harness.service.listVaults()).map((v) => v.name)).not.toContain('9-not-a-letter');

    person.type(id, 'vaultName', 'rsv-slack-weu');
    expect((await person.submit(id)).json?.response_action).toBe('update');
    const settings = current(id);
    expect(settings.view.callback_id).toBe('form:vault.settings');
    // Storage replication: radio buttons, geo-redundant by default.
    const redundancy = findElement(settings.view.blocks as never, 'redundancy').element;
    expect(redundancy.type).toBe('radio_buttons');
    expect((redundancy.initial_option as Json).value).toBe('GeoRedundant');
    person.choose(id, 'redundancy', 'LocallyRedundant');
    person.choose(id, 'policy', 'new');
    expect((await person.submit(id)).json?.response_action).toBe('update');

    // The policy form shows what applies to a daily schedule, and re-renders as choices change.
    const daily = current(id);
    expect(daily.view.callback_id).toBe('form:vault.newPolicy');
    expect(inputIds(daily)).toEqual(expect.arrayContaining([F.name, F.frequency, F.time, F.timeZone, F.dailyDays]));
    expect(inputIds(daily)).not.toContain(F.scheduleDays);
    expect(inputIds(daily)).not.toContain(F.monthlyMonths);
    const updatesBefore = bot.fake.calls('views.update').length;
    expect((await person.change(id, F.frequency, 'Weekly')).status).toBe(200);
    await bot.fake.waitForCall((c) => c.method === 'views.update' && bot.fake.calls('views.update').indexOf(c) >= updatesBefore, 'the policy form re-rendered');
    const weekly = current(id);
    expect(inputIds(weekly)).toEqual(expect.arrayContaining([F.scheduleDays, F.weeklyWeeks]));
    expect(inputIds(weekly)).not.toContain(F.dailyDays);
    const keepBefore = bot.fake.calls('views.update').length;
    await person.change(id, 'slackRetentionRules', ['weekly', 'monthly']);
    await bot.fake.waitForCall((c) => c.method === 'views.update' && bot.fake.calls('views.update').indexOf(c) >= keepBefore, 'monthly rules shown');
    expect(inputIds(current(id))).toEqual(expect.arrayContaining([F.monthlyMonths, F.monthlyWeeks, F.monthlyWeekdays]));
    await person.change(id, 'slackRetentionRules', ['weekly']);
    await bot.fake.waitForCall((c) => c.method === 'views.update' && bot.fake.calls('views.update').indexOf(c) >= keepBefore + 1, 'monthly rules hidden');
    expect(inputIds(current(id))).not.toContain(F.monthlyMonths);

    // A bad policy name is refused on its field.
    person.type(id, F.name, 'bad name!');
    person.choose(id, F.scheduleDays, ['Sunday']);
    person.type(id, F.weeklyWeeks, '8');
    const badPolicy = await person.submit(id);
    expect(badPolicy.json?.response_action).toBe('errors');
    expect(Object.keys(badPolicy.json?.errors as Json)).toEqual([F.name]);

    person.type(id, F.name, 'weekly-sunday');
    expect((await person.submit(id)).json?.response_action).toBe('update');
    const vmsStep = current(id);
    expect(vmsStep.view.callback_id).toBe('form:vault.vms');
    expect(JSON.stringify(vmsStep.view.blocks)).toContain('Locally redundant');

    // Several VMs of the vault's region, from the type-ahead.
    const options = await person.suggest(id, 'vms', '');
    const pickNames = ['web-03', 'lb-01'];
    const picked = options.filter((o) => pickNames.some((n) => (o.text as Json).text === n));
    expect(picked).toHaveLength(2);
    expect(options.some((o) => String((o.text as Json).text).startsWith('app-'))).toBe(false);
    person.chooseSuggested(id, 'vms', picked);
    expect((await person.submit(id)).status).toBe(200);

    const outcomeCall = await bot.fake.waitForCall(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'C0VAULT' && JSON.stringify(c.args.blocks).includes('Initial backup pending'),
      'the vault path outcome',
    );
    const outcome = bot.fake.message('C0VAULT', outcomeCall.response.ts as string) as FakeMessage;
    for (const name of pickNames) expect(JSON.stringify(outcome.blocks)).toContain(name);
    const vault = (await bot.harness.service.listVaults()).find((v) => v.name === 'rsv-slack-weu');
    expect(vault?.location).toBe('westeurope');
    // The new resource group was created (in the vault's region) before the vault.
    expect(vault?.resourceGroup).toBe('rg-slack-backup');
    expect((await bot.harness.service.listResourceGroups?.(vault?.subscriptionId as string))?.find((g) => g.name === 'rg-slack-backup')?.location).toBe('westeurope');
    expect((await bot.harness.service.getStorageRedundancy(vault?.id as string)).redundancy).toBe('LocallyRedundant');
    expect((await bot.harness.service.listPolicies(vault?.id as string)).map((p) => p.name)).toContain('weekly-sunday');

    // Backup now for web-03: past and too-far dates are refused on the date field.
    const opens = bot.fake.calls('views.open').length;
    await person.clickMessageButton(outcome, buttonFor(outcome.blocks, 'now.start', '/web-03'));
    const retain = await nextOpenedView(opens);
    expect(retain.view.callback_id).toBe('form:now.retain');
    const now = bot.harness.emulator.now();
    person.type(retain.id, 'retainUntil', new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10));
    const past = await person.submit(retain.id);
    expect(past.json?.response_action).toBe('errors');
    expect(String((past.json?.errors as Json).retainUntil)).toMatch(/future/i);
    person.type(retain.id, 'retainUntil', `${now.getUTCFullYear() + 120}-01-01`);
    const tooFar = await person.submit(retain.id);
    expect(tooFar.json?.response_action).toBe('errors');
    expect(String((tooFar.json?.errors as Json).retainUntil)).toMatch(/too far/i);
    const backupsBefore = bot.harness.emulator.requests().filter((r) => r.method === 'POST' && /\/backup$/i.test(r.path)).length;
    expect(backupsBefore).toBe(0);

    person.type(retain.id, 'retainUntil', new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10));
    expect((await person.submit(retain.id)).status).toBe(200);
    const jobCall = await bot.fake.waitForCall((c) => c.method === 'chat.postMessage' && /Backup of web-03/.test(String(c.args.text)), 'the job message');
    await bot.trackedJobs.waitForTracked(1);
    await bot.harness.emulator.advance(30 * 60_000);
    await bot.refreshJobs();
    const job = bot.fake.message('C0VAULT', jobCall.response.ts as string) as FakeMessage;
    expect(job.updates).toBe(1);
    expect(job.text).toMatch(/Completed/);
    expect(bot.problems).toEqual([]);
  });

});
