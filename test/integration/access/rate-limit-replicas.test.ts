/**
 * Replicas share the per-person limit: two limiters, each on its own connection to one database,
 * together let exactly `limit` costly actions through, and a replica started later counts them too.
 * PostgreSQL runs when DATABASE_URL is set; an SQLite file opened twice runs always.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createRateLimiter, type RateLimitDecision } from '../../../src/access/rate-limiter';
import { openStore, type Store } from '../../../src/store';

const URL = process.env.DATABASE_URL?.trim() ?? '';
const T0 = new Date('2026-11-24T12:00:00.000Z').getTime();
const MIN = 60_000;
const LIMIT = 5;
const WINDOW = 10 * MIN;

/** One database several replicas connect to: each `connect()` is a new connection (pool or file handle). */
interface SharedDatabase {
  name: string;
  available: boolean;
  setUp(): Promise<void>;
  connect(): Promise<Store>;
  tearDown(): Promise<void>;
}

function postgres(): SharedDatabase {
  // A schema of its own, dropped afterwards, so runs never see each other's rows.
  const schema = `test_ratelimit_${randomBytes(6).toString('hex')}`;
  return {
    name: 'postgres',
    available: URL !== '',
    setUp: async () => undefined,
    connect: () => openStore({ kind: 'postgres', url: URL }, { schema }),
    tearDown: async () => {
      const store = await openStore({ kind: 'postgres', url: URL }, { schema, migrate: false });
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
      } finally {
        await store.close();
      }
    },
  };
}

function sqliteFile(): SharedDatabase {
  let dir = '';
  return {
    name: 'sqlite file',
    available: true,
    setUp: async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-limit-replicas-'));
    },
    connect: () => openStore({ kind: 'sqlite', file: path.join(dir, 'bot.sqlite') }),
    tearDown: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const refusedUntil = (retryAt: number): RateLimitDecision => ({ ok: false, retryAt: new Date(retryAt), limit: LIMIT, windowMs: WINDOW });

for (const database of [postgres(), sqliteFile()]) {
  (database.available ? describe : describe.skip)(`rate limit across replicas on ${database.name}`, () => {
    const open: Store[] = [];
    let t = T0;
    const replica = async () => {
      const store = await database.connect();
      open.push(store);
      return { store, limiter: createRateLimiter({ db: store.db, limit: LIMIT, windowMs: WINDOW, now: () => new Date(t) }) };
    };

    beforeAll(() => database.setUp());
    afterAll(async () => {
      for (const store of open) await store.close();
      await database.tearDown();
    });

    it('two replicas taking at the same moment allow exactly the limit together; a restarted one keeps the count', async () => {
      const a = await replica();
      const b = await replica();
      const person = 'slack:T0OPS:U0ANA';
      const decisions = await Promise.all(Array.from({ length: 3 * LIMIT }, (_, i) => (i % 2 === 0 ? a : b).limiter.take(person)));
      expect(decisions.filter((d) => d.ok)).toHaveLength(LIMIT);
      expect(decisions.filter((d) => !d.ok)).toEqual(Array(2 * LIMIT).fill(refusedUntil(T0 + WINDOW)));

      // A stops; a new replica starts: the actions taken still count.
      await a.store.close();
      const c = await replica();
      t = T0 + 3 * MIN;
      expect(await c.limiter.take(person)).toEqual(refusedUntil(T0 + WINDOW));
      expect(await b.limiter.take('slack:T0OPS:U0BO')).toEqual({ ok: true });

      // Once they leave the window, the replicas again share one allowance.
      t = T0 + WINDOW + 1;
      const later = await Promise.all(Array.from({ length: 2 * LIMIT }, (_, i) => (i % 2 === 0 ? b : c).limiter.take(person)));
      expect(later.filter((d) => d.ok)).toHaveLength(LIMIT);
    });
  });
}
