/**
 * RangeMemo (piece-memo.ts) must answer exactly what was stored for the same characters, wherever
 * in a text they sit, and nothing for characters never stored; and it must keep doing so across the
 * reset when it fills up.
 */
import { describe, expect, it } from 'vitest';
import { MEMO_MAX_PIECE, RangeMemo } from '../src/piece-memo.js';

function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

describe('RangeMemo', () => {
  it('finds a range by its characters, not by where it sits', () => {
    const memo = new RangeMemo();
    const text = 'the cat, the dog; The cat';
    expect(memo.get(text, 0, 3)).toBe(-1);
    memo.set(text, 0, 3, 7);
    expect(memo.get(text, 9, 12)).toBe(7); // "the" again
    expect(memo.get(text, 18, 21)).toBe(-1); // "The": other characters
    expect(memo.get(text, 0, 4)).toBe(-1); // "the ": other length
    expect(memo.get(text, 3, 3)).toBe(-1); // empty
    memo.set(text, 3, 3, 1);
    expect(memo.get(text, 3, 3)).toBe(-1);
    const long = 'x'.repeat(MEMO_MAX_PIECE + 1);
    memo.set(long, 0, long.length, 5);
    expect(memo.get(long, 0, long.length)).toBe(-1); // over the length limit: never remembered
  });

  it('agrees with a Map over more distinct pieces than it holds (through its resets)', () => {
    const memo = new RangeMemo();
    const reference = new Map<string, number>();
    const pick = lcg(5);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz 가é😀\n';
    let hits = 0;
    for (let k = 0; k < 150_000; k++) {
      // a text with the piece somewhere inside it
      const len = 1 + pick(k % 3 === 0 ? MEMO_MAX_PIECE : 4);
      let piece = '';
      for (let j = 0; j < len; j++) piece += alphabet[pick(alphabet.length)];
      const pad = '#'.repeat(pick(5));
      const text = pad + piece + '#';
      const start = pad.length;
      const end = start + piece.length;
      const got = memo.get(text, start, end);
      const want = reference.get(piece);
      if (got >= 0) {
        hits++;
        expect(got, piece).toBe(want);
      } else {
        const count = want ?? piece.length * 3 + (piece.charCodeAt(0) % 5);
        reference.set(piece, count);
        memo.set(text, start, end, count);
      }
    }
    expect(hits).toBeGreaterThan(50_000);
  });
});
