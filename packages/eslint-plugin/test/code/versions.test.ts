/**
 * Version-aware parameter names, through the real ESLint class on files on disk: the `ai` SDK's
 * `maxTokens` is the output limit up to v4 and ignored from v5, read from the installed package
 * (node_modules) or the nearest package.json that depends on it; `settings.promptlint.aiSdkVersion` wins.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { majorOf } from '../../src/code/versions.js';

const root = mkdtempSync(join(tmpdir(), 'promptlint-versions-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SOURCE = `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nexport const r = generateText({ model: openai('gpt-4o'), prompt: 'hi', maxTokens: 200 });\n`;

function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

async function maxTokensFindings(dir: string, settings?: Record<string, unknown>): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [...plugin.configs.all, { files: ['**/*.ts'], languageOptions: { parser: tsParser }, ...(settings ? { settings } : {}) }],
  });
  const [result] = await eslint.lintFiles([join(dir, 'src/route.ts')]);
  return result!.messages.filter((m) => m.ruleId === 'promptlint/require-max-tokens').map((m) => m.message);
}

describe('the ai SDK version', () => {
  it('v4 in the nearest package.json: maxTokens is the limit, nothing to report', async () => {
    const dir = project('v4-range', { 'package.json': JSON.stringify({ dependencies: { ai: '^4.3.16' } }), 'src/route.ts': SOURCE });
    expect(await maxTokensFindings(dir)).toEqual([]);
  });
  it('v5 in the nearest package.json: maxTokens is ignored, rename it', async () => {
    const dir = project('v5-range', { 'package.json': JSON.stringify({ dependencies: { ai: '^5.0.0' } }), 'src/route.ts': SOURCE });
    const [message] = await maxTokensFindings(dir);
    expect(message).toMatch(/^`maxTokens` is not an output limit here: the ai SDK ignores it from v5 on \(use maxOutputTokens\)\. Set `maxOutputTokens`/);
  });
  it('the installed version (node_modules) wins over the range', async () => {
    const dir = project('installed', {
      'package.json': JSON.stringify({ dependencies: { ai: '^5.0.0' } }),
      'node_modules/ai/package.json': JSON.stringify({ name: 'ai', version: '4.3.19' }),
      'src/route.ts': SOURCE,
    });
    expect(await maxTokensFindings(dir)).toEqual([]);
  });
  it('settings.promptlint.aiSdkVersion wins over what is on disk', async () => {
    const dir = project('setting', { 'package.json': JSON.stringify({ dependencies: { ai: '^4.0.0' } }), 'src/route.ts': SOURCE });
    expect(await maxTokensFindings(dir, { promptlint: { aiSdkVersion: 5 } })).toHaveLength(1);
  });
  it('ranges and versions -> majors', () => {
    expect([majorOf('^4.3.16'), majorOf('~5.0.0'), majorOf('>=3'), majorOf('4.0.0-beta.1'), majorOf('npm:ai@^6.0.1'), majorOf('*'), majorOf('latest')]).toEqual([4, 5, 3, 4, 6, undefined, undefined]);
  });
});
