/**
 * Builds the Teams app package to upload (Teams admin center, or "Upload a custom app"):
 * a zip of manifest.json, with the bot's app id and the developer's details filled in, and the
 * two icons. Checks the manifest against the Teams manifest schema (v1.25, vendored in
 * manifest/teams/schema) before writing anything.
 *
 *   MICROSOFT_APP_ID=<guid> npm run package:teams [-- --out dist/teams-app.zip]
 *
 * Optional: TEAMS_DEVELOPER_NAME, TEAMS_DEVELOPER_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Validator } from '@cfworker/json-schema';
import { appRoot } from '../src/util/app-root';

const ROOT = appRoot();
const MANIFEST_DIR = path.join(ROOT, 'manifest', 'teams');
const SCHEMA = path.join(MANIFEST_DIR, 'schema', 'MicrosoftTeams.schema.v1.25.json');
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface PackageSettings {
  /** The bot's Microsoft App ID (the Azure Bot resource's app registration); also the Teams app id. */
  appId: string;
  developerName?: string;
  developerUrl?: string;
  privacyUrl?: string;
  termsUrl?: string;
}

export class PackageError extends Error {}

/** The manifest with its placeholders (`${{NAME}}`) filled in, checked against the schema. */
export function buildManifest(settings: PackageSettings): Record<string, unknown> {
  if (!GUID.test(settings.appId ?? '')) {
    throw new PackageError(`MICROSOFT_APP_ID must be the bot's app id, a GUID (got "${settings.appId ?? ''}").`);
  }
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: settings.appId.toLowerCase(),
    TEAMS_DEVELOPER_NAME: settings.developerName || 'VM Backup bot operators',
    TEAMS_DEVELOPER_URL: settings.developerUrl || 'https://example.com/vm-backup-bot',
    TEAMS_PRIVACY_URL: settings.privacyUrl || 'https://example.com/vm-backup-bot/privacy',
    TEAMS_TERMS_URL: settings.termsUrl || 'https://example.com/vm-backup-bot/terms',
  };
  const template = fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_m, name: string) => {
    if (!(name in values)) throw new PackageError(`manifest.json names an unknown setting \${{${name}}}`);
    return JSON.stringify(values[name]).slice(1, -1);
  });
  const manifest = JSON.parse(filled) as Record<string, unknown>;
  const problems = manifestProblems(manifest);
  if (problems.length) throw new PackageError(`manifest.json does not match the Teams schema:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return manifest;
}

/** What the Teams manifest schema (v1.25) says is wrong with a manifest; empty when it is valid. */
export function manifestProblems(manifest: unknown): string[] {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
  const result = new Validator(schema, '4', false).validate(manifest);
  return result.valid
    ? []
    : result.errors.filter((e) => !['anyOf', 'allOf', 'oneOf', 'properties', 'items'].includes(e.keyword)).map((e) => `${e.instanceLocation}: ${e.error}`);
}

/** A zip archive (deflate) of the given files, with fixed timestamps so the same input gives the same bytes. */
export function zip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = zlib.deflateRawSync(file.data, { level: 9 });
    const crc = zlib.crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The upload package: manifest.json and the icons it names, at the root of the zip (as Teams wants). */
export function buildTeamsPackage(settings: PackageSettings): Buffer {
  const manifest = buildManifest(settings);
  const icons = manifest.icons as { color: string; outline: string };
  return zip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') },
    { name: icons.color, data: fs.readFileSync(path.join(MANIFEST_DIR, icons.color)) },
    { name: icons.outline, data: fs.readFileSync(path.join(MANIFEST_DIR, icons.outline)) },
  ]);
}

if (require.main === module) {
  const outArg = process.argv.indexOf('--out');
  const out = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(ROOT, 'dist', 'teams-app.zip'));
  try {
    const data = buildTeamsPackage({
      appId: process.env.MICROSOFT_APP_ID ?? '',
      developerName: process.env.TEAMS_DEVELOPER_NAME,
      developerUrl: process.env.TEAMS_DEVELOPER_URL,
      privacyUrl: process.env.TEAMS_PRIVACY_URL,
      termsUrl: process.env.TEAMS_TERMS_URL,
    });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, data);
    process.stdout.write(`Wrote ${out} (${data.length} bytes). Upload it in Teams: Apps > Manage your apps > Upload an app.\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
