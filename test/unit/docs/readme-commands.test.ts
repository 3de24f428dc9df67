/**
 * The README's command table shows each command as `help <command>` does: a row naming one
 * command gives its usage from the catalogue (src/commands/command-catalog.ts), or one of its
 * forms (`policy … | policy set …`), so a person who types what the README shows is not refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/commands/command-catalog';

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

/** First cells of the `| command | what it does |` table that hold a single code span. */
function commandCells(): string[] {
  const start = README.indexOf('| command | what it does |');
  const rows = README.slice(start).split('\n').slice(2);
  const cells: string[] = [];
  for (const row of rows) {
    if (!row.startsWith('|')) break;
    const first = row.split(/(?<!\\)\|/)[1].trim();
    const spans = first.match(/`[^`]+`/g) ?? [];
    if (spans.length === 1 && spans[0] === first) cells.push(first.slice(1, -1).replace(/\\\|/g, '|'));
  }
  return cells;
}

describe('README command table', () => {
  it('has the table', () => {
    expect(commandCells().length).toBeGreaterThan(10);
  });

  it.each(commandCells())('%s is written as its usage in help', (cell) => {
    const spec = COMMANDS.find((c) => c.name === cell.split(' ')[0]);
    expect(spec).toBeDefined();
    const forms = (spec?.usage ?? '').replace(/^backup /, '').split(' | ').map((f, i, all) => (i > 0 && !f.startsWith(cell.split(' ')[0]) ? `${all[0].split(' ')[0]} ${f}` : f));
    expect(forms).toContain(cell);
  });
});
