/**
 * `promptlint cost` reproduces the seed's scenario and prices real files with token counts the test
 * makes itself (js-tiktoken's o200k_base); `--max-cost` fails a lint run whose prompt costs more
 * per call than the budget (input from the file x input price + output x output price).
 */
import { APPROXIMATION_FACTORS, formatUsd } from '@promptlint/core';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { expectOneLine, json, run, tempDir } from './helpers.js';

interface CostJson {
  version: number;
  rows: { file: string | null; model: string; inputTokens: number; outputTokens: number; calls: number; usdPerCall: number; totalUsd: number }[];
}

const o200k = getEncoding('o200k_base');
const esc = (s: string): string => s.replace(/[$.]/g, '\\$&');
const PROMPT = 'You summarise support tickets for the on-call engineer. Give the customer, the product, the problem and the next step.\n';

describe('promptlint cost', () => {
  it("reproduces the seed's scenario: 1,000 documents of 5,000 tokens summarised to 500 tokens", () => {
    const cwd = tempDir();
    const r = run(['cost', '--input-tokens', '5000', '--output-tokens', '500', '--calls', '1000', '--format', 'json'], cwd);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as CostJson;
    expect(out.version).toBe(1);
    // 5,000 x input + 500 x output per call, x 1,000 calls (prices per 1M tokens)
    const expected: Record<string, [number, number]> = {
      'gpt-4o': [(5000 * 2.5 + 500 * 10) / 1e6, 17.5],
      'gpt-4o-mini': [(5000 * 0.15 + 500 * 0.6) / 1e6, 1.05],
      'claude-3-7-sonnet': [(5000 * 3 + 500 * 15) / 1e6, 22.5],
      'gemini-1.5-flash': [(5000 * 0.075 + 500 * 0.3) / 1e6, 0.525],
    };
    expect(out.rows.map((row) => row.model)).toEqual(Object.keys(expected));
    for (const row of out.rows) {
      expect(row).toMatchObject({ file: null, inputTokens: 5000, outputTokens: 500, calls: 1000 });
      expect(row.usdPerCall).toBeCloseTo(expected[row.model]![0], 12);
      expect(row.totalUsd).toBeCloseTo(expected[row.model]![1], 9);
    }
  });

  it('prints the same as a table', () => {
    const r = run(['cost', '--input-tokens', '5000', '--output-tokens', '500', '--calls', '1000'], tempDir());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/gpt-4o\s+5,000\s+500\s+1,000\s+\$0\.0175\s+\$17\.50/);
    expect(r.stdout).toMatch(/gpt-4o-mini\s+5,000\s+500\s+1,000\s+\$0\.00105\s+\$1\.05/);
    expect(r.stdout).toMatch(/claude-3-7-sonnet\s+5,000\s+500\s+1,000\s+\$0\.0225\s+\$22\.50/);
    expect(r.stdout).toMatch(/gemini-1\.5-flash\s+5,000\s+500\s+1,000\s+\$0\.000525\s+\$0\.525/);
  });

  it('counts a real file with the model tokenizer (exact for OpenAI, the documented approximation otherwise)', () => {
    const cwd = tempDir({ 'prompts/triage.txt': PROMPT });
    const n = o200k.encode(PROMPT).length;
    const r = run(['cost', 'prompts/triage.txt', '--models', 'gpt-4o-mini,claude-3-7-sonnet', '--output-tokens', '200', '--calls', '3', '--format', 'json'], cwd);
    expect(r.status).toBe(0);
    const rows = (JSON.parse(r.stdout) as CostJson).rows;
    expect(rows[0]).toMatchObject({ file: 'prompts/triage.txt', model: 'gpt-4o-mini', inputTokens: n, outputTokens: 200, calls: 3 });
    expect(rows[0]!.usdPerCall).toBeCloseTo((n * 0.15 + 200 * 0.6) / 1e6, 12);
    expect(rows[0]!.totalUsd).toBeCloseTo((3 * (n * 0.15 + 200 * 0.6)) / 1e6, 12);
    const claudeTokens = Math.round(n * APPROXIMATION_FACTORS.anthropic);
    expect(rows[1]).toMatchObject({ model: 'claude-3-7-sonnet', inputTokens: claudeTokens });
    expect(rows[1]!.usdPerCall).toBeCloseTo((claudeTokens * 3 + 200 * 15) / 1e6, 12);
    expect(r.stderr).toMatch(/note: Token counts are approximations for: claude-3-7-sonnet/);
  });

  it('without a limit in the file or --output-tokens, output counts as 0 with a note', () => {
    const cwd = tempDir({ 'prompts/triage.txt': PROMPT });
    const r = run(['cost', 'prompts/triage.txt', '--models', 'gpt-4o'], cwd);
    expect(r.status).toBe(0);
    const n = o200k.encode(PROMPT).length;
    expect(r.stdout).toMatch(new RegExp(`prompts/triage\\.txt\\s+gpt-4o\\s+${n}\\s+0\\s+1\\s+${esc(formatUsd((n * 2.5) / 1e6))}`));
    expect(r.stdout).toContain('note: prompts/triage.txt: no output limit in the file; output counted as 0 tokens (pass --output-tokens N).');
  });

  it('totals per model over several files', () => {
    const cwd = tempDir({ 'prompts/a.txt': PROMPT, 'prompts/b.txt': `${PROMPT}${PROMPT}` });
    const r = run(['cost', 'prompts', '--models', 'gpt-4o', '--output-tokens', '100', '--calls', '10'], cwd);
    expect(r.status).toBe(0);
    const a = o200k.encode(PROMPT).length;
    const b = o200k.encode(`${PROMPT}${PROMPT}`).length;
    const total = (10 * ((a + b) * 2.5 + 200 * 10)) / 1e6;
    expect(r.stdout).toMatch(new RegExp(`\\nmodel\\s+total\\ngpt-4o\\s+${esc(formatUsd(total))}\\n`));
  });

  it('an unknown model in --models: one line naming it, exit 2', () => {
    const r = run(['cost', '--input-tokens', '10', '--models', 'gpt-4o,gpt-17'], tempDir());
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toBe('promptlint: unknown model "gpt-17" in --models (add it under "models" in the configuration)');
  });

  it('no files and no --input-tokens: exit 2', () => {
    const r = run(['cost'], tempDir());
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toMatch(/^promptlint: promptlint cost: give prompt files, or --input-tokens N/);
  });

  it('a bad --calls or --format: exit 2', () => {
    expect(expectOneLine(run(['cost', '--input-tokens', '1', '--calls', '0'], tempDir()).stderr)).toBe('promptlint: --calls: expected a value >= 1, got 0');
    expect(expectOneLine(run(['cost', '--input-tokens', '1', '--format', 'sarif'], tempDir()).stderr)).toBe(
      'promptlint: unknown format "sarif" for promptlint cost (expected table or json)',
    );
  });
});

describe('--max-cost', () => {
  // A prompt that defines its request (its front matter sets a request parameter) with no model
  // named and no output limit: priced as gpt-4o, output at its maximum (16,384 tokens).
  // require-max-tokens (which reports the missing limit) is off: these tests are about the budget.
  const FILE = `---\ntemperature: 0\n---\n${PROMPT}`;
  const OFF = { 'promptlint.config.json': '{ "rules": { "require-max-tokens": "off" } }' };
  const n = o200k.encode(PROMPT).length;
  const cost = (n * 2.5 + 16384 * 10) / 1e6;

  it('passes when the estimated cost per call is within the budget', () => {
    const cwd = tempDir({ 'prompts/triage.md': FILE, ...OFF });
    const r = run(['--format', 'json', '--max-cost', String(cost + 0.0001)], cwd);
    expect(r.status).toBe(0);
    expect(json(r).files[0]!.findings).toEqual([]);
  });

  it('fails with exit 1 and a max-cost finding that shows the arithmetic', () => {
    const cwd = tempDir({ 'prompts/triage.md': FILE, ...OFF });
    const r = run(['--format', 'json', '--max-cost', '0.1'], cwd);
    expect(r.status).toBe(1);
    const [f, ...rest] = json(r).files[0]!.findings;
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: 'max-cost', severity: 'error', line: 1, column: 1, savings: null });
    expect(f!.message).toBe(
      `Estimated cost ${formatUsd(cost)}/call on gpt-4o is over the budget of $0.1/call (--max-cost): ${n} input + 16,384 output (gpt-4o's maximum: no limit set) tokens.`,
    );
  });

  it('maxCost in the configuration does the same; the stylish report says so', () => {
    const cwd = tempDir({ 'prompts/triage.md': FILE, 'promptlint.config.json': '{ "maxCost": 0.05, "rules": { "require-max-tokens": "off" } }' });
    const r = run([], cwd);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('over the budget of $0.05/call (maxCost in the configuration)');
    expect(r.stdout).toMatch(/max-cost/);
  });

  it('a cheaper --model brings it under budget', () => {
    const cwd = tempDir({ 'prompts/triage.md': FILE, ...OFF });
    // gpt-4o-mini: n x $0.15 + 16,384 x $0.60 per 1M
    const mini = (n * 0.15 + 16384 * 0.6) / 1e6;
    expect(mini).toBeLessThan(0.05);
    expect(run(['--max-cost', '0.05', '--model', 'gpt-4o-mini'], cwd).status).toBe(0);
  });
});

describe('a model the price table does not know', () => {
  const FILE = { 'prompts/house.md': '---\nmodel: house-llm-7\nmax_tokens: 300\n---\nAnswer the question briefly.   \n' };

  it('is never priced at $0: savings say why there is no price', () => {
    const [f] = json(run(['--format', 'json'], tempDir(FILE))).files[0]!.findings;
    expect(f!.ruleId).toBe('no-redundant-whitespace');
    expect(f!.savings).toMatchObject({ usdPerCall: null, usdPerMonth: null, model: null });
    expect(f!.savings!.basis).toContain('unknown model "house-llm-7"');
  });

  it('fails the --max-cost check with a message saying so', () => {
    const r = run(['--format', 'json', '--max-cost', '1'], tempDir(FILE));
    expect(r.status).toBe(1);
    const budget = json(r).files[0]!.findings.find((f) => f.ruleId === 'max-cost')!;
    expect(budget.message).toMatch(/^Cannot check the budget \(--max-cost \$1\/call\): unknown model "house-llm-7": no price/);
  });

  it('cost: the file names it; it is left out of the table with a note', () => {
    const r = run(['cost', 'prompts/house.md'], tempDir(FILE));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('note: prompts/house.md: names model "house-llm-7", which the price table does not know: not priced');
    expect(r.stdout).not.toMatch(/house-llm-7\s+\d/);
    expect(r.stdout).toMatch(/prompts\/house\.md\s+gpt-4o\s/);
  });
});
