/**
 * The O(n log n) merge of long pieces (bpe-merge.ts) must give exactly the tokens of the quadratic
 * reference: gpt-tokenizer's own `bytePairMerge` (the algorithm tiktoken uses) on many pieces, and
 * js-tiktoken (the oracle) on whole pieces of CJK letters without a space. Through the counter, a
 * text holding a piece longer than MAX_PIECE_LENGTH is counted exactly, not in approximate slices.
 */
import { createRequire } from 'node:module';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { mergeCount } from '../src/bpe-merge.js';
import { bpeCounter, MAX_PIECE_LENGTH } from '../src/index.js';

const require = createRequire(import.meta.url);
const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;

interface Core {
  bytePairMerge(bytes: Uint8Array): number[];
  getBpeRankFromBytes(bytes: Uint8Array): number | undefined;
}
const coreOf = (encoding: string): Core => (require(`gpt-tokenizer/encoding/${encoding}`) as { default: { bytePairEncodingCoreProcessor: Core } }).default.bytePairEncodingCoreProcessor;
const utf8 = new TextEncoder();

/** Deterministic pseudo-random text over an alphabet (LCG). */
function randomText(seed: number, alphabet: string[], length: number): string {
  let s = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out += alphabet[s % alphabet.length];
  }
  return out;
}

/** Hangul, kana and Han letters with no space or punctuation: one o200k_base piece. */
const CJK = [...'가나다라마바사아자차카타파하는을를이가에서의도요세계한국어번역문장あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん日本語中文文本混在東京大学漢字学習'];

describe('mergeCount', () => {
  for (const encoding of ENCODINGS) {
    it(`gives the same number of tokens as the quadratic reference merge (${encoding})`, () => {
      const core = coreOf(encoding);
      const rankOf = (b: Uint8Array) => core.getBpeRankFromBytes(b);
      const pieces: string[] = [];
      for (const ch of ['a', ' ', '=', '-', '\n', '가', 'ab', 'abc', '😀', 'é', '\t ']) for (const n of [1, 2, 3, 5, 17, 64, 100, 1000]) pieces.push(ch.repeat(n));
      for (let seed = 1; seed <= 150; seed++) pieces.push(randomText(seed, [...'aaabbbcdeé가나😀 \n=-'], 1 + (seed * 37) % 300));
      for (const n of [10, 100, 700, 2000]) pieces.push(randomText(n, CJK, n));
      for (const p of pieces) {
        const bytes = utf8.encode(p);
        expect(mergeCount(bytes, rankOf), JSON.stringify(p.slice(0, 20))).toBe(core.bytePairMerge(bytes).length);
      }
    });

    it(`agrees with js-tiktoken on a whole piece of 1,200 CJK letters (${encoding})`, () => {
      const core = coreOf(encoding);
      const text = randomText(7, CJK, 1200); // letters only: one piece for both encodings' pre-tokenizers
      const ours = mergeCount(utf8.encode(text), (b) => core.getBpeRankFromBytes(b));
      expect(ours).toBe(getEncoding(encoding).encode(text, [], []).length);
    });
  }

  it('handles the edges: empty, one byte, a piece that is one token', () => {
    const core = coreOf('o200k_base');
    const rankOf = (b: Uint8Array) => core.getBpeRankFromBytes(b);
    expect(mergeCount(new Uint8Array(0), rankOf)).toBe(0);
    expect(mergeCount(utf8.encode('a'), rankOf)).toBe(1);
    expect(mergeCount(utf8.encode('hello'), rankOf)).toBe(1);
  });
});

describe('counting a text with a piece longer than MAX_PIECE_LENGTH', () => {
  it.each(ENCODINGS)('is exact (%s): the same as the encoder counting the whole text', (encoding) => {
    const raw = require(`gpt-tokenizer/encoding/${encoding}`) as { countTokens(t: string, o: object): number };
    const long = randomText(3, CJK, MAX_PIECE_LENGTH + 1500);
    for (const text of [long, `Translate this:\n\n${long}\n\nKeep it   short.`, `${'='.repeat(MAX_PIECE_LENGTH + 10)}\n${long}`]) {
      expect(bpeCounter(encoding).count(text)).toBe(raw.countTokens(text, { disallowedSpecial: new Set() }));
    }
  });
});
