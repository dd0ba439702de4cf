/**
 * BPE merging is quadratic in the length of one pre-tokenizer piece, so a long run without spaces
 * (a 20 MB line, 10,000 `>`, a DNA sequence) once made a count take hours. Core now counts pieces
 * over 4,096 characters in slices: this checks that counts stay exact (against js-tiktoken, an
 * independent implementation) for everything else, and within one token per slice for the long
 * runs, and that a 20 MB run is counted at all.
 */
import { bpeCounter, MAX_PIECE_LENGTH } from '@promptlint/core';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';

const T = { timeout: 120_000 };
const oracle = getEncoding('o200k_base');
const exact = (s: string): number => oracle.encode(s, [], []).length;
const count = (s: string): number => bpeCounter('o200k_base').count(s);

/** Deterministic pseudo-random text over an alphabet. */
function random(alphabet: string, n: number, seed = 7): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

describe('token counts of long runs', T, () => {
  it('pieces up to 4,096 characters are counted exactly', () => {
    expect(MAX_PIECE_LENGTH).toBe(4096);
    for (const s of [
      `Intro. ${random('abcdefghijklmnopqrstuvwxyz', 4000)} outro.`,
      `${'=-'.repeat(1000)}\n\nafter`,
      '가나다라마바사아자차카타파하'.repeat(100), // 1,400 Hangul letters, one piece
      `a${' '.repeat(4000)}b`,
      `data:image/png;base64,${random('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 20_000)}`,
    ]) {
      expect(count(s), s.slice(0, 20)).toBe(exact(s));
    }
  });

  it('longer pieces are within one token per 512-character slice of the exact count', () => {
    for (const s of [`Before: ${random('ACGT', 5_000)} after.`, `x ${'>'.repeat(5_000)} hi`, random('abcdefghijklmnopqrstuvwxyz', 4_500, 3)]) {
      const slices = Math.ceil(s.length / 512);
      expect(Math.abs(count(s) - exact(s)), s.slice(0, 20)).toBeLessThanOrEqual(slices);
    }
  });

  it('a 20 MB run of one character and a 2 MB random run are counted (they used to take hours)', () => {
    expect(count('x'.repeat(20 * 1024 * 1024))).toBeGreaterThan(20 * 1024 * 1024 / 512);
    const dna = random('ACGT', 2 * 1024 * 1024, 11);
    expect(count(dna)).toBeGreaterThan(dna.length / 8);
  });
});
