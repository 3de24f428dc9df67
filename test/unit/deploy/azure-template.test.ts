import fs from 'node:fs';
import path from 'node:path';
import { SETTING_LIST } from '../../../src/config';
import { KNOWN_OUTSIDE_CATALOGUE } from './known-variables';

// deploy/azure/main.bicep against the settings catalogue and the README's permission table. No
// Bicep compiler runs here (it is not on the npm registry), so the template is read as text.

const ROOT = path.resolve(__dirname, '../../..');
const bicep = fs.readFileSync(path.join(ROOT, 'deploy', 'azure', 'main.bicep'), 'utf8');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Built-in role ids (learn.microsoft.com, "Azure built-in roles"), by the names the README uses. */
const ROLE_IDS: Record<string, string> = {
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'Backup Contributor': '5e467623-bb1f-42f4-a55d-6e525e11384b',
  'Virtual Machine Contributor': '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
};
/** Roles of the table that a granted role already includes (Backup Contributor ⊃ Operator ⊃ Reader). */
const INCLUDED_IN: Record<string, string> = { 'Backup Operator': 'Backup Contributor', 'Backup Reader': 'Backup Contributor' };

/** `{ name: 'X', value: ... }` and `{ name: 'X', secretRef: ... }` entries of the container's env. */
function containerEnv(): Array<{ name: string; kind: 'value' | 'secretRef' }> {
  return [...bicep.matchAll(/\{ name: '([A-Z][A-Z0-9_]*)', (value|secretRef): /g)].map((m) => ({ name: m[1], kind: m[2] as 'value' | 'secretRef' }));
}

describe('deploy/azure/main.bicep', () => {
  it('sets only environment variables the bot knows', () => {
    const env = containerEnv();
    expect(env.length).toBeGreaterThan(8);
    const known = new Set([...SETTING_LIST.map((s) => s.name), ...Object.keys(KNOWN_OUTSIDE_CATALOGUE)]);
    expect(env.map((e) => e.name).filter((n) => !known.has(n))).toEqual([]);
  });

  it('passes secrets only as Key Vault references', () => {
    const secret = new Set([...SETTING_LIST.filter((s) => s.secret).map((s) => s.name), 'DATABASE_URL']);
    const env = containerEnv().filter((e) => secret.has(e.name));
    expect(env.map((e) => e.name).sort()).toEqual(['DATABASE_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    for (const e of env) expect(e).toEqual({ name: e.name, kind: 'secretRef' });
    expect(bicep).toMatch(/keyVaultUrl: databaseUrlSecret\.properties\.secretUri, identity: identity\.id/);
    expect(bicep).toMatch(/enableRbacAuthorization: true/);
    for (const param of ['postgresAdminPassword', 'slackBotToken', 'slackSigningSecret']) expect(bicep).toMatch(new RegExp(`@secure\\(\\)\\nparam ${param} string`));
  });

  it("grants every role of the README's permission table to the managed identity", () => {
    const table = readme.slice(readme.indexOf('| what the bot does | role | scope |'));
    const rows = table.split('\n').slice(2).filter((line) => line.startsWith('|'));
    const named = new Set(rows.flatMap((row) => [...row.split('|')[2].matchAll(/(Backup Contributor|Backup Operator|Backup Reader|Virtual Machine Contributor|Contributor|Reader)/g)].map((m) => m[1])));
    expect(named.size).toBeGreaterThanOrEqual(5);
    for (const role of named) {
      const granted = INCLUDED_IN[role] ?? role;
      expect({ role, id: ROLE_IDS[granted], inTemplate: bicep.includes(`'${ROLE_IDS[granted]}'`) }).toEqual({ role, id: ROLE_IDS[granted], inTemplate: true });
    }
    expect(bicep).toMatch(/scope: subscription\(sub\)/);
    expect(bicep).toMatch(/scope: resourceGroup\(rg\.subscriptionId, rg\.resourceGroup\)/);
  });

  it('runs two or more replicas with readiness on /readyz and liveness on /healthz, on PORT', () => {
    expect(bicep).toMatch(/@minValue\(2\)\nparam replicas int = 2/);
    expect(bicep).toMatch(/scale: \{ minReplicas: replicas, maxReplicas: replicas \}/);
    expect(bicep).toMatch(/type: 'Readiness', httpGet: \{ path: '\/readyz', port: 3978 \}/);
    expect(bicep).toMatch(/type: 'Liveness', httpGet: \{ path: '\/healthz', port: 3978 \}/);
    expect(bicep).toMatch(/targetPort: 3978/);
    expect(bicep).toMatch(/\{ name: 'PORT', value: '3978' \}/);
    expect(bicep).toMatch(/\{ name: 'PLAYGROUND', value: 'false' \}/);
  });

  it('registers an Azure Bot with its Teams channel, the messaging endpoint and the managed identity', () => {
    expect(bicep).toMatch(/'Microsoft\.BotService\/botServices@[\d-]+'/);
    expect(bicep).toMatch(/name: 'MsTeamsChannel'/);
    expect(bicep).toMatch(/endpoint: 'https:\/\/\$\{app\.properties\.configuration\.ingress\.fqdn\}\/api\/messages'/);
    expect(bicep).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bicep).toMatch(/\{ name: 'MICROSOFT_APP_TYPE', value: 'UserAssignedMSI' \}/);
    expect(bicep).toMatch(/'Microsoft\.DBforPostgreSQL\/flexibleServers@[\d-]+'/);
    expect(bicep).toMatch(/'Microsoft\.App\/containerApps@[\d-]+'/);
  });
});
