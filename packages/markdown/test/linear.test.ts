/**
 * Patterns rewritten to run in linear time (docs/performance.md, "Regular expressions on file
 * text"): each gives what it gave before on ordinary input, and an answer on the input that made
 * the old pattern backtrack (runs of spaces, capitals, brackets). No timing here: the growth is
 * measured by `node bench/run.mjs --only growth`.
 */
import { describe, expect, it } from 'vitest';
import { wordsOf } from '../src/classify.js';
import { fastStructure } from '../src/fast.js';
import { parsePromptFile } from '../src/index.js';
import { markdownStructure } from '../src/structure.js';

const spaces = (n: number): string => ' '.repeat(n);

function doc(text: string, path = 'x.prompty') {
  const r = parsePromptFile(text, { path });
  if (!r.ok) throw new Error(r.error.message);
  return r.document;
}

describe('patterns that no longer backtrack', () => {
  it('slot words: a capital before a capitalised word starts a new word; a long run of capitals is one word', () => {
    expect(wordsOf('HTMLParser')).toEqual(['html', 'parser']);
    expect(wordsOf('userIDList')).toEqual(['user', 'id', 'list']);
    expect(wordsOf('ABcDEf')).toEqual(['a', 'bc', 'd', 'ef']);
    expect(wordsOf('ABCaBCa')).toEqual(['ab', 'ca', 'b', 'ca']);
    expect(wordsOf('A'.repeat(50_000))).toEqual(['a'.repeat(50_000)]);
  });

  it('role lines: `# user:` and `user:` with spaces around; a long line of spaces is no role line', () => {
    const roles = (text: string) => doc(text).requests[0]!.messages.map((m) => m.role);
    expect(roles('system:\nYou help.\n  #  user :  \nHi.\n')).toEqual(['system', 'user']);
    expect(roles(`system:\nYou help.\n${spaces(30_000)}x\nuser:\nHi.\n`)).toEqual(['system', 'user']);
    expect(roles(`system:\nYou help.\n#${spaces(30_000)}#user:\nHi.\n`)).toEqual(['system']);
  });

  it('history loops: slices with spaces, loop-position conditions in either order, `recursive`, and long runs of spaces', () => {
    const history = (body: string) => doc(`system:\nYou help.\n${body}\n`).requests[0]!.history;
    expect(history('{% for m in history[ -10 : ] %}{{ m }}{% endfor %}')).toMatchObject({ state: 'trimmed', name: 'history' });
    expect(history('{% for m in history[-:] %}{{ m }}{% endfor %}')).toMatchObject({ state: 'trimmed' });
    expect(history('{% for m in history[a:] %}{{ m }}{% endfor %}')).toMatchObject({ state: 'grows' });
    expect(history('{% for m in history %}{% if 10 >= loop.revindex %}{{ m }}{% endif %}{% endfor %}')).toMatchObject({ state: 'trimmed' });
    expect(history('{% for m in history %}{% if loop.index %}{{ m }}{% endif %}{% endfor %}')).toMatchObject({ state: 'grows' });
    expect(history('{% for m in history recursive %}{{ m }}{% endfor %}')).toMatchObject({ state: 'grows', name: 'history' });
    expect(history(`{% for m in history${spaces(20_000)}if m.role %}{{ m }}{% endfor %}`)).toMatchObject({ state: 'grows', name: 'history' });
    expect(history(`{% for m${spaces(20_000)}in messages %}{{ m }}{% endfor %}`)).toMatchObject({ state: 'grows', name: 'messages' });
    // no ` in `: not a loop, however long the run of spaces
    expect(history(`{% for${spaces(20_000)}x %}{{ m }}{% endfor %}`)).toBeUndefined();
    expect(history(`{% for m in history[${spaces(20_000)}x] %}{{ m }}{% endfor %}`)).toMatchObject({ state: 'grows' });
    expect(history(`{% for m in history %}{% if ${'<'.repeat(20_000)} %}{{ m }}{% endif %}{% endfor %}`)).toMatchObject({ state: 'grows' });
  });

  it('GFM table delimiter rows: declined as before, with or without a closing pipe; a pipe and a run of spaces is no table', () => {
    for (const row of ['|---|---|', '| --- | :---: |', '---|---', '|---|---| ', ':-:|-:']) {
      expect(fastStructure(`| a | b |\n${row}\n`, 0), row).toBeUndefined();
    }
    expect(fastStructure(`|-${spaces(50_000)}x\n`, 0)).toBeDefined();
  });

  it('ATX headings in chunks read by the line scanner: closing sequences, empty headings, long runs of spaces', () => {
    // a block quote makes the fast path decline; 6,000 `*` make the chunk hazardous: the line scanner reads it
    const stars = `> quote\n\n${'*'.repeat(6_000)}\n\n`;
    const headings = (lines: string) => markdownStructure(`${stars}${lines}`, 0);
    const s = headings(`# Title ##\n  ## Sub #tag\n#\n# #\n####### seven\n    # code\n#${spaces(1_000)}x\n#${spaces(1_000)}#\n`);
    expect(s.lightChunks).toBe(1);
    expect(s.headings.map((h) => h.text)).toEqual(['Title', 'Sub #tag', '', '', 'x', '']);
    const at = stars.length + '# Title ##\n'.length + 2;
    expect(s.headings[1]!.range[0]).toBe(at);
  });
});
