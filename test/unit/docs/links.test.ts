import fs from 'node:fs';
import path from 'node:path';

// The README is the user's manual and points into docs/ and bench/ for the rest: a moved file or a
// renamed heading must not leave a reader on a dead link. Checks every relative link (and its
// #anchor, against the headings of the target, slugged as GitHub slugs them).

const ROOT = path.resolve(__dirname, '../../..');

function documents(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', 'bench/README.md', ...docs];
}

/** GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
export function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown text; repeated headings get -1, -2… as on GitHub. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const m of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = slug(m[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** Fenced blocks and inline code hold commands and examples, not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '``');
}

/** Every inline link target ([text](target), ![alt](target)) that is not a URL. */
export function relativeLinks(markdown: string): string[] {
  const targets = [...withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('the markdown link checker', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug('Access, scopes and the audit log')).toBe('access-scopes-and-the-audit-log');
    expect(slug('Try it locally: the playground')).toBe('try-it-locally-the-playground');
    expect(slug('Tokens in `.env`')).toBe('tokens-in-env');
    expect([...anchors('# A\n## B\n```\n# not a heading\n```\n## B\n')]).toEqual(['a', 'b', 'b-1']);
  });

  it('finds relative links and leaves URLs and code alone', () => {
    const text = 'See [a](docs/a.md#x), ![img](docs/p.png), [web](https://example.com), <https://x.y>, `[no](code.md)`\n```\n[no](block.md)\n```\n[top](#top)';
    expect(relativeLinks(text)).toEqual(['docs/a.md#x', 'docs/p.png', '#top']);
  });
});

describe.each(documents())('%s', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');

  it('has only relative links that resolve, anchors included', () => {
    const broken: string[] = [];
    for (const link of relativeLinks(text)) {
      const [target, anchor] = link.split('#', 2);
      const resolved = target === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), decodeURIComponent(target));
      if (!resolved.startsWith(ROOT) || !fs.existsSync(resolved)) {
        broken.push(`${link}: no such file`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${link}: no such heading`);
    }
    expect(broken).toEqual([]);
  });
});
