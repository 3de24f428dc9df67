import { cell, formatTarget, formatValue, measured, meets, problemCount, toJson, toMarkdown, type BenchReport } from '../../../bench/lib/report';
import { parseArgs } from '../../../bench/lib/cli-args';

const machine = { cpuModel: 'Test CPU', cores: 2, node: 'v20.0.0', platform: 'linux 6', date: '2026-01-01T00:00:00.000Z' };

describe('targets', () => {
  it('judges a value against its bound, never passing NaN or nothing', () => {
    expect(meets(1.4, { op: '<=', limit: 1.5, unit: 'x' })).toBe(true);
    expect(meets(1.6, { op: '<=', limit: 1.5, unit: 'x' })).toBe(false);
    expect(meets(200, { op: '<', limit: 200, unit: 'ms' })).toBe(false);
    expect(meets(0, { op: '==', limit: 0, unit: 'calls' })).toBe(true);
    expect(meets(Number.NaN, { op: '>=', limit: 0, unit: 'count' })).toBe(false);
    expect(meets(null, { op: '>=', limit: 0, unit: 'count' })).toBe(false);
  });

  it('makes a row pass, fail, or info when there is no target', () => {
    expect(measured('ack', 'm', 1.2, 'x', { op: '<=', limit: 1.5, unit: 'x' }).outcome).toBe('pass');
    expect(measured('ack', 'm', 3, 'x', { op: '<=', limit: 1.5, unit: 'x' }).outcome).toBe('fail');
    expect(measured('ack', 'm', 3, 'x').outcome).toBe('info');
    const nan = measured('ack', 'm', Number.NaN, 'x', { op: '<=', limit: 1.5, unit: 'x' });
    expect(nan).toMatchObject({ value: null, outcome: 'fail' });
  });
});

describe('formatting', () => {
  it('formats values by unit', () => {
    expect(formatValue(3.14159, 'ms')).toBe('3.14 ms');
    expect(formatValue(42.26, 'ms')).toBe('42.3 ms');
    expect(formatValue(1234.5, 'ms')).toBe('1235 ms');
    expect(formatValue(1.456, 'x')).toBe('1.46x');
    expect(formatValue(1, 'calls')).toBe('1 call');
    expect(formatValue(2.5, 'calls')).toBe('2.50 calls');
    expect(formatValue(10000, 'count')).toBe('10,000');
    expect(formatValue(null, 'MB')).toBe('—');
    expect(formatTarget({ op: '<=', limit: 1.5, unit: 'x' })).toBe('≤ 1.50x');
    expect(formatTarget(undefined)).toBe('');
  });

  it('keeps table cells on one line and pipes escaped', () => {
    expect(cell('a | b\nc')).toBe('a \\| b c');
  });
});

describe('the report', () => {
  const report: BenchReport = {
    machine,
    command: 'npm run bench -- --only=ack',
    parts: ['ack'],
    durationSeconds: 12.3,
    rows: [
      measured('ack', '/backup ack p99 ratio ours / bare', 1.2, 'x', { op: '<=', limit: 1.5, unit: 'x' }, 'bursts of 50'),
      measured('ack', 'acks not answered | 200', 2, 'count', { op: '==', limit: 0, unit: 'count' }),
      { part: 'ack', metric: 'sweep', value: null, unit: 'calls', outcome: 'missing', note: 'no scheduler yet' },
    ],
    findings: ['the search sorts every match'],
  };

  it('renders the machine line, the command, one table row per metric and numbered notes', () => {
    const md = toMarkdown(report);
    expect(md).toContain('Machine: Test CPU, 2 cores, Node v20.0.0, linux 6, 2026-01-01T00:00:00.000Z');
    expect(md).toContain('Command: `npm run bench -- --only=ack`');
    expect(md).toContain('| ack | /backup ack p99 ratio ours / bare [1] | 1.20x | ≤ 1.50x | pass |');
    expect(md).toContain('| ack | acks not answered \\| 200 | 2 | = 0 | **FAIL** |');
    expect(md).toContain('| ack | sweep [2] | — |  | **MISSING** |');
    expect(md).toContain('1. bursts of 50');
    expect(md).toContain('2. no scheduler yet');
    expect(md).toContain('- the search sorts every match');
    expect(md.split('\n').filter((l) => l.startsWith('| ack |'))).toHaveLength(3);
  });

  it('writes the same rows as JSON, with their display texts', () => {
    const json = JSON.parse(toJson(report)) as { command: string; rows: { metric: string; display: string; targetText: string; outcome: string }[] };
    expect(json.command).toBe(report.command);
    expect(json.rows.map((r) => r.outcome)).toEqual(['pass', 'fail', 'missing']);
    expect(json.rows[0]).toMatchObject({ display: '1.20x', targetText: '≤ 1.50x' });
  });

  it('counts the rows that did not pass, not the informational ones', () => {
    expect(problemCount([...report.rows, measured('ack', 'p50', 3, 'ms')])).toBe(2);
  });
});

describe('command line', () => {
  it('runs every part by default and writes latest', () => {
    expect(parseArgs([])).toEqual({ parts: ['ack', 'picker', 'memory', 'sweep', 'notify', 'enable'], profile: false, quick: false, outName: 'latest' });
  });

  it('runs the parts named with --only, in the usual order, into partial', () => {
    expect(parseArgs(['--only=picker,ack'])).toEqual({ parts: ['ack', 'picker'], profile: false, quick: false, outName: 'partial' });
    expect(parseArgs(['--quick'])).toMatchObject({ quick: true, outName: 'partial' });
    expect(parseArgs(['--only=notify', '--profile', '--out=mine']).outName).toBe('mine');
  });

  it('refuses unknown parts and flags instead of running nothing', () => {
    expect(() => parseArgs(['--only=ack,pickr'])).toThrow(/--only takes parts from/);
    expect(() => parseArgs(['--only='])).toThrow(/--only/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown argument/);
    expect(() => parseArgs(['--out=../x'])).toThrow(/unknown argument/);
  });
});
