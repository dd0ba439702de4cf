/**
 * The prefilter (src/code/prefilter.ts) against the real import tracking, in real ESLint `Linter`
 * runs: it admits every file in which the tracking finds an SDK call or model (the fixtures, the
 * examples, every way the tracking follows an import or `require`), and turns away ordinary code.
 * The RuleTester and extraction helpers run the same audit on every case of the other tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { tracedModules } from '../../src/code/find-calls.js';
import { SDK_MODULES } from '../../src/code/sdks.js';
import { auditPrefilter, type PrefilterVerdict } from './prefilter-audit.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NODE_GLOBALS = { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly' } as const;

interface Setup {
  /** typescript-eslint's parser (default) or espree. */
  ts?: boolean;
  /** Declare Node's CommonJS globals (`require` becomes a declared global: eslint-utils' own path). */
  node?: boolean;
  sourceType?: 'module' | 'commonjs' | 'script';
  filename?: string;
}

function verdict(code: string, setup: Setup = {}): PrefilterVerdict {
  const ts = setup.ts ?? true;
  let result: PrefilterVerdict | undefined;
  let error: unknown;
  const probe: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      try {
        result = auditPrefilter(context.sourceCode, setup.filename ?? 'the case');
      } catch (e) {
        error = e;
      }
      return {};
    },
  };
  const filename = setup.filename ?? (ts ? 'file.ts' : 'file.js');
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [
      {
        files: ['**/*.{js,cjs,mjs,ts,cts,mts}'],
        plugins: { t: { rules: { probe } } },
        rules: { 't/probe': 'error' },
        languageOptions: {
          ...(ts ? { parser: tsParser } : {}),
          ...(setup.sourceType ? { sourceType: setup.sourceType } : {}),
          ...(setup.node ? { globals: NODE_GLOBALS } : {}),
        },
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`parse error in ${filename}: ${fatal.message}`);
  if (error) throw error;
  if (!result) throw new Error('the probe did not run');
  return result;
}

const SETUPS: [string, Setup][] = [
  ['typescript-eslint, no globals', {}],
  ['typescript-eslint, Node globals', { node: true }],
];

describe('the modules', () => {
  it('are exactly the modules the tracking starts from', () => {
    expect([...SDK_MODULES].sort()).toEqual(tracedModules().sort());
  });
});

describe('every way the tracking reaches an SDK: admitted', () => {
  // Each case is one the tracking finds a call or model in (checked: tracked > 0), under the setup given.
  const CASES: [string, string, Setup][] = [
    ['default import', `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });`, {}],
    ['renamed named import', `import { Anthropic as A } from '@anthropic-ai/sdk'; new A().messages.create({ model: 'm', max_tokens: 1, messages: [] });`, {}],
    ['namespace import of ai', `import * as ai from 'ai'; ai.generateText({ model: 'openai/gpt-4o', prompt: 'x' });`, {}],
    ['provider factory only', `import { openai } from '@ai-sdk/openai'; export const m = openai('gpt-4o');`, {}],
    ['escaped module name', `import OpenAI from 'open\\u0061i'; new OpenAI().chat.completions.create({ messages: [] });`, {}],
    ['type-only import of the client class', `import type OpenAI from 'openai'; export async function f(client: OpenAI) { await client.chat.completions.create({ model: 'gpt-4o', messages: [] }); }`, {}],
    ['a client kept in a field', `import OpenAI from 'openai'; class Bot { c = new OpenAI(); ask() { return this.c.responses.create({ model: 'gpt-4o', input: 'x' }); } }`, {}],
    ['require, undeclared', `const OpenAI = require('openai'); new OpenAI().chat.completions.create({ messages: [] });`, {}],
    ['require, declared global', `const OpenAI = require('openai'); new OpenAI().chat.completions.create({ messages: [] });`, { node: true }],
    ['require with an escaped name', `const OpenAI = require('open\\x61i'); new OpenAI().chat.completions.create({ messages: [] });`, { node: true }],
    ['require of a concatenation', `const OpenAI = require('open' + 'ai'); new OpenAI().chat.completions.create({ messages: [] });`, { node: true }],
    ['require of a template literal', 'const OpenAI = require(`openai`); new OpenAI().chat.completions.create({ messages: [] });', { node: true }],
    ['require through an alias', `const r = require; const OpenAI = r('openai'); new OpenAI().chat.completions.create({ messages: [] });`, { node: true }],
    ['require behind a type assertion', `const OpenAI = (require as any)('openai'); new OpenAI().chat.completions.create({ messages: [] });`, { node: true }],
    ['require read from globalThis', `const OpenAI = globalThis.require('openai'); new OpenAI().chat.completions.create({ messages: [] });`, { node: true }],
    ['destructured require', `const { default: OpenAI } = require('openai'); new OpenAI().embeddings.create({ model: 'text-embedding-3-small', input: 'x' });`, {}],
    ['CommonJS under espree', `const { GoogleGenAI } = require('@google/genai'); new GoogleGenAI({}).models.generateContent({ model: 'gemini-2.0-flash', contents: 'x' });`, { ts: false, node: true, sourceType: 'commonjs', filename: 'file.cjs' }],
    ['fetch to a provider endpoint, no import', `export const r = fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [] }) });`, {}],
    ['a Bedrock command', `import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime'; export const c = new ConverseCommand({ modelId: 'm', messages: [] });`, {}],
  ];
  for (const [name, code, setup] of CASES) {
    it(name, () => {
      const v = verdict(code, setup);
      expect(v.tracked, 'the tracking finds it').toBeGreaterThan(0);
      expect(v.admitted).toBe(true);
    });
  }

  it('import() is not followed by the tracking, so the prefilter need not admit it either', () => {
    // If the tracking ever follows import(), this fails: teach the prefilter the same path.
    const v = verdict(`const { default: OpenAI } = await import('openai'); await new OpenAI().chat.completions.create({ messages: [] });`);
    expect(v.tracked).toBe(0);
  });
});

describe('ordinary code: turned away', () => {
  const CASES: [string, string, Setup][] = [
    ['no imports', `export const x = JSON.stringify({ a: 1 }, null, 2);`, {}],
    ['other ES modules', `import fs from 'node:fs'; import { z } from 'zod'; export * from './local.js'; export { y } from './y.js'; export const n = fs.existsSync('x') && z;`, {}],
    ['other modules required', `const path = require('path'); const { a } = require('./a'); module.exports = { path, a };`, {}],
    ['other modules required, declared global', `const path = require('path'); const { a } = require('./a'); module.exports = { path, a };`, { node: true }],
    ['an SDK named in strings and comments only', `// we used to call openai here\nexport const vendor = 'openai'; export const pkg = "@anthropic-ai/sdk";`, {}],
    ['globalThis without require', `export const env = globalThis.process?.env ?? {};`, { node: true }],
    ['a local function called require', `export function load(require: (id: string) => unknown) { return require('openai'); }`, {}],
    ['fetch to another host', `export const r = fetch('https://example.com/v1/chat/completions', { method: 'POST', body: '{}' });`, {}],
    ['CommonJS under espree', `'use strict';\nconst fs = require('fs');\nmodule.exports = function read(p) { return fs.readFileSync(p, 'utf8'); };`, { ts: false, node: true, sourceType: 'commonjs', filename: 'file.cjs' }],
  ];
  for (const [name, code, setup] of CASES) {
    it(name, () => {
      expect(verdict(code, setup)).toEqual({ admitted: false, tracked: 0 });
    });
  }
});

const codeFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.[cm]?[jt]s$/.test(f))
    .map((f) => join(dir, f));

describe('the fixtures and examples', () => {
  const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/code/expected.json'), 'utf8')) as { files: Record<string, unknown[]> };
  const files = [...codeFiles(join(ROOT, 'fixtures/code')), ...codeFiles(join(ROOT, 'examples/code'))];

  it.each(SETUPS)('%s: every file with an SDK call is admitted', (_name, setup) => {
    expect(files.length).toBeGreaterThanOrEqual(14);
    let withFindings = 0;
    for (const file of files) {
      const name = file.slice(ROOT.length);
      const sourceType = file.endsWith('.cjs') ? ('commonjs' as const) : ('module' as const);
      const v = verdict(readFileSync(file, 'utf8'), { ...setup, sourceType, filename: name });
      const findings = expected.files[name.replace('fixtures/code/', '')];
      if (findings && findings.length > 0) {
        withFindings++;
        expect(v.tracked, name).toBeGreaterThan(0);
      }
      // every file but not-llm.ts imports an SDK; not-llm.ts imports @slack/web-api only
      if (name.endsWith('not-llm.ts')) expect(v, name).toEqual({ admitted: false, tracked: 0 });
      else expect(v.admitted, name).toBe(true);
    }
    expect(withFindings).toBeGreaterThanOrEqual(10);
  });
});

describe('real code that calls no LLM', () => {
  it("ESLint's own lib/: almost every file is turned away, and none the tracking finds anything in", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.js')) files.push(p);
      }
    };
    walk(join(ROOT, 'node_modules/eslint/lib'));
    expect(files.length).toBeGreaterThan(100);
    let admitted = 0;
    for (const file of files) {
      const v = verdict(readFileSync(file, 'utf8'), { ts: false, node: true, sourceType: 'commonjs', filename: 'lib.cjs' });
      expect(v.tracked, file).toBe(0);
      if (v.admitted) admitted++;
    }
    // admitted: the few that require a computed name or read globalThis[...]
    expect(admitted / files.length).toBeLessThan(0.05);
  });
});
