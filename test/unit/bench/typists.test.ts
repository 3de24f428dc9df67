/**
 * The picker bench's crowd (bench/parts/picker.bench.ts): each person types whole queries letter
 * by letter, at a different query from the others, and does not wait for an answer to type the
 * next letter (bench/lib/http-load.ts typeTogether).
 */
import { typeTogether } from '../../../bench/lib/http-load';
import { crowdSequences } from '../../../bench/parts/picker.bench';

describe('people typing at once in the picker bench', () => {
  it('gives each person whole queries letter by letter, each starting at a different query', () => {
    const seqs = crowdSequences(['ab', 'cd', 'ef'], 2, 2);
    expect(seqs).toEqual([
      ['a', 'ab', 'c', 'cd'],
      ['e', 'ef', 'a', 'ab'],
    ]);
  });

  it('sends every keystroke, the next one without waiting for the last answer', async () => {
    const sent: string[] = [];
    const pending: Array<() => void> = [];
    const all = typeTogether([['a', 'ab'], ['x']], 1, (text) => {
      sent.push(text);
      return new Promise<string>((resolve) => pending.push(() => resolve(text)));
    });
    // Nothing is answered yet, and still every keystroke goes out.
    while (sent.length < 3) await new Promise((r) => setTimeout(r, 1));
    expect([...sent].sort()).toEqual(['a', 'ab', 'x']);
    for (const answer of pending) answer();
    expect(await all).toEqual(['a', 'ab', 'x']);
  });
});
