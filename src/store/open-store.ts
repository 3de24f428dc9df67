import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { StoreConfig } from '../config';
import { silentLogger, type Logger } from '../log';
import type { Database, StoreDb } from './database';
import { migrateToLatest, pendingMigrations } from './migrate';
import type { StoreDialect } from './store.types';

/** An open database: the handle the repositories take, and its lifecycle. */
export interface Store {
  db: StoreDb;
  kind: StoreDialect;
  /** Where the data lives, safe to print: a file path, or host:port/database without credentials. */
  location: string;
  /** Runs a trivial query; rejects when the database cannot answer. */
  check(): Promise<void>;
  /** Migrations of this version not run on the database yet (none once opened with `migrate`). */
  pendingMigrations(): Promise<string[]>;
  /** Closes the database (the pool, or the SQLite file). Idempotent. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** PostgreSQL only: use this schema (created if missing) instead of the URL's default search_path. */
  schema?: string;
  logger?: Logger;
}

/** Opening or migrating failed; the message names the setting to look at. */
export class StoreOpenError extends Error {
  constructor(message: string, override readonly cause: unknown) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

/**
 * Opens the store the configuration names: SQLite through better-sqlite3 (the file's folder is
 * created), or PostgreSQL through pg when DATABASE_URL is set, and migrates it to the latest schema.
 */
export async function openStore(config: StoreConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  // Only the chosen database's driver is loaded (a PostgreSQL deployment carries no SQLite, and the other way round).
  const opened = config.kind === 'sqlite' ? await openSqlite(config.file) : await openPostgres(config.url, options.schema, logger);
  try {
    if (config.kind === 'postgres' && options.schema !== undefined) {
      await sql`create schema if not exists ${sql.id(options.schema)}`.execute(opened.db);
    }
    if (options.migrate ?? true) {
      const applied = await migrateToLatest(opened.db, config.kind === 'postgres' ? { schema: options.schema } : {});
      if (applied.length > 0) logger.info('store migrated', { store: opened.kind, applied });
    } else {
      await opened.check();
    }
  } catch (error) {
    await opened.close().catch(() => undefined);
    const where = config.kind === 'sqlite' ? `the SQLite store at ${opened.location} (SQLITE_FILE / DATA_DIR)` : `the PostgreSQL store at ${opened.location} (DATABASE_URL)`;
    throw new StoreOpenError(`Could not open ${where}: ${describeError(error)}`, error);
  }
  return opened;
}

async function openSqlite(file: string): Promise<Store> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  if (file !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreOpenError(`Could not create the folder of the SQLite store ${file} (SQLITE_FILE / DATA_DIR): ${describeError(error)}`, error);
    }
  }
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(file);
    // WAL lets readers proceed during a write; busy_timeout waits for a lock instead of failing
    // at once when a second process (e.g. a CLI) holds it.
    if (file !== ':memory:') database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreOpenError(`Could not open the SQLite store at ${file} (SQLITE_FILE / DATA_DIR): ${describeError(error)}`, error);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return finish(db, 'sqlite', file, undefined);
}

async function openPostgres(url: string, schema: string | undefined, logger: Logger): Promise<Store> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreOpenError(`Invalid PostgreSQL schema name ${JSON.stringify(schema)}: lower-case letters, digits and underscores`, undefined);
  }
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection emits on the pool; unhandled, that would end the process.
  pool.on('error', (error) => logger.error('PostgreSQL connection lost', { error }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return finish(db, 'postgres', postgresLocation(url), schema);
}

function finish(db: StoreDb, kind: Store['kind'], location: string, schema: string | undefined): Store {
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    location,
    check: async () => {
      await sql`select 1`.execute(db);
    },
    pendingMigrations: () => pendingMigrations(db, schema !== undefined ? { schema } : {}),
    close: () => (closing ??= db.destroy()),
  };
}

/** host:port/database of a PostgreSQL URL, without user or password. */
export function postgresLocation(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'PostgreSQL';
  }
}

function describeError(error: unknown): string {
  // Connection failures to a host with several addresses arrive as an AggregateError with no message.
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return error.message !== '' ? error.message : (code ?? error.name);
  }
  return String(error);
}
