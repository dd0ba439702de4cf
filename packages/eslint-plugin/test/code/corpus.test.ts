/**
 * The code rules over the fixture corpus and over odd syntax through a real ESLint `Linter`: no rule
 * throws, and no file is skipped by the extraction's safety net (a skip would hide findings).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { extractionStats, prefilterStats, rules } from '../../src/rules/index.js';

const corpus = fileURLToPath(new URL('../../../../fixtures/code/', import.meta.url));

function lint(code: string, filename: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const ts = /\.tsx?$/.test(filename);
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
        plugins: { promptlint: { rules } },
        rules: Object.fromEntries(Object.keys(rules).map((id) => [`promptlint/${id}`, 'error'])),
        ...(ts ? { languageOptions: { parser: tsParser } } : {}),
      },
    ],
    filename,
  );
}

const ODD: string[] = [
  `import OpenAI from 'openai'; const c = new OpenAI; c.chat.completions.create({ messages: [, , { role: 'user', content: null }, 42, ...[]], get max_tokens() { return 5; }, model() {} } as any);`,
  `import OpenAI from 'openai'; const c = new OpenAI(); c.chat.completions.create(); c.chat.completions.create(null as any); c.chat.completions.create(undefined as any, {});`,
  `import OpenAI from 'openai'; const c = new OpenAI(); const k = Symbol(); c.chat.completions.create({ [k]: 1, [\`max_\${'tokens'}\`]: 3, messages: [{ role: 'user', content: [null, { type: 'text' }, { text: 5 }] }] } as any);`,
  `import OpenAI from 'openai'; class A { static { const c = new OpenAI(); void c.responses.create({ input: [{ role: 'user', content: [{ type: 'input_text', text: tag\`x\${1}\` }] }] } as any); } }`,
  `import Anthropic from '@anthropic-ai/sdk'; const a = new Anthropic(); a.messages.create({ system: [{ type: 'text', text: 'x', cache_control: null }, ...blocks], messages: msgs, max_tokens: Infinity } as any); declare const blocks: any[], msgs: any;`,
  `import { generateText } from 'ai'; generateText({ model: (await import('x')).default, prompt: [1, 2] as any, maxOutputTokens: -0 });`,
  `import { GoogleGenAI } from '@google/genai'; const g = new GoogleGenAI({}); g?.models?.generateContent?.({ contents: [{ parts: [{ inlineData: {} }] }, 'text', null], config: undefined } as any);`,
  `import OpenAI from 'openai'; let c = new OpenAI(); c = c; const x = c; x.chat.completions.create({ model: 'gpt-4o', messages: [] }); for await (const chunk of await c.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [] })) void chunk;`,
  `import { ChatOpenAI } from '@langchain/openai'; const m = new ChatOpenAI(); await m.invoke(); await m.invoke({} as any); await m.pipe(m).invoke('x'); const n = new ChatOpenAI(...([] as any[]));`,
  `const OpenAI = require('openai'); const { default: Def } = require('openai'); new Def().chat.completions.create({ messages: [{ role: 'user', content: \`\${JSON.stringify(a, null)}\${JSON.stringify(a, null, 0)}\${JSON.stringify()}\` }] }); declare const a: unknown;`,
  `import OpenAI from 'openai'; const c = new OpenAI(); const messages: any[] = []; messages.push(1); messages = messages.slice(-1) as any; label: for (;;) { await c.chat.completions.create({ model: 'gpt-4o', messages, max_tokens: 1 }); break label; }`,
  `import OpenAI from 'openai'; const c = new OpenAI(); [1, 2].forEach(async function named(this: unknown) { await c.embeddings.create({ model: 'text-embedding-3-small', input: [] }); });`,
];

describe('no throw, no skip', () => {
  it('the fixture corpus: every file that imports an SDK is extracted, the other one is turned away by the prefilter, none skipped', () => {
    const before = { ...extractionStats };
    const beforePrefilter = { ...prefilterStats };
    const files = readdirSync(corpus).filter((f) => /\.(?:[cm]?[jt]s)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) {
      const messages = lint(readFileSync(corpus + f, 'utf8'), f);
      expect(messages.filter((m) => m.fatal || m.ruleId === null || m.message.startsWith('promptlint:')), f).toEqual([]);
    }
    expect(extractionStats.skipped - before.skipped).toBe(0);
    // not-llm.ts imports only @slack/web-api: no extraction at all
    expect(prefilterStats.rejected - beforePrefilter.rejected).toBe(1);
    expect(extractionStats.extracted - before.extracted).toBe(files.length - 1);
  });

  it('odd syntax: no rule throws and nothing is skipped', () => {
    const before = extractionStats.skipped;
    for (const code of ODD) {
      const messages = lint(code, 'odd.ts');
      expect(messages.filter((m) => m.fatal || m.ruleId === null || m.message.startsWith('promptlint:')), code).toEqual([]);
    }
    expect(extractionStats.skipped - before, String(extractionStats.lastError)).toBe(0);
  });

  it('code that does not parse is a parse error from ESLint, not a rule crash', () => {
    const messages = lint(`import OpenAI from 'openai'; const c = new OpenAI(); c.chat.completions.create({ model: 'gpt-4o', messages: [`, 'broken.ts');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ fatal: true, ruleId: null });
  });
});
