/**
 * Findings of the real core rules on prompt files through the real ESLint class: positions,
 * messages with savings (checked against the tokenizer called directly), autofix, settings,
 * and ESLint's and promptlint's own disable comments.
 */
import { bpeCounter, formatTokens, formatUsd } from '@promptlint/core';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allWith, eslintIn, lintProject, plugin, project } from './eslint-helpers.js';

const o200k = bpeCounter('o200k_base');

const record = { name: 'Hong', age: 30, email: 'hong@example.com', tags: ['a', 'b'] };
const pretty = JSON.stringify(record, null, 2);
const minified = JSON.stringify(record);
/** Tokens the indentation costs, counted here with the tokenizer itself. */
const saved = o200k.count(pretty) - o200k.count(minified);

const prompt = ['Use this data:', '', '```json', pretty, '```', ''].join('\n');
/** 1-based lines of the JSON block: after two lines of text and the fence. */
const jsonFirstLine = 4;
const jsonLastLine = jsonFirstLine + pretty.split('\n').length - 1;

const only = (ruleId: string, extra: Partial<Linter.Config> = {}): Linter.Config[] => [
  ...plugin.configs.all.map((c) => ({ ...c, rules: { [`promptlint/${ruleId}`]: c.rules![`promptlint/${ruleId}`]! } })),
  ...(Object.keys(extra).length ? [extra as Linter.Config] : []),
];

describe('no-verbose-json on a markdown prompt', () => {
  it('reports the indented block where it is, with the saving counted by the tokenizer and priced on gpt-4o by default', async () => {
    expect(saved).toBeGreaterThanOrEqual(10); // the rule's default minimum
    const results = await lintProject({ 'prompts/data.md': prompt }, only('no-verbose-json'));
    const messages = results.get('prompts/data.md')!.messages;
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m).toMatchObject({ ruleId: 'promptlint/no-verbose-json', severity: 1, line: jsonFirstLine, column: 1, endLine: jsonLastLine, endColumn: 2 });
    // gpt-4o input: $2.50 per 1M tokens
    expect(m!.message).toBe(`Indented JSON code block: minify it, saves ~${formatTokens(saved)} input tokens/call, ~${formatUsd((saved * 2.5) / 1e6)}/call.`);
  });

  it('--fix minifies the block in place', async () => {
    const cwd = project({ 'prompts/data.md': prompt });
    const [r] = await eslintIn(cwd, only('no-verbose-json'), { fix: true }).lintFiles(['.']);
    expect(r!.output).toBe(['Use this data:', '', '```json', minified, '```', ''].join('\n'));
    expect(r!.messages).toEqual([]);
  });

  it('settings.promptlint prices with the default model and call rate it names', async () => {
    const results = await lintProject(
      { 'prompts/data.md': prompt },
      only('no-verbose-json', { settings: { promptlint: { defaultModel: 'gpt-4o-mini', callsPerDay: 1000 } } }),
    );
    const [m] = results.get('prompts/data.md')!.messages;
    // gpt-4o-mini input: $0.15 per 1M tokens; a month is 30 days
    const perCall = (saved * 0.15) / 1e6;
    expect(m!.message).toContain(`~${formatUsd(perCall)}/call, ~${formatUsd(perCall * 1000 * 30)}/month`);
  });

  it('rule options reach the core rule (a minimum above the saving silences it)', async () => {
    const results = await lintProject({ 'prompts/data.md': prompt }, allWith({ rules: { 'promptlint/no-verbose-json': ['warn', { minTokens: saved + 1 }] } }));
    expect(results.get('prompts/data.md')!.messages.filter((m) => m.ruleId === 'promptlint/no-verbose-json')).toEqual([]);
  });

  it('invalid rule options are ESLint configuration errors', async () => {
    const cwd = project({ 'prompts/data.md': prompt });
    await expect(eslintIn(cwd, allWith({ rules: { 'promptlint/no-verbose-json': ['warn', { minTokens: 'ten' }] } })).lintFiles(['.'])).rejects.toThrow(
      /promptlint\/no-verbose-json/,
    );
  });

  it('eslint-disable-next-line silences it; the finding is kept as suppressed', async () => {
    const text = ['Use this data:', '<!-- eslint-disable-next-line promptlint/no-verbose-json -- examples stay readable -->', pretty, ''].join('\n');
    const results = await lintProject({ 'prompts/data.md': text }, only('no-verbose-json'));
    const r = results.get('prompts/data.md')!;
    expect(r.messages).toEqual([]);
    expect(r.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions[0]!.justification])).toEqual([['promptlint/no-verbose-json', 3, 'examples stay readable']]);
  });
});
