/**
 * The notifications as view models of kinds every renderer already knows (notice, job), so a
 * notification looks the same on Slack and Teams and needs no new card. Pure: the clock is a
 * parameter.
 */
import type { ButtonView, Fact, NoticeView } from '../flows/views';
import { dateTimeWords, listWords, plural, relativeWords } from '../flows/wording';

/** A VM in the "initial backup pending" digest. */
export interface DigestItem {
  vmId: string;
  vmName: string;
  vaultName: string;
  policyName?: string;
  /** When the bot first saw it pending. */
  pendingSince: Date;
  /** The policy's next scheduled backup, when known. */
  nextRun?: Date;
}

/** A VM whose first backup completed. */
export interface ClearedItem {
  vmId: string;
  vmName: string;
  vaultName: string;
  /** When its first backup ended, when known. */
  protectedAt?: Date;
}

/** How many VMs a digest names (Slack: 10 fields a section, 25 buttons a row, 50 blocks a message). */
export const DIGEST_MAX_ITEMS = 20;

const at = (d: Date, now: Date): string => `${dateTimeWords(d)} (${relativeWords(d, now)})`;

/**
 * ONE message per channel: the VMs protected but not yet backed up, each with its vault, policy,
 * since when, its next scheduled run and a Backup now button.
 */
export function pendingDigestView(items: DigestItem[], scopeNames: string[], now: Date): NoticeView {
  const sorted = [...items].sort((a, b) => a.pendingSince.getTime() - b.pendingSince.getTime() || a.vmName.localeCompare(b.vmName));
  const shown = sorted.slice(0, DIGEST_MAX_ITEMS);
  const facts: Fact[] = shown.map((item) => ({
    label: item.vmName,
    value: [
      `Vault ${item.vaultName}`,
      `policy ${item.policyName ?? 'unknown'}`,
      `pending since ${at(item.pendingSince, now)}`,
      item.nextRun ? `next scheduled backup ${at(item.nextRun, now)}` : 'no scheduled backup',
    ].join(' · '),
  }));
  const actions: ButtonView[] = shown.map((item) => ({ label: `Backup now: ${item.vmName}`, intent: { type: 'now.start', vm: item.vmId } }));
  const more = sorted.length - shown.length;
  const where = scopeNames.length > 0 ? ` in ${listWords(scopeNames)}` : '';
  const title =
    sorted.length === 1 ? `${sorted[0].vmName} is waiting for its first backup` : `${plural(sorted.length, 'VM')} are waiting for their first backup`;
  return {
    kind: 'notice',
    tone: 'warning',
    title,
    text:
      `Protected${where} but not backed up yet (Warning: Initial backup pending): there is no restore point until the first backup runs. ` +
      `It runs at the policy's next scheduled time, or now with Backup now.` +
      (more > 0 ? ` ${plural(more, 'more VM')} not listed here: \`backup vms\` shows them all.` : ''),
    facts,
    actions,
  };
}

/** The short follow-up when VMs of an earlier digest got their first backup. */
export function nowProtectedView(items: ClearedItem[], now: Date): NoticeView {
  const names = items.map((i) => i.vmName).sort((a, b) => a.localeCompare(b));
  const facts: Fact[] = items.slice(0, DIGEST_MAX_ITEMS).map((item) => ({
    label: item.vmName,
    value: `Vault ${item.vaultName}${item.protectedAt ? ` · first backup ${at(item.protectedAt, now)}` : ''}`,
  }));
  return {
    kind: 'notice',
    tone: 'success',
    title: names.length === 1 ? `${names[0]} is now protected` : `${plural(names.length, 'VM')} are now protected`,
    text: `The first backup of ${listWords(names)} completed: ${names.length === 1 ? 'it has' : 'they have'} a restore point and no longer appear${names.length === 1 ? 's' : ''} in the pending digest.`,
    facts,
    actions: items.length === 1 ? [{ label: 'Status', intent: { type: 'status', target: items[0].vmId } }] : [],
  };
}
