/**
 * The fast scanner is an optimisation, never a change: wherever it accepts a document, its code
 * ranges, headings and comments are exactly those of one remark parse (`wholeStructure`); where it
 * cannot be sure, it declines and remark parses the file. Checked on every fixture and example,
 * on generated documents that mix every block and inline construct (seeded, so a failure
 * reproduces), and on hand-written cases whose expected ranges are counted by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastStructure } from '../src/fast.js';
import { findFrontMatter } from '../src/frontmatter.js';
import { parsePromptFile } from '../src/index.js';
import { markdownStructure, wholeStructure, type MarkdownStructure } from '../src/structure.js';
import { filesUnder, mulberry32, ROOT } from './helpers.js';

const view = (s: MarkdownStructure): unknown => ({ code: s.code, headings: s.headings, comments: s.comments });

/** Compares the fast path with remark on `text`; returns whether the fast path took it. */
function compare(text: string, label: string): boolean {
  const bodyStart = findFrontMatter(text)?.bodyStart ?? 0;
  if (!fastStructure(text, bodyStart)) return false;
  expect(view(markdownStructure(text, bodyStart)), label).toEqual(view(wholeStructure(text, bodyStart > 0)));
  return true;
}

const BLOCKS = [
  '', '', '', 'text line', 'plain words here', '- item', '* item', '+ item', '-', '- ', '1. item', '1) item', '2. item', '10. item', '> quote',
  '  - sub', '    - deep', '   - three', '     five', '\t- tab item', '    indented', '  two spaces', '      six', '```', '```js', '~~~', '````',
  ' ```', '  ```', '    ```', '\t```', '- ```', '``` ```', '~~~ ~~~', '```\ncode\n```', '<!--', '-->', '<!-- c -->', '<!-->', '<!--->',
  '<!-- promptlint-disable x -->', 'a<!-- inline', 'text <!-- a --> text', '<!-- a -- b -->', '<pre>', '</pre>', '<div>', '</div>',
  '<div class="x">', '<span>', '</span>', '<script>', '</script>', '<?', '?>', '<!DOCTYPE html>', '<![CDATA[', ']]>', '<instructions>',
  '</instructions>', '<doc id="1">', '<a href="`x`">', '<br/>', '<x-y a=b>', '# head', '## System', '# **User**', '## `assistant`',
  '### Tool ###', '#hashtag', '####### seven', '#', 'Setext', '---', '===', '***', '- - -', '* * *', '| a | b |', '|---|---|', '`code',
  'code`', '``', 'a `b` c', 'a ``b`c`` d', '\\`not code`', 'x \\\\`y`', '[a](b)', '[a](`b`)', 'see [x](http://e.com "t`i") `c`',
  '![i](src) `c`', '<http://a.com/`x`>', '<a@b.co>', 'http://x.com/`a` b`', 'www.x.com`y`', '**bold `x`**', '&amp; `c`',
  'a <b c="`"> d`', '<!-- x `y` --> `z`', '- a\n  continued `x`', 'para\n2. not list', 'para\n    not code', '- [ ] task `t`',
  '{{slot}} `x`', '한국어 `코드` 텍스트', 'a\tb', '  \t  ', 'tail\\', 'x <y', 'a < b > c', '<1@x.io>', '<mailto:a@b.c>', '[x]: /url',
];
const INLINE = ['`', '``', '```', 'a', ' ', '\\', '\\`', '<', '>', '<!--', '-->', '<a>', '</a>', '<b x="`">', '](', ')', '[', ']', '"', 'http://', 'www.', '*', '_', '&amp;', '#', '-', '1.', '\n', '\n  ', '\n- ', '|', 'System'];

describe('the fast scanner equals remark', () => {
  it('on every fixture and example prompt file (and takes them all)', () => {
    const files = [...filesUnder(join(ROOT, 'fixtures/prompts')), ...filesUnder(join(ROOT, 'examples'))];
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      if (text.includes('\0')) continue;
      if (compare(text, file)) taken++;
    }
    expect(files.length).toBeGreaterThan(40);
    expect(taken / files.length).toBeGreaterThan(0.9);
  });

  it('on 6,000 generated documents mixing every block and inline construct', () => {
    const rnd = mulberry32(20261128);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let taken = 0;
    for (let t = 0; t < 6000; t++) {
      const eol = rnd() < 0.2 ? '\r\n' : '\n';
      const lines = Array.from({ length: 2 + Math.floor(rnd() * 25) }, () => {
        let line = rnd() < 0.3 ? Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => pick(INLINE)).join('') : pick(BLOCKS);
        if (rnd() < 0.15) line = pick(['- ', '  ', '1. ', '   ', '    ']) + line;
        if (rnd() < 0.15) line = `${line} ${pick(BLOCKS).split('\n')[0]}`;
        return line.replace(/\n/g, eol);
      });
      const text = (rnd() < 0.2 ? `---${eol}model: gpt-4o${eol}---${eol}` : '') + lines.join(eol) + (rnd() < 0.5 ? eol : '');
      if (compare(text, JSON.stringify(text))) taken++;
    }
    // Enough of them take the fast path for the comparison to mean something.
    expect(taken).toBeGreaterThan(1500);
  }, 120_000);
});

describe('link destinations and titles (read once, however many `](` there are)', () => {
  const fast = (text: string) => fastStructure(text, 0);
  const TAIL = ['](', '[a](', '[', ']', '(', ')', '"', "'", ' ', '  ', '\n', 'x', 'b', '`', '``', '<', '>', '\\', '\\)', '\\(', '\\"', ' (', ' "', " '", '\t', '[x](y "t")', '[x](<y>)', 'http://', '\u0001'];

  it('equal remark on 8,000 generated paragraphs of link syntax', () => {
    const rnd = mulberry32(20261204);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let taken = 0;
    for (let t = 0; t < 8000; t++) {
      const text = Array.from({ length: 2 + Math.floor(rnd() * 24) }, () => pick(TAIL)).join('') + (rnd() < 0.5 ? ' `code`\n' : '\n');
      if (compare(text, JSON.stringify(text))) taken++;
    }
    expect(taken).toBeGreaterThan(3000);
  }, 120_000);

  it('takes long runs of `](`, `[a](`, destinations with titles, and finds the code after them', () => {
    const units = ['](', '[a](', '[a](b (', '](b "', '](\n', "[a](b '", '](x)'];
    // a title left open runs to the end of the paragraph: the code goes in the next one
    const after = (unit: string): string => (/[('"]$/.test(unit) ? '\n\n' : ' ') + 'end `code` <!-- note -->\n';
    for (const unit of units) {
      const text = `x${unit.repeat(Math.ceil(100_000 / unit.length))}${after(unit)}`;
      const s = fast(text);
      expect(s, JSON.stringify(unit)).toBeDefined();
      const at = text.indexOf('`code`');
      expect(s!.code, JSON.stringify(unit)).toEqual([[at, at + 6]]);
      expect(s!.comments.map((c) => c.value), JSON.stringify(unit)).toEqual([' note ']);
    }
    // the same at a size remark parses quickly, checked against remark
    for (const unit of units) expect(compare(`x${unit.repeat(300)}${after(unit)}`, JSON.stringify(unit))).toBe(true);
  });

  it('declines a backtick or `<` in a destination or title after a long run', () => {
    // `[q](` right before the space that ended the destination of `[p](`: its own destination is `` `b` `` (remark: a link, no code)
    expect(fast('[p](a[q]( `b`)\n')).toBeUndefined();
    expect(wholeStructure('[p](a[q]( `b`)\n', false).code).toEqual([]);
    for (const text of [`x${'['.repeat(3)}${'a]('.repeat(30_000)}\`y\``, `x${'](b ('.repeat(20_000)}<y>`, `x${'](b "'.repeat(20_000)}\``]) {
      expect(fast(text)).toBeUndefined();
    }
  });
});

describe('the fast scanner', () => {
  const fast = (text: string) => fastStructure(text, 0);

  it('finds code spans, fences, indented code, headings and comments at the offsets remark gives', () => {
    const text = '# System\n\nUse `x` and <!-- note -->.\n\n```json\n{"a": 1}\n```\n\n    indented\n\nUser\n----\n';
    const s = fast(text)!;
    expect(s).toBeDefined();
    // `x` at 14-17; the fence from its first backtick to the end of its closing line; indented code from its line start.
    expect(s.code).toEqual([[14, 17], [38, 58], [60, 72]]);
    expect(s.headings).toEqual([
      { range: [0, 8], text: 'System', source: [0, 8] },
      { range: [74, 83], text: 'User', source: [74, 83] },
    ]);
    expect(s.comments).toEqual([{ value: ' note ', range: [22, 35] }]);
  });

  it('leaves a heading with inline syntax to remark, which gives its text', () => {
    const text = '## **User**\n\nhi\n';
    expect(fast(text)!.headings).toEqual([{ range: [0, 11], text: undefined, source: [0, 11] }]);
    expect(markdownStructure(text, 0).headings).toEqual([{ range: [0, 11], text: 'User', topLevel: true }]);
    const r = parsePromptFile(`# System\n\nBe brief.\n\n${text}`, { path: 'p.prompt.md' });
    expect(r.ok && r.document.requests[0]!.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('lists: code spans stay inside their item; a list item interrupts a paragraph; `2.` does not', () => {
    expect(fast('- a `b\n- c` d\n')!.code).toEqual([]);
    expect(fast('- a `b\n  c` d\n')!.code).toEqual([[4, 11]]);
    expect(fast('para `x\n- y` z\n')!.code).toEqual([]);
    expect(fast('para `x\n2. y` z\n')!.code).toEqual([[5, 13]]);
  });

  it('an HTML block hides code and headings until its end; inline HTML hides the backticks in it', () => {
    const s = fast('<div>\n`not code`\n# not a heading\n\n`code`\n')!;
    expect(s.code).toEqual([[34, 40]]);
    expect(s.headings).toEqual([]);
    expect(fast('a <b title="`"> c` d\n')!.code).toEqual([]);
  });

  it('fences as remark reads them: a U+2028 in the info string, a longer closing run, an indented closing fence', () => {
    for (const text of ['```js\u2028x\ncode `a`\n```\n\n`b`\n', '~~~~\n~~~\n  ~~~~~\n`c`\n', '  ```\ncode\n   ```\nafter `d`\n']) {
      expect(compare(text, JSON.stringify(text)), JSON.stringify(text)).toBe(true);
      expect(fast(text)!.code).toHaveLength(2);
    }
  });

  it('declines what it cannot be sure of', () => {
    for (const text of [
      '> quote `x`\n', // block quote
      '| a | b |\n|---|---|\n| `x` | y |\n', // GFM table
      '[x]\n\n[x]: /url\n', // link reference definition
      '[^1]: footnote\n', // footnote definition
      '- item\n<span>\n', // HTML on a lazy line
      '\t# tab\n', // tab indentation
      '- ```\n  code\n  ```\n', // fence inside a list item
      '[a](`b`) `c`\n', // backtick in a link destination
      'http://x.com/`a` b`\n', // a GFM URL that takes the backtick along
    ]) {
      expect(fast(text), JSON.stringify(text)).toBeUndefined();
      expect(() => markdownStructure(text, 0)).not.toThrow();
    }
  });

  it('stays linear on unclosed constructs (no quadratic search)', () => {
    // 20,000 paragraphs each opening a comment, a code span and a tag that never close.
    const text = 'x <!-- a `b <a href="c\n\n'.repeat(20_000);
    const s = fast(text)!;
    expect(s.code).toEqual([]);
    expect(s.comments).toEqual([]);
    // One 200 KB word of code spans: each backtick looks back for a URL in its word, once per character.
    const word = 'a`b`'.repeat(50_000);
    expect(fast(word)!.code).toHaveLength(50_000);
  });
});
