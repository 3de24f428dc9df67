import fs from 'node:fs';
import path from 'node:path';

// STYLE.md: src/ imports kysely only inside src/store, the folder that implements the store.
// Everything else holds a StoreDb handle, passes it to the repositories and gets domain objects
// back; queries and the table types stay in src/store.

const ROOT = path.resolve(__dirname, '../../..');
const STORE = path.join(ROOT, 'src', 'store');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const outsideStore = ['src', 'adapters', 'cards'].flatMap((top) => sourceFiles(path.join(ROOT, top))).filter((file) => !file.startsWith(STORE + path.sep));

/** The module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

describe('the store boundary', () => {
  test('the scan sees the code it guards', () => {
    expect(outsideStore.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining([path.join('src', 'scheduler', 'start-scheduler.ts'), path.join('adapters', 'teams', 'teams.deps.ts')]));
  });

  test('nothing outside src/store imports kysely', () => {
    const offenders = outsideStore.filter((file) => importsOf(file).some((spec) => spec === 'kysely' || spec.startsWith('kysely/'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  test("nothing outside src/store imports the store's table types, row mappers or migrations", () => {
    const internal = /(^|\/)store\/(database|row-mappers|migrate|migrations)(\/|$)/;
    const offenders = outsideStore.filter((file) => importsOf(file).some((spec) => spec.startsWith('.') && internal.test(spec))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
