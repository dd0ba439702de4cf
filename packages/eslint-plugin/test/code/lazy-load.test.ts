/**
 * What importing the built plugin loads, in a fresh Node process: not typescript-eslint's utilities,
 * not the tokenizer; linting code that imports no LLM SDK loads neither; the first file that does
 * loads the import tracking's utilities (and its findings come out as usual).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PKG = fileURLToPath(new URL('../../', import.meta.url));
const DIST = new URL('../../dist/index.js', import.meta.url).href;

const SCRIPT = `
import { createRequire } from 'node:module';
import { Linter } from 'eslint';
const require = createRequire(import.meta.url);
const seen = (part) => Object.keys(require.cache).some((k) => k.includes(part));
const state = () => ({ utils: seen('@typescript-eslint/utils'), tokenizer: seen('gpt-tokenizer') });
const out = {};
const plugin = (await import(${JSON.stringify(DIST)})).default;
out.imported = state();
const config = [...plugin.configs.all, { files: ['**/*.js'], languageOptions: { sourceType: 'module' } }];
const linter = new Linter({ configType: 'flat' });
out.plainMessages = linter.verify("import fs from 'node:fs'; const p = require('path'); export const x = fs.existsSync(p.sep);", config, 'plain.js').length;
out.afterPlain = state();
out.sdkMessages = linter.verify("import OpenAI from 'openai'; await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });", config, 'sdk.js').map((m) => m.ruleId);
out.afterSdk = state();
console.log(JSON.stringify(out));
`;

describe('lazy loading (the built plugin, in a fresh process)', () => {
  it.skipIf(!existsSync(new URL(DIST)))('loads the import tracking on the first file that imports an SDK, not before', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: PKG, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out.imported).toEqual({ utils: false, tokenizer: false });
    expect(out.plainMessages).toBe(0);
    expect(out.afterPlain).toEqual({ utils: false, tokenizer: false });
    expect(out.sdkMessages).toEqual(['promptlint/require-max-tokens']);
    expect(out.afterSdk).toMatchObject({ utils: true });
  });
});
