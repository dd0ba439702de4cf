/** The adapter itself: metadata from core, one extraction per file for all rules, settings. */
import { rules as coreRules } from '@promptlint/core';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { extractionStats, rules } from '../../src/rules/index.js';
import { formatUsd } from '@promptlint/core';

const allOn = Object.fromEntries(Object.keys(rules).map((id) => [`promptlint/${id}`, 'error' as const]));

function lint(code: string, settings?: Record<string, unknown>, ruleConfig: Linter.RulesRecord = allOn): Linter.LintMessage[] {
  return new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], plugins: { promptlint: { rules } }, rules: ruleConfig, languageOptions: { parser: tsParser }, ...(settings ? { settings } : {}) }],
    'file.ts',
  );
}

const NO_LIMIT = `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });`;

describe('the code-rule adapter', () => {
  it('one ESLint rule per core rule, with metadata from the core rule', () => {
    expect(Object.keys(rules).sort()).toEqual(coreRules.map((r) => r.meta.id).sort());
    for (const core of coreRules) {
      const meta = rules[core.meta.id]!.meta!;
      expect(meta.type).toBe('suggestion');
      expect(meta.docs).toMatchObject({ description: core.meta.description, recommended: core.meta.recommended });
      expect(meta.docs!.url).toMatch(new RegExp(`/docs/rules/${core.meta.id}\\.md$`));
      expect(meta.schema).toEqual([core.meta.schema]);
      expect(meta.defaultOptions).toEqual([core.meta.defaultOptions]);
      expect(meta.hasSuggestions ?? false).toBe(core.meta.hasSuggestions ?? false);
      expect(meta.fixable).toBe(core.meta.fixable ? (core.meta.id === 'no-redundant-whitespace' ? 'whitespace' : 'code') : undefined);
    }
  });

  it('extracts a file once, whatever the number of rules that read it', () => {
    const before = extractionStats.extracted;
    lint(NO_LIMIT);
    expect(extractionStats.extracted - before).toBe(1);
  });

  it('files without SDK calls cost no engine run and report nothing', () => {
    expect(lint(`export const x = JSON.stringify({ a: 1 }, null, 2);`)).toEqual([]);
  });

  it('settings.promptlint: the default model and the call rate reach the engine', () => {
    const code = `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: process.env.MODEL!, messages: [] });`;
    const [m] = lint(code, { promptlint: { defaultModel: 'gpt-4o-mini', callsPerDay: 1000 } }, { 'promptlint/require-max-tokens': 'error' });
    // gpt-4o-mini: 16,384 max output x $0.60 / 1M per call; x 1,000 calls x 30 days
    const perCall = (16384 * 0.6) / 1e6;
    expect(m!.message).toContain(`~${formatUsd(perCall)}/call, ~${formatUsd(perCall * 1000 * 30)}/month`);
  });

  it('a bad setting is one clear message at the top of the file, not a crash', () => {
    const bad = lint(NO_LIMIT, { promptlint: { aiSdkVersion: 'five' } }, { 'promptlint/require-max-tokens': 'error' });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 1, column: 1 });
    expect(bad[0]!.message).toBe(`promptlint: settings.promptlint.aiSdkVersion: expected the ai SDK's major version (an integer such as 4 or 5), got "five"`);
    const badEngine = lint(NO_LIMIT, { promptlint: { callsPerDay: -3 } }, { 'promptlint/require-max-tokens': 'error' });
    expect(badEngine).toHaveLength(1);
    expect(badEngine[0]!.message).toMatch(/^promptlint: .*callsPerDay/);
    // a file without LLM calls is not affected by the setting
    expect(lint('export const a = 1;', { promptlint: { aiSdkVersion: 'five' } })).toEqual([]);
  });

  it('a constant prompt shared by two calls is reported once where it is written', () => {
    const code = `import OpenAI from 'openai';
const c = new OpenAI();
const SYSTEM = 'Be brief.          Be kind.';
c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'system', content: SYSTEM }] });
c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: 'x' }] });`;
    const messages = lint(code, undefined, { 'promptlint/no-redundant-whitespace': 'error' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ line: 3, column: 26 });
  });
});
