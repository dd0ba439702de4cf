/**
 * The real engine with every rule on, over models parsed from fixture files: the model drives the
 * finished rules to the findings (and savings) computed here by hand or with the tokenizer directly.
 */
import { bpeCounter, Engine, presetRules, rules, type Finding } from '@promptlint/core';
import { describe, expect, it } from 'vitest';
import { fixture, parseOk } from './helpers.js';

const engine = new Engine({ rules: presetRules('all') }, rules);
const lint = (text: string, path: string): Finding[] => engine.lint(parseOk(text, path).document);
const lintFixture = (rel: string): Finding[] => {
  const { path, text } = fixture(rel);
  return lint(text, path);
};
const only = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe('require-max-tokens from front matter', () => {
  it('Prompty without options.maxOutputTokens: reported at the front matter, exposure = the model maximum output', () => {
    const [f, ...rest] = only(lintFixture('prompty/chat.prompty'), 'require-max-tokens');
    expect(rest).toHaveLength(0);
    expect([f!.line, f!.column]).toEqual([1, 1]);
    expect(f!.message).toMatch(/set `maxOutputTokens`/);
    // claude-haiku-4-5: 64,000 max output tokens (Anthropic's models overview) x $5 / 1M output = $0.32
    expect(f!.savings).toMatchObject({ tokens: 64000, tokenKind: 'output', model: 'claude-haiku-4-5', confidence: 'upper-bound' });
    expect(f!.savings.usdPerCall).toBeCloseTo(0.32, 12);
  });

  it('max_tokens: -1 is no limit: reported at the key with the reason', () => {
    const [f, ...rest] = only(lintFixture('prompty/classic.prompty'), 'require-max-tokens');
    expect(rest).toHaveLength(0);
    expect([f!.line, f!.column]).toEqual([9, 5]); // `    max_tokens: -1`
    expect(f!.message).toMatch(/`max_tokens` is not an output limit here: -1 means no limit/);
    // gpt-4o-mini: 16,384 max output tokens x $0.60 / 1M = $0.0098304
    expect(f!.savings).toMatchObject({ tokens: 16384, model: 'gpt-4o-mini' });
    expect(f!.savings.usdPerCall).toBeCloseTo(0.0098304, 12);
  });

  it('per-month figures use calls_per_day from the front matter', () => {
    const text = '---\nmodel: gpt-4o\ncalls_per_day: 1000\n---\nSummarise the ticket.\n';
    const [f] = only(lint(text, 'prompts/summary.md'), 'require-max-tokens');
    // 16,384 x $10 / 1M = $0.16384 per call; x 1,000 calls x 30 days
    expect(f!.savings.usdPerCall).toBeCloseTo(0.16384, 12);
    expect(f!.savings.usdPerMonth).toBeCloseTo(0.16384 * 1000 * 30, 9);
  });

  it('files with a limit, VS Code prompt files and agent instructions are not reported', () => {
    for (const rel of ['markdown/support.prompt.md', 'dotprompt/extract.prompt', 'vscode/.github/prompts/explain.prompt.md', 'agents/AGENTS.md', 'agents/.cursor/rules/style.mdc']) {
      expect(only(lintFixture(rel), 'require-max-tokens'), rel).toEqual([]);
    }
  });
});

describe('no-unbounded-history from a Jinja loop', () => {
  it('a loop over the whole history is reported at the for tag; a sliced one is not', () => {
    const [f, ...rest] = only(lintFixture('prompty/chat.prompty'), 'no-unbounded-history');
    expect(rest).toHaveLength(0);
    expect([f!.line, f!.column]).toEqual([17, 1]);
    expect(f!.message).toMatch(/`messages` grows every turn/);
    // defaults N = 50 messages, K = 10 kept, t = 100 tokens: 100 x (1 + ... + 40) / 50 = 1,640
    expect(f!.savings.tokens).toBe(1640);
    expect(only(lintFixture('markdown/support.prompt.md'), 'no-unbounded-history')).toEqual([]);
  });
});

describe('no-dynamic-prefix from a slot before a static block', () => {
  it('{{current_time}} before the instructions: the static tokens after it miss the cache', () => {
    let instructions = '';
    for (let i = 1; i <= 120; i++) instructions += `Rule ${i}: answer billing questions from the policy handbook only.\n`;
    const text = `---\nmodel: gpt-4o\nmax_tokens: 300\n---\nCurrent time: {{current_time}}\n\n${instructions}`;
    const [f, ...rest] = only(lint(text, 'prompts/support.md'), 'no-dynamic-prefix');
    expect(rest).toHaveLength(0);
    expect([f!.line, f!.column, f!.endColumn]).toEqual([5, 15, 31]);
    // The static text after the slot, as the message holds it (trailing line end dropped), counted directly.
    const after = bpeCounter('o200k_base').count(`\n\n${instructions.trimEnd()}`);
    expect(after).toBeGreaterThan(1024);
    expect(f!.savings.tokens).toBe(after);
    // gpt-4o: $2.50 input - $1.25 cached input = $1.25 / 1M per token that misses the cache
    expect(f!.savings.usdPerCall).toBeCloseTo((after * 1.25) / 1e6, 12);
  });

  it('the same slot in a VS Code prompt file is not reported (not a shared prefix)', () => {
    let instructions = '';
    for (let i = 1; i <= 120; i++) instructions += `Rule ${i}: answer billing questions from the policy handbook only.\n`;
    const text = `---\nmodel: gpt-4o\n---\nFile: \${file}\n\n${instructions}`;
    expect(only(lint(text, '.github/prompts/support.prompt.md'), 'no-dynamic-prefix')).toEqual([]);
  });
});

describe('inline directives', () => {
  const { path, text } = fixture('markdown/support.prompt.md');
  const directive = '<!-- promptlint-disable-next-line no-filler-phrases -->\n';

  it('disable-next-line silences the filler phrase on the next line; without it the phrase is reported there', () => {
    expect(text).toContain(directive);
    const line = text.slice(0, text.indexOf('Please note that')).split('\n').length;
    expect(only(lint(text, path), 'no-filler-phrases').filter((f) => f.line === line)).toEqual([]);
    const without = text.replace(directive, '');
    const reported = only(lint(without, path), 'no-filler-phrases');
    expect(reported.map((f) => [f.line, f.column])).toContainEqual([line - 1, 1]);
  });

  it('a disable comment in AGENTS.md silences the rule after it', () => {
    const { path: p, text: t } = fixture('agents/AGENTS.md');
    const withPhrase = `${t}\nPlease note that the API is public.\n`;
    expect(only(lint(withPhrase, p), 'no-filler-phrases')).toEqual([]);
    const before = withPhrase.replace('<!-- promptlint-disable no-filler-phrases -->\n', '');
    expect(only(lint(before, p), 'no-filler-phrases')).toHaveLength(1);
  });
});
