/**
 * The shortcuts taken for speed in savings.ts and scan.ts give what the plain code gives: number
 * formats made once equal toLocaleString's, the fence pre-check equals the fence regex alone, and
 * the remembered JSON blocks equal a fresh search.
 */
import { describe, expect, it } from 'vitest';
import { formatTokens, formatUsd } from '../src/savings.js';
import { FenceTracker, findJsonBlocks, isBlank, isBlankRange, jsonBlocks, splitLines } from '../src/scan.js';
import { LineIndex } from '../src/text.js';

describe('formatTokens and formatUsd', () => {
  it('format as written by hand', () => {
    expect(formatTokens(2965)).toBe('2,965');
    expect(formatTokens(1234567.6)).toBe('1,234,568');
    expect(formatTokens(-42000)).toBe('-42,000');
    expect(formatTokens(0)).toBe('0');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.0037)).toBe('$0.00370'); // 1 - floor(log10 0.0037) + 1 = 5 digits
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(-1234567.891)).toBe('-$1,234,567.89');
    expect(formatUsd(1)).toBe('$1.00');
  });

  it('formats token counts as toLocaleString does, at every digit count and at the edges', () => {
    const values = [0, -0, 0.4, -0.4, 0.5, -0.5, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, -1e300, NaN, Infinity, -Infinity];
    for (let d = 1; d <= 16; d++) values.push(Number('9'.repeat(d)), Number('1'.padEnd(d, '0')), -Number('4'.repeat(d)));
    for (const v of values) expect(formatTokens(v), String(v)).toBe(Math.round(v).toLocaleString('en-US'));
  });

  it('equal toLocaleString on many values', () => {
    let x = 0.9;
    for (let i = 0; i < 400; i++, x *= 1.137) {
      for (const v of [x, -x, Math.round(x), x + 0.005]) {
        expect(formatTokens(v)).toBe(Math.round(v).toLocaleString('en-US'));
        if (Math.abs(v) >= 1) expect(formatUsd(v)).toBe(`${v < 0 ? '-' : ''}$${Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
      }
    }
  });
});

/** FenceTracker.feed without the pre-check: the regex on every line (a U+2028 is part of a line, as in CommonMark). */
class ReferenceTracker {
  marker: string | undefined;
  info = '';
  feed(line: string): string {
    const m = /^ {0,3}(`{3,}|~{3,})([\s\S]*)$/.exec(line);
    if (this.marker !== undefined) {
      if (m && m[1]![0] === this.marker[0] && m[1]!.length >= this.marker.length && /^[ \t]*$/.test(m[2]!)) {
        this.marker = undefined;
        this.info = '';
        return 'close';
      }
      return 'inside';
    }
    if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      this.marker = m[1]!;
      this.info = m[2]!.trim();
      return 'open';
    }
    return 'outside';
  }
}

function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

const PARTS = [' ', '  ', '    ', '\t', '```', '````', '~~~', '``', '~', '`', 'json', 'x', '{', '}', '[', ']', '"a": 1', ',', '"', '\\', '\u2028', '\n', '\n', '\n', '\r\n'];

function randomText(pick: (n: number) => number, parts: number): string {
  let s = '';
  for (let j = 0; j < parts; j++) s += PARTS[pick(PARTS.length)];
  return s;
}

describe('fence pre-check and remembered JSON blocks', () => {
  it('FenceTracker (feed and feedRange) says what the fence regex alone says, line by line', () => {
    const pick = lcg(3);
    for (let k = 0; k < 3000; k++) {
      const text = randomText(pick, 5 + pick(60));
      const fast = new FenceTracker();
      const ranged = new FenceTracker();
      const slow = new ReferenceTracker();
      for (const line of splitLines(text)) {
        const content = text.slice(line.start, line.end);
        const expected = slow.feed(content);
        expect(fast.feed(content), JSON.stringify(content)).toBe(expected);
        expect(ranged.feedRange(text, line.start, line.end), JSON.stringify(content)).toBe(expected);
        expect(ranged.marker).toBe(slow.marker);
        expect(fast.marker).toBe(slow.marker);
        expect(fast.info).toBe(slow.info);
      }
    }
  });

  it('jsonBlocks equals findJsonBlocks, for a text asked again after others', () => {
    const pick = lcg(11);
    const texts = Array.from({ length: 200 }, () => randomText(pick, 10 + pick(80)));
    texts.push('```json\n{\n  "a": [1, 2]\n}\n```\n', 'text\n[\n  {"x": 1},\n  {"x": 2}\n]\nmore', '  ~~~\n{"a":1}\n  ~~~~\n');
    let found = 0;
    for (const round of [0, 1]) {
      for (const t of texts) {
        const expected = findJsonBlocks(t);
        expect(jsonBlocks(t)).toEqual(expected);
        if (round === 0) found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(3);
  });
});

describe('LineIndex and isBlankRange', () => {
  /** Line and column of every offset by walking the text (LF, CRLF, lone CR end a line). */
  function walk(text: string): { line: number; column: number }[] {
    const out: { line: number; column: number }[] = [];
    let line = 1;
    let column = 1;
    for (let i = 0; i <= text.length; i++) {
      out.push({ line, column });
      const c = text[i];
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
        line++;
        column = 1;
      } else column++;
    }
    return out;
  }

  it('places every offset as a walk over the text does, with and without CR', () => {
    const pick = lcg(23);
    const alphabet = ['a', 'b', ' ', '\n', '\n', '\r\n', '\r', '가', '😀'];
    for (let k = 0; k < 300; k++) {
      let text = '';
      for (let j = pick(60); j > 0; j--) text += alphabet[pick(k % 2 ? alphabet.length : 5)]; // odd k: CRs too
      const index = new LineIndex(text);
      const expected = walk(text);
      for (let o = 0; o <= text.length; o++) expect(index.position(o), JSON.stringify(text) + o).toEqual(expected[o]);
      expect(index.lineCount).toBe(expected[text.length]!.line);
    }
  });

  it('isBlankRange is isBlank of the slice', () => {
    const text = 'a \t  b\t\t\u00a0 \u2028 x';
    for (let s = 0; s <= text.length; s++) for (let e = s; e <= text.length; e++) expect(isBlankRange(text, s, e)).toBe(isBlank(text.slice(s, e)));
  });
});
