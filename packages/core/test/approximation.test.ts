/**
 * The approximation factors in code, in docs/savings.md and in the last measurement
 * (bench/results.json, written by `node bench/tokenizer-approximation.mjs`) must be the same numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APPROXIMATION_FACTORS, bpeCounter, counterFor } from '../src/index.js';

const root = new URL('../../../', import.meta.url);
const doc = readFileSync(new URL('docs/savings.md', root), 'utf8');

/** Rows of the markdown table whose header starts with `| provider (core key) |`: key -> factor cell. */
function documentedFactors(markdown: string): Map<string, string> {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| provider (core key) |'));
  if (start < 0) throw new Error('docs/savings.md: no "| provider (core key) |" table');
  const header = lines[start]!.split('|').map((c) => c.trim());
  const factorCol = header.indexOf('factor');
  const out = new Map<string, string>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const key = /^`([a-z]+)`$/.exec(cells[1]!)?.[1];
    if (!key) throw new Error(`docs/savings.md: factor row without a \`key\`: ${line}`);
    out.set(key, cells[factorCol]!);
  }
  return out;
}

describe('approximation factors', () => {
  const documented = documentedFactors(doc);

  it('docs/savings.md lists every provider core approximates, with the factor in the code', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(APPROXIMATION_FACTORS).sort());
    for (const [key, cell] of documented) {
      expect(cell, key).toMatch(/^\d+\.\d{2}$/);
      expect(Number(cell), key).toBe(APPROXIMATION_FACTORS[key as keyof typeof APPROXIMATION_FACTORS]);
    }
  });

  it('the code carries the factors of the last measurement in bench/results.json', () => {
    const results = JSON.parse(readFileSync(new URL('bench/results.json', root), 'utf8')) as {
      tokenizerApproximation: { factors: Record<string, number> };
    };
    const measured = results.tokenizerApproximation.factors;
    expect(Object.keys(measured).sort()).toEqual(['anthropic', 'deepseek', 'google', 'meta']);
    for (const [key, factor] of Object.entries(measured)) {
      expect(APPROXIMATION_FACTORS[key as keyof typeof APPROXIMATION_FACTORS], key).toBe(factor);
    }
    // No tokenizer stands for an unnamed provider: o200k_base as is.
    expect(APPROXIMATION_FACTORS.other).toBe(1);
  });

  it('an approximate counter is round(o200k_base count x factor) and says so', () => {
    const text = '당신은 전문 번역가입니다. Summarise the attached contract in five bullet points.\n'.repeat(7);
    const o200k = bpeCounter('o200k_base').count(text);
    const claude = counterFor('anthropic');
    expect(claude.exact).toBe(false);
    expect(claude.count(text)).toBe(Math.round(o200k * APPROXIMATION_FACTORS.anthropic));
    expect(claude.description).toBe(`anthropic approximated as o200k_base x ${APPROXIMATION_FACTORS.anthropic}`);
  });
});
