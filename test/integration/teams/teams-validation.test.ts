/**
 * Activities the bot cannot take (a missing or wrongly typed type, from, channelId, serviceUrl or
 * conversation) are answered 400 on /api/messages before botbuilder sees them, and leave nothing
 * in the store; a card button without inputs keeps the values its intent carries.
 */
import { readCardAction } from '../../../adapters/teams/card-action-data';
import { SEARCH_VERB } from '../../../cards/teams';
import { TeamsDriver } from './teams-driver';
import { messageActivity } from './teams-activities';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

describe('malformed activities on the Teams endpoint', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ withoutAzure: true });
  });
  afterAll(() => h.close());

  const rows = async (): Promise<number> =>
    (await h.store.db.selectFrom('processed_events').select('key').execute()).length + (await h.store.db.selectFrom('conversation_refs').select('id').execute()).length;

  const broken = (change: (a: Record<string, unknown>) => void): Record<string, unknown> => {
    const a = messageActivity(h.connector.serviceUrl, 'backup help');
    change(a);
    return a;
  };

  it.each([
    ['without type', (a: Record<string, unknown>) => delete a.type],
    ['with a number as type', (a: Record<string, unknown>) => (a.type = 5)],
    ['without from', (a: Record<string, unknown>) => delete a.from],
    ['with a string as from', (a: Record<string, unknown>) => (a.from = 'x'.repeat(100_000))],
    ['without channelId', (a: Record<string, unknown>) => delete a.channelId],
    ['with a huge channelId', (a: Record<string, unknown>) => (a.channelId = 'x'.repeat(100_000))],
    ['with an array as serviceUrl', (a: Record<string, unknown>) => (a.serviceUrl = [1])],
    ['without serviceUrl', (a: Record<string, unknown>) => delete a.serviceUrl],
    ['with a conversation without id', (a: Record<string, unknown>) => (a.conversation = { a: 1 })],
  ])('answers an activity %s with 400 and stores nothing', async (_name, change) => {
    const before = await rows();
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(broken(change)) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Malformed activity: /);
    expect(await rows()).toBe(before);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('still takes a well-formed one (the control)', async () => {
    const answer = await new TeamsDriver(h).post(messageActivity(h.connector.serviceUrl, 'backup help'));
    expect(answer.status).toBe(200);
    expect(h.connector.calls).toHaveLength(1);
  });
});

describe('card action data', () => {
  const vmId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web-01';

  it('keeps the values an intent carries when its card has no inputs', () => {
    const intent = { type: 'now.submit', vmId, values: { retainUntil: '2027-01-01' } };
    const action = readCardAction('now.submit', { intent, origin: 'message' }, SEARCH_VERB);
    expect(action).toMatchObject({ intent, values: { retainUntil: '2027-01-01' } });
  });

  it('takes the inputs of a form card instead', () => {
    const intent = { type: 'now.submit', vmId, values: { retainUntil: '2027-01-01' } };
    const action = readCardAction('now.submit', { intent, origin: 'form', fields: { retainUntil: 'one' }, retainUntil: '2027-02-02' }, SEARCH_VERB);
    expect(action).toMatchObject({ intent: { ...intent, values: { retainUntil: '2027-02-02' } }, values: { retainUntil: '2027-02-02' } });
  });
});
