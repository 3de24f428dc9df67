/**
 * The guarded flows (src/access) on the real Azure BackupService against the ARM emulator, with
 * a real store (SQLite in memory, migrated) and a settable access configuration.
 */
import { createGuardedFlows } from '../../../../src/access';
import type { AccessConfig } from '../../../../src/config/config.types';
import type { Flows } from '../../../../src/flows/flows.types';
import type { Actor, Intent } from '../../../../src/flows/intents';
import type { FlowResult, FormView, MessageView, NoticeView } from '../../../../src/flows/views';
import { createLogger, type Logger } from '../../../../src/log';
import { openStore, type Store } from '../../../../src/store';
import { queryAuditLog, type AuditRecord } from '../../../../src/store/repositories/audit-log.repository';
import { SEED, startBackupHarness, type BackupHarness, type BackupHarnessOptions } from '../../../support/backup-harness';
import { MemoryTrackedJobs } from '../../../support/memory-tracked-jobs';

export { SEED };

export const WORKSPACE = 'T0OPS';
export const PROD = SEED.subscriptions.production;

export const DEFAULT_ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: WORKSPACE, userId: 'U0ROOT' }],
  defaultChannelScope: 'none',
  defaultRole: 'none',
  costlyActions: { limit: 100, windowMinutes: 10 },
};

/** A Slack person in a channel of the test workspace. */
export function person(userId: string, channelId = 'C0WEB', displayName?: string): Actor {
  return { platform: 'slack', workspaceId: WORKSPACE, userId, channelId, ...(displayName ? { displayName } : {}) };
}
export const ROOT = person('U0ROOT', 'C0WEB', 'root');

export interface GuardedHarness {
  backup: BackupHarness;
  store: Store;
  flows: Flows;
  /** Another bot process on the same store and Azure (a second replica, or the bot after a restart). */
  replica(): Flows;
  logs: string[];
  /** Runs a typed command and expects it to answer a message. */
  text(actor: Actor, text: string): Promise<FlowResult>;
  audit(): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

export async function startGuardedHarness(options: { access?: Partial<AccessConfig>; emulator?: BackupHarnessOptions } = {}): Promise<GuardedHarness> {
  const backup = await startBackupHarness({ startTime: new Date('2026-11-24T10:00:00Z'), ...options.emulator });
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  const logs: string[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (line) => void logs.push(line) });
  const started: Flows[] = [];
  const start = (): Flows => {
    const flows = createGuardedFlows({
      flows: { backup: backup.service, trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com', now: () => backup.emulator.now(), logger },
      db: store.db,
      access: { ...DEFAULT_ACCESS, ...options.access },
      logger,
    });
    started.push(flows);
    return flows;
  };
  const flows = start();
  return {
    backup,
    store,
    flows,
    replica: start,
    logs,
    text: (actor, text) => flows.handleText(text, actor),
    audit: () => queryAuditLog(store.db, { limit: 500 }),
    close: async () => {
      for (const f of started) f.inventory.stop();
      await store.close();
      await backup.close();
    },
  };
}

export function form(r: FlowResult): FormView {
  if (r.kind !== 'form') throw new Error(`expected a form, got ${r.kind}: ${JSON.stringify(r).slice(0, 800)}`);
  return r.view;
}

export function message<K extends MessageView['kind']>(r: FlowResult, kind: K): Extract<MessageView, { kind: K }> {
  if (r.kind !== 'message' || r.view.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(r).slice(0, 800)}`);
  return r.view as Extract<MessageView, { kind: K }>;
}

export function noticeOf(r: FlowResult): NoticeView {
  return message(r, 'notice');
}

export const submit = (f: FormView, values: Record<string, string | string[]>): Intent => ({ ...f.submit.intent, values }) as Intent;
