/**
 * One effect per identical card action, decided by the guarded flows alone: in a Teams channel a
 * card answered to one person still shows its form to everyone else (an Action.Execute invoke
 * response replaces the card for the person who pressed it; learn.microsoft.com, "Work with
 * Universal Actions for Adaptive Cards"), so a colleague can submit the same form. A submission
 * that failed never blocks that, and a repeat after success is told who did it and when.
 * Activities follow teams-activities.ts (Bot Framework activity schema, Teams channel message
 * and adaptiveCard/action invoke).
 */
import { executeActivity, mentionActivity, TEAMS } from './teams-activities';
import { cardText, findAction, findInput, TeamsDriver, type CardAt, type HttpAnswer } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';
import { eventually } from '../../support/eventually';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const CHANNEL = { conversationType: 'channel', tenantId: TEAMS.tenantId, isGroup: true, id: '19:ops@thread.tacv2;messageid=1' };
const BO = { id: '29:4d5e6f-user', name: 'Bo Operator', aadObjectId: '6c1f2e3d-0000-4000-8000-0000000000b0' };

describe('Teams: a failed card action never blocks the same action later', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;

  beforeAll(async () => {
    h = await startTeamsHarness();
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());

  /** A command typed in the channel (@mention); returns the card the bot posted. */
  const sayInChannel = (text: string): Promise<CardAt> => teams.say(text, mentionActivity(h.connector.serviceUrl, text));

  /**
   * Presses a card's button as `who` in the channel; returns the card or message Teams gets back,
   * followed by the card of a new post in the channel when the result was announced there.
   */
  const pressAs = async (who: typeof TEAMS.user, at: CardAt, title: string, inputs: Record<string, string> = {}): Promise<string> => {
    const action = findAction(at.card, title);
    const activity = { ...executeActivity(h.connector.serviceUrl, at.activityId, { verb: String(action.verb), data: action.data as Record<string, unknown> }, inputs), from: who, conversation: CHANNEL };
    const before = h.connector.calls.length;
    const answer: HttpAnswer = await teams.post(activity);
    expect(answer.status).toBe(200);
    const body = answer.body as { type: string; value: unknown };
    const shown = body.type === ADAPTIVE ? cardText(body.value as Record<string, unknown>) : String(body.value);
    const created = () => h.connector.calls.slice(before).filter((c) => c.kind === 'create');
    // The channel post follows the invoke's answer, which never waits on the connector.
    if (/posted in the channel|a new post in this channel/i.test(shown)) await eventually(() => created().length > 0, { what: 'the post in the channel' });
    const announced = created().map((c) => cardText(h.connector.cardsOf(c)[0]));
    return [shown, ...announced].join('\n');
  };

  const successfulPosts = (pattern: RegExp): number => h.backup.emulator.requests().filter((r) => r.method === 'POST' && pattern.test(r.path) && r.status < 300).length;
  const backupTrigger = /\/protectedItems\/[^/]*web-01\/backup$/i;

  it('runs Backup now for a colleague once the Azure fault that failed it has cleared, then tells the first who did it', async () => {
    const form = await sayInChannel('backup now web-01');
    const date = String(findInput(form.card, 'retainUntil').value);

    h.backup.emulator.injectFault({ kind: 'server-error', pathPattern: 'protectedItems/[^/]*web-01/backup$', method: 'POST', count: 1000, status: 500 });
    expect(await pressAs(TEAMS.user, form, 'Back up now', { retainUntil: date })).toMatch(/Backup of web-01 did not start/);
    h.backup.emulator.clearFaults();

    expect(await pressAs(BO, form, 'Back up now', { retainUntil: date })).toMatch(/Backup of web-01/);
    expect(successfulPosts(backupTrigger)).toBe(1);

    const again = await pressAs(TEAMS.user, form, 'Back up now', { retainUntil: date });
    expect(again).toMatch(/^Already done/);
    expect(again).toContain(`${BO.name} (${BO.aadObjectId}) already made this exact request at`);
    expect(successfulPosts(backupTrigger)).toBe(1);
  });

  it('stops protection for a colleague after a failed stop, and tells a third press who stopped it', async () => {
    await h.backup.emulator.advance(2 * 60 * 60_000);
    const confirm = await sayInChannel('backup stop web-01');
    const stopPut = /protectedItems\/[^/]*web-01$/i;
    const stops = (): number => h.backup.emulator.requests().filter((r) => (r.method === 'PUT' || r.method === 'DELETE') && stopPut.test(r.path) && r.status < 300).length;

    h.backup.emulator.injectFault({ kind: 'server-error', pathPattern: 'protectedItems/[^/]*web-01$', method: 'PUT', count: 1000, status: 500 });
    expect(await pressAs(TEAMS.user, confirm, 'Stop backups')).toMatch(/^Protection of web-01 was not stopped/);
    expect(stops()).toBe(0);
    h.backup.emulator.clearFaults();

    expect(await pressAs(BO, confirm, 'Stop backups')).toMatch(/Backups of web-01 stopped/);
    const again = await pressAs(TEAMS.user, confirm, 'Stop backups');
    expect(again).toMatch(/^Already done/);
    expect(again).toContain(`${BO.name} (${BO.aadObjectId}) already made this exact request at`);
    expect(stops()).toBe(1);
  });
});
