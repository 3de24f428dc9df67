/**
 * Azure's clock and the bot's disagree by 5 minutes, either way: the emulator's clock runs ahead
 * of or behind the bot's, and the bot, as in production, knows only its own. A Backup job that
 * Azure starts is told once, at the first sweep after it ends, to a channel bound and subscribed
 * just before (on the bot's clock): not missed, not late by the skew, not told twice.
 */
import { createGuardedFlows } from '../../../src/access';
import type { AccessConfig } from '../../../src/config/config.types';
import type { Flows } from '../../../src/flows/flows.types';
import type { Actor } from '../../../src/flows/intents';
import type { FlowResult } from '../../../src/flows/views';
import { createNotificationsPort } from '../../../src/scheduler';
import { SEED } from '../../support/backup-harness';
import { MemoryTrackedJobs } from '../../support/memory-tracked-jobs';
import { CRONS, schedulerFixture, type SchedulerFixture } from './support/scheduler-fixture';

const PROD = SEED.subscriptions.production;
const MINUTE = 60_000;
const SKEW = 5 * MINUTE;
const ACCESS: AccessConfig = {
  bootstrapAdmins: [{ platform: 'slack', workspaceId: 'T0OPS', userId: 'U0ROOT' }],
  defaultChannelScope: 'none',
  defaultRole: 'none',
  costlyActions: { limit: 100, windowMinutes: 10 },
};
const ROOT: Actor = { platform: 'slack', workspaceId: 'T0OPS', userId: 'U0ROOT', displayName: 'root', channelId: 'C0OPS' };

const titleOf = (r: FlowResult): string => (r.kind === 'message' && 'title' in r.view ? String(r.view.title) : r.kind);

for (const [clocks, azureAheadMs] of [
  ['ahead of', SKEW],
  ['behind', -SKEW],
] as const) {
  describe(`Azure's clock 5 minutes ${clocks} the bot's`, () => {
    let f: SchedulerFixture;
    let flows: Flows;

    beforeEach(async () => {
      f = await schedulerFixture({ access: { defaultChannelScope: 'none' } }, { azureAheadMs });
      flows = createGuardedFlows({
        flows: {
          backup: f.azure.service,
          trackedJobs: new MemoryTrackedJobs(),
          portalBaseUrl: 'https://portal.azure.com',
          now: f.botNow,
          notifications: createNotificationsPort({ db: f.store.db, config: CRONS, access: ACCESS }),
        },
        db: f.store.db,
        access: ACCESS,
        now: f.botNow,
      });
    });
    afterEach(async () => {
      flows?.inventory.stop();
      await f?.close();
    });

    const endings = (): string[] => f.messages('C0OPS').filter((m) => m.includes('Backup of web-01'));
    /** Moves both clocks: Azure's (the emulator) and the bot's wall clock with it. */
    const pass = async (ms: number): Promise<void> => {
      await f.azure.emulator.advance(ms);
      f.clock.advance(ms);
    };

    test('a Backup job that starts right after the channel is bound and subscribed is told at the first sweep after it ends, once', async () => {
      expect(titleOf(await flows.handleText(`backup admin bind ${PROD}`, ROOT))).toBe('Channel bound');
      expect(titleOf(await flows.handleText(`backup subscribe subscription ${PROD} jobs`, ROOT))).toBe(`This channel now follows subscription ${PROD}`);
      await f.tick('job-sweep');

      const item = await f.azure.service.findProtectedItem(SEED.protectedVmId);
      const started = await f.azure.service.backupNow(item!, new Date(f.botNow().getTime() + 10 * 24 * 60 * MINUTE));
      // Started on Azure's clock: the bot reads it 5 minutes off.
      expect(started.startTime.getTime() - f.botNow().getTime()).toBeGreaterThanOrEqual(azureAheadMs - MINUTE);

      await pass(30_000);
      await f.tick('job-sweep'); // still running: nothing to tell yet
      expect(endings()).toEqual([]);

      await pass(2 * MINUTE); // the job (90 s) has ended, on Azure's clock well before the bot's reaches its start when Azure is ahead
      expect((await f.azure.service.getJob(started.vaultId, started.name)).status).toBe('Completed');
      await f.tick('job-sweep');
      expect(endings()).toHaveLength(1);
      expect(endings()[0]).toContain('Completed');
      // Times read as past, whichever clock is ahead.
      expect(endings()[0]).not.toMatch(/\(in \d+ (min|hour)/);

      // Later sweeps, past the skew and the query's overlap, tell nothing twice.
      for (let i = 0; i < 4; i++) {
        await pass(5 * MINUTE);
        await f.tick('job-sweep');
      }
      expect(endings()).toHaveLength(1);
    });
  });
}
