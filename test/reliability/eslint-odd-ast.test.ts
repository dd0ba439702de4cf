/**
 * The plugin's rules never throw on partial or odd code: the real `ESLint` class with
 * `configs.all` (and @typescript-eslint/parser for TypeScript) over snippets with missing
 * properties, computed keys, spreads, optional chaining, TS-only syntax, JSX and half-written SDK
 * calls. A throw out of a rule makes ESLint abort the whole run, so every snippet must lint with no
 * exception and no fatal message; extraction errors that the plugin swallows (it skips the file
 * rather than crash) are counted too, and must be zero: a skipped file is a silent false negative.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import promptlint from '@promptlint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { extractionStats } from '../../packages/eslint-plugin/dist/rules/index.js';
import { tempDir } from './helpers.js';

const cwd = tempDir();
mkdirSync(join(cwd, 'src'), { recursive: true });

const config: Linter.Config[] = [
  ...promptlint.configs.all,
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.{js,jsx,mjs,cjs}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
];
const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config });

const OPENAI = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
const ANTHROPIC = "import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n";
const AI = "import { generateText, streamText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\n";
const GOOGLE = "import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\n";

/** [name, file name, code] */
const SNIPPETS: [string, string, string][] = [
  ['a call with no arguments', 'a.ts', `${OPENAI}await client.chat.completions.create();`],
  ['a call with a non-object argument', 'a.ts', `${OPENAI}await client.chat.completions.create(42, null);\nawait client.chat.completions.create(undefined);`],
  ['messages missing', 'a.ts', `${OPENAI}await client.chat.completions.create({ model: 'gpt-4o' });`],
  ['messages not an array', 'a.ts', `${OPENAI}await client.chat.completions.create({ model: 'gpt-4o', messages: 'hi', max_tokens: 'ten' });`],
  ['holes, nulls and non-objects in messages', 'a.ts', `${OPENAI}await client.chat.completions.create({ model: 'gpt-4o', messages: [, null, 1, 'x', [], { role: 'user' }, { content: 'no role' }, { role: 'user', content: null }] });`],
  ['computed keys', 'a.ts', `${OPENAI}const k = 'max' + '_tokens'; const m = Symbol('m');\nawait client.chat.completions.create({ [k]: 100, ['model']: 'gpt-4o', [m]: 1, [\`messages\`]: [{ role: 'user', content: 'hi' }] });`],
  ['spreads everywhere', 'a.ts', `${OPENAI}const base = {}; const extra = [];\nawait client.chat.completions.create({ ...base, messages: [...extra, { ...base, role: 'user', content: [...'abc'] }], ...{ max_tokens: 5 } });\nawait client.chat.completions.create(...args);`],
  ['optional chaining and non-null assertions', 'a.ts', `${OPENAI}await client?.chat?.completions?.create?.({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });\nawait client!.chat!.completions!.create({ model: 'gpt-4o'!, messages: [{ role: 'user' as const, content: 'x'! }] });`],
  ['satisfies, as, generics, enums, decorators', 'a.ts', `${OPENAI}enum Model { Big = 'gpt-4o', Small = 'gpt-4o-mini' }\nconst enum Tok { Max = 100 }\nfunction dec(t: any, k?: any) {}\n@dec class Svc<T extends object = {}> {\n  @dec prop = 1;\n  async run<M extends string>(m: M) {\n    return client.chat.completions.create({ model: Model.Big, max_tokens: Tok.Max, messages: [{ role: 'user', content: 'hi' }] } satisfies Record<string, unknown> as any);\n  }\n}\nnamespace NS { export const x = 1; }\ndeclare module 'x' {}\ntype T = typeof client extends infer U ? U : never;\nabstract class A { abstract f(): void; private constructor(readonly a: number) {} }`],
  ['JSX around SDK calls', 'a.tsx', `${OPENAI}export function App({ q }: { q: string }) {\n  const go = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: <b>{q}</b> as any }] });\n  return <button onClick={go} {...{ disabled: false }}>Ask {q} <>{' '}</></button>;\n}`],
  ['JSX in plain JS', 'a.jsx', `import OpenAI from 'openai';\nconst client = new OpenAI();\nexport const App = () => <div onClick={() => client.responses.create({ model: 'gpt-4o', input: <i/> })}/>;`],
  ['template literals with odd expressions', 'a.ts', `${OPENAI}const x: any = 1;\nawait client.chat.completions.create({ model: \`gpt-\${4}o\`, messages: [{ role: 'system', content: \`\${x?.y ?? (() => 'z')()} \${await Promise.resolve(1)} \${new Date()} \${[1,2].map(String)} \${JSON.stringify(x, null, x)}\` }] });`],
  ['JSON.stringify with odd arguments', 'a.ts', `${OPENAI}const o = {};\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: JSON.stringify() + JSON.stringify(o, ...[null, 2]) + JSON.stringify(o, null, '\\t'.repeat(2)) + JSON.stringify(o, null, -1) + JSON.stringify(o, null, 1e9) }] });`],
  ['history that grows in odd ways', 'a.ts', `${OPENAI}const messages: any[] = [];\nfor (;;) {\n  messages.push(...[{ role: 'user', content: 'q' }]);\n  messages[messages.length] = { role: 'assistant' };\n  messages.splice(0, 0);\n  const r = await client.chat.completions.create({ model: 'gpt-4o', messages });\n  messages.push(r.choices?.[0]?.message!);\n  if (Math.random()) break;\n}`],
  ['loops of every kind', 'a.ts', `${OPENAI}const docs = ['a'];\nfor (const d of docs) await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: d }] });\nfor (const k in docs) { await client.embeddings.create({ model: 'text-embedding-3-small', input: k }); }\nawait Promise.all(docs.map(async (d) => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: d }] })));\ndocs.forEach((d) => void client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: d }] }));\nlabel: while (true) { do { break label; } while (false); }`],
  ['Anthropic with odd system and cache_control', 'a.ts', `${ANTHROPIC}await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: [{ type: 'text', text: 'x'.repeat(5000), cache_control: null }, 'bare', null], messages: [{ role: 'user', content: [{ type: 'image' }, { type: 'text' }, {}] }] });\nawait anthropic.messages.create({ system: 42 as any, messages: [] } as any);\nawait anthropic.messages.batches.create({ requests: [{ custom_id: 'a', params: {} }] } as any);`],
  ['the ai SDK with odd models', 'a.ts', `${AI}const m = process.env.MODEL!;\nawait generateText({ model: openai(m), prompt: undefined, maxTokens: undefined, maxOutputTokens: null as any });\nawait generateText({ model: openai(), messages: [] } as any);\nawait streamText({ model: (openai as any)[m]('gpt-4o'), system: 1 as any });\nawait generateText();`],
  ['Google GenAI partial config', 'a.ts', `${GOOGLE}await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: undefined, config: { maxOutputTokens: undefined, ...{} } } as any);\nawait ai.models.generateContent({ config: null } as any);\nawait ai.models.generateContent();`],
  ['LangChain odd constructors', 'a.ts', "import { ChatOpenAI } from '@langchain/openai';\nconst llm = new ChatOpenAI();\nconst llm2 = new ChatOpenAI({ ...{}, maxTokens: -1 } as any);\nawait llm.invoke();\nawait llm2.invoke([['system', 'x'], null, 'y'] as any);\nawait new (ChatOpenAI as any)()['invoke']('q');"],
  ['CommonJS and dynamic requires', 'a.cjs', "const OpenAI = require('openai');\nconst { default: D } = require('openai');\nconst name = 'openai'; const X = require(name);\nconst c = new OpenAI(); const d = new D(); const e = new X();\nc.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });\nrequire();\nmodule.exports = { c, d, e };"],
  ['dynamic import and re-exported clients', 'a.mjs', "const { default: OpenAI } = await import('openai');\nexport const client = new OpenAI();\nexport { client as default };\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });\nimport('openai').then((m) => new m.default().chat.completions.create({}));"],
  ['shadowed and reassigned SDK names', 'a.ts', `${OPENAI}{ const client = { chat: { completions: { create: (x?: unknown) => x } } }; client.chat.completions.create({ messages: [] }); }\nlet c2 = client; c2 = null as any; c2?.chat.completions.create({ model: 'gpt-4o', messages: [] });\nconst { chat } = client; const { completions: { create } } = chat; await create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });`],
  ['a huge string and deep nesting', 'a.ts', `${OPENAI}await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: '${'x '.repeat(20000)}' }], metadata: ${'{a:'.repeat(300)}1${'}'.repeat(300)} });`],
  // As deep as the parsers themselves go (@typescript-eslint/parser overflows near 500 nested objects
  // or 1,000 concatenated strings, espree near 5,000): the rest of the depth is ours to walk.
  ['a concatenation of 600 strings (TypeScript)', 'a.ts', `${OPENAI}await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: ${Array.from({ length: 600 }, (_, i) => `'word${i} '`).join(' + ')} }] });`],
  ['a concatenation of 900 strings and variables (JavaScript)', 'a.js', `import OpenAI from 'openai';\nconst client = new OpenAI();\nconst v = 'x';\nawait client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: ${Array.from({ length: 900 }, (_, i) => (i % 3 ? `'w${i} '` : 'v')).join(' + ')} }] });`],
  ['classes, getters, generators, private fields', 'a.ts', `${OPENAI}class Bot { #c = client; get model() { return 'gpt-4o'; } async *stream() { yield* [await this.#c.chat.completions.create({ model: this.model, messages: [{ role: 'user', content: 'x' }] })]; } static { void 0; } }`],
  ['code that is only types', 'a.ts', "import type OpenAI from 'openai';\nexport type Params = Parameters<OpenAI['chat']['completions']['create']>[0];\nexport interface I { create(p: Params): void }\ndeclare const c: OpenAI;\nexport default c;"],
  ['an empty file and a file of comments', 'a.ts', '// nothing\n/* at all */\n'],
  ['no SDK at all', 'a.js', "const x = { chat: { completions: { create() {} } } };\nx.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });\nfetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: [] }, null, 2) });"],
];

describe('rules never throw on odd code (ESLint with configs.all)', () => {
  it.each(SNIPPETS)('%s', async (_name, file, code) => {
    const before = { skipped: extractionStats.skipped };
    let results: ESLint.LintResult[];
    try {
      results = await eslint.lintText(code, { filePath: join(cwd, 'src', file) });
    } catch (e) {
      // ESLint rethrows a rule's exception with the rule's name in the message: fail with it.
      throw new Error(`ESLint threw: ${(e as Error).message}`, { cause: e });
    }
    const [r] = results;
    const fatal = r!.messages.filter((m) => m.fatal || m.severity === 2 && m.ruleId === null);
    expect(fatal, JSON.stringify(fatal)).toEqual([]);
    for (const m of r!.messages) {
      expect(m.ruleId ?? '', m.message).toMatch(/^promptlint\//);
      expect(m.message).not.toMatch(/(?<!`)undefined(?!`)|NaN|\[object Object\]/);
      expect(m.line).toBeGreaterThanOrEqual(1);
    }
    expect(extractionStats.skipped - before.skipped, String((extractionStats.lastError as Error)?.stack ?? extractionStats.lastError)).toBe(0);
  });

  it('the extraction counter is the one the plugin uses (an SDK call is extracted)', async () => {
    const before = extractionStats.extracted;
    const [r] = await eslint.lintText(`${OPENAI}await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Summarise this in detail.' }] });`, { filePath: join(cwd, 'src/check.ts') });
    expect(extractionStats.extracted).toBeGreaterThan(before);
    expect(r!.messages.map((m) => m.ruleId)).toContain('promptlint/require-max-tokens');
  });
});
