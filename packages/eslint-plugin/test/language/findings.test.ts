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

describe('prompt files with front matter (Prompty)', () => {
  const triage = [
    '---',
    'name: Ticket triage',
    'model:',
    '  api: chat',
    '  configuration:',
    '    type: openai',
    '    name: gpt-4o',
    '---',
    'system:',
    'You triage support tickets. Reply with one label: billing, outage, account or other.',
    '',
    'user:',
    '{{ticket}}',
    '',
  ].join('\n');

  it('a request without max_tokens is reported at the front matter with the worst-case exposure', async () => {
    const results = await lintProject({ 'flows/triage.prompty': triage }, only('require-max-tokens'));
    const messages = results.get('flows/triage.prompty')!.messages;
    expect(messages.map((m) => [m.ruleId, m.severity, m.line, m.column])).toEqual([['promptlint/require-max-tokens', 2, 1, 1]]);
    // gpt-4o: at most 16,384 output tokens at $10 per 1M
    expect(messages[0]!.message).toContain(`~${formatTokens(16384)} output tokens/call, ~${formatUsd((16384 * 10) / 1e6)}/call`);
  });

  it('a bounded request is not reported', async () => {
    const bounded = triage.replace('    name: gpt-4o\n', '    name: gpt-4o\n  parameters:\n    max_tokens: 20\n');
    const results = await lintProject({ 'flows/triage.prompty': bounded }, only('require-max-tokens'));
    expect(results.get('flows/triage.prompty')!.messages).toEqual([]);
  });

  it('invalid front matter is one fatal parsing error at the line of the fault', async () => {
    const broken = ['---', 'name: broken', 'model: gpt-4o: mini', '---', 'system:', 'You are helpful.', ''].join('\n');
    const results = await lintProject({ 'flows/broken.prompty': broken });
    const messages = results.get('flows/broken.prompty')!.messages;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 3, column: 8 });
    expect(messages[0]!.message).toMatch(/^Parsing error: invalid YAML front matter: .+$/);
  });
});

describe("promptlint's own disable comments work under ESLint too (the engine applies them, as in the CLI)", () => {
  it('promptlint-disable-next-line and promptlint-disable/-enable silence what they name', async () => {
    const text = [
      '---',
      'max_tokens: 500',
      '---',
      '<!-- promptlint-disable-next-line no-redundant-whitespace -->',
      'This line ends with spaces that are allowed.   ',
      'This line ends with spaces that are reported.   ',
      '<!-- promptlint-disable no-filler-phrases -->',
      'Please note that the first report is ready.',
      '<!-- promptlint-enable no-filler-phrases -->',
      'Please note that the second report is late.',
      '',
    ].join('\n');
    const results = await lintProject({ 'prompts/a.md': text }, allWith());
    const r = results.get('prompts/a.md')!;
    expect(r.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['promptlint/no-redundant-whitespace', 6],
      ['promptlint/no-filler-phrases', 10],
    ]);
  });
});
