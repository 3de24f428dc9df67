import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The folder holding the bot's package.json: the checkout, or the app folder of a container
 * image. Files shipped next to the code (vendored specs, the playground page, the Teams manifest)
 * are found from here, so the same code runs from its TypeScript sources and from dist/, whose
 * depth differs by one folder.
 */
export function appRoot(): string {
  if (cached !== undefined) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (isOwnPackage(path.join(dir, 'package.json'))) return (cached = dir);
    if (path.dirname(dir) === dir) throw new Error(`no vm-backup-bot package.json above ${__dirname}`);
  }
}

function isOwnPackage(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'vm-backup-bot';
  } catch {
    return false;
  }
}
