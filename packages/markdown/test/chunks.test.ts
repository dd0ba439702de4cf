/**
 * Chunked parsing is an optimisation, never a change: documents built at random from block
 * fragments (fences, HTML blocks, comments, lists, quotes, setext underlines, CRLF, front matter),
 * cut at every line the chunker thinks safe, give exactly the code, headings and comments of one
 * remark parse of the whole document. Seeded, so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { findFrontMatter } from '../src/frontmatter.js';
import { markdownStructure, wholeStructure, type MarkdownStructure } from '../src/structure.js';

const FRAGMENTS = [
  '', 'text line', '- item', '* item', '+ item', '-', '- ', '1. item', '1) item', '10. item', '> quote', '>> nested',
  '> - quoted item', '- > item quote', '  - sub', '\t- tab item', '    indented', '  two spaces', '  indented text',
  '```', '```js', '~~~', '````', ' ```', '  ```', '   ~~~', '    ```', '\t```', '- ```', '> ```', '``` ```', '~~~ ~~~',
  '```\ncode\n```', '<!--', '-->', '<!-- c -->', '<!-->', '<!-- promptlint-disable x -->', 'a<!-- inline', 'text <!-- a --> text',
  '<pre>', '</pre>', '<div>', '</div>', '<table>', '<span>', '</span>', '<script>', '</script>', '<?', '?>', '<!DOCTYPE',
  '<![CDATA[', ']]>', '# head', 'Setext', '---', '===', '***', '- - -', '| a | b |', '|---|---|', '`code', 'code`', '`', '``',
  '[x]: /url', '[^1]: note',
];

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

/** Code ranges up to their last non-line-end character (micromark ends an unclosed block before or after its line end depending on what follows). */
function normalised(text: string, s: MarkdownStructure): unknown {
  const code = s.code.map(([a, b]) => {
    let e = b;
    while (e > a && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
    return [a, e];
  });
  return { code, headings: s.headings, comments: s.comments };
}

describe('chunked parsing equals one parse', () => {
  it('on 1,500 random documents cut at every safe line', () => {
    const rnd = random(20261128);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let compared = 0;
    for (let t = 0; t < 1500; t++) {
      const eol = rnd() < 0.3 ? '\r\n' : '\n';
      const lines = Array.from({ length: 5 + Math.floor(rnd() * 40) }, () => pick(FRAGMENTS).replace(/\n/g, eol));
      const text = (rnd() < 0.25 ? `---${eol}model: gpt-4o${eol}---${eol}` : '') + lines.join(eol) + (rnd() < 0.5 ? eol : '');
      const bodyStart = findFrontMatter(text)?.bodyStart ?? 0;
      const chunked = markdownStructure(text, bodyStart, 1);
      const whole = wholeStructure(text, bodyStart > 0);
      expect(normalised(text, chunked), JSON.stringify(text)).toEqual(normalised(text, whole));
      compared++;
    }
    expect(compared).toBe(1500);
  }, 300_000);
});
