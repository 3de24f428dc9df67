/**
 * The Teams app package (scripts/package-teams.ts): the zip Teams takes, its manifest checked
 * against the vendored Teams schema, and the icons Teams' rules ask for.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildManifest, buildTeamsPackage, manifestProblems, PackageError } from '../../../scripts/package-teams';
import { findCommand } from '../../../src/commands/command-catalog';

const APP_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';

/** Reads a zip by its central directory, checking each entry's CRC (independent of the writer's code). */
function readZip(data: Buffer): Map<string, Buffer> {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    expect(data.readUInt32LE(at)).toBe(0x02014b50);
    const method = data.readUInt16LE(at + 10);
    const crc = data.readUInt32LE(at + 16);
    const size = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extra = data.readUInt16LE(at + 30);
    const comment = data.readUInt16LE(at + 32);
    const localAt = data.readUInt32LE(at + 42);
    const name = data.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localStart = localAt + 30 + data.readUInt16LE(localAt + 26) + data.readUInt16LE(localAt + 28);
    const raw = data.subarray(localStart, localStart + size);
    const content = method === 8 ? zlib.inflateRawSync(raw) : raw;
    expect(zlib.crc32(content)).toBe(crc);
    entries.set(name, content);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Width, height and RGBA pixels of a PNG written without row filters (what the icon script writes). */
function readPng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(body);
    at += 12 + length;
  }
  const rows = zlib.inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(rows[y * (width * 4 + 1)]).toBe(0);
    rows.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

describe('the Teams app package', () => {
  const zipped = buildTeamsPackage({ appId: APP_ID });
  const entries = readZip(zipped);

  it('holds manifest.json and the two icons at its root', () => {
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('is a zip that unzip accepts', () => {
    const unzip = '/usr/bin/unzip';
    if (!fs.existsSync(unzip)) return void console.warn('unzip not installed: only the in-test reader checked the zip');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'teams-pkg-')), 'teams-app.zip');
    fs.writeFileSync(file, zipped);
    expect(execFileSync(unzip, ['-t', file]).toString()).toContain('No errors detected');
  });

  it('has a manifest valid against the Teams v1.25 schema, with the app id filled in', () => {
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.25');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['help', 'enable', 'vault', 'now', 'status', 'jobs']));
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('offers in each scope the commands people use there, within the command menu limits Teams documents', () => {
    type CommandList = { scopes: string[]; commands: { title: string; description: string }[] };
    const bot = (buildManifest({ appId: APP_ID }) as { bots: { scopes: string[]; commandLists: CommandList[] }[] }).bots[0];
    // Microsoft Teams docs (app manifest localization, bots[0].commandLists[0-2].commands[0-9]):
    // at most 3 lists of 10 commands, titles of 32 characters, descriptions of 128; the v1.25
    // schema allows a little more (12 commands), so the docs' limits are the ones kept.
    expect(bot.commandLists.length).toBeLessThanOrEqual(3);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
        // A menu entry is a command the bot knows (Teams types the title into the compose box).
        expect(findCommand(c.title)).toBeDefined();
      }
    }
    const menuOf = (scope: string) => bot.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    for (const scope of bot.scopes) {
      expect(bot.commandLists.filter((l) => l.scopes.includes(scope))).toHaveLength(1);
      expect(menuOf(scope)).toEqual(expect.arrayContaining(['help', 'enable', 'now', 'status', 'jobs', 'vms', 'stop', 'subscribe', 'subscriptions']));
    }
    // Where a channel's bindings are set.
    expect(menuOf('team')).toContain('admin');
    expect(menuOf('groupChat')).toContain('admin');
  });

  it('is checked against the schema: a manifest Teams would refuse is reported', () => {
    const manifest = buildManifest({ appId: APP_ID }) as Record<string, unknown> & { name: { short: string }; bots: { scopes: string[] }[] };
    expect(manifestProblems({ ...manifest, name: { short: 'A name much longer than thirty characters' } }).join('\n')).toMatch(/name/);
    expect(manifestProblems({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everyone'] }] }).length).toBeGreaterThan(0);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildTeamsPackage({ appId: 'my-bot' })).toThrow(PackageError);
  });

  it('has a 192x192 color icon and a 32x32 outline icon that is white on transparent', () => {
    const color = readPng(entries.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(entries.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    let transparent = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      const [r, g, b, a] = outline.rgba.subarray(i, i + 4);
      if (a === 0) transparent += 1;
      else {
        visible += 1;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(visible).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(300);
  });
});
