import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SETTING_LIST } from '../../../src/config';
import { SEED } from '../../../emulator/seed/seed-ids';
import { KNOWN_OUTSIDE_CATALOGUE } from './known-variables';

// deploy/compose/compose.yaml, read as docker compose reads it (YAML merge keys resolved). No
// Docker engine runs here, so what can be checked without one is checked.

const ROOT = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const compose = YAML.parse(fs.readFileSync(path.join(ROOT, 'deploy', 'compose', 'compose.yaml'), 'utf8'), { merge: true }) as Any;
const bots = Object.entries(compose.services as Record<string, Any>).filter(([name]) => name.startsWith('bot-'));

describe('deploy/compose/compose.yaml', () => {
  it('runs the bot twice from one image, with its own start command, against the PostgreSQL service', () => {
    expect(bots.map(([name]) => name)).toEqual(['bot-1', 'bot-2']);
    for (const [, bot] of bots) {
      expect(bot.image).toBe(compose.services.emulator.image);
      expect(bot.command).toBeUndefined();
      expect(bot.environment.DATABASE_URL).toMatch(/^postgres:\/\/bot:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/bot$/);
      expect(bot.depends_on.postgres.condition).toBe('service_healthy');
      expect(bot.read_only).toBe(true);
    }
    expect(compose.services.emulator.build.dockerfile).toBe('Dockerfile');
  });

  it('gives each replica its own ports, published by the emulator whose network they share', () => {
    const ports = bots.flatMap(([, bot]) => [bot.environment.PORT, bot.environment.METRICS_PORT]);
    expect(new Set(ports).size).toBe(4);
    const published = (compose.services.emulator.ports as string[]).map((p) => p.split(' ')[0].split(':').pop());
    expect(published.sort()).toEqual([...ports].sort());
    for (const [, bot] of bots) expect(bot.network_mode).toBe('service:emulator');
  });

  it('points the bots at the emulator as Azure, with its seeded subscriptions and certificate', () => {
    const emulatorCa = compose.services.emulator.environment.EMULATOR_CA_FILE as string;
    for (const [, bot] of bots) {
      expect(bot.environment.AZURE_SUBSCRIPTION_IDS.split(',')).toEqual([SEED.subscriptions.production, SEED.subscriptions.devTest]);
      expect(bot.environment.AZURE_CA_FILE).toBe(`/emulator/${path.basename(emulatorCa)}`);
      expect(compose.services.emulator.command).toEqual(['node', 'dist/emulator/main.js']);
      expect(fs.existsSync(path.join(ROOT, 'emulator', 'main.ts'))).toBe(true);
    }
  });

  it('sets only environment variables the bot (or the emulator) knows, and no secret in plain text', () => {
    const known = new Set([...SETTING_LIST.map((s) => s.name), ...Object.keys(KNOWN_OUTSIDE_CATALOGUE)]);
    const names = [...bots.flatMap(([, bot]) => Object.keys(bot.environment)), ...Object.keys(compose.services.emulator.environment)];
    expect(names.filter((n) => !known.has(n))).toEqual([]);
    const secrets = SETTING_LIST.filter((s) => s.secret).map((s) => s.name);
    for (const [, bot] of bots) for (const name of secrets) expect({ name, value: bot.environment[name] }).toEqual({ name, value: undefined });
    expect(compose.services.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
  });
});
