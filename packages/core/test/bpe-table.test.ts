/**
 * The compact rank table (bpe-table.ts) and the piece counters on it (bpe-count.ts: TablePieces and,
 * for the pieces it hands on, OddPieces) must count exactly what gpt-tokenizer counts, and what
 * js-tiktoken (the oracle) counts, on every kind of text. gpt-tokenizer is a development dependency:
 * the reference here, never loaded at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { countPieces, OddPieces, TablePieces } from '../src/bpe-count.js';
import { buildTableBytes, tableFromBytes, tableUrl } from '../src/bpe-table.js';

const require = createRequire(import.meta.url);
const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
const SPLIT = { o200k_base: 'O200K_TOKEN_SPLIT_REGEX', cl100k_base: 'CL100K_TOKEN_SPLIT_REGEX' } as const;

type Lib = { countTokens(t: string, o: object): number; default: { bytePairEncodingCoreProcessor: { getBpeRankFromString(s: string): number | undefined; bytePairEncode(s: string): number[] } } };
const lib = (e: string) => require(`gpt-tokenizer/encoding/${e}`) as Lib;
const ranksOf = (e: string) => (require(`gpt-tokenizer/bpeRanks/${e}`) as { default: (string | number[])[] }).default;
const split = (e: (typeof ENCODINGS)[number]) => (require('gpt-tokenizer/encodingParams/constants') as Record<string, RegExp>)[SPLIT[e]]!;

/** Deterministic pseudo-random text over an alphabet of strings (LCG). */
function randomText(seed: number, alphabet: string[], length: number): string {
  let s = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out += alphabet[(s >>> 8) % alphabet.length];
  }
  return out;
}

const ALPHABET = [...'abcdefghij ABCXYZ  \n\n\t.,;:!?{}[]"\'-_/\\0123456789가나다한국어日本語中文éüßñ', ' the', ' prompt', "'s", "n't", '😀', '👍🏽', '  ', '\r\n', '```', '    ', 'ـ', 'ा'];
const SAMPLES = [
  'Hello, world! This is a prompt.',
  '당신은 전문 번역가입니다. 이 책을 500단어 이내로 요약해줘.',
  '{\n  "user_name": "홍길동",\n  "user_age": 30\n}\n',
  'function f(x) {\n\treturn x   *  2;   \n}\n\n\n\n',
  '<|endoftext|> is plain text in a prompt',
  '日本語のテキストと中文文本，混在しています。',
  'a'.repeat(300),
  '   leading and trailing   ',
  'zero\u200bwidth and nbsp\u00a0here\u3000ideographic space',
  "I'm sure they'll say we've DONE it, ISN'T it?",
  '1234567890 3.14159 -42 1e10',
  'emoji 😀😀😀 family 👨‍👩‍👧 flags 🇰🇷🇯🇵',
  'BOM inside\ufeffthe text \ufeff\ufeffusing',
  'lone surrogates \ud800 and \udc00x and \ud83d',
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'مرحبا بالعالم، هذا نص عربي. नमस्ते दुनिया।',
  ...Array.from({ length: 40 }, (_, i) => randomText(i + 1, ALPHABET, 50 + i * 23)),
];

describe('compact BPE table', () => {
  for (const encoding of ENCODINGS) {
    const table = tableFromBytes(buildTableBytes(ranksOf(encoding)))!;
    const odd = new OddPieces(table);
    let fallbacks = 0;
    const pieces = new TablePieces(table, () => (fallbacks++, odd));
    const count = (t: string) => countPieces(t, split(encoding), pieces, false).count;

    it(`holds every rank of gpt-tokenizer's ${encoding} data`, () => {
      const ranks = ranksOf(encoding);
      expect(table.size).toBe(ranks.length);
      const enc = new TextEncoder();
      for (let r = 0; r < ranks.length; r += 97) {
        const v = ranks[r]!;
        const b = typeof v === 'string' ? enc.encode(v) : Uint8Array.from(v);
        expect(table.rank(b, 0, b.length)).toBe(r);
      }
      expect(table.rank(enc.encode('xq#z!'), 0, 5)).toBe(-1);
    });

    it(`counts as gpt-tokenizer and js-tiktoken do (${encoding})`, () => {
      const oracle = getEncoding(encoding);
      for (const s of SAMPLES) {
        const expected = lib(encoding).countTokens(s, { disallowedSpecial: new Set() });
        expect(count(s), JSON.stringify(s.slice(0, 40))).toBe(expected);
        // js-tiktoken agrees too, except where gpt-tokenizer's UTF-8 decoding drops a U+FEFF (kept: counts must not change)
        if (s.isWellFormed() && !s.includes('\ufeff')) expect(count(s), JSON.stringify(s.slice(0, 40))).toBe(oracle.encode(s, [], []).length);
      }
      expect(fallbacks).toBeGreaterThan(0); // the U+FEFF and lone-surrogate samples went to OddPieces
    });

    it(`OddPieces counts pieces with U+FEFF or a lone surrogate as gpt-tokenizer does (${encoding})`, () => {
      const core = lib(encoding).default.bytePairEncodingCoreProcessor;
      const reference = (p: string) => (core.getBpeRankFromString(p) !== undefined ? 1 : core.bytePairEncode(p).length);
      // the byte-stored tokens that start with a BOM ("\ufeffusing", "\ufeff//"...) among the parts
      const parts = ['\ufeff', '\ufeff\ufeff', '\ud800', '\udc00', '\ud83d', 'a', ' ', 'é', '가', '😀', 'the', '.', '\n', 'using', '//', '#', 'namespace'];
      let checked = 0;
      for (let seed = 1; checked < 3000; seed++) {
        const p = randomText(seed, parts, 1 + (seed % 8));
        if (!/[\ufeff\ud800-\udfff]/.test(p)) continue;
        checked++;
        expect(odd.countPiece(p), JSON.stringify(p)).toBe(reference(p));
      }
    });

    it(`counts long pieces (over the short-merge size) exactly (${encoding})`, () => {
      const CJK = [...'가나다라마바사아자차카타파하는을를이가에서의도요세계한국어번역문장あいうえおかきくけこ日本語中文文本混在東京大学漢字学習'];
      for (const n of [50, 200, 1000]) {
        const s = randomText(n, CJK, n);
        expect(count(s)).toBe(lib(encoding).countTokens(s, { disallowedSpecial: new Set() }));
      }
    });
  }

  it('rejects bytes that are not a table', () => {
    expect(tableFromBytes(new Uint8Array(8))).toBeUndefined();
    expect(tableFromBytes(new TextEncoder().encode('not a table at all, just text'))).toBeUndefined();
  });

  it('refuses rank data with two ranks of the same bytes', () => {
    expect(() => buildTableBytes(['a', 'b', 'a'])).toThrow(/same bytes/);
  });

  it.runIf(existsSync(fileURLToPath(tableUrl('o200k_base'))))('ships in dist exactly the table built from the installed gpt-tokenizer', () => {
    for (const encoding of ENCODINGS) {
      const shipped = readFileSync(fileURLToPath(tableUrl(encoding)));
      expect(Buffer.compare(shipped, Buffer.from(buildTableBytes(ranksOf(encoding))))).toBe(0);
    }
  });
});
