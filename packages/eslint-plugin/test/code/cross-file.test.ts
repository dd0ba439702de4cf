/**
 * The untyped module graph through the real ESLint class, on files on disk: prompts, limits and
 * message arrays imported from other modules (ES imports, re-exports, barrels, default exports, TS
 * path aliases, CommonJS `require`), functions that return a template, findings reported in the
 * linted file naming the other file and line, and each imported module parsed once per run.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bpeCounter } from '@promptlint/core';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { moduleStats } from '../../src/code/modules.js';

const FIXTURE = resolve(import.meta.dirname, '../../../../fixtures/code/cross-file');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function eslintAt(cwd: string, ts = true) {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [...plugin.configs.all, ...(ts ? [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }] : [])],
  });
}

async function messages(cwd: string, file: string, ts = true) {
  const [r] = await eslintAt(cwd, ts).lintFiles([join(cwd, file)]);
  return r!.messages.map((m) => ({ rule: m.ruleId?.replace('promptlint/', ''), line: m.line, message: m.message }));
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'promptlint-xfile-'));
  temps.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('fixtures/code/cross-file', () => {
  it('the route: the location block from lib/ai/prompts.ts comes before the static artifacts prompt, reported at the call site', async () => {
    const got = await messages(FIXTURE, 'app/route.ts');
    expect(got.map((m) => [m.rule, m.line])).toEqual([['no-dynamic-prefix', 10]]);
    expect(got[0]!.message).toMatch(/^`lib\/ai\/prompts\.ts:49 hints\.city` \(unknown value\) may change between calls/);
    // the static text after the slot is the artifacts prompt's (imported) text, not an opaque call: its
    // size in o200k tokens, within the margin of Claude's own tokenizer, which the engine uses here
    const prompts = readFileSync(join(FIXTURE, 'lib/ai/prompts.ts'), 'utf8');
    const artifacts = /export const artifactsPrompt = `([\s\S]*?)`;/.exec(prompts)![1]!;
    const after = bpeCounter('o200k_base').count(`\n- country: \n\n${artifacts}`);
    const stated = Number(/comes before ([\d,]+) static tokens/.exec(got[0]!.message)![1]!.replace(/,/g, ''));
    expect(stated).toBeGreaterThan(after * 0.8);
    expect(stated).toBeLessThan(after * 1.5);
  });
  it('the CommonJS script: the limit comes from a required module (so the batch saving is priced with it)', async () => {
    const got = await messages(FIXTURE, 'cli/summarise.cjs', false);
    expect(got.map((m) => [m.rule, m.line])).toEqual([['prefer-batch-api', 10]]);
    expect(got[0]!.message).toContain('saves ~');
  });
});

describe('with type information in the config (parserOptions.projectService)', () => {
  it('the same findings on the fixture: the module graph does not depend on the type checker', async () => {
    const typed = new ESLint({
      cwd: FIXTURE,
      overrideConfigFile: true,
      overrideConfig: [
        ...plugin.configs.all,
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: FIXTURE } } },
      ],
    });
    const untyped = eslintAt(FIXTURE);
    const files = ['app/route.ts', 'lib/ai/prompts.ts', 'lib/ai/index.ts'].map((f) => join(FIXTURE, f));
    const pick = (rs: ESLint.LintResult[]) => rs.map((r) => r.messages.map((m) => [m.ruleId, m.line, m.column, m.message]));
    const a = pick(await typed.lintFiles(files));
    expect(a).toEqual(pick(await untyped.lintFiles(files)));
    expect(a.flat().length).toBe(1);
  });
});

describe('module shapes', () => {
  const route = (importLine: string, use: string) => `import OpenAI from 'openai';\n${importLine}\nconst c = new OpenAI();\nexport const r = c.chat.completions.create({ model: 'gpt-4o', ${use} });\n`;
  it.each([
    ['a named export', `export const LIMIT = 300;`, `import { LIMIT } from './limits';`],
    ['a default export', `const LIMIT = 300;\nexport default LIMIT;`, `import LIMIT from './limits';`],
    ['a renamed export', `const base = 300;\nexport { base as LIMIT };`, `import { LIMIT } from './limits';`],
    ['a re-export of a re-export', `export { LIMIT } from './deep';`, `import { LIMIT } from './limits';`],
    ['a .js specifier for a .ts file', `export const LIMIT = 300;`, `import { LIMIT } from './limits.js';`],
  ])('the limit from %s is read (no require-max-tokens)', async (_n, limits, importLine) => {
    const dir = project({ 'package.json': '{}', 'limits.ts': limits, 'deep.ts': 'export const LIMIT = 300;', 'route.ts': route(importLine, 'messages: [], max_completion_tokens: LIMIT') });
    expect(await messages(dir, 'route.ts')).toEqual([]);
  });
  it('an imported message array and an imported params object are read', async () => {
    const dir = project({
      'package.json': '{}',
      'shared.ts': `export const base = { model: 'gpt-4o', max_completion_tokens: 100 };\nexport const systemMessages = [{ role: 'system', content: 'Today is ' + new Date().toISOString() + '. ${'Follow the house style. '.repeat(300).trim()}' }];`,
      'route.ts': `import OpenAI from 'openai';\nimport { base, systemMessages } from './shared';\nconst c = new OpenAI();\nexport const r = (q: string) => c.chat.completions.create({ ...base, messages: [...systemMessages, { role: 'user', content: q }] });\n`,
    });
    const got = await messages(dir, 'route.ts');
    expect(got.map((m) => m.rule)).toEqual(['no-dynamic-prefix']);
    expect(got[0]!.message).toMatch(/^`shared\.ts:2 new Date\(\)\.toISOString\(\)` \(timestamp\) changes on every call/);
  });
  it('a module imported by several files is parsed once per run', async () => {
    const files: Record<string, string> = { 'package.json': '{}', 'limits.ts': 'export const LIMIT = 300;' };
    for (let i = 0; i < 5; i++) files[`r${i}.ts`] = route(`import { LIMIT } from './limits';`, 'messages: [], max_completion_tokens: LIMIT');
    const dir = project(files);
    const before = { ...moduleStats };
    const results = await eslintAt(dir).lintFiles([join(dir, 'r*.ts')]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
    expect(moduleStats.parsed - before.parsed).toBe(1);
    expect(moduleStats.hits - before.hits).toBeGreaterThanOrEqual(4);
  });
  it('what cannot be resolved stays unknown (a package, a missing file): no finding is guessed', async () => {
    const dir = project({ 'package.json': '{}', 'route.ts': route(`import { LIMIT } from './missing';\nimport { OTHER } from 'some-package';`, 'messages: [], max_completion_tokens: LIMIT ?? OTHER') });
    expect(await messages(dir, 'route.ts')).toEqual([]);
  });
});
