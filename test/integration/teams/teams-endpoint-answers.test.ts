/**
 * What /api/messages answers itself: activities botbuilder would fail on get 400 with the field
 * before any turn runs; invokes the bot does not handle get the answer of an unhandled invoke
 * (200, no body, as the Teams SDK's app.process answers an invoke no route takes) instead of
 * botbuilder's 501; and no answer waits on the activity's serviceUrl, whose calls are bounded.
 *
 * The activities are Teams' documented shapes (teams-activities.ts), each broken in one field.
 * Invoke names are those of botbuilder's TeamsActivityHandler (messaging extensions, task
 * modules, sign-in, config, file consent), which the bot does not implement.
 */
import { createLogger } from '../../../src/log';
import { eventually } from '../../support/eventually';
import { startSilentServer, type SilentServer } from '../../support/silent-server';
import { executeActivity, messageActivity, searchActivity } from './teams-activities';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

type Activity = Record<string, unknown>;

describe('the Teams endpoint answers what botbuilder would fail on', () => {
  let h: TeamsHarness;
  const logs: string[] = [];
  const errors = (): string[] => logs.filter((l) => (JSON.parse(l) as { level: string }).level === 'error');
  beforeAll(async () => {
    h = await startTeamsHarness({ withoutAzure: true, logger: createLogger({ level: 'debug', write: (line) => void logs.push(line) }) });
  });
  afterAll(() => h.close());
  beforeEach(() => void logs.splice(0));

  const rows = async (): Promise<number> =>
    (await h.store.db.selectFrom('processed_events').select('key').execute()).length + (await h.store.db.selectFrom('conversation_refs').select('id').execute()).length;

  const post = async (activity: Activity): Promise<{ status: number; text: string }> => {
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  };

  type Build = (serviceUrl: string) => Activity;
  const message =
    (change: (a: Activity) => void): Build =>
    (serviceUrl) => {
      const a = messageActivity(serviceUrl, 'backup help');
      change(a);
      return a;
    };
  const execute =
    (change: (a: Activity) => void): Build =>
    (serviceUrl) => {
      const a = executeActivity(serviceUrl, 'card-1', { verb: 'help', data: { intent: { type: 'help' }, origin: 'message' } });
      change(a);
      return a;
    };

  it.each([
    ['entities that are not objects', message((a) => (a.entities = [null, 5])), /^Malformed activity: entities\.0: /],
    ['an entity without a type', message((a) => (a.entities = [{ text: '<at>VM Backup</at>' }])), /^Malformed activity: entities\.0\.type: /],
    ['entities that are not a list', message((a) => (a.entities = 'mention')), /^Malformed activity: entities: /],
    ['an invoke without a name', execute((a) => delete a.name), /^Malformed activity: name: an invoke must name what it invokes/],
    ['an Action.Execute without a value', execute((a) => delete a.value), /^Malformed activity: value: /],
    ['an Action.Execute whose action is a number', execute((a) => (a.value = { action: 5 })), /^Malformed activity: value\.action: /],
    ['an Action.Execute without a verb', execute((a) => (a.value = { action: { type: 'Action.Execute' } })), /^Malformed activity: value\.action\.verb: /],
    ['a search without a value', (serviceUrl: string) => ({ ...searchActivity(serviceUrl, '{"kind":"vms"}', 'web'), value: null }), /^Malformed activity: value: /],
  ])('answers %s with 400 naming the field, and runs no turn', async (_name, build, reason) => {
    const before = await rows();
    const answer = await post(build(h.connector.serviceUrl));
    expect(answer.status).toBe(400);
    expect((JSON.parse(answer.text) as { error: { message: string } }).error.message).toMatch(reason);
    await h.teams.idle();
    expect({ rows: await rows(), connector: h.connector.calls.length, errors: errors() }).toEqual({ rows: before, connector: 0, errors: [] });
  });

  it.each(['composeExtension/query', 'composeExtension/submitAction', 'task/fetch', 'signin/verifyState', 'config/fetch', 'fileConsent/invoke', 'tab/fetch', 'vendor/unknown'])(
    'answers an invoke it does not handle (%s) with 200 and no body, without a turn, even without a value',
    async (name) => {
      const before = await rows();
      const answer = await post(
        execute((a) => {
          a.name = name;
          delete a.value;
        })(h.connector.serviceUrl),
      );
      expect({ status: answer.status, body: answer.text }).toEqual({ status: 200, body: '' });
      expect({ rows: await rows(), connector: h.connector.calls.length, errors: errors() }).toEqual({ rows: before, connector: 0, errors: [] });
    },
  );
});

describe('the Teams endpoint never waits on the serviceUrl', () => {
  let h: TeamsHarness;
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
    h = await startTeamsHarness({ withoutAzure: true, connectorCallTimeoutMs: 200 });
  });
  afterAll(async () => {
    await h.close();
    await silent.close();
  });

  it('answers a message at once; its reply goes to the serviceUrl after, and gives up on its own', async () => {
    const closedBefore = silent.closedByClient();
    const res = await fetch(`${h.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(silent.url, 'backup help')),
    });
    // The serviceUrl has answered nothing, and the message is answered anyway.
    expect(res.status).toBe(200);
    await eventually(() => silent.received.some((r) => r.startsWith('POST /v3/conversations/')), { what: 'the reply to reach the serviceUrl' });
    await h.teams.idle();
    await eventually(() => silent.closedByClient() > closedBefore, { what: 'the bot to give up on the silent serviceUrl' });
  });

  it('answers a button that opens a new message at once; the message goes to the serviceUrl after', async () => {
    const received = silent.received.length;
    const res = await fetch(`${h.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(executeActivity(silent.url, 'card-1', { verb: 'help', data: { intent: { type: 'help' }, origin: 'message' } })),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    await eventually(() => silent.received.length > received, { what: 'the new message to reach the serviceUrl' });
  });
});
