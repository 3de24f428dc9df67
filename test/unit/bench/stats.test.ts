import { percentile, ratio, roundRatios, summarize } from '../../../bench/lib/stats';
import { apportion } from '../../../bench/lib/apportion';
import { countDeliveries, judgeOutbox } from '../../../bench/lib/deliveries';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('answers a measured value: the smallest with at least p% at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([10, 20, 30, 40], 99)).toBe(40);
  });

  it('does not interpolate between samples', () => {
    expect(percentile([1, 10], 50)).toBe(1);
    expect(percentile([1, 10], 51)).toBe(10);
  });

  it('is NaN without samples and refuses a percentile out of range', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('leaves the samples as they were', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarize and ratio', () => {
  it('summarizes count, p50, p99, max and mean', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p99: 4, max: 4, mean: 2.5 });
    expect(summarize([]).count).toBe(0);
    expect(summarize([]).p99).toBeNaN();
  });

  it('gives NaN rather than Infinity for a ratio to nothing', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});

describe('apportion', () => {
  it('splits a total into whole shares that add up, by largest remainder', () => {
    expect(apportion(50, [1667, 1667, 1667, 1666, 1667, 1666])).toEqual([9, 9, 8, 8, 8, 8]);
    expect(apportion(200, Array(50).fill(1))).toEqual(Array(50).fill(4));
    expect(apportion(10, [1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(10);
    expect(apportion(5, [0, 1])).toEqual([0, 5]);
  });
});

describe('delivery judging', () => {
  const msg = (channel: string, key?: string) => ({ channel, ts: '1.0', text: '', at: 0, ...(key ? { key } : {}) });

  it('counts each key once per channel, the rest as doubles, and ignores other channels', () => {
    const c = countDeliveries([msg('C1', 'a'), msg('C1', 'a'), msg('C1', 'b'), msg('C2', 'a'), msg('C9', 'z'), msg('C1')], new Set(['C1', 'C2']));
    expect(c.delivered).toBe(3);
    expect(c.doubled).toBe(1);
    expect(c.perChannel.get('C1')).toBe(4);
    expect(c.perChannel.has('C9')).toBe(false);
  });

  it('calls lost what was given up or marked sent without arriving, and queued what was still pending', () => {
    const arrived = new Set(['C1|a', 'C1|p']);
    const judged = judgeOutbox(
      [
        { channel: 'C1', digest: 'a', status: 'sent' },
        { channel: 'C1', digest: 'b', status: 'sent' },
        { channel: 'C1', digest: 'c', status: 'failed' },
        { channel: 'C1', digest: 'd', status: 'pending' },
        { channel: 'C1', digest: 'p', status: 'pending' },
      ],
      arrived,
    );
    expect(judged).toEqual({ lost: 2, queued: 1 });
  });
});

describe('roundRatios (ours / baseline, round by round)', () => {
  it('takes each round\'s p99 ratio, their median (a measured ratio) and the worst round', () => {
    const round = (ours: number, base: number) => ({ ours: [1, 2, ours], base: [1, 2, base] });
    const r = roundRatios([round(30, 20), round(10, 10), round(40, 10), round(12, 10)]);
    expect(r.ratios).toEqual([1.5, 1, 4, 1.2]);
    expect(r.median).toBe(1.2);
    expect(r.worst).toBe(4);
  });

  it('does not let a round without samples pass unseen', () => {
    const r = roundRatios([{ ours: [5], base: [5] }, { ours: [], base: [5] }]);
    expect(r.ratios[1]).toBeNaN();
    expect(r.median).toBe(1);
    expect(r.worst).toBeNaN();
    expect(roundRatios([]).median).toBeNaN();
  });
});
