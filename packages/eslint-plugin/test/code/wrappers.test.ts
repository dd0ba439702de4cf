/**
 * `settings.promptlint.wrappers` through the real ESLint class on files on disk: an app's own
 * function that forwards to an SDK is read as a request of the shape it forwards to.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { parseWrappers } from '../../src/code/wrappers.js';

const dir = mkdtempSync(join(tmpdir(), 'promptlint-wrappers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'package.json': '{}',
  'src/lib/llm.ts': `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport async function chat(params: any) {\n  return client.chat.completions.create(params);\n}\n`,
  'src/cli.ts': `import { chat } from './lib/llm';\nexport async function summariseAll(notes: string[]) {\n  const out = [];\n  for (const note of notes) {\n    out.push(await chat({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: note }] }));\n  }\n  return out;\n}\nexport const one = (q: string) => chat({ model: 'gpt-4o-mini', max_completion_tokens: 100, messages: [{ role: 'user', content: q }] });\n`,
  'src/plain.ts': `import { helper } from './lib/util';\nexport const x = helper();\n`,
};
for (const [p, t] of Object.entries(files)) {
  mkdirSync(join(dir, p, '..'), { recursive: true });
  writeFileSync(join(dir, p), t);
}

async function lint(settings: unknown, file = 'src/cli.ts') {
  const cwd = process.cwd();
  process.chdir(dir); // wrapper module paths are relative to the working directory, as ESLint's config is
  try {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...plugin.configs.all, { files: ['**/*.ts'], languageOptions: { parser: tsParser }, settings: { promptlint: settings } }] });
    const [r] = await eslint.lintFiles([join(dir, file)]);
    return r!.messages.map((m) => [m.ruleId?.replace('promptlint/', '') ?? null, m.line, m.message.slice(0, 80)]);
  } finally {
    process.chdir(cwd);
  }
}

describe('settings.promptlint.wrappers', () => {
  it('without the setting the wrapper is an opaque function: nothing', async () => {
    expect(await lint({})).toEqual([]);
  });
  it('with it, calls are requests of the forwarded shape: the loop and the missing limit are found', async () => {
    const got = await lint({ wrappers: [{ module: 'src/lib/llm.ts', export: 'chat', api: 'openai-chat' }] });
    expect(got.map(([rule, line]) => [rule, line])).toEqual([
      ['require-max-tokens', 5],
      ['prefer-batch-api', 5],
    ]);
  });
  it('a file that imports no wrapper module stays turned away', async () => {
    expect(await lint({ wrappers: [{ module: 'src/lib/llm.ts', export: 'chat', api: 'openai-chat' }] }, 'src/plain.ts')).toEqual([]);
  });
  it('a malformed setting is one clear message where it matters (a file with an LLM call)', async () => {
    const got = await lint({ wrappers: [{ module: 'src/lib/llm.ts', export: 'chat', api: 'openai' }] }, 'src/lib/llm.ts');
    expect(got.length).toBeGreaterThan(0);
    // each rule says it (as for every settings error of the code rules), on line 1
    for (const [, line, message] of got) expect([line, message]).toEqual([1, 'promptlint: settings.promptlint.wrappers[0].api: expected one of openai-chat, op']);
  });
  it('validation', () => {
    expect(parseWrappers([{ module: 'x', export: 'llm.generate', api: 'ai-sdk', argument: 1, provider: 'anthropic' }])).toEqual({ ok: true, wrappers: [{ module: 'x', export: 'llm.generate', api: 'ai-sdk', argument: 1, provider: 'anthropic' }] });
    expect(parseWrappers({})).toMatchObject({ ok: false });
    expect(parseWrappers([{ module: 'x', export: 'a b', api: 'ai-sdk' }])).toMatchObject({ ok: false, error: expect.stringContaining('.export') });
    expect(parseWrappers([{ module: 'x', export: 'a', api: 'ai-sdk', extra: 1 }])).toMatchObject({ ok: false, error: expect.stringContaining('unknown key "extra"') });
  });
});
