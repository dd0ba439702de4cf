import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFixes, assertWritable, fixUntilStable, MAX_PASSES, writeAtomic } from '../src/fix.js';

describe('applyFixes', () => {
  it('applies non-overlapping fixes from the end, leaves overlapping and touching ones for the next pass', () => {
    const r = applyFixes('aaa   bbb   ccc', [
      { range: [3, 6], text: ' ' },
      { range: [9, 12], text: ' ' },
      { range: [4, 7], text: 'X' }, // overlaps the first
      { range: [12, 12], text: '!' }, // touches the second
    ]);
    expect(r).toEqual({ text: 'aaa bbb ccc', applied: 2 });
  });

  it('30,000 fixes in one text (one pass, linear): the same text as removing the trailing spaces directly', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `Line ${i} of the prompt.${' '.repeat(1 + (i % 3))}`);
    const text = lines.join('\n');
    const fixes: { range: [number, number]; text: string }[] = [];
    let at = 0;
    for (const l of lines) {
      const end = at + l.length;
      fixes.push({ range: [at + l.trimEnd().length, end], text: '' });
      at = end + 1;
    }
    // given in reverse: the order fixes arrive in does not matter
    const r = applyFixes(text, fixes.reverse());
    expect(r.applied).toBe(30_000);
    expect(r.text).toBe(text.replace(/ +$/gm, ''));
  });

  it('random non-overlapping fixes equal splicing them into the text one by one from the end', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: rand(300) + 1 }, () => 'ab c\n'[rand(5)]).join('');
      const fixes: { range: [number, number]; text: string }[] = [];
      for (let at = rand(5); at < text.length; at += rand(9) + 1) {
        const end = Math.min(text.length, at + rand(4));
        fixes.push({ range: [at, end], text: 'xyz'.slice(0, rand(4)) });
        at = end;
      }
      const chars = [...text];
      for (const f of [...fixes].reverse()) chars.splice(f.range[0], f.range[1] - f.range[0], ...f.text);
      const r = applyFixes(text, fixes);
      expect(r.text).toBe(chars.join(''));
      expect(r.applied).toBe(fixes.length);
    }
  });

  it('ignores fixes outside the text', () => {
    expect(applyFixes('abc', [{ range: [2, 9], text: '' }, { range: [-1, 1], text: '' }])).toEqual({ text: 'abc', applied: 0 });
  });
});

describe('fixUntilStable', () => {
  it('repeats passes until no fix is left', () => {
    // each pass collapses one double space (a rule that reports only the first)
    const fixesOf = (t: string) => {
      const i = t.indexOf('  ');
      return i < 0 ? [] : [{ range: [i, i + 2] as [number, number], text: ' ' }];
    };
    expect(fixUntilStable('a     b', fixesOf)).toEqual({ text: 'a b', applied: 4, passes: 4 });
  });

  it(`stops after ${MAX_PASSES} passes on a fix that never converges`, () => {
    let calls = 0;
    const r = fixUntilStable('x', (t) => (calls++, [{ range: [0, t.length] as [number, number], text: `${t}x` }]));
    expect(r.passes).toBe(MAX_PASSES);
    expect(calls).toBe(MAX_PASSES);
    expect(r.text).toBe('x'.repeat(MAX_PASSES + 1));
  });

  it('stops when the text cannot be parsed', () => {
    expect(fixUntilStable('abc', () => undefined)).toEqual({ text: 'abc', applied: 0, passes: 0 });
  });
});

describe('files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'promptlint-fix-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writeAtomic replaces the content, keeps the mode, leaves no temp file', () => {
    const file = join(dir, 'a.md');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    writeAtomic(file, 'new', 'a.md');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['a.md']);
  });

  it('assertWritable refuses a read-only file, even for root', () => {
    const file = join(dir, 'ro.md');
    writeFileSync(file, 'x');
    chmodSync(file, 0o444);
    expect(() => assertWritable(file, 'ro.md')).toThrow('cannot fix ro.md: the file is read-only (no file was changed)');
    chmodSync(file, 0o644);
    expect(() => assertWritable(file, 'ro.md')).not.toThrow();
  });

  it('writeAtomic into a missing folder: a CliError naming the file', () => {
    expect(() => writeAtomic(join(dir, 'nope', 'x.md'), 'x', 'nope/x.md')).toThrow('cannot write nope/x.md: no such file or directory');
  });
});
