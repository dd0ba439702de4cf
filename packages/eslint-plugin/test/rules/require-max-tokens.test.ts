/**
 * require-max-tokens on code: every SDK's own limit parameter. Exposure = the model's maximum output
 * x its output price (gpt-4o 16,384 x $10/1M; claude-sonnet-4-5 64,000 x $15/1M; gemini-2.5-flash
 * 65,536 x $2.50/1M), hand-written here from PROVIDERS.md and the price table.
 */
import { formatUsd } from '@promptlint/core';
import { at, re, run } from './helpers.js';

const worst = (tokens: string, usd: number) => `(worst case ~${tokens} output tokens/call, ~${formatUsd(usd)}/call)`;
const GPT4O = worst('16,384', (16384 * 10) / 1e6);
const SONNET = worst('64,000', (64000 * 15) / 1e6);
const FLASH = worst('65,536', (65536 * 2.5) / 1e6);

const openaiNoLimit = `import OpenAI from 'openai';
const client = new OpenAI();
export async function summarise(text: string) {
  return client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: \`Summarise: \${text}\` }],
  });
}`;

const anthropicNoLimit = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
await anthropic.messages.create({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] } as any);`;

const googleNoLimit = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({ apiKey: process.env.KEY });
const res = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'Write a poem.', config: { temperature: 0.2 } });`;

const aiIgnored = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
const { text } = await generateText({
  model: openai('gpt-4o'),
  prompt: 'Explain caching.',
  maxTokens: 500,
});`;

const langchainMinusOne = `import { ChatOpenAI } from '@langchain/openai';
const llm = new ChatOpenAI({ model: 'gpt-4o', maxTokens: -1 });
await llm.invoke('Tell me everything.');`;

const responsesNoLimit = `const OpenAI = require('openai');
const client = new OpenAI();
client.responses.create({ model: 'gpt-4o', input: 'Hello' });`;

const capsNothing = `import OpenAI from 'openai';
const client = new OpenAI();
const MAX = 100_000;
client.chat.completions.create({ model: 'gpt-4o', max_tokens: MAX, messages: [] });`;

const typedClient = `import OpenAI from 'openai';
export class Svc {
  constructor(private readonly openai: OpenAI) {}
  run() { return this.openai?.chat.completions!.create({ model: 'gpt-4o', messages: [] }); }
}`;

run('require-max-tokens', {
  valid: [
    // a limit under each SDK's own name
    `import OpenAI from 'openai'; const c = new OpenAI(); c.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: 800, messages: [] });`,
    `import OpenAI from 'openai'; const c = new OpenAI(); c.chat.completions.create({ model: 'gpt-4o', max_tokens: 800, messages: [] });`,
    `import OpenAI from 'openai'; const c = new OpenAI(); c.responses.create({ model: 'gpt-4o', input: 'x', max_output_tokens: 300 });`,
    `import Anthropic from '@anthropic-ai/sdk'; const a = new Anthropic(); a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [] });`,
    `import { GoogleGenAI } from '@google/genai'; const g = new GoogleGenAI({}); g.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x', config: { maxOutputTokens: 512 } });`,
    `import { generateText } from 'ai'; import { openai } from '@ai-sdk/openai'; generateText({ model: openai('gpt-4o'), prompt: 'x', maxOutputTokens: 400 });`,
    `import { ChatAnthropic } from '@langchain/anthropic'; const m = new ChatAnthropic({ model: 'claude-sonnet-4-5', maxTokens: 2048 }); m.invoke('x');`,
    // the ai SDK v4 read maxTokens
    {
      code: `import { generateText } from 'ai'; generateText({ model: 'openai/gpt-4o', prompt: 'x', maxTokens: 500 });`,
      settings: { promptlint: { aiSdkVersion: 4 } },
    },
    // limits that arrive indirectly: a params object, a spread of unknown options, a conditional spread
    `import OpenAI from 'openai'; const c = new OpenAI(); const params = { model: 'gpt-4o', max_completion_tokens: 256, messages: [] }; c.chat.completions.create(params);`,
    `import OpenAI from 'openai'; const c = new OpenAI(); export function ask(opts: object) { return c.chat.completions.create({ model: 'gpt-4o', messages: [], ...opts }); }`,
    `import OpenAI from 'openai'; const c = new OpenAI(); export function ask(short: boolean) { return c.chat.completions.create({ model: 'gpt-4o', messages: [], ...(short ? { max_tokens: 100 } : {}) }); }`,
    `import OpenAI from 'openai'; const c = new OpenAI(); export function ask(limit: number) { return c.chat.completions.create({ model: 'gpt-4o', messages: [], max_tokens: limit }); }`,
    // not generation requests
    `import OpenAI from 'openai'; const c = new OpenAI(); c.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });`,
    `import Anthropic from '@anthropic-ai/sdk'; const a = new Anthropic(); a.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [] }); a.messages.batches.create({ requests: [] });`,
    `import { GoogleGenAI } from '@google/genai'; const g = new GoogleGenAI({}); g.models.countTokens({ model: 'gemini-2.5-flash', contents: 'x' });`,
    // a local function that shares the SDK's name, and a chat app's API
    `async function generateText(o: object) { return o; } generateText({ model: 'gpt-4o', prompt: 'x' });`,
    `declare const slack: any; slack.chat.postMessage({ channel: 'c', text: 'hi' });`,
  ],
  invalid: [
    {
      code: openaiNoLimit,
      errors: [
        {
          message: `No output-token limit: set \`max_completion_tokens\` so a runaway answer cannot bill the model's whole maximum output ${GPT4O}.`,
          ...at(openaiNoLimit, 'client.chat.completions.create'),
          endColumn: at(openaiNoLimit, 'client.chat.completions.create').column + 'client.chat.completions.create'.length,
        },
      ],
    },
    {
      code: responsesNoLimit,
      filename: 'file.js',
      errors: [{ message: new RegExp(`^No output-token limit: set \`max_output_tokens\`.*${re(GPT4O)}`), ...at(responsesNoLimit, 'client.responses.create') }],
    },
    {
      code: anthropicNoLimit,
      errors: [{ message: new RegExp(`^\`max_tokens\` is missing: the Anthropic Messages API requires it and rejects a request without it\\. Set it sized to the answer.*${re(SONNET)}\\.$`), ...at(anthropicNoLimit, 'anthropic.messages.create') }],
    },
    {
      code: googleNoLimit,
      errors: [{ message: new RegExp(`set \`config\\.maxOutputTokens\`.*${re(FLASH)}`), ...at(googleNoLimit, 'ai.models.generateContent') }],
    },
    {
      code: aiIgnored,
      errors: [
        {
          message: `\`maxTokens\` is not an output limit here: the ai SDK ignores it from v5 on (use maxOutputTokens). Set \`maxOutputTokens\` ${GPT4O}.`,
          ...at(aiIgnored, 'maxTokens: 500'),
        },
      ],
    },
    {
      code: langchainMinusOne,
      errors: [{ message: new RegExp(`^\`maxTokens\` is not an output limit here: LangChain treats \`-1\` as no limit\\. Set \`maxTokens\` ${re(GPT4O)}`), ...at(langchainMinusOne, 'maxTokens: -1') }],
    },
    {
      code: capsNothing,
      errors: [{ message: /^`max_tokens: 100000` is at or above gpt-4o's maximum output \(16,384\), so it caps nothing/, ...at(capsNothing, 'max_tokens: MAX') }],
    },
    {
      // no model in the source: priced with the default model (gpt-4o) unless settings name another
      code: `import OpenAI from 'openai'; const c = new OpenAI(); c.chat.completions.create({ model: process.env.MODEL!, messages: [] });`,
      settings: { promptlint: { defaultModel: 'gpt-4o-mini' } },
      errors: [{ message: new RegExp(re(worst('16,384', (16384 * 0.6) / 1e6))) }],
    },
    {
      // a client received typed as the SDK class; optional chaining and a non-null assertion
      code: typedClient,
      errors: [{ message: /^No output-token limit/, ...at(typedClient, 'this.openai?.chat') }],
    },
  ],
});
