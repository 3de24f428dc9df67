import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { AckFirst } from '../../../adapters/slack/ack-first';

/** A request as the counter sees it: only the response's finish/close events matter. */
function arrive(gate: AckFirst): { answer(): void; drop(): void } {
  const res = new EventEmitter();
  let nextCalled = false;
  gate.counter({} as Request, res as unknown as Response, () => {
    nextCalled = true;
  });
  expect(nextCalled).toBe(true);
  return { answer: () => res.emit('finish'), drop: () => res.emit('close') };
}

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
};

describe('AckFirst: work behind an ack waits for the other acks', () => {
  it('lets work start at once when no request is waiting for its ack', async () => {
    expect(await settled(new AckFirst().turn())).toBe(true);
  });

  it('holds work until every request that arrived has been answered', async () => {
    const gate = new AckFirst(60_000);
    const first = arrive(gate);
    const second = arrive(gate);
    const work = gate.turn();
    expect(await settled(work)).toBe(false);
    first.answer();
    expect(await settled(work)).toBe(false);
    second.answer();
    second.drop(); // finish then close: counted once
    expect(await settled(work)).toBe(true);

    // The count went back to zero, not below it: a new request holds work again.
    const third = arrive(gate);
    const later = gate.turn();
    expect(await settled(later)).toBe(false);
    third.drop(); // a client that hung up counts as answered
    expect(await settled(later)).toBe(true);
  });

  it('starts one piece of work per turn, so a request that arrives in between is answered first', async () => {
    const gate = new AckFirst(60_000);
    const first = gate.turn();
    const second = gate.turn();
    await first;
    const arriving = arrive(gate);
    expect(await settled(second)).toBe(false);
    arriving.answer();
    expect(await settled(second)).toBe(true);
  });

  it('lets work start after its bound when a request never gets answered', async () => {
    const gate = new AckFirst(20);
    arrive(gate);
    await expect(gate.turn()).resolves.toBeUndefined();
  });

  it('starts pieces past their bound one per turn, not all at once, while requests wait', async () => {
    const gate = new AckFirst(5);
    arrive(gate); // never answered
    const started: number[] = [];
    const pieces = [0, 1, 2].map((i) => gate.turn().then(() => void started.push(i)));
    await pieces[0];
    expect(started).toEqual([0]);
    await new Promise((r) => setImmediate(r));
    expect(started.length).toBeLessThanOrEqual(2);
    await Promise.all(pieces);
    expect(started).toEqual([0, 1, 2]);
  });
});
