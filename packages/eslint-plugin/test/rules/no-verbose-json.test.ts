/**
 * no-verbose-json on code: `JSON.stringify(x, null, 2)` that reaches prompt content (fixed by dropping
 * the indentation arguments), and indented JSON written in a prompt string (fixed by minifying, with
 * the saving counted here by o200k_base). Indented JSON that goes to logs, files or HTTP responses
 * is not a prompt.
 */
import { at, o200k, perCall, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const MSG = (name: string, indent = '"  "') => `\`${name}\` is sent as indented JSON (indent ${indent}): drop the indentation argument; indentation typically adds 50-90% to the tokens of the data.`;

const openaiCode = `import OpenAI from 'openai';
const client = new OpenAI();
export async function classify(ticket: object) {
  return client.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 50,
    messages: [{ role: 'user', content: \`Classify this ticket:
\${JSON.stringify(ticket, null, 2)}\` }],
  });
}`;

const viaConst = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
export async function review(order: object) {
  const payload = JSON.stringify(order, undefined, '\\t');
  return anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: 'Check: ' + payload }] });
}`;

const multiline = `import { generateText } from 'ai';
export const run = (rows: unknown[]) =>
  generateText({
    model: 'openai/gpt-4o',
    maxOutputTokens: 100,
    prompt: \`Rows: \${JSON.stringify(
      rows,
      null,
      4,
    )}\`,
  });`;

const record = { id: 1042, name: 'Hong Gildong', email: 'hong@example.com', plan: 'pro', tags: ['vip', 'beta'] };
const pretty = JSON.stringify(record, null, 2);
const minified = JSON.stringify(record);
const saved = o200k.count(pretty) - o200k.count(minified);
const staticJson = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
const EXAMPLE = \`Answer like this example:
${pretty}\`;
ai.models.generateContent({ model: 'gemini-2.5-flash', contents: EXAMPLE, config: { maxOutputTokens: 100 } });`;

run('no-verbose-json', {
  valid: [
    ...cleanOn({ system: "'Answer from the data.'", user: 'JSON.stringify(docs)', pre: '  console.log(JSON.stringify(docs, null, 2));' }),
    // compact JSON in the prompt
    `import OpenAI from 'openai'; const c = new OpenAI(); export const f = (x: object) => c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: JSON.stringify(x) }] });`,
    // indented JSON that never reaches a prompt: logs, files, HTTP responses
    `import OpenAI from 'openai';
import { writeFile } from 'node:fs/promises';
const c = new OpenAI();
export async function f(x: object) {
  console.log(JSON.stringify(x, null, 2));
  await writeFile('out.json', JSON.stringify(x, null, 2));
  const r = await c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: 'Summarise the report.' }] });
  console.log(\`response: \${JSON.stringify(r, null, 2)}\`);
  return r;
}`,
    // a local JSON helper that happens to be called JSON is not the global
    `import OpenAI from 'openai'; const JSON = { stringify: (a: unknown, b: unknown, c: unknown) => String(a) + b + c }; const c = new OpenAI(); c.chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: JSON.stringify({}, null, 2) }] });`,
  ],
  invalid: [
    ...flaggedOn({ system: "'Answer from the data.'", user: '`Data:\n${JSON.stringify(docs, null, 2)}`' }, (_sdk, c) => [{ message: MSG('docs'), ...at(c, 'JSON.stringify(docs') }], {
      output: (c) => c.replace('JSON.stringify(docs, null, 2)', 'JSON.stringify(docs)'),
    }),
    {
      code: openaiCode,
      output: openaiCode.replace('JSON.stringify(ticket, null, 2)', 'JSON.stringify(ticket)'),
      errors: [{ message: MSG('ticket'), ...at(openaiCode, 'JSON.stringify(ticket') }],
    },
    {
      code: viaConst,
      output: viaConst.replace(`JSON.stringify(order, undefined, '\\t')`, 'JSON.stringify(order)'),
      errors: [{ message: MSG('payload', 'a tab'), ...at(viaConst, 'payload }') }],
    },
    {
      code: multiline,
      output: multiline.replace('rows,\n      null,\n      4,\n', 'rows,\n'),
      errors: [{ message: MSG('rows', '"    "'), ...at(multiline, 'JSON.stringify(') }],
    },
    {
      code: staticJson,
      output: staticJson.replace(pretty, minified),
      errors: [{ message: `Indented JSON block: minify it, saves ${perCall(saved, 0.3)}.`, ...at(staticJson, '{\n  "id"') }],
    },
  ],
});
