import fs from 'node:fs';
import path from 'node:path';

// STYLE.md: platform SDKs only in adapters/; src/ keeps the ports (notifier.port.ts, ...) and the
// adapters implement them. src/ therefore imports no platform SDK and nothing from adapters/ or
// cards/, with one exception: src/server is the composition root (start-bot.ts, chat-adapters.ts)
// that mounts the chat adapters on the HTTP server and hands their notifiers to the scheduler, so
// it may import adapters/ (their entry points), still never a platform SDK nor cards/.

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const COMPOSITION_ROOT = path.join(SRC, 'server');

const PLATFORM_SDK = /^(@slack\/|botbuilder(-[\w-]+)?(\/|$)|botframework-[\w-]+(\/|$)|adaptivecards(-[\w-]+)?(\/|$))/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The module specifiers a file imports or re-exports (static, type-only and dynamic). */
function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

/** What a file under src/ imports that it must not: platform SDKs, and adapters/ or cards/ (outside the composition root). */
function violations(file: string, text: string): string[] {
  const inCompositionRoot = file.startsWith(COMPOSITION_ROOT + path.sep);
  return importsOf(text).filter((spec) => {
    if (PLATFORM_SDK.test(spec)) return true;
    if (!spec.startsWith('.')) return false;
    const top = path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0];
    return top === 'cards' || (top === 'adapters' && !inCompositionRoot);
  });
}

const files = sourceFiles(SRC);

describe('the platform boundary', () => {
  test('the scan sees the code it guards', () => {
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(
      expect.arrayContaining([path.join('src', 'notifications', 'notifier.port.ts'), path.join('src', 'server', 'chat-adapters.ts')]),
    );
  });

  test('the check catches each kind of forbidden import', () => {
    const flows = path.join(SRC, 'flows', 'x.ts');
    const server = path.join(COMPOSITION_ROOT, 'x.ts');
    const bad = [
      "import { App } from '@slack/bolt';",
      "import type { TurnContext } from 'botbuilder';",
      "import { TeamsActivityHandler } from 'botbuilder-core';",
      "import type { ConnectorClient } from 'botframework-connector';",
      "import * as AC from 'adaptivecards';",
      "export { teamsCard } from '../../cards/teams';",
      "const m = await import('../../adapters/slack/message-address');",
    ];
    for (const line of bad) expect({ line, found: violations(flows, line) }).toEqual({ line, found: [expect.any(String)] });
    expect(violations(server, "import { registerSlack } from '../../adapters/slack';")).toEqual([]);
    expect(violations(server, "import { messageBlocks } from '../../cards/slack';")).toHaveLength(1);
    expect(violations(server, "import { webApi } from '@slack/bolt';")).toHaveLength(1);
    expect(violations(flows, "import { z } from 'zod';\nimport type { View } from './views';")).toEqual([]);
  });

  test('nothing under src/ imports a platform SDK, cards/ or (outside src/server) adapters/', () => {
    const offenders = files.flatMap((file) => violations(file, fs.readFileSync(file, 'utf8')).map((spec) => `${path.relative(ROOT, file)}: ${spec}`));
    expect(offenders).toEqual([]);
  });
});
