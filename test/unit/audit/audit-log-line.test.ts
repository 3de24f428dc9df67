/**
 * Each audit entry is also one JSON log line marked "audit":true, so a log pipeline keeps a copy
 * outside the database: also, and above all, when the database could not store the entry.
 */
import { createGuardedFlows } from '../../../src/access';
import type { NewAuditRecord } from '../../../src/audit';
import { createLogger } from '../../../src/log';
import { openStore, type Store } from '../../../src/store';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';
import { FakeBackupService } from '../flows/support/fake-backup-service';

const ROOT = { platform: 'slack', workspaceId: 'T1', userId: 'U0ROOT', displayName: 'root', channelId: 'C1' };
const AT = new Date('2026-12-07T10:00:00Z');

describe('audit entries as log lines', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ kind: 'sqlite', file: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  const flowsWith = (append: (entry: NewAuditRecord) => Promise<void>, lines: string[]) =>
    createGuardedFlows({
      flows: { backup: new FakeBackupService(), trackedJobs: new MemoryTrackedJobs(), portalBaseUrl: 'https://portal.azure.com' },
      db: store.db,
      access: { bootstrapAdmins: [{ platform: 'slack', workspaceId: 'T1', userId: 'U0ROOT' }], defaultChannelScope: 'all', defaultRole: 'none', costlyActions: { limit: 0, windowMinutes: 10 } },
      audit: { append },
      logger: createLogger({ level: 'info', write: (l) => void lines.push(l) }),
      now: () => AT,
    });

  it('writes the entry as a line with a stable marker, stored or not', async () => {
    const stored: NewAuditRecord[] = [];
    const lines: string[] = [];
    const flows = flowsWith(async (e) => void stored.push(e), lines);
    await flows.handleText('backup admin grant viewer <@U0ANA|ana>', ROOT);
    const failing: string[] = [];
    const broken = flowsWith(async () => Promise.reject(new Error('disk I/O error')), failing);
    await broken.handleText('backup admin grant viewer <@U0BO|bo>', ROOT);
    flows.inventory.stop();
    broken.inventory.stop();

    const auditLines = (ls: string[]) => ls.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === true);
    expect(stored).toHaveLength(1);
    expect(auditLines(lines)).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'audit entry',
        component: 'audit',
        stored: true,
        at: AT.toISOString(),
        actor: expect.objectContaining({ platform: 'slack', workspaceId: 'T1', userId: 'U0ROOT' }),
        action: stored[0].action,
        summary: stored[0].summary,
        outcome: 'succeeded',
      }),
    ]);
    // The database refused it: the log line is the entry's only record, and says so.
    expect(auditLines(failing)).toEqual([expect.objectContaining({ msg: 'audit entry', stored: false, summary: expect.stringContaining('bo'), outcome: 'succeeded' })]);
    expect(failing.some((l) => l.includes('audit: entry not stored'))).toBe(true);
  });
});
