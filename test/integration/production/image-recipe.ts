import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The container image built without a container engine (none here, and no base image can be
 * pulled): each step below names the Dockerfile line it stands for, and
 * test/unit/deploy/dockerfile.test.ts checks that the Dockerfile still has every one of them.
 * What differs, and why:
 * - the image's `npm ci` downloads better-sqlite3's prebuilt binary; this machine reaches only the
 *   npm registry, so the install skips scripts and the binary this checkout built (for the Node
 *   running the tests) is copied in;
 * - `USER node` becomes uid 65534 (nobody) when the tests run as root, else the current user;
 * - the app folder is made read-only (the image's root filesystem is, with readOnlyRootFilesystem).
 */
export const ROOT = path.resolve(__dirname, '../../..');

export const DOCKERFILE_LINES = {
  buildCopies: ['COPY package.json package-lock.json ./', 'COPY tsconfig.json tsconfig.build.json ./', 'COPY src src', 'COPY adapters adapters', 'COPY cards cards', 'COPY emulator emulator', 'COPY scripts scripts'],
  build: 'RUN npm run build',
  productionInstall: 'RUN npm ci --omit=dev --no-audit --no-fund',
  env: ['ENV NODE_ENV=production', 'ENV HOST=0.0.0.0', 'ENV PORT=3978', 'ENV DATA_DIR=/data', 'ENV PLAYGROUND=false'],
  appCopies: [
    'COPY --from=deps /app/node_modules node_modules',
    'COPY --from=build /app/dist dist',
    'COPY package.json package-lock.json ./',
    'COPY vendor/azure-rest-examples/specs vendor/azure-rest-examples/specs',
    'COPY emulator/specs/resources emulator/specs/resources',
    'COPY playground playground',
    'COPY manifest manifest',
  ],
  user: 'USER node',
  stopSignal: 'STOPSIGNAL SIGTERM',
  cmd: 'CMD ["node", "dist/src/main.js"]',
} as const;

/** The start command, from the CMD line above. */
export const START_COMMAND = JSON.parse(DOCKERFILE_LINES.cmd.slice('CMD '.length)) as string[];

/** ENV lines as variables. */
export function imageEnv(): Record<string, string> {
  return Object.fromEntries(DOCKERFILE_LINES.env.map((line) => line.slice('ENV '.length).split('=') as [string, string]));
}

/** The HEALTHCHECK's command, read from the Dockerfile itself (run as is against the bot). */
export function healthcheckCommand(): string[] {
  const line = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n').find((l) => l.startsWith('HEALTHCHECK '));
  if (!line) throw new Error('Dockerfile has no HEALTHCHECK line');
  return JSON.parse(line.slice(line.indexOf(' CMD ') + 5)) as string[];
}

export interface ImageCopy {
  /** The app folder (/app in the image): read-only. */
  app: string;
  /** Where the image's DATA_DIR points: writable by `uid`. */
  data: string;
  /** The user the bot runs as (undefined: the current, non-root user). */
  uid?: number;
  gid?: number;
  remove(): void;
}

/** better-sqlite3's build/ for the Node running the tests (scripts/second-node.sh provides one per Node). */
function nativeSqliteBuild(): string {
  return path.join(ROOT, 'node_modules', 'better-sqlite3', 'build');
}

function run(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${String(stdout ?? '')}\n${String(stderr ?? '')}`);
  }
}

function copy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

function makeReadOnly(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) makeReadOnly(file);
    if (!entry.isSymbolicLink()) fs.chmodSync(file, fs.statSync(file).mode & ~0o222);
  }
  fs.chmodSync(dir, fs.statSync(dir).mode & ~0o222);
}

function makeWritable(dir: string): void {
  if (!fs.existsSync(dir)) return;
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) makeWritable(path.join(dir, entry.name));
    else if (!entry.isSymbolicLink()) fs.chmodSync(path.join(dir, entry.name), 0o644);
  }
}

/**
 * Outside the checkout on purpose: inside it, a module missing from the production install would
 * still resolve from the checkout's node_modules and the test could not fail.
 */
export function buildImageCopy(): ImageCopy {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'vmbb-image-'));
  fs.chmodSync(base, 0o755);
  const build = path.join(base, 'build');
  const deps = path.join(base, 'deps');
  const app = path.join(base, 'app');
  const data = path.join(base, 'data');
  const remove = (): void => {
    makeWritable(base);
    fs.rmSync(base, { recursive: true, force: true });
  };
  try {
    // Stage "build": DOCKERFILE_LINES.buildCopies, the full install (the checkout's, linked), then `npm run build`.
    for (const name of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'adapters', 'cards', 'emulator', 'scripts']) {
      copy(path.join(ROOT, name), path.join(build, name));
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(build, 'node_modules'));
    run('npm', ['run', 'build'], build);

    // Stage "deps": DOCKERFILE_LINES.productionInstall (scripts skipped, see above).
    for (const name of ['package.json', 'package-lock.json']) copy(path.join(ROOT, name), path.join(deps, name));
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], deps);
    copy(nativeSqliteBuild(), path.join(deps, 'node_modules', 'better-sqlite3', 'build'));

    // Final stage: DOCKERFILE_LINES.appCopies.
    fs.mkdirSync(app);
    fs.renameSync(path.join(deps, 'node_modules'), path.join(app, 'node_modules'));
    fs.renameSync(path.join(build, 'dist'), path.join(app, 'dist'));
    for (const name of ['package.json', 'package-lock.json', 'vendor/azure-rest-examples/specs', 'emulator/specs/resources', 'playground', 'manifest']) {
      copy(path.join(ROOT, name), path.join(app, name));
    }
    fs.rmSync(build, { recursive: true, force: true });
    fs.rmSync(deps, { recursive: true, force: true });

    // DOCKERFILE_LINES.user and the read-only root filesystem: DATA_DIR is the one writable path.
    fs.mkdirSync(data);
    const asRoot = process.getuid?.() === 0;
    const uid = asRoot ? 65534 : undefined;
    const gid = asRoot ? 65534 : undefined;
    if (uid !== undefined && gid !== undefined) fs.chownSync(data, uid, gid);
    makeReadOnly(app);
    return { app, data, uid, gid, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
