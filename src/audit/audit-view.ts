import { notice } from '../flows/flow-results';
import type { NoticeView } from '../flows/views';
import { dateTimeWords } from '../flows/wording';
import type { AuditOutcome, AuditRecord } from './audit.types';
import { plural } from '../flows/plural';

const OUTCOME_WORDS: Record<AuditOutcome, string> = {
  succeeded: 'done',
  partial: 'partly done',
  failed: 'failed',
  denied: 'refused',
};

/** Longest detail shown per entry (a chat message stays readable; the store keeps it whole). */
const DETAIL_CHARS = 300;

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Who acted, as shown: the name they had then, and their id. */
export const actorWords = (r: AuditRecord): string => (r.actor.userName ? `${r.actor.userName} (${r.actor.userId})` : r.actor.userId);

/**
 * `backup audit`: the entries newest first, one line each (when, who, what, outcome), with what
 * was asked for as the title.
 */
/** An action that started and never finished (the bot stopped while it ran). */
export interface InterruptedAction {
  startedAt: Date;
  actor: AuditRecord['actor'];
  action: string;
}

export function auditView(entries: AuditRecord[], asked: { what: string; sinceText: string; limit: number }, interrupted: InterruptedAction[] = []): NoticeView {
  const title = `Audit log: ${asked.what}, ${asked.sinceText}`;
  const unknown = interrupted.map((i) => ({
    label: `${dateTimeWords(i.startedAt)} · ${i.actor.userName ? `${i.actor.userName} (${i.actor.userId})` : i.actor.userId} · ${i.actor.platform}${i.actor.channelId ? ` ${i.actor.channelId}` : ''}`,
    value: `${i.action}: outcome unknown (the bot stopped while it ran; check it in Azure)`,
  }));
  if (entries.length === 0 && unknown.length === 0) return notice('info', title, 'Nothing was recorded for that: no action changed Azure or the bot\'s settings.');
  const more = entries.length >= asked.limit ? ` Showing the latest ${asked.limit}; narrow it with a VM, a person or a shorter "since".` : '';
  const stopped = unknown.length ? ` ${plural(unknown.length, 'action')} never finished: listed last.` : '';
  return notice(unknown.length ? 'warning' : 'info', title, `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, newest first.${more}${stopped}`, {
    facts: [
      ...entries.map((r) => ({
        label: `${dateTimeWords(r.at)} · ${actorWords(r)} · ${r.actor.platform}${r.actor.channelId ? ` ${r.actor.channelId}` : ''}`,
        value: clip(`${r.summary}: ${OUTCOME_WORDS[r.outcome]}${r.detail ? `. ${r.detail}` : ''}`, DETAIL_CHARS),
      })),
      ...unknown,
    ],
  });
}
