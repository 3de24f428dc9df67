import fs from 'node:fs';
import path from 'node:path';
import { hotFunctions, isCpuProfile } from '../lib/cpu-profile';
import type { BotProcess } from '../lib/stack';
import type { PartContext } from './part-context';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs `work` with the bot's CPU sampled, and says where the bot's time went (self time per
 * function, idle left out). The profile is kept under --profile's folder, else dropped with the
 * scratch folder.
 */
export async function profileBot(ctx: PartContext, bot: BotProcess, name: string, work: () => Promise<void>): Promise<string> {
  const dir = ctx.profileDir ?? ctx.workDir;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cpuprofile`);
  await bot.profileStart();
  try {
    await work();
  } finally {
    await bot.profileStop(file);
  }
  const profile: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!isCpuProfile(profile)) return 'the CPU profile could not be read';
  const hot = hotFunctions(profile, REPO_ROOT, 12, { excludeIdle: true })
    .slice(0, 8)
    .map((h) => `${h.where} ${(h.share * 100).toFixed(0)} %`);
  const kept = ctx.profileDir !== undefined ? ` (profile: ${path.relative(REPO_ROOT, file)})` : '';
  return `CPU profile of the bot, self time as a share of its busy time: ${hot.join('; ')}${kept}`;
}
