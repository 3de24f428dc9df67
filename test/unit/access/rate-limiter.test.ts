/** The per-person limit on costly actions, kept in the store (SQLite always, PostgreSQL when DATABASE_URL is set). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createRateLimiter, decideTake } from '../../../src/access/rate-limiter';
import { openStore, type Store } from '../../../src/store';
import { describeTarget, storeTargets } from '../store/store-targets';

const T0 = new Date('2026-11-24T12:00:00.000Z').getTime();
const MIN = 60_000;
const at = (ms: number) => new Date(ms);

describe('decideTake', () => {
  it('allows fewer than the limit in the window and keeps only those, oldest first', () => {
    const decision = decideTake([at(T0 - 11 * MIN), at(T0 - 2 * MIN), at(T0 - 5 * MIN)], at(T0), 3, 10 * MIN);
    expect(decision).toEqual({ ok: true, kept: [at(T0 - 5 * MIN), at(T0 - 2 * MIN), at(T0)] });
  });

  it('refuses at the limit, until the oldest in the window leaves it', () => {
    const taken = [at(T0 - 9 * MIN), at(T0 - 4 * MIN), at(T0 - MIN)];
    expect(decideTake(taken, at(T0), 3, 10 * MIN)).toEqual({ ok: false, retryAt: at(T0 + MIN) });
    // An action exactly one window old has left it.
    expect(decideTake(taken, at(T0 + MIN), 3, 10 * MIN).ok).toBe(true);
  });

  it('after the limit was lowered, waits until one fewer than the new limit remain', () => {
    const taken = [at(T0 - 9 * MIN), at(T0 - 6 * MIN), at(T0 - 4 * MIN), at(T0 - MIN)];
    expect(decideTake(taken, at(T0), 2, 10 * MIN)).toEqual({ ok: false, retryAt: at(T0 + 6 * MIN) });
  });
});

for (const target of storeTargets()) {
  describeTarget(target)(`rate limiter on ${target.name}`, () => {
    let store: Store;
    let t: number;
    const clock = () => at(t);
    beforeEach(async () => {
      store = await target.open();
      t = T0;
    });
    afterEach(async () => {
      await target.dispose(store);
    });

    it('allows the limit in a sliding window, per person, and says when the next one may start', async () => {
      const limiter = createRateLimiter({ db: store.db, limit: 3, windowMs: 10 * MIN, now: clock });
      for (let i = 0; i < 3; i++) {
        expect(await limiter.take('slack:T1:U1')).toEqual({ ok: true });
        t += MIN;
      }
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: false, retryAt: at(T0 + 10 * MIN), limit: 3, windowMs: 10 * MIN });
      expect(await limiter.take('slack:T1:U2')).toEqual({ ok: true });
      expect(await limiter.take('teams:T1:U1')).toEqual({ ok: true });
      t = T0 + 10 * MIN;
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: true });
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: false, retryAt: at(T0 + 11 * MIN), limit: 3, windowMs: 10 * MIN });
    });

    it('gives back the newest counted action, so a take that ran nothing costs nothing', async () => {
      const limiter = createRateLimiter({ db: store.db, limit: 2, windowMs: 10 * MIN, now: clock });
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: true });
      t += MIN;
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: true });
      await limiter.giveBack('slack:T1:U1');
      t += MIN;
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: true });
      // The oldest one stayed: the window frees up 10 min after it, not after the one given back.
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: false, retryAt: at(T0 + 10 * MIN), limit: 2, windowMs: 10 * MIN });
      await limiter.giveBack('slack:T1:U9');
      expect(await limiter.take('slack:T1:U9')).toEqual({ ok: true });
    });

    it('is off with a limit of 0 and records nothing', async () => {
      const limiter = createRateLimiter({ db: store.db, limit: 0, windowMs: 1000, now: clock });
      for (let i = 0; i < 20; i++) expect((await limiter.take('k')).ok).toBe(true);
      const rows = await sql<{ n: number | string }>`select count(*) as n from rate_limit_takes`.execute(store.db);
      expect(Number(rows.rows[0].n)).toBe(0);
    });

    it('counts what other instances on the same store took, and what an earlier one did', async () => {
      const first = createRateLimiter({ db: store.db, limit: 2, windowMs: 10 * MIN, now: clock });
      expect(await first.take('slack:T1:U1')).toEqual({ ok: true });
      t += MIN;
      const second = createRateLimiter({ db: store.db, limit: 2, windowMs: 10 * MIN, now: clock });
      expect(await second.take('slack:T1:U1')).toEqual({ ok: true });
      expect((await first.take('slack:T1:U1')).ok).toBe(false);
      const restarted = createRateLimiter({ db: store.db, limit: 2, windowMs: 10 * MIN, now: clock });
      expect(await restarted.take('slack:T1:U1')).toEqual({ ok: false, retryAt: at(T0 + 10 * MIN), limit: 2, windowMs: 10 * MIN });
    });

    it('lets exactly the limit through when two instances take for one person at the same moment', async () => {
      const replicas = [0, 1].map(() => createRateLimiter({ db: store.db, limit: 4, windowMs: 10 * MIN, now: clock }));
      const decisions = await Promise.all(Array.from({ length: 12 }, (_, i) => replicas[i % 2].take('slack:T1:U1')));
      expect(decisions.filter((d) => d.ok)).toHaveLength(4);
      expect(decisions.filter((d) => !d.ok)).toEqual(Array(8).fill({ ok: false, retryAt: at(T0 + 10 * MIN), limit: 4, windowMs: 10 * MIN }));
      // Someone else still has their whole allowance.
      expect(await replicas[0].take('slack:T1:U2')).toEqual({ ok: true });
    });

    it('reports a stored row it cannot read, naming the table', async () => {
      await sql`insert into rate_limit_takes (key, taken_json, version, updated_at) values ('slack:T1:U9', 'not json', 1, '2026-11-24T12:00:00.000Z')`.execute(store.db);
      const limiter = createRateLimiter({ db: store.db, limit: 2, windowMs: 10 * MIN, now: clock });
      await expect(limiter.take('slack:T1:U9')).rejects.toThrow('rate_limit_takes row slack:T1:U9: taken_json is not JSON');
    });
  });
}

describe('rate limiter across a restart (SQLite file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-limit-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the count when the process starts again', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const now = () => at(T0);
    const before = await openStore({ kind: 'sqlite', file });
    try {
      const limiter = createRateLimiter({ db: before.db, limit: 2, windowMs: 10 * MIN, now });
      expect((await limiter.take('slack:T1:U1')).ok).toBe(true);
      expect((await limiter.take('slack:T1:U1')).ok).toBe(true);
    } finally {
      await before.close();
    }
    const after = await openStore({ kind: 'sqlite', file });
    try {
      const limiter = createRateLimiter({ db: after.db, limit: 2, windowMs: 10 * MIN, now });
      expect(await limiter.take('slack:T1:U1')).toEqual({ ok: false, retryAt: at(T0 + 10 * MIN), limit: 2, windowMs: 10 * MIN });
    } finally {
      await after.close();
    }
  });
});
