import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SEED, startEmulator } from '../../emulator';
import { ArmClient, BACKUP_API, COMPUTE_API } from './support/arm-client';
import { getJob, triggerBackup } from './support/flows';
import { WEU_VAULT } from './support/seed-paths';
import { eventually } from '../support/eventually';

const REPO = path.resolve(__dirname, '../..');

describe('scale and the real clock', () => {
  it('lists 100,000 extra VMs completely through nextLink pages', async () => {
    const started = Date.now();
    const emulator = await startEmulator({ clock: 'manual', seed: { extraVms: 100_000 } });
    const startMs = Date.now() - started;
    try {
      const arm = new ArmClient(emulator);
      const listed = Date.now();
      let count = 0;
      let pages = 0;
      for (const sub of emulator.subscriptionIds) {
        const result = await arm.listAll(`/subscriptions/${sub}/providers/Microsoft.Compute/virtualMachines?${COMPUTE_API}`);
        count += result.items.length;
        pages += result.pages;
      }
      // A figure for the report, not an assertion: speed belongs to benchmarks.
      console.log(`[scale] start with 100,035 VMs: ${startMs} ms; ListAll over ${pages} pages: ${Date.now() - listed} ms`);
      expect(count).toBe(100_000 + 35);
    } finally {
      await emulator.close();
    }
  });

  it('moves jobs along with wall-clock time scaled by timeScale', async () => {
    const emulator = await startEmulator({ clock: 'real', timeScale: 2000, backupJobDurationMs: 90_000 });
    try {
      const arm = new ArmClient(emulator);
      const { jobName } = await triggerBackup(arm, WEU_VAULT, SEED.protectedVmId);
      // 90 s of emulated time is 45 ms of real time here: wait for the job to leave InProgress.
      const status = await eventually(async () => {
        const s = (await getJob(arm, WEU_VAULT, jobName)).properties.status;
        return s === 'InProgress' ? undefined : s;
      }, { what: 'the job to end' });
      expect(status).toBe('Completed');
      const points = await arm.get(`${WEU_VAULT}/backupFabrics/Azure/protectionContainers/IaasVMContainer;iaasvmcontainerv2;rg-web-prod;web-01/protectedItems/VM;iaasvmcontainerv2;rg-web-prod;web-01/recoveryPoints?${BACKUP_API}`);
      expect(points.body.value).toHaveLength(6);
    } finally {
      await emulator.close();
    }
  });

  it('does not keep the process alive after close() with a real clock', () => {
    const script = `
      const { startEmulator } = require('./emulator');
      startEmulator({ clock: 'real', timeScale: 1 }).then((e) => e.close()).then(() => console.log('closed'));
    `;
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(result.stdout).toContain('closed');
    expect(result.status).toBe(0);
  });
});
