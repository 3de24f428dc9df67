import fs from 'node:fs';
import path from 'node:path';
import { changeSince, historyFileName, latestHistoryFile } from '../../../bench/lib/history';
import { README_END, README_START, readmeResults, replaceReadmeResults } from '../../../bench/lib/readme-results';
import { measured, type BenchReport } from '../../../bench/lib/report';

const report: BenchReport = {
  machine: { cpuModel: 'Test CPU', cores: 2, node: 'v20.0.0', platform: 'linux 6', date: '2026-01-01T00:00:00.000Z' },
  command: 'npm run bench',
  parts: ['ack', 'memory'],
  durationSeconds: 12.4,
  rows: [
    measured('ack', 'ack p99 ratio', 1.1, 'x', { op: '<=', limit: 1.5, unit: 'x' }, 'a note that stays in latest.md'),
    measured('ack', 'ack p50 ours', 12, 'ms'),
    measured('memory', 'RSS idle', 180, 'MB', { op: '<=', limit: 200, unit: 'MB' }),
    measured('memory', 'heap ratio', 2.5, 'x'),
    measured('ack', 'ack p99 ratio (button)', 1.7, 'x', { op: '<=', limit: 1.5, unit: 'x' }),
  ],
  findings: [],
};

describe('the README table of the latest benchmark figures', () => {
  it('shows the rows with a target, with the command and the machine, and leaves the others to latest.md', () => {
    const block = readmeResults(report);
    expect(block).toContain('`npm run bench` on Test CPU, 2 cores');
    expect(block).toContain('| ack | ack p99 ratio | 1.10x |  | ≤ 1.50x | pass |');
    expect(block).toContain('| ack | ack p99 ratio (button) | 1.70x |  | ≤ 1.50x | **FAIL** |');
    expect(block).toContain('| memory | RSS idle | 180 MB |  | ≤ 200 MB | pass |');
    expect(block).not.toContain('ack p50 ours');
    expect(block).not.toContain('heap ratio');
    expect(block).not.toContain('a note');
  });

  it('shows the change of each row since the previous run, and which rows are new', () => {
    const previous: BenchReport = {
      ...report,
      machine: { ...report.machine, date: '2025-12-31T09:30:00.000Z' },
      rows: [measured('ack', 'ack p99 ratio', 1.25, 'x', { op: '<=', limit: 1.5, unit: 'x' }), measured('memory', 'RSS idle', 200, 'MB', { op: '<=', limit: 200, unit: 'MB' })],
    };
    const block = readmeResults(report, previous);
    expect(block).toContain('| part | metric | value | change since 2025-12-31 09:30 UTC | target | result |');
    expect(block).toContain('| ack | ack p99 ratio | 1.10x | −0.15x (−12 %) | ≤ 1.50x | pass |');
    expect(block).toContain('| memory | RSS idle | 180 MB | −20.0 MB (−10 %) | ≤ 200 MB | pass |');
    expect(block).toContain('| ack | ack p99 ratio (button) | 1.70x | new | ≤ 1.50x | **FAIL** |');
  });

  it('replaces only what is between the markers, and says when they are missing', () => {
    const readme = `# Title\n\nbefore\n${README_START}\nold table\n${README_END}\nafter\n`;
    const updated = replaceReadmeResults(readme, 'new table');
    expect(updated).toBe(`# Title\n\nbefore\n${README_START}\nnew table\n${README_END}\nafter\n`);
    expect(replaceReadmeResults(updated, 'new table')).toBe(updated);
    expect(() => replaceReadmeResults('# no markers', 'x')).toThrow(/bench:latest/);
  });

  it('finds its markers in the repository README', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(() => replaceReadmeResults(readme, 'x')).not.toThrow();
  });
});

describe('the history of full runs', () => {
  it('names each run by its start time, sortable as text and without colons', () => {
    expect(historyFileName(new Date('2026-12-07T20:45:03.123Z'))).toBe('2026-12-07T20-45-03Z.json');
  });

  it('finds the newest run among the files of the folder', () => {
    expect(latestHistoryFile(['2026-12-07T20-45-03Z.json', 'README.md', '2026-12-08T01-00-00Z.json', '2026-11-25T04-09-44Z.json'])).toBe('2026-12-08T01-00-00Z.json');
    expect(latestHistoryFile(['notes.json'])).toBeUndefined();
  });

  it('says nothing changed, or that nothing can be said, as plainly', () => {
    const row = measured('enable', 'VMs not enabled', 0, 'count', { op: '==', limit: 0, unit: 'count' });
    expect(changeSince(row, undefined)).toBe('');
    expect(changeSince(row, { ...report, rows: [row] })).toBe('=');
    expect(changeSince({ ...row, value: 2 }, { ...report, rows: [row] })).toBe('+2');
    expect(changeSince({ ...row, value: null }, { ...report, rows: [row] })).toBe('');
  });
});
