/** The answers access control gives instead of running an action: each says why and what to do. */
import { notice } from '../flows/flow-results';
import type { NoticeView } from '../flows/views';
import { dateTimeWords, durationWords, relativeWords } from '../flows/wording';
import type { EffectClaim } from '../store/repositories/access-effects.repository';
import type { Identity } from './access-directory';
import { withArticle, type Requirement, type Role } from './roles';
import { plural } from '../flows/plural';

const listNames = (names: string[]): string => (names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`);

/** "Enabling backup needs the admin role": what the person has, and who grants the role. */
export function roleRefusal(what: string, needed: Exclude<Requirement, 'anyone'>, held: Role | undefined, admins: string[]): NoticeView {
  const youAre = held ? `You are ${withArticle(held)} here.` : 'You have no role here yet.';
  const who = admins.length
    ? `An admin of this workspace (${listNames(admins)}) grants it with \`backup admin grant ${needed} @you\`.`
    : `An admin grants it with \`backup admin grant ${needed} @you\`; the first admins are named in the bot's BOOTSTRAP_ADMINS setting.`;
  return notice('warning', `${what} needs the ${needed} role`, `${youAre} ${who} Nothing was changed.`);
}

/** A channel bound to nothing sees nothing: say so, and how it gets bound. */
export function unboundNotice(): NoticeView {
  return notice(
    'info',
    'This channel is not bound to any Azure scope',
    'The bot shows and changes nothing here until an admin binds the channel to a subscription or a resource group: `backup admin bind <subscription>[/<resource group>]`. `backup admin bindings` shows what a channel is bound to.',
  );
}

/** The action names a resource outside the channel's scope. */
export function outOfScopeNotice(what: string, reason: string): NoticeView {
  return notice('warning', `${what}: not in this channel's scope`, `${reason} Nothing was changed.`);
}

/** Too many costly actions in the window: when to try again. */
export function rateLimitNotice(limit: number, windowMs: number, retryAt: Date, now: Date): NoticeView {
  const wait = Math.max(1000, retryAt.getTime() - now.getTime());
  return notice(
    'warning',
    'Too many costly actions',
    `You started ${plural(limit, 'costly action')} (enabling backup, Backup now) in the last ${durationWords(windowMs)}, the most allowed. Try again after ${dateTimeWords(retryAt)} (in ${durationWords(wait)}). Nothing was changed.`,
    { facts: [{ label: 'Retry after', value: retryAt.toISOString() }] },
  );
}

/** The same request was done, or is running, already: who, when, and how it ended. */
export function duplicateNotice(existing: EffectClaim, who: Identity, now: Date): NoticeView {
  const same = existing.actor.platform === who.platform && existing.actor.userId === who.userId;
  const by = same ? 'You' : existing.actor.userName ? `${existing.actor.userName} (${existing.actor.userId})` : existing.actor.userId;
  const started = `${dateTimeWords(existing.startedAt)} (${relativeWords(existing.startedAt, now)})`;
  const what = existing.summary ? ` ${existing.summary}.` : '';
  if (!existing.finishedAt) {
    return notice('info', 'Already in progress', `${by} started this exact request at ${started}; it is still running, so it was not started again. Its result is posted where it was started.${what}`);
  }
  const outcome = existing.outcome === 'partial' ? 'it was partly done' : 'it was done';
  return notice(
    'info',
    'Already done',
    `${by} already made this exact request at ${started}; ${outcome}, so it was not run again.${what} To do it again, start over or change a value.`,
    { facts: [{ label: 'Done by', value: by }, { label: 'At', value: existing.finishedAt.toISOString() }] },
  );
}

/** An action the bot cannot read: an old button, a malformed payload. Never a crash. */
export function unreadableNotice(problem: string): NoticeView {
  return notice('warning', 'That request could not be read', `${problem} Nothing was changed. Type \`backup help\` to start again.`);
}
