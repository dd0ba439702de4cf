/**
 * The `prompt` language through the real ESLint class: which files it takes, what it parses them
 * as, positions, and ESLint's inline controls written as HTML comments.
 *
 * A small probe plugin (test code) reports one problem per line, so the directive machinery is
 * exercised independently of what the core rules find; findings of the real rules are in
 * findings.test.ts.
 */
import { defaultPriceTable, formatUsd, LineIndex, presetRules, rules as coreRules } from '@promptlint/core';
import type { ESLint, Linter, Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { CODE_FILES, PROMPT_FILES } from '../../src/index.js';
import type { PromptFileNode } from '../../src/index.js';
import { eslintIn, lintProject, plugin, project } from './eslint-helpers.js';

/** Reports "line N" at the start of every line (on `PromptFile:exit`, to see the exit step too). */
const lines: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      'PromptFile:exit'() {
        const { lines: text } = context.sourceCode;
        text.forEach((_, i) => context.report({ message: `line ${i + 1}`, loc: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } } }));
      },
    } as unknown as Rule.RuleListener;
  },
};

/** Reports the kind the language detected, and where each character offset lands. */
const kind: Rule.RuleModule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    return {
      PromptFile(node: PromptFileNode) {
        context.report({ message: `kind ${node.kind}`, loc: node.loc });
      },
    } as unknown as Rule.RuleListener;
  },
};

const probe: ESLint.Plugin = { rules: { lines, kind } };

function probeConfig(rules: Linter.RulesRecord, extra: Partial<Linter.Config> = {}): Linter.Config[] {
  return [{ files: PROMPT_FILES, plugins: { promptlint: plugin, probe }, language: 'promptlint/prompt', rules, ...extra }];
}

describe('configs', () => {
  it('each preset is a code object and a prompt-file object with the same rules, from core metadata', () => {
    for (const name of ['recommended', 'strict', 'all'] as const) {
      const [code, prompts, ...rest] = plugin.configs[name];
      expect(rest).toHaveLength(0);
      const expected = Object.fromEntries(Object.entries(presetRules(name)).map(([id, sev]) => [`promptlint/${id}`, sev]));
      expect(code!.rules).toEqual(expected);
      expect(prompts!.rules).toEqual(expected);
      expect(code!.files).toEqual(CODE_FILES);
      expect(code!.language).toBeUndefined();
      expect(prompts!.files).toEqual(PROMPT_FILES);
      expect(prompts!.language).toBe('promptlint/prompt');
      expect(code!.plugins!.promptlint).toBe(plugin);
      expect(prompts!.plugins!.promptlint).toBe(plugin);
    }
    expect(Object.keys(plugin.configs.all[0]!.rules!)).toHaveLength(coreRules.length);
  });

  it('every core rule is a plugin rule', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(coreRules.map((r) => r.meta.id).sort());
    expect(plugin.meta.name).toBe('@promptlint/eslint-plugin');
  });

  it('one spread lints every kind of prompt file with the prompt language, and no other markdown', async () => {
    const files: Record<string, string> = {
      'prompts/summarise.md': 'a\n',
      'prompts/nested/plain.txt': 'a\n',
      'docs/review.prompt.md': 'a\n',
      'agents/triage.prompty': 'a\n',
      'flows/ask.prompt': 'a\n',
      '.github/prompts/fix.prompt.md': 'a\n',
      'AGENTS.md': 'a\n',
      'pkg/CLAUDE.md': 'a\n',
      'GEMINI.md': 'a\n',
      '.github/copilot-instructions.md': 'a\n',
      '.github/instructions/ts.instructions.md': 'a\n',
      '.cursor/rules/style.mdc': 'a\n',
      '.cursorrules': 'a\n',
      'README.md': 'a\n',
      'docs/guide.md': 'a\n',
    };
    const results = await lintProject(files, [...plugin.configs.all, ...probeConfig({ 'probe/kind': 'error' })]);
    const kinds = Object.fromEntries([...results].map(([path, r]) => [path, r.messages.filter((m) => m.ruleId === 'probe/kind').map((m) => m.message)]));
    expect(kinds).toEqual({
      'prompts/summarise.md': ['kind markdown-prompt'],
      'prompts/nested/plain.txt': ['kind markdown-prompt'],
      'docs/review.prompt.md': ['kind markdown-prompt'],
      'agents/triage.prompty': ['kind prompty'],
      'flows/ask.prompt': ['kind dotprompt'],
      '.github/prompts/fix.prompt.md': ['kind vscode-prompt'],
      'AGENTS.md': ['kind agent-instructions'],
      'pkg/CLAUDE.md': ['kind agent-instructions'],
      'GEMINI.md': ['kind agent-instructions'],
      '.github/copilot-instructions.md': ['kind agent-instructions'],
      '.github/instructions/ts.instructions.md': ['kind agent-instructions'],
      '.cursor/rules/style.mdc': ['kind agent-instructions'],
      '.cursorrules': ['kind agent-instructions'],
    });
  });
});

describe('language options', () => {
  it('kind overrides detection from the path', async () => {
    const results = await lintProject({ 'prompts/a.md': 'x\n' }, probeConfig({ 'probe/kind': 'error' }, { languageOptions: { kind: 'prompty' } }));
    expect(results.get('prompts/a.md')!.messages.map((m) => m.message)).toEqual(['kind prompty']);
  });

  it('an unknown kind or option is a configuration error naming it', async () => {
    const cwd = project({ 'prompts/a.md': 'x\n' });
    await expect(eslintIn(cwd, probeConfig({}, { languageOptions: { kind: 'yaml' } })).lintFiles(['.'])).rejects.toThrow(
      /languageOptions\.kind must be one of markdown-prompt, prompty, dotprompt, vscode-prompt, agent-instructions, got "yaml"/,
    );
    await expect(eslintIn(cwd, probeConfig({}, { languageOptions: { model: 'gpt-4o' } })).lintFiles(['.'])).rejects.toThrow(/unknown language option "model"/);
  });
});

describe('positions', () => {
  it('lines end where core counts them (LF, CRLF and lone CR), so ESLint and the CLI agree', async () => {
    const text = 'one\r\ntwo\rthree\nfour';
    const results = await lintProject({ 'prompts/a.md': text }, probeConfig({ 'probe/lines': 'error' }));
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(4);
    expect(results.get('prompts/a.md')!.messages.map((m) => [m.message, m.line, m.column])).toEqual([
      ['line 1', 1, 1],
      ['line 2', 2, 1],
      ['line 3', 3, 1],
      ['line 4', 4, 1],
    ]);
  });

  it('the root spans the whole file', async () => {
    const results = await lintProject({ 'prompts/a.md': 'ab\ncde' }, probeConfig({ 'probe/kind': 'error' }));
    const [m] = results.get('prompts/a.md')!.messages;
    expect([m!.line, m!.column, m!.endLine, m!.endColumn]).toEqual([1, 1, 2, 4]);
  });
});

describe('inline controls in HTML comments', () => {
  const text = [
    'first', // 1
    '<!-- eslint-disable-next-line probe/lines -- the next line is fine -->', // 2
    'third', // 3
    '<!-- eslint-disable probe/lines -->', // 4
    'fifth', // 5
    '<!-- eslint-enable probe/lines -->', // 6
    'seventh <!-- eslint-disable-line probe/lines -->', // 7
    'eighth', // 8
    '<!-- promptlint-disable-next-line -->', // 9: promptlint's own, not ESLint's
    'tenth', // 10
  ].join('\n');

  it('disable, enable, disable-next-line and disable-line silence the lines they name', async () => {
    const results = await lintProject({ 'prompts/a.md': text }, probeConfig({ 'probe/lines': 'error' }));
    const r = results.get('prompts/a.md')!;
    // As in JS: a block directive takes effect at its own start, so the problem at 4:1 (where
    // the disable comment starts) is silenced and the one at 6:1 (where enable starts) is not.
    expect(r.messages.map((m) => m.line)).toEqual([1, 2, 6, 8, 9, 10]);
    expect(r.suppressedMessages.map((m) => [m.line, m.suppressions[0]!.justification])).toEqual([
      [3, 'the next line is fine'],
      [4, ''],
      [5, ''],
      [7, ''],
    ]);
  });

  it('a comment shown inside a code block is text, not a directive', async () => {
    const text = ['Example of a directive:', '```markdown', '<!-- eslint-disable probe/lines -->', '```', 'after'].join('\n');
    const results = await lintProject({ 'prompts/a.md': text }, probeConfig({ 'probe/lines': 'error' }));
    const r = results.get('prompts/a.md')!;
    expect(r.messages.map((m) => m.line)).toEqual([1, 2, 3, 4, 5]);
    expect(r.suppressedMessages).toEqual([]);
  });

  it('an unused directive is reported at its comment', async () => {
    const cwd = project({ 'prompts/a.md': 'one\n\n  <!-- eslint-disable-next-line probe/kind -->\n' });
    const config = probeConfig({ 'probe/lines': 'error' }, { linterOptions: { reportUnusedDisableDirectives: 'warn' } });
    const [r] = await eslintIn(cwd, config).lintFiles(['.']);
    expect(r!.messages.filter((m) => m.ruleId === null).map((m) => [m.message, m.line, m.column, m.severity])).toEqual([
      ["Unused eslint-disable directive (no problems were reported from 'probe/kind').", 3, 3, 1],
    ]);
  });

  it('a disable-line comment spread over two lines is an error, not a directive', async () => {
    const results = await lintProject({ 'prompts/a.md': 'a <!-- eslint-disable-line\nprobe/lines -->\n' }, probeConfig({ 'probe/lines': 'error' }));
    const messages = results.get('prompts/a.md')!.messages;
    expect(messages.find((m) => m.ruleId === null)).toMatchObject({ message: 'eslint-disable-line comment should not span multiple lines.', line: 1, column: 3 });
    expect(messages.filter((m) => m.ruleId === 'probe/lines').map((m) => m.line)).toEqual([1, 2, 3]);
  });

  it('<!-- eslint rule: setting --> configures a rule for the file; a malformed one is an error at its line', async () => {
    const off = await lintProject({ 'prompts/a.md': '<!-- eslint probe/lines: "off" -->\ntwo\n' }, probeConfig({ 'probe/lines': 'error' }));
    expect(off.get('prompts/a.md')!.messages).toEqual([]);
    const warn = await lintProject({ 'prompts/a.md': 'one\n<!-- eslint probe/lines: "warn" -->\n' }, probeConfig({ 'probe/lines': 'error' }));
    expect(warn.get('prompts/a.md')!.messages.map((m) => m.severity)).toEqual([1, 1, 1]);
    const bad = await lintProject({ 'prompts/a.md': 'one\n<!-- eslint probe/lines: [warn -->\n' }, probeConfig({ 'probe/kind': 'error' }));
    const problem = bad.get('prompts/a.md')!.messages.find((m) => m.ruleId === null);
    expect(problem).toMatchObject({ line: 2, column: 1, fatal: true });
    expect(problem!.message).toMatch(/Failed to parse JSON from/);
  });
});

describe('settings.promptlint', () => {
  const one = (settings: Record<string, unknown>): Linter.Config[] => [
    { files: PROMPT_FILES, plugins: { promptlint: plugin }, language: 'promptlint/prompt', rules: { 'promptlint/require-max-tokens': 'error' }, settings },
  ];

  it('bad settings are one clear line at the top of the file, not a crash', async () => {
    const cases: [unknown, string][] = [
      ['gpt-4o', 'promptlint: settings.promptlint: expected an object, got "gpt-4o"'],
      [{ defaultModle: 'gpt-4o' }, 'promptlint: settings.promptlint: unknown key "defaultModle" (known: defaultModel, callsPerDay, models, aiSdkVersion)'],
      [{ callsPerDay: -5 }, 'promptlint: callsPerDay: expected a number >= 0, got -5'],
      [{ models: [] }, 'promptlint: settings.promptlint.models: expected an object keyed by model id, got []'],
    ];
    for (const [promptlint, message] of cases) {
      const results = await lintProject({ 'prompts/a.md': 'x\n' }, one({ promptlint }));
      expect(results.get('prompts/a.md')!.messages.map((m) => [m.message, m.line, m.column])).toEqual([[message, 1, 1]]);
    }
  });

  it('accepts the code-only key aiSdkVersion on prompt files (one settings object serves both)', async () => {
    const results = await lintProject({ 'prompts/a.md': '---\ntemperature: 0\n---\nx\n' }, one({ promptlint: { aiSdkVersion: 5, defaultModel: 'gpt-4o-mini' } }));
    const messages = results.get('prompts/a.md')!.messages;
    expect(messages.map((m) => m.ruleId)).toEqual(['promptlint/require-max-tokens']);
    // priced on the default model the settings name: gpt-4o-mini, 16,384 output tokens at most, $0.60 per 1M
    expect(defaultPriceTable().resolve('gpt-4o-mini')!.maxOutput).toBe(16384);
    expect(messages[0]!.message).toContain(`~16,384 output tokens/call, ~${formatUsd((16384 * 0.6) / 1e6)}/call`);
  });
});
