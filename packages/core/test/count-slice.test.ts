/**
 * countSlice(text, start, end) must equal count(text.slice(start, end)) everywhere: at piece
 * boundaries and inside pieces, with whitespace runs, line ends and JSON around the slice's end,
 * for both encodings and for approximated providers. The expected counts come from js-tiktoken.
 */
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { bpeCounter, counterFor, countSlice } from '../src/index.js';
import { findJsonBlocks } from '../src/scan.js';

const TEXTS = [
  'Here is the data:\n\n```json\n{\n  "name": "Ada",\n  "tags": ["a", "b"]\n}\n```\n\nSummarise it.   \n',
  'Use this schema:\n  {\n    "id": 1,\n    "items": [\n      {"k": "v"}\n    ]\n  }\n/ then answer.\n',
  'line one  \n\n\n   line two\t\t\nthree   four    five\r\n\r\n  six  ',
  '다음 JSON을 요약하세요:\n{\n  "이름": "홍길동",\n  "나이": 30\n}\n감사합니다.\u3000\u3000끝',
  "They'll say it's DONE's end. 12345678 items,  fine?!  \n",
];

describe('countSlice', () => {
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    it(`equals the count of the slice at every start and many ends (${encoding})`, () => {
      const oracle = getEncoding(encoding);
      const c = bpeCounter(encoding);
      for (const text of TEXTS) {
        for (let start = 0; start < text.length; start += 3) {
          for (let end = start; end <= text.length; end += start % 2 ? 5 : 1) {
            c.count(text); // as the rules do: the whole part is counted first
            const slice = text.slice(start, end);
            expect(countSlice(c, text, start, end), `${JSON.stringify(slice)} in text ${TEXTS.indexOf(text)}`).toBe(oracle.encode(slice, [], []).length);
          }
        }
      }
    }, 60_000);
  }

  it('counts the JSON blocks of a text as counting them alone does', () => {
    const oracle = getEncoding('o200k_base');
    const c = bpeCounter('o200k_base');
    let blocks = 0;
    for (const text of TEXTS) {
      for (const b of findJsonBlocks(text)) {
        blocks++;
        expect(countSlice(c, text, b.start, b.end)).toBe(oracle.encode(b.text, [], []).length);
      }
    }
    expect(blocks).toBe(3);
  });

  it('scales like count for approximated providers and clamps odd offsets', () => {
    const text = TEXTS[0]!;
    const claude = counterFor('anthropic');
    expect(countSlice(claude, text, 10, 60)).toBe(claude.count(text.slice(10, 60)));
    const c = bpeCounter('o200k_base');
    expect(countSlice(c, text, -5, 10_000)).toBe(c.count(text));
    expect(countSlice(c, text, 20, 5)).toBe(0);
    expect(countSlice(c, '\ufeffhello world', 1, 12)).toBe(c.count('hello world'));
  });
});
