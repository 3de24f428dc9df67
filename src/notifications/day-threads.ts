/**
 * Threaded job notifications: which day thread a job ending goes to, how it is shown there, and
 * the summary line at the thread's top. Pure: the time zone and the platform are parameters.
 */
import type { JobStatus } from '../domain/backup.types';
import { plural } from '../flows/plural';
import type { NoticeView } from '../flows/views';
import type { ChatPlatform } from '../store/store.types';
import type { ThreadCounts } from '../store/repositories/threads.repository';

/**
 * The day a notification is told on, YYYY-MM-DD, in `timeZone` (default: the server's, as the
 * digests' schedules are). One thread per channel per such day.
 */
export function dayOf(at: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export const NO_COUNTS: ThreadCounts = { completed: 0, warnings: 0, failed: 0, cancelled: 0 };

/** One job's ending as counts (Cancelling and InProgress are not endings). */
export function countOf(status: JobStatus): ThreadCounts {
  switch (status) {
    case 'Completed':
      return { ...NO_COUNTS, completed: 1 };
    case 'CompletedWithWarnings':
      return { ...NO_COUNTS, warnings: 1 };
    case 'Failed':
      return { ...NO_COUNTS, failed: 1 };
    case 'Cancelled':
      return { ...NO_COUNTS, cancelled: 1 };
    default:
      return NO_COUNTS;
  }
}

export const addCounts = (a: ThreadCounts, b: ThreadCounts): ThreadCounts => ({
  completed: a.completed + b.completed,
  warnings: a.warnings + b.warnings,
  failed: a.failed + b.failed,
  cancelled: a.cancelled + b.cancelled,
});

export const totalOf = (c: ThreadCounts): number => c.completed + c.warnings + c.failed + c.cancelled;

/** "12 jobs ended today: 11 completed, 1 failed" (endings with none left out). */
export function summaryLine(counts: ThreadCounts): string {
  const parts = [
    counts.completed > 0 ? `${counts.completed} completed` : '',
    counts.warnings > 0 ? `${counts.warnings} completed with warnings` : '',
    counts.failed > 0 ? `${counts.failed} failed` : '',
    counts.cancelled > 0 ? `${counts.cancelled} cancelled` : '',
  ].filter(Boolean);
  const total = totalOf(counts);
  return `${plural(total, 'job')} ended today${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

const serverTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "7 Dec 2026" for "2026-12-07". */
function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return Number.isFinite(y) && m >= 1 && m <= 12 ? `${d} ${MONTHS[m - 1]} ${y}` : day;
}

/** The summary line at the top of a channel's day thread, updated in place as jobs end. */
export function threadSummaryView(counts: ThreadCounts, day: string, timeZone: string = serverTimeZone()): NoticeView {
  return {
    kind: 'notice',
    tone: counts.failed > 0 ? 'warning' : 'success',
    title: summaryLine(counts),
    // The day is the server's (dayOf): its zone is named, or "today" reads differently in another one.
    text: `Backup jobs told here on ${dayText(day)} (the day in ${timeZone}): each one is a reply in this thread${counts.failed > 0 ? '; failures are also shown in the channel' : ''}.`,
    actions: [],
  };
}

/**
 * Where a job ending goes for a channel: in the day thread or not, and how a failure is also
 * shown in the channel. Slack does that with the reply itself (reply_broadcast); Teams has no
 * such reply, so there a failure is a reply and a channel post of its own.
 */
export interface JobPlacement {
  inThread: boolean;
  broadcast: 'none' | 'with-reply' | 'channel-post';
}

export function placementOf(platform: ChatPlatform, status: JobStatus, threaded: boolean): JobPlacement {
  if (!threaded) return { inThread: false, broadcast: 'none' };
  if (status !== 'Failed') return { inThread: true, broadcast: 'none' };
  return { inThread: true, broadcast: platform === 'slack' ? 'with-reply' : 'channel-post' };
}
