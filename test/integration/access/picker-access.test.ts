/**
 * The type-ahead keeps a person's role and the channel's scope for a few seconds
 * (src/access/picker-access.ts), yet a revoke or an unbind made through the bot refuses the very
 * next keystroke: the kept answers are dropped when an admin command runs.
 */
import { noticeOf, person, PROD, ROOT, startGuardedHarness, type GuardedHarness } from './support/guarded-harness';

const ANA = person('U0ANA', 'C0WEB', 'ana');

describe('type-ahead after a revoke or an unbind', () => {
  let h: GuardedHarness;
  beforeAll(async () => {
    h = await startGuardedHarness();
    expect(noticeOf(await h.text(ROOT, `backup admin bind ${PROD}/rg-web-prod`)).title).toBe('Channel bound');
  });
  afterAll(async () => {
    await h?.close();
  });

  it("refuses a revoked person's next keystroke", async () => {
    expect(await h.flows.suggest({ kind: 'vms' }, 'web', ANA)).toEqual([]);
    await h.text(ROOT, 'backup admin grant viewer <@U0ANA|ana>');
    expect((await h.flows.suggest({ kind: 'vms' }, 'web', ANA)).length).toBeGreaterThan(0);
    expect((await h.flows.suggest({ kind: 'vms' }, 'web-0', ANA)).length).toBeGreaterThan(0);
    expect(noticeOf(await h.text(ROOT, 'backup admin revoke <@U0ANA>')).title).toBe('ana (U0ANA) is no longer viewer');
    expect(await h.flows.suggest({ kind: 'vms' }, 'web-01', ANA)).toEqual([]);
  });

  it("offers nothing on the keystroke after the channel's last binding is removed", async () => {
    expect((await h.flows.suggest({ kind: 'vms' }, 'web', ROOT)).length).toBeGreaterThan(0);
    await h.text(ROOT, `backup admin unbind ${PROD}/rg-web-prod`);
    expect(await h.flows.suggest({ kind: 'vms' }, 'web', ROOT)).toEqual([]);
  });
});
