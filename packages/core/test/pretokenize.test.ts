/**
 * The hand-written o200k_base pre-tokenizer (pretokenize.ts) must end every piece where
 * gpt-tokenizer's split regex does, or decline (-1); and countPieces must count the same with it,
 * without it, and when called again from inside a piece count (the regex copy it reuses).
 */
import { createRequire } from 'node:module';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { countPieces, TablePieces, type PieceCounter } from '../src/bpe-count.js';
import { loadTable } from '../src/bpe-table.js';
import { O200K_SOURCE, o200kPieceEnd } from '../src/pretokenize.js';
import { bpeCounter } from '../src/tokenizer.js';

const require = createRequire(import.meta.url);
const SPLIT = (require('gpt-tokenizer/encodingParams/constants') as Record<string, RegExp>).O200K_TOKEN_SPLIT_REGEX!;
const sticky = new RegExp(SPLIT.source, 'guy');

/** Every piece end of `text` by the regex, and the scanner's answer at each piece start. */
function compare(text: string): { mismatches: string[]; answered: number } {
  const mismatches: string[] = [];
  let answered = 0;
  for (let i = 0; i < text.length; ) {
    sticky.lastIndex = i;
    const want = i + sticky.exec(text)![0].length;
    const got = o200kPieceEnd(text, i);
    if (got >= 0) {
      answered++;
      if (got !== want) mismatches.push(`${JSON.stringify(text)} at ${i}: ${got}, regex ${want}`);
    }
    i = want;
  }
  return { mismatches, answered };
}

function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
// past ASCII: letters of each class, marks, digits, spaces, symbols, emoji, a lone surrogate
const WIDE = ['é', 'É', 'ǅ', 'ʰ', '가', '\u0301', '²', '٣', '\u00a0', '\u3000', '\u2028', '\ufeff', '—', '→', '😀', '\ud800'];

describe('o200k_base pre-tokenizer without the regex', () => {
  it('reproduces the regex it stands for', () => {
    expect(SPLIT.source).toBe(O200K_SOURCE);
    expect(SPLIT.flags).toBe('gu');
  });

  it('ends every piece where the regex does, on every string of up to 3 ASCII characters', () => {
    const alphabet = [...ASCII, 'é', '\u00a0', '가'];
    const mismatches: string[] = [];
    let answered = 0;
    for (const a of alphabet)
      for (const b of alphabet) {
        for (const c of alphabet) {
          const r = compare(a + b + c);
          mismatches.push(...r.mismatches);
          answered += r.answered;
        }
      }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(answered).toBeGreaterThan(1_000_000); // the scanner answered, not only declined
  });

  it('ends every piece where the regex does, on random mixed text', () => {
    const parts = [...ASCII.slice(0, 128), ...WIDE, "'s", "'LL", "'ve", "'Re", "n't", '  ', '\r\n', '//', ' the', 'HTMLParser', '12345'];
    const pick = lcg(42);
    const mismatches: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      for (let j = 1 + pick(16); j > 0; j--) s += parts[pick(parts.length)];
      mismatches.push(...compare(s).mismatches);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('declines where a character past ASCII decides the piece', () => {
    expect(o200kPieceEnd('caf\u00e9', 0)).toBe(-1); // é continues the word
    expect(o200kPieceEnd('  \u00a0x', 0)).toBe(-1); // NBSP continues the whitespace run
    expect(o200kPieceEnd('12\u0663', 0)).toBe(-1); // an Arabic-Indic digit is \p{N}
    expect(o200kPieceEnd('-\u2014', 0)).toBe(-1); // an em dash is punctuation
    expect(o200kPieceEnd('가', 0)).toBe(-1);
    expect(o200kPieceEnd('123\u0663', 0)).toBe(3); // three digits end the piece whatever follows
    expect(o200kPieceEnd("don't\u00e9", 0)).toBe(5); // the contraction ends it
  });

  it('splits as the regex on sample text', () => {
    const text = "  Hello, WORLD's\tfirst  HTMLParser: x=123456 -- don'T\r\n\n  \n  end/\n/ ok  ";
    const pieces: string[] = [];
    for (let i = 0; i < text.length; ) {
      const e = o200kPieceEnd(text, i);
      pieces.push(text.slice(i, e));
      i = e;
    }
    expect(pieces).toEqual(text.match(SPLIT));
  });
});

describe('countPieces with the scanner', () => {
  const table = loadTable('o200k_base');
  const lib = require('gpt-tokenizer/encoding/o200k_base') as { default: { bytePairEncodingCoreProcessor: { getBpeRankFromString(s: string): number | undefined; bytePairEncode(s: string): number[] } } };
  const core = lib.default.bytePairEncodingCoreProcessor;
  const libPieces: PieceCounter = { countPiece: (p) => (core.getBpeRankFromString(p) !== undefined ? 1 : core.bytePairEncode(p).length) };
  const pieces: PieceCounter = table ? new TablePieces(table, () => libPieces) : libPieces;
  const oracle = getEncoding('o200k_base');
  const pick = lcg(7);
  const parts = [...' abcXYZ019\n\t.,{}"\'-/', ' the', ' prompt', "'s", '가나다', '日本語', 'é', '\u00a0', '😀', '  ', '\r\n'];
  const texts = Array.from({ length: 60 }, () => {
    let s = '';
    for (let j = 20 + pick(400); j > 0; j--) s += parts[pick(parts.length)];
    return s;
  });

  it('counts and records piece starts as the regex alone does, and as js-tiktoken counts', () => {
    for (const s of texts) {
      const withScan = countPieces(s, SPLIT, pieces, true, o200kPieceEnd);
      const regexOnly = countPieces(s, SPLIT, pieces, true);
      expect(withScan.count).toBe(regexOnly.count);
      expect(withScan.count).toBe(oracle.encode(s, [], []).length);
      expect(withScan.table).toBeDefined();
      expect([...withScan.table!.starts]).toEqual([...regexOnly.table!.starts]);
      expect([...withScan.table!.before]).toEqual([...regexOnly.table!.before]);
    }
  });

  it('counts right when a piece count counts another text (the reused regex is not shared)', () => {
    let inner = 0;
    const nesting: PieceCounter = {
      countPiece: (p) => {
        if (p === ' nested') inner += countPieces('Hello there, world.', SPLIT, pieces, false).count;
        return pieces.countPiece(p);
      },
    };
    const text = 'before nested and after, nested again; 가나다 nested';
    for (const scan of [undefined, o200kPieceEnd]) {
      inner = 0;
      expect(countPieces(text, SPLIT, nesting, true, scan).count).toBe(oracle.encode(text, [], []).length);
      expect(inner).toBe(3 * oracle.encode('Hello there, world.', [], []).length);
    }
  });

  it('is what bpeCounter counts with', () => {
    const counter = bpeCounter('o200k_base');
    for (const s of texts.slice(0, 10)) expect(counter.count(`${s} #`)).toBe(oracle.encode(`${s} #`, [], []).length);
  });
});
