/**
 * Card actions that outlive Teams' invoke (5 s on Teams; a short budget here): the invoke is
 * answered at once, and the result follows through the connector when the flow ends. The slow
 * actions wait out a Retry-After of 1 s, so they outlive the budget however fast the machine; the
 * quick steps before them may outlive it too on a busy machine, and the driver then takes the card
 * that replaces the working one, as Teams shows it: no step depends on the machine's speed.
 */
import { SEED } from '../../../emulator';
import { eventually } from '../../support/eventually';
import type { ConnectorCall } from '../../support/fake-connector';
import { cardText, findInput, TeamsDriver } from './teams-driver';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The first connector call that matches, once the bot has made it. */
const connectorCall = (h: TeamsHarness, match: (call: ConnectorCall) => boolean): Promise<ConnectorCall> =>
  eventually(() => h.connector.calls.find(match), { what: `a connector call; calls so far: ${h.connector.calls.length}` });

describe('Teams: card actions slower than the invoke allows', () => {
  let h: TeamsHarness;
  let teams: TeamsDriver;
  beforeAll(async () => {
    h = await startTeamsHarness({ invokeBudgetMs: 100 });
    teams = new TeamsDriver(h);
  });
  afterAll(() => h.close());

  it('answers "Enable Backup" with a working card, then replaces it with the result', async () => {
    const vaultStep = await teams.say('backup enable web-02');
    expect(findInput(vaultStep.card, 'vault')).toBeDefined();
    const policyStep = await teams.pressAndReplaceInTheEnd(vaultStep, 'Next', { vault: SEED.vaultIds.westeurope, vaultName: '' });
    const confirm = await teams.pressAndReplaceInTheEnd(policyStep, 'Next', { policy: 'default' });
    expect(cardText(confirm.card)).toContain('Enable Backup');

    // Azure throttles the protection request once: the flow waits out its Retry-After.
    h.backup.emulator.injectFault({ kind: 'throttle', pathPattern: '/protectedItems/', method: 'PUT', count: 1, retryAfterSeconds: 1 });
    const before = h.connector.calls.length;
    const { answer } = await teams.press(confirm, 'Enable Backup');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: ADAPTIVE });
    const working = (answer.body as { value: Record<string, unknown> }).value;
    expect(cardText(working)).toMatch(/Working on it/);

    const update = await connectorCall(h, (c) => c.kind === 'update' && c.activityId === confirm.activityId && cardText(h.connector.cardsOf(c)[0]).includes('Initial backup pending'));
    expect(h.connector.calls.indexOf(update)).toBeGreaterThanOrEqual(before);
    // Nothing was posted besides the update of the clicked card.
    expect(h.connector.calls.slice(before).filter((c) => c.kind !== 'update')).toHaveLength(0);
  });

  it('posts the result as a new message when the working card can no longer be replaced', async () => {
    const vaultStep = await teams.say('backup enable web-03');
    const policyStep = await teams.pressAndReplaceInTheEnd(vaultStep, 'Next', { vault: SEED.vaultIds.westeurope, vaultName: '' });
    const confirm = await teams.pressAndReplaceInTheEnd(policyStep, 'Next', { policy: 'default' });
    h.backup.emulator.injectFault({ kind: 'throttle', pathPattern: '/protectedItems/', method: 'PUT', count: 1, retryAfterSeconds: 1 });
    const before = h.connector.calls.length;
    // As if the card had been deleted meanwhile: the connector refuses to update an activity it does not know.
    const { answer } = await teams.press({ ...confirm, activityId: 'deleted-card' }, 'Enable Backup');
    expect(cardText((answer.body as { value: Record<string, unknown> }).value)).toMatch(/Working on it/);

    const posted = await connectorCall(h, (c) => h.connector.calls.indexOf(c) >= before && c.kind !== 'update' && cardText(h.connector.cardsOf(c)[0] ?? {}).includes('web-03'));
    expect(posted.newId).toBeDefined();
  });

  it('answers a slow button of a message card with a short message, then posts the result', async () => {
    const status = await teams.say('backup status web-01');
    expect(cardText(status.card)).toContain('web-01');
    h.backup.emulator.injectFault({ kind: 'throttle', pathPattern: '/virtualMachines/web-01$', method: 'GET', count: 1, retryAfterSeconds: 1 });
    const before = h.connector.calls.length;
    const { answer } = await teams.press(status, 'Refresh');
    expect(answer.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/Working on it/) });

    const posted = await connectorCall(h, (c) => h.connector.calls.indexOf(c) >= before && c.kind !== 'update' && cardText(h.connector.cardsOf(c)[0] ?? {}).includes('web-01'));
    expect(posted.newId).toBeDefined();
  });
});
