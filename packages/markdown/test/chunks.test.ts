/**
 * Chunked parsing is an optimisation, never a change: documents built at random from block
 * fragments (fences, HTML blocks, comments, lists, quotes, setext underlines, CRLF, front matter),
 * cut at every line the chunker thinks safe, give exactly the code, headings and comments of one
 * remark parse of the whole document. Seeded, so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { isHazardous } from '../src/chunks.js';
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

describe('hazardous chunks (read by the line scanner, not micromark)', () => {
  it('a paragraph of unmatched `]` or `](` is one; prose with links, and the same brackets split by blank lines, are not', () => {
    expect(isHazardous(`x ${'a] '.repeat(3_000)}`)).toBe(true); // 3,000 x 9,002 characters > 20,000,000
    expect(isHazardous(`x${'](b '.repeat(3_000)}`)).toBe(true);
    expect(isHazardous(`x${'[a]('.repeat(3_000)}`)).toBe(true);
    expect(isHazardous(`x ${'a] '.repeat(2_000)}`)).toBe(false); // 2,000 x 6,002 = 12,004,000
    // matched brackets cost micromark nothing: 3,000 references in one paragraph
    expect(isHazardous(`x ${'[a] '.repeat(3_000)}`)).toBe(false);
    // a blank line ends the paragraph and its count
    expect(isHazardous(`x a] b\n\n`.repeat(20_000))).toBe(false);
    expect(isHazardous(`x a] b\n`.repeat(2_000))).toBe(true); // one paragraph of 2,000 lines
    // 60 links in a 5 KB paragraph
    expect(isHazardous(`${'See [the guide](https://example.com/guide) for more on this topic. '.repeat(60)}\n`)).toBe(false);
  });

  it('such documents get their comments, fences and headings from the line scanner, in linear time', () => {
    for (const unit of ['a] ', '](', '[a](', '](b (']) {
      // `]:` makes the fast path decline (a link reference definition may be there)
      const body = `x${unit.repeat(Math.ceil(200_000 / unit.length))}]:\n`;
      const text = `# Title\n\n<!-- note -->\n\n\`\`\`\ncode\n\`\`\`\n\n${body}`;
      const s = markdownStructure(text, 0);
      expect(s.lightChunks, JSON.stringify(unit)).toBeGreaterThan(0);
      expect(s.headings.map((h) => h.text)).toEqual(['Title']);
      expect(s.comments.map((c) => c.value)).toEqual([' note ']);
      const fence = text.indexOf('```');
      expect(s.code).toEqual([[fence, text.indexOf('```', fence + 3) + 3]]);
    }
  });
});
