import fs from 'node:fs';
import path from 'node:path';
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
    measured('memory', 'RSS idle', 180, 'MB'),
    measured('ack', 'ack p99 ratio (button)', 1.7, 'x', { op: '<=', limit: 1.5, unit: 'x' }),
  ],
  findings: [],
};

describe('the README table of the latest benchmark figures', () => {
  it('shows the rows with a target and the memory rows, with the command and the machine', () => {
    const block = readmeResults(report);
    expect(block).toContain('`npm run bench` on Test CPU, 2 cores');
    expect(block).toContain('| ack | ack p99 ratio | 1.10x | ≤ 1.50x | pass |');
    expect(block).toContain('| ack | ack p99 ratio (button) | 1.70x | ≤ 1.50x | **FAIL** |');
    expect(block).toContain('| memory | RSS idle | 180 MB |  |  |');
    expect(block).not.toContain('ack p50 ours');
    expect(block).not.toContain('a note');
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
