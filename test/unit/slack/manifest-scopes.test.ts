/**
 * The Slack app manifest asks for every bot scope the adapter's Web API calls need (the fake
 * Slack API refuses calls without their scope, as Slack does), and the README's install step
 * names each of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_BOT_SCOPES } from '../../support/fake-slack-api';

const root = join(__dirname, '..', '..', '..');

/** The items of oauth_config.scopes.bot, read line by line (the manifest keeps one scope per line). */
function manifestBotScopes(yaml: string): string[] {
  const lines = yaml.split('\n');
  const path = ['oauth_config:', 'scopes:', 'bot:'];
  let at = 0;
  let indent = -1;
  const scopes: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const depth = line.length - line.trimStart().length;
    if (at < path.length) {
      if (line.trim() === path[at] && depth > indent) {
        at += 1;
        indent = depth;
      }
      continue;
    }
    const item = /^\s*-\s+(\S+)\s*$/.exec(line);
    if (!item || depth <= indent) break;
    scopes.push(item[1]);
  }
  return scopes;
}

describe('Slack app manifest', () => {
  const scopes = manifestBotScopes(readFileSync(join(root, 'manifest', 'slack', 'manifest.yaml'), 'utf8'));

  it('asks for the bot scopes the adapter uses, user groups included', () => {
    expect(scopes).toEqual(MANIFEST_BOT_SCOPES);
    expect(scopes).toContain('usergroups:read');
  });

  it('has every scope named in the README install step', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const step = /\*\*Install to Workspace\*\*[\s\S]*?\n4\. /.exec(readme)?.[0] ?? '';
    for (const scope of scopes) expect(step).toContain(`\`${scope}\``);
  });
});
