import { parseCommand } from '../../../src/commands/command-parser';
import { countOf, dayOf, placementOf, summaryLine, threadSummaryView } from '../../../src/notifications/day-threads';
import { eventsWords } from '../../../src/notifications/subscription-scope';
import { eventsOf } from '../../../src/flows/subscription.flow';

const counts = (completed: number, failed = 0, warnings = 0, cancelled = 0) => ({ completed, failed, warnings, cancelled });

describe('day threads: the summary line', () => {
  test.each([
    [counts(11, 1), '12 jobs ended today: 11 completed, 1 failed'],
    [counts(2, 1), '3 jobs ended today: 2 completed, 1 failed'],
    [counts(1), '1 job ended today: 1 completed'],
    [counts(0, 2), '2 jobs ended today: 2 failed'],
    [counts(3, 1, 2, 1), '7 jobs ended today: 3 completed, 2 completed with warnings, 1 failed, 1 cancelled'],
  ])('%j reads "%s"', (c, line) => {
    expect(summaryLine(c)).toBe(line);
  });

  test('the view names the day and says failures are also in the channel when there are some', () => {
    expect(threadSummaryView(counts(2, 1), '2026-12-07')).toMatchObject({ kind: 'notice', tone: 'warning', title: '3 jobs ended today: 2 completed, 1 failed', text: expect.stringContaining('7 Dec 2026') });
    expect(threadSummaryView(counts(2), '2026-12-07').text).not.toMatch(/failures/);
    expect(threadSummaryView(counts(2), '2026-12-07').tone).toBe('success');
    // The day is the server's: its zone is named.
    expect(threadSummaryView(counts(2), '2026-12-07', 'Europe/Paris').text).toContain('on 7 Dec 2026 (the day in Europe/Paris)');
    expect(threadSummaryView(counts(2), '2026-12-07').text).toContain(`(the day in ${Intl.DateTimeFormat().resolvedOptions().timeZone})`);
  });

  test('each ending counts once, in its own column; a job still running counts nothing', () => {
    expect(countOf('Completed')).toEqual(counts(1));
    expect(countOf('CompletedWithWarnings')).toEqual(counts(0, 0, 1));
    expect(countOf('Failed')).toEqual(counts(0, 1));
    expect(countOf('Cancelled')).toEqual(counts(0, 0, 0, 1));
    expect(countOf('InProgress')).toEqual(counts(0));
  });

  test('the day is the calendar day in the time zone (the server\'s by default)', () => {
    const late = new Date('2026-12-07T23:30:00Z');
    expect(dayOf(late, 'UTC')).toBe('2026-12-07');
    expect(dayOf(late, 'Europe/Berlin')).toBe('2026-12-08');
    expect(dayOf(late, 'America/New_York')).toBe('2026-12-07');
    expect(dayOf(new Date('2026-12-08T04:30:00Z'), 'America/New_York')).toBe('2026-12-07');
  });
});

describe('day threads: where a job ending goes', () => {
  test('not threaded: a channel post as before', () => {
    expect(placementOf('slack', 'Failed', false)).toEqual({ inThread: false, broadcast: 'none' });
    expect(placementOf('teams', 'Completed', false)).toEqual({ inThread: false, broadcast: 'none' });
  });
  test('threaded: a reply; a failure also in the channel (Slack: the reply itself, Teams: a post of its own)', () => {
    expect(placementOf('slack', 'Completed', true)).toEqual({ inThread: true, broadcast: 'none' });
    expect(placementOf('slack', 'CompletedWithWarnings', true)).toEqual({ inThread: true, broadcast: 'none' });
    expect(placementOf('slack', 'Failed', true)).toEqual({ inThread: true, broadcast: 'with-reply' });
    expect(placementOf('teams', 'Failed', true)).toEqual({ inThread: true, broadcast: 'channel-post' });
    expect(placementOf('teams', 'Cancelled', true)).toEqual({ inThread: true, broadcast: 'none' });
  });
});

describe('`threaded` in backup subscribe', () => {
  test('is an event word, alone or with the others', () => {
    expect(parseCommand('subscribe rsv-prod-weu threaded')).toEqual({ ok: true, intent: { type: 'subscribe', scope: 'rsv-prod-weu', events: ['threaded'] } });
    expect(parseCommand('subscribe rg rg-web failures threaded')).toEqual({ ok: true, intent: { type: 'subscribe', scope: 'rg-web', scopeKind: 'resource-group', events: ['failures', 'threaded'] } });
  });
  test('alone it keeps the defaults (digest and every job); it never applies without job events', () => {
    expect(eventsOf(['threaded'])).toEqual({ pendingDigest: true, jobs: 'all', threaded: true });
    expect(eventsOf(['failures', 'threaded'])).toEqual({ pendingDigest: false, jobs: 'failures', threaded: true });
    expect(eventsOf(['pending', 'threaded'])).toEqual({ pendingDigest: true, jobs: 'none' });
    expect(eventsOf(['jobs'])).toEqual({ pendingDigest: false, jobs: 'all' });
  });
  test('`backup subscriptions` says it', () => {
    expect(eventsWords({ pendingDigest: false, jobs: 'all', threaded: true })).toBe('every finished backup job in one thread a day (failures also in the channel)');
  });
});
