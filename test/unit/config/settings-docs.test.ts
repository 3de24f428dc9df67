import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, SETTING_LIST } from '../../../src/config';

// The catalogue in src/config/settings.ts is the one list of settings; these tests keep the
// loader, .env.example, docs/configuration.md, the README and CI in step with it.

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const NAMES = SETTING_LIST.map((s) => s.name);

describe('the settings catalogue', () => {
  it('is exactly what loadConfig reads from the environment', () => {
    const asked = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_target, key) => {
        if (typeof key === 'string') asked.add(key);
        return undefined;
      },
    });
    loadConfig(env, { cwd: '/tmp' });
    expect([...asked].sort()).toEqual([...NAMES].sort());
  });

  it('has unique names', () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
  });
});

describe('.env.example', () => {
  const text = read('.env.example');
  const entries = [...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => ({ name: m[1], value: m[2] }));

  it('documents every setting, and nothing else', () => {
    expect([...new Set(entries.map((e) => e.name))].sort()).toEqual([...NAMES].sort());
  });

  it('shows the real default where it shows one', () => {
    const literal = SETTING_LIST.filter((s) => s.defaultText !== undefined && !/ (on|when|with) |\$/.test(s.defaultText));
    expect(literal.length).toBeGreaterThan(10);
    for (const setting of literal) {
      const entry = entries.find((e) => e.name === setting.name);
      expect({ name: setting.name, value: entry?.value }).toEqual({ name: setting.name, value: setting.defaultText });
    }
  });

  it('leaves every setting commented out, so copying it to .env changes nothing', () => {
    expect(text).not.toMatch(/^[A-Z][A-Z0-9_]+=/m);
  });
});

describe('docs/configuration.md', () => {
  const text = read('docs/configuration.md');

  it('has a table row for every setting, and none for a setting the bot does not read', () => {
    for (const name of NAMES) expect({ name, documented: text.includes(`| \`${name}\` |`) }).toEqual({ name, documented: true });
    const rows = [...text.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(rows.filter((name) => !NAMES.includes(name))).toEqual([]);
  });
});

describe('README.md', () => {
  const text = read('README.md');

  it('names only settings the bot reads, and links to the full table', () => {
    const named = [...new Set([...text.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]))];
    const known = new Set([...NAMES, 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'TEAMS_DEVELOPER_NAME', 'TEAMS_DEVELOPER_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
    expect(text).toContain('](docs/configuration.md)');
  });

  it('starts with the two commands, and CI runs the second one verbatim', () => {
    const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
    expect(blocks[0]).toBe('npm ci && npm start');
    const ciCommands = read('.ci/run')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !/^(set|cd|export) /.test(line));
    expect(ciCommands).toEqual([blocks[1]]);
  });

  it('keeps the sections other engineers fill in', () => {
    expect(text).toMatch(/^## Slack$/m);
    expect(text).toMatch(/^## Microsoft Teams$/m);
  });
});
