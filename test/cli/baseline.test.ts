/**
 * `--baseline report.json` and `--max-cost-increase PERCENT` through the real binary: the JSON
 * report's per-file cost, the comparison in every human format, the gate, and bad baselines.
 * Costs are recomputed here: tokens with js-tiktoken (o200k_base, gpt-4o's encoding) x list prices.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatUsd } from '@promptlint/core';
import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { expectOneLine, json, run, tempDir, type JsonReport } from './helpers.js';

const o200k = getEncoding('o200k_base');
const tokens = (s: string): number => o200k.encode(s).length;

// gpt-4o list prices, USD per 1M tokens (PROVIDERS.md): input 2.50, output 10.
const GPT4O = { input: 2.5, output: 10 };
const usd = (inputTokens: number, outputTokens: number): number => (inputTokens * GPT4O.input + outputTokens * GPT4O.output) / 1e6;

const fm = (maxTokens: number): string => `---\nmodel: gpt-4o\nmax_tokens: ${maxTokens}\n---\n`;
const SUPPORT = 'You are a support agent for Acme. Answer in two sentences.';
const SUPPORT_LONGER = `${SUPPORT} Always name the knowledge base article you used, quote the relevant paragraph, and end with a link to the ticket form.`;
const SUMMARY = 'Summarise the customer ticket below for the on-call engineer.';

interface Cost {
  inputTokens: number;
  outputTokens: number;
  usdPerCall: number | null;
  model: string | null;
}
interface Delta {
  path: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  before: Cost | null;
  after: Cost | null;
  deltaUsd: number | null;
  deltaPercent: number | null;
}
interface BaselineJson {
  file: string;
  before: number;
  after: number;
  deltaUsd: number;
  deltaPercent: number | null;
  files: Delta[];
  unpriced: string[];
  maxIncreasePercent: number | null;
  failed: boolean;
}
type Report = Omit<JsonReport, 'files'> & { files: (JsonReport['files'][number] & { cost: Cost | null })[]; baseline?: BaselineJson };

/** A project with two prompts and a baseline report made from it (as CI makes it on the base branch). */
function project(): string {
  const cwd = tempDir({
    'prompts/support.prompt.md': `${fm(300)}${SUPPORT}\n`,
    'prompts/summary.prompt.md': `${fm(200)}${SUMMARY}\n`,
  });
  mkdirSync(join(cwd, '.git'));
  const made = run(['--no-config', '--format', 'json', '-o', 'base.json'], cwd);
  expect(made.status).toBe(0);
  return cwd;
}

const lint = (cwd: string, args: string[]) => run(['--no-config', ...args], cwd);

describe('--format json carries each file cost', { timeout: 60_000 }, () => {
  it('files[].cost is input tokens x input price + output limit x output price', () => {
    const cwd = project();
    const report = JSON.parse(readFileSync(join(cwd, 'base.json'), 'utf8')) as Report;
    const byPath = new Map(report.files.map((f) => [f.path, f.cost]));
    expect(byPath.get('prompts/support.prompt.md')).toEqual({ inputTokens: tokens(SUPPORT), outputTokens: 300, usdPerCall: expect.any(Number), model: 'gpt-4o' });
    expect(byPath.get('prompts/support.prompt.md')!.usdPerCall).toBeCloseTo(usd(tokens(SUPPORT), 300), 12);
    expect(byPath.get('prompts/summary.prompt.md')!.usdPerCall).toBeCloseTo(usd(tokens(SUMMARY), 200), 12);
    // The keys of the DESIGN.md contract are unchanged: no "baseline" key without --baseline.
    expect(Object.keys(report)).toEqual(['version', 'files', 'summary']);
  });
});

describe('--baseline', { timeout: 60_000 }, () => {
  it('a prompt change that adds tokens shows the increase in dollars; --max-cost-increase fails the run and names the file', () => {
    const cwd = project();
    writeFileSync(join(cwd, 'prompts/support.prompt.md'), `${fm(300)}${SUPPORT_LONGER}\n`);
    const added = tokens(SUPPORT_LONGER) - tokens(SUPPORT);
    expect(added).toBeGreaterThan(20);
    const before = usd(tokens(SUPPORT), 300) + usd(tokens(SUMMARY), 200);
    const increase = (added * GPT4O.input) / 1e6;
    const percent = (increase / before) * 100;

    // json: per-file and total deltas
    const r = lint(cwd, ['--baseline', 'base.json', '--format', 'json']);
    expect(r.status).toBe(0);
    const b = json<Report>(r).baseline!;
    expect(b.file).toBe('base.json');
    expect(b.before).toBeCloseTo(before, 12);
    expect(b.after).toBeCloseTo(before + increase, 12);
    expect(b.deltaUsd).toBeCloseTo(increase, 12);
    expect(b.deltaPercent).toBeCloseTo(percent, 6);
    expect(b.failed).toBe(false);
    const support = b.files.find((f) => f.path === 'prompts/support.prompt.md')!;
    expect(support.status).toBe('changed');
    expect(support.after!.inputTokens - support.before!.inputTokens).toBe(added);
    expect(support.deltaUsd).toBeCloseTo(increase, 12);
    expect(b.files.find((f) => f.path === 'prompts/summary.prompt.md')).toMatchObject({ status: 'unchanged', deltaUsd: 0 });

    // stylish: a section after the summary with the dollars and the tokens added
    const stylish = lint(cwd, ['--baseline', 'base.json']);
    expect(stylish.status).toBe(0);
    const section = stylish.stdout.slice(stylish.stdout.indexOf('Cost per call vs baseline (base.json):'));
    expect(section).not.toBe(stylish.stdout);
    const shown = formatUsd(increase); // the CLI's dollar format; the figure is ours
    expect(section).toContain(`(+${shown}, +${percent.toFixed(1)}%)`);
    const row = section.split('\n').find((l) => l.includes('prompts/support.prompt.md'))!;
    expect(row).toContain(`+${shown} (+`);
    expect(row).toMatch(new RegExp(`\\+${added} input tokens$`));
    expect(section).toContain('1 file unchanged.');

    // the gate: the total grew by `percent`, so a smaller limit fails and a larger one passes
    expect(percent).toBeGreaterThan(1);
    const failed = lint(cwd, ['--baseline', 'base.json', '--max-cost-increase', '1']);
    expect(failed.status).toBe(1);
    const line = expectOneLine(failed.stderr);
    expect(line).toContain(`grew by ${percent.toFixed(1)}%`);
    expect(line).toContain('over --max-cost-increase 1%');
    expect(line).toContain('grew: prompts/support.prompt.md (+$');
    expect(line).not.toContain('summary.prompt.md');
    const gateJson = json<Report>(lint(cwd, ['--baseline', 'base.json', '--max-cost-increase', '1', '--format', 'json']));
    expect(gateJson.baseline).toMatchObject({ maxIncreasePercent: 1, failed: true });

    const passed = lint(cwd, ['--baseline', 'base.json', '--max-cost-increase', String(Math.ceil(percent))]);
    expect(passed.status).toBe(0);
    expect(passed.stderr).toBe('');
  });

  it('an unchanged tree reports no change and exits 0, even with --max-cost-increase 0', () => {
    const cwd = project();
    const r = lint(cwd, ['--baseline', 'base.json', '--max-cost-increase', '0']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const total = usd(tokens(SUPPORT), 300) + usd(tokens(SUMMARY), 200);
    expect(r.stdout).toMatch(/Cost per call vs baseline \(base\.json\): no change \(\$[0-9.]+\/call over 2 files\)\./);
    const b = json<Report>(lint(cwd, ['--baseline', 'base.json', '--format', 'json'])).baseline!;
    expect(b.files.map((f) => f.status)).toEqual(['unchanged', 'unchanged']);
    expect(b.deltaUsd).toBe(0);
    expect(b.deltaPercent).toBe(0);
    expect(b.before).toBeCloseTo(total, 12);
    const md = lint(cwd, ['--baseline', 'base.json', '--max-cost-increase', '0', '--format', 'markdown']);
    expect(md.stdout).toContain('### Cost per call vs baseline');
    expect(md.stdout).toContain('No change:');
    expect(md.stdout).toContain('Within `--max-cost-increase 0%`.');
  });

  it('new and deleted files are listed (stylish, json and the markdown delta table)', () => {
    const cwd = project();
    rmSync(join(cwd, 'prompts/summary.prompt.md'));
    const NEW = 'Translate the message below into French.';
    writeFileSync(join(cwd, 'prompts/translate.prompt.md'), `${fm(100)}${NEW}\n`);
    const added = usd(tokens(NEW), 100);
    const removed = usd(tokens(SUMMARY), 200);

    const b = json<Report>(lint(cwd, ['--baseline', 'base.json', '--format', 'json'])).baseline!;
    expect(b.files.map((f) => [f.path, f.status])).toEqual([
      ['prompts/summary.prompt.md', 'removed'],
      ['prompts/support.prompt.md', 'unchanged'],
      ['prompts/translate.prompt.md', 'added'],
    ]);
    expect(b.files[0]!.after).toBeNull();
    expect(b.files[0]!.deltaUsd).toBeCloseTo(-removed, 12);
    expect(b.files[2]!.before).toBeNull();
    expect(b.files[2]!.deltaUsd).toBeCloseTo(added, 12);
    expect(b.deltaUsd).toBeCloseTo(added - removed, 12);

    const stylish = lint(cwd, ['--baseline', 'base.json']).stdout;
    expect(stylish).toMatch(/prompts\/translate\.prompt\.md +new -> \$/);
    expect(stylish).toMatch(/prompts\/summary\.prompt\.md +\$[0-9.]+ -> deleted +-\$/);

    const md = lint(cwd, ['--baseline', 'base.json', '--format', 'markdown']).stdout;
    const table = md.slice(md.indexOf('### Cost per call vs baseline'));
    expect(table).toContain('| file | before | after | change | tokens |');
    expect(table).toMatch(/\| `prompts\/translate\.prompt\.md` \| new \| \$[0-9.]+ \| \+\$[0-9.]+ \| - \|/);
    expect(table).toMatch(/\| `prompts\/summary\.prompt\.md` \| \$[0-9.]+ \| deleted \| -\$[0-9.]+ \(-100\.0%\) \| - \|/);
    expect(table).toContain('| **total** |');
    expect(table).toContain('1 file unchanged.');
  });

  it('a file whose model has no price cannot pass the gate, and says so (never priced at $0)', () => {
    const cwd = project();
    writeFileSync(join(cwd, 'prompts/house.prompt.md'), '---\nmodel: house-llm-9\nmax_tokens: 100\n---\nAnswer.\n');
    const r = lint(cwd, ['--baseline', 'base.json', '--max-cost-increase', '50']);
    expect(r.status).toBe(1);
    expect(expectOneLine(r.stderr)).toContain('cannot check --max-cost-increase 50%: no price for prompts/house.prompt.md');
    const b = json<Report>(lint(cwd, ['--baseline', 'base.json', '--format', 'json'])).baseline!;
    expect(b.unpriced).toEqual(['prompts/house.prompt.md']);
    expect(b.files.find((f) => f.path === 'prompts/house.prompt.md')).toMatchObject({ status: 'added', deltaUsd: null, after: { usdPerCall: null, model: null } });
  });

  it('a missing or invalid baseline is one line and exit 2, before any file is linted or fixed', () => {
    const cwd = project();
    writeFileSync(join(cwd, 'broken.json'), '{"version": 1, "files": [');
    writeFileSync(join(cwd, 'eslint.json'), '[{"filePath": "a.js", "messages": []}]');
    writeFileSync(join(cwd, 'old.json'), '{"version": 1, "files": [{"path": "prompts/a.md", "findings": []}], "summary": {}}');
    writeFileSync(join(cwd, 'v2.json'), '{"version": 2, "files": []}');
    writeFileSync(join(cwd, 'badcost.json'), '{"version": 1, "files": [{"path": "a.md", "findings": [], "cost": {"inputTokens": "9"}}]}');
    const cases: [string[], RegExp][] = [
      [['--baseline', 'missing.json'], /^promptlint: --baseline missing\.json: cannot read: no such file or directory$/],
      [['--baseline', 'prompts'], /^promptlint: --baseline prompts: cannot read: is a directory$/],
      [['--baseline', 'broken.json'], /^promptlint: --baseline broken\.json: invalid JSON: /],
      [['--baseline', 'eslint.json'], /^promptlint: --baseline eslint\.json: not a promptlint JSON report \(expected \{"version": 1, "files": \[\.\.\.\]\}, made with --format json\)$/],
      [['--baseline', 'old.json'], /^promptlint: --baseline old\.json: files\[0\] \(prompts\/a\.md\) has no "cost": the report predates per-file costs; make it again with --format json$/],
      [['--baseline', 'v2.json'], /^promptlint: --baseline v2\.json: "version": expected 1, got 2$/],
      [['--baseline', 'badcost.json'], /^promptlint: --baseline badcost\.json: files\[0\]\.cost: "inputTokens": expected a number >= 0, got "9"$/],
      [['--max-cost-increase', '10'], /^promptlint: --max-cost-increase needs --baseline FILE/],
      [['--baseline', 'base.json', '--max-cost-increase', 'ten'], /^promptlint: --max-cost-increase: expected a number, got "ten"$/],
      [['--baseline', 'base.json', '--max-cost-increase', '-5'], /^promptlint: --max-cost-increase: expected a value >= 0, got -5$/],
    ];
    for (const [args, message] of cases) {
      const r = lint(cwd, args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(expectOneLine(r.stderr), args.join(' ')).toMatch(message);
    }
    // --fix with a bad baseline writes nothing
    writeFileSync(join(cwd, 'prompts/ws.prompt.md'), `${fm(100)}Answer    briefly.\n`);
    expect(lint(cwd, ['--fix', '--baseline', 'missing.json']).status).toBe(2);
    expect(readFileSync(join(cwd, 'prompts/ws.prompt.md'), 'utf8')).toBe(`${fm(100)}Answer    briefly.\n`);
  });
});
