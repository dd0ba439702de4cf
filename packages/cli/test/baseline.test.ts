/** The baseline comparison's arithmetic and the gate's edges (the binary is tested in test/cli/baseline.test.ts). */
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, type Baseline } from '../src/baseline.js';
import type { FileCost } from '../src/file-cost.js';
import { gateFailure, signedPercent, signedUsd } from '../src/formats/baseline.js';

const cost = (usdPerCall: number | null, inputTokens = 100, model: string | null = 'gpt-4o'): FileCost => ({ inputTokens, outputTokens: 500, usdPerCall, model });
const base = (entries: Record<string, FileCost | null>): Baseline => ({ file: 'base.json', costs: new Map(Object.entries(entries)) });
const now = (entries: Record<string, FileCost | null>) => new Map(Object.entries(entries));

describe('compareWithBaseline', () => {
  it('a growth of exactly the limit passes (no float noise: 0.01 -> 0.011 is 10%, not 10.000000000000009%)', () => {
    const cmp = compareWithBaseline(base({ a: cost(0.01) }), now({ a: cost(0.011, 140) }), 10);
    expect(cmp.deltaPercent).toBe(10);
    expect(cmp.failed).toBe(false);
    expect(compareWithBaseline(base({ a: cost(0.01) }), now({ a: cost(0.01101, 141) }), 10).failed).toBe(true);
  });

  it('from a $0 baseline any cost is an unbounded increase: no percent, and the gate fails', () => {
    const cmp = compareWithBaseline(base({}), now({ a: cost(0.002) }), 1000);
    expect(cmp).toMatchObject({ before: 0, after: 0.002, deltaPercent: null, failed: true });
    expect(gateFailure(cmp)).toBe('promptlint: estimated cost per call grew from $0 to $0.00200, over --max-cost-increase 1000%; grew: a (new, $0.00200).');
    expect(compareWithBaseline(base({}), now({}), 0)).toMatchObject({ deltaPercent: null, failed: false });
  });

  it('a decrease never fails; the same cost under another model is a change, not "unchanged"', () => {
    const cmp = compareWithBaseline(base({ a: cost(0.004), b: cost(0.001) }), now({ a: cost(0.003), b: cost(0.001, 100, 'gpt-4o-2024-08-06') }), 0);
    expect(cmp.failed).toBe(false);
    expect(cmp.deltaUsd).toBe(-0.001);
    expect(cmp.deltaPercent).toBe(-20);
    expect(cmp.files.map((f) => [f.path, f.status, f.deltaUsd])).toEqual([
      ['a', 'changed', -0.001],
      ['b', 'changed', 0],
    ]);
    expect(gateFailure(cmp)).toBeUndefined();
  });

  it('files without a price are left out of the totals and listed; the gate cannot pass with one', () => {
    const cmp = compareWithBaseline(base({ a: cost(0.004), b: null }), now({ a: cost(0.004), b: null, c: cost(null, 10, null) }), 5);
    expect(cmp).toMatchObject({ before: 0.004, after: 0.004, unpriced: ['b', 'c'], failed: true });
    expect(cmp.files.find((f) => f.path === 'b')).toMatchObject({ status: 'unchanged', deltaUsd: null });
    expect(gateFailure(cmp)).toBe('promptlint: cannot check --max-cost-increase 5%: no price for b, c.');
    expect(compareWithBaseline(base({ a: cost(0.004) }), now({ a: cost(0.004), c: cost(null) })).failed).toBe(false); // no gate asked
  });
});

describe('signed figures', () => {
  it('signs dollars and percents', () => {
    expect(signedUsd(0.00125)).toBe('+$0.00125');
    expect(signedUsd(-0.5)).toBe('-$0.500'); // core's formatUsd: three significant digits under $1
    expect(signedUsd(0)).toBe('$0');
    expect(signedPercent(12.345)).toBe('+12.3%');
    expect(signedPercent(-100)).toBe('-100.0%');
    expect(signedPercent(0.01)).toBe('+0.01%');
    expect(signedPercent(0)).toBe('0.0%');
  });
});
