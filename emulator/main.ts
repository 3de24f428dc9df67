/**
 * `npm run emulator`: the ARM emulator alone, with a real clock, for demos and manual testing.
 * Environment: EMULATOR_PORT (8443), EMULATOR_TIME_SCALE (1), EMULATOR_EXTRA_VMS (0),
 * EMULATOR_CA_FILE (data/emulator-ca.pem).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED } from './seed/seed-ids';
import { startEmulator } from './start-emulator';

function numberFromEnv(name: string, fallback: number, check: (n: number) => boolean): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) {
    throw new Error(`${name} must be a valid number (got "${raw}")`);
  }
  return value;
}

async function main(): Promise<void> {
  const port = numberFromEnv('EMULATOR_PORT', 8443, (n) => Number.isInteger(n) && n >= 0 && n < 65536);
  const timeScale = numberFromEnv('EMULATOR_TIME_SCALE', 1, (n) => n > 0);
  const extraVms = numberFromEnv('EMULATOR_EXTRA_VMS', 0, (n) => Number.isInteger(n) && n >= 0);
  const caFile = path.resolve(process.env.EMULATOR_CA_FILE ?? 'data/emulator-ca.pem');

  const emulator = await startEmulator({ port, clock: 'real', timeScale, seed: { extraVms } });
  fs.mkdirSync(path.dirname(caFile), { recursive: true });
  fs.writeFileSync(caFile, emulator.ca);

  const lines = [
    'Azure Resource Manager emulator running',
    `  endpoint        ${emulator.endpoint}`,
    `  CA certificate  ${caFile}`,
    `  subscriptions   ${SEED.subscriptions.production} (production), ${SEED.subscriptions.devTest} (dev/test)`,
    `  clock           real, x${timeScale}; extra VMs: ${extraVms}`,
    '  admin           POST   /_admin/faults          inject a fault (JSON FaultSpec)',
    '                  DELETE /_admin/faults          clear faults',
    '                  POST   /_admin/clock/advance   {"ms": 3600000}',
    '                  GET    /_admin/requests        recorded ARM requests',
    '                  GET    /_admin/state           state summary',
    'Any "Authorization: Bearer <token>" is accepted. Ctrl+C stops.',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    emulator
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('emulator did not close cleanly', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
