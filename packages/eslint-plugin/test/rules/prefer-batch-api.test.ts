/**
 * prefer-batch-api on code: one request per item of a collection, none needing the previous answer.
 * Saving per call = 50% x (static input tokens x input price + output limit x output price), counted
 * here with o200k_base and list prices by hand (gpt-4o-mini $0.15 / $0.60 per 1M).
 */
import { formatUsd } from '@promptlint/core';
import { at, o200k, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const BATCH = 'OpenAI `batches.create`, Anthropic `messages.batches.create`, Google `batches.create`';
const instruction = 'Translate the product description into the target language. Keep the tone.';
/** 50% x (input x $0.15 + 300 output x $0.60) / 1M */
const usdFor = (inputTokens: number) => (0.5 * (inputTokens * 0.15 + 300 * 0.6)) / 1e6;
// the loop: the instruction, and ': ' between the two slots of the user turn
const usdPerCall = usdFor(o200k.count(instruction) + o200k.count(': '));

const sequential = `import OpenAI from 'openai';
const client = new OpenAI();
export async function translateAll(languages: string[], text: string) {
  const out: string[] = [];
  for (const lang of languages) {
    const r = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      max_tokens: 300,
      messages: [{ role: 'system', content: '${instruction}' }, { role: 'user', content: \`\${lang}: \${text}\` }],
    });
    out.push(r.choices[0]!.message.content ?? '');
  }
  return out;
}`;

const concurrent = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export const describeAll = (products: { name: string }[]) =>
  Promise.all(products.map(async (p) => (await generateText({ model: openai('gpt-4o-mini'), maxOutputTokens: 300, system: '${instruction}', prompt: p.name })).text));`;

const embeddings = `import OpenAI from 'openai';
const client = new OpenAI();
export async function embed(chunks: string[]) {
  const vectors = [];
  for (const chunk of chunks) vectors.push((await client.embeddings.create({ model: 'text-embedding-3-small', input: chunk })).data[0]!.embedding);
  return vectors;
}`;

const anthropic = `const Anthropic = require('@anthropic-ai/sdk');
const anthropic = new Anthropic();
async function grade(essays) {
  for (let i = 0; i < essays.length; i++) {
    await anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: essays[i] }] });
  }
}`;

run('prefer-batch-api', {
  valid: [
    // one request, no loop
    ...cleanOn({ system: "'Summarise.'", user: 'question' }),
    // a loop whose calls feed each other (a running summary)
    ...cleanOn({ system: "'Summarise.'", user: 'summary + doc', pre: "  let summary = '';", around: (c) => `for (const doc of docs) { summary = String(await ${c}); }\n  return summary;` }),
    // a tool-calling loop: each call needs the previous answer
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function agent(messages: OpenAI.ChatCompletionMessageParam[]) {
  while (true) {
    const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 500, messages });
    const msg = r.choices[0]!.message;
    messages.push(msg);
    if (!msg.tool_calls) return msg;
    for (const call of msg.tool_calls) messages.push({ role: 'tool', tool_call_id: call.id, content: await run(call) });
  }
}
declare function run(c: unknown): Promise<string>;`,
    // a rolling summary: each call uses the previous result
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function rolling(chunks: string[]) {
  let summary = '';
  for (const chunk of chunks) {
    const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 300, messages: [{ role: 'user', content: summary + '\\n' + chunk }] });
    summary = r.choices[0]!.message.content ?? '';
  }
  return summary;
}`,
    // one embeddings request with an array input
    `import OpenAI from 'openai'; export const embed = (chunks: string[]) => new OpenAI().embeddings.create({ model: 'text-embedding-3-small', input: chunks });`,
    // already the Batch API
    `import OpenAI from 'openai'; const c = new OpenAI(); for (const f of files) await c.batches.create({ input_file_id: f, endpoint: '/v1/chat/completions', completion_window: '24h' }); declare const files: string[];`,
  ],
  invalid: [
    ...flaggedOn({ system: "'Summarise the document.'", user: 'doc', around: (c) => `for (const doc of docs) { await ${c}; }` }, [
      { message: /^This request runs once per item of `docs` \(awaited one by one\) and no call needs the previous answer/ },
    ]),
    ...flaggedOn({ system: "'Summarise the document.'", user: 'doc', around: (c) => `return Promise.all(docs.map(async (doc) => ${c}));` }, [
      { message: /^This request runs once per item of `docs` \(fanned out concurrently\)/ },
    ]),
    {
      code: sequential,
      errors: [
        {
          message: `This request runs once per item of \`languages\` (awaited one by one) and no call needs the previous answer: the Batch API (${BATCH}) takes 50% off for work that can wait 24 h; saves ~${formatUsd(usdPerCall)}/call.`,
          ...at(sequential, 'client.chat.completions.create'),
        },
      ],
    },
    {
      code: concurrent,
      errors: [{ message: `This request runs once per item of \`products\` (fanned out concurrently) and no call needs the previous answer: the Batch API (${BATCH}) takes 50% off for work that can wait 24 h; saves ~${formatUsd(usdFor(o200k.count(instruction)))}/call.`, ...at(concurrent, 'generateText({') }],
    },
    {
      code: embeddings,
      errors: [{ message: /^This embeddings request runs once per item of `chunks` \(awaited one by one\): the endpoint takes an array of inputs/, ...at(embeddings, 'client.embeddings.create') }],
    },
    {
      code: anthropic,
      filename: 'file.js',
      errors: [{ message: /^This request runs once per item of `essays` \(awaited one by one\)/, ...at(anthropic, 'anthropic.messages.create') }],
    },
  ],
});
