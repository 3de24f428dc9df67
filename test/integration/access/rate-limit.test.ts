/** The per-person limit on costly actions: counted per person, refused with when to retry, audited. */
import type { Intent } from '../../../src/flows/intents';
import type { FlowResult } from '../../../src/flows/views';
import { message, noticeOf, person, PROD, ROOT, SEED, startGuardedHarness, type GuardedHarness } from './support/guarded-harness';

/** The title of whatever was answered (a job, or a notice such as Azure refusing a second backup). */
const titleOf = (r: FlowResult): string => (r.kind === 'message' && 'title' in r.view ? r.view.title : r.kind);

describe('rate limit on costly actions', () => {
  let h: GuardedHarness;
  const ana = person('U0ANA', 'C0WEB', 'ana');
  const bo = person('U0BO', 'C0WEB', 'bo');
  const backupNow = (retainUntil: string): Intent => ({ type: 'now.submit', vmId: SEED.protectedVmId, values: { retainUntil } });

  beforeAll(async () => {
    h = await startGuardedHarness({ access: { costlyActions: { limit: 2, windowMinutes: 10 } } });
    await h.text(ROOT, `backup admin bind ${PROD}`);
    await h.text(ROOT, 'backup admin grant operator <@U0ANA|ana>');
    await h.text(ROOT, 'backup admin grant operator <@U0BO|bo>');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('allows the limit, then says when to retry, per person, and counts no duplicate', async () => {
    expect(message(await h.flows.handle(backupNow('2026-12-20'), ana), 'job').phase).toBe('queued');
    // A duplicate is answered from the first run and costs nothing.
    expect(noticeOf(await h.flows.handle(backupNow('2026-12-20'), ana)).title).toBe('Already done');
    await h.backup.emulator.advance(3 * 60_000);
    await h.flows.handle(backupNow('2026-12-21'), ana);

    const refused = noticeOf(await h.flows.handle(backupNow('2026-12-22'), ana));
    expect(refused.title).toBe('Too many costly actions');
    expect(refused.text).toMatch(/You started 2 costly actions .* in the last 10 min, the most allowed\. Try again after .* \(in 7 min\)\. Nothing was changed\./);
    expect(refused.facts).toEqual([{ label: 'Retry after', value: new Date(h.backup.emulator.now().getTime() + 7 * 60_000).toISOString() }]);

    // Someone else is not limited by ana's actions.
    expect(titleOf(await h.flows.handle(backupNow('2026-12-23'), bo))).toMatch(/^Backup of web-01/);

    const denied = (await h.audit()).filter((e) => e.outcome === 'denied');
    expect(denied).toEqual([expect.objectContaining({ action: 'now.submit', detail: expect.stringMatching(/^rate limit/), actor: expect.objectContaining({ userId: 'U0ANA' }) })]);

    // Once the first action leaves the window, the next one runs; the refused one was not claimed.
    await h.backup.emulator.advance(7 * 60_000 + 1000);
    expect(titleOf(await h.flows.handle(backupNow('2026-12-22'), ana))).toMatch(/^Backup of web-01/);
  });
});

describe('rate limit and identical requests at once', () => {
  let h: GuardedHarness;
  const ana = person('U0ANA', 'C0WEB', 'ana');
  const backupNow = (retainUntil: string): Intent => ({ type: 'now.submit', vmId: SEED.protectedVmId, values: { retainUntil } });

  beforeAll(async () => {
    h = await startGuardedHarness({ access: { costlyActions: { limit: 5, windowMinutes: 60 } } });
    await h.text(ROOT, `backup admin bind ${PROD}`);
    await h.text(ROOT, 'backup admin grant operator <@U0ANA|ana>');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts one action for identical presses that arrive together: those that lose the claim give their count back', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => h.flows.handle(backupNow('2026-12-20'), ana)));
    expect(results.filter((r) => r.kind === 'message' && r.view.kind === 'job')).toHaveLength(1);
    expect(results.map(titleOf).filter((t) => /^Already (done|in progress)$/.test(t))).toHaveLength(3);
    // Four more of the five allowed, then the limit.
    for (const day of [21, 22, 23, 24]) {
      await h.backup.emulator.advance(60_000);
      expect(titleOf(await h.flows.handle(backupNow(`2026-12-${day}`), ana))).toMatch(/^Backup of web-01/);
    }
    expect(titleOf(await h.flows.handle(backupNow('2026-12-25'), ana))).toBe('Too many costly actions');
  });
});

describe('rate limit shared by replicas', () => {
  let h: GuardedHarness;
  const ana = person('U0ANA', 'C0WEB', 'ana');
  const backupNow = (retainUntil: string): Intent => ({ type: 'now.submit', vmId: SEED.protectedVmId, values: { retainUntil } });

  beforeAll(async () => {
    h = await startGuardedHarness({ access: { costlyActions: { limit: 2, windowMinutes: 10 } } });
    await h.text(ROOT, `backup admin bind ${PROD}`);
    await h.text(ROOT, 'backup admin grant operator <@U0ANA|ana>');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('counts on one replica what the person did on another, and keeps counting after a restart', async () => {
    const second = h.replica();
    expect(message(await h.flows.handle(backupNow('2026-12-20'), ana), 'job').phase).toBe('queued');
    await h.backup.emulator.advance(60_000);
    expect(titleOf(await second.handle(backupNow('2026-12-21'), ana))).toMatch(/^Backup of web-01/);

    await h.backup.emulator.advance(60_000);
    const restarted = h.replica();
    const refused = noticeOf(await restarted.handle(backupNow('2026-12-22'), ana));
    expect(refused.title).toBe('Too many costly actions');
    expect(refused.text).toMatch(/Try again after .* \(in 8 min\)\./);
    expect(noticeOf(await h.flows.handle(backupNow('2026-12-22'), ana)).title).toBe('Too many costly actions');
  });
});
