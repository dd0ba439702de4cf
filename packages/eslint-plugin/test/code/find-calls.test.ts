/** Which calls are LLM requests: import tracking through every way a module can be brought in. */
import { describe, expect, it } from 'vitest';
import { extract } from './helpers.js';

const apis = (code: string, ts = false) => extract(code, { ts }).document.requests.map((r) => r.api);
const callees = (code: string, ts = false) => {
  const run = extract(code, { ts });
  return run.document.requests.map((r) => run.at(r.range));
};

const CHAT = `({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })`;

describe('finding SDK calls', () => {
  it('ESM default, named, renamed and namespace imports of openai', () => {
    expect(callees(`import OpenAI from 'openai'; const c = new OpenAI(); c.chat.completions.create${CHAT};`)).toEqual(['c.chat.completions.create']);
    expect(callees(`import { OpenAI } from 'openai'; const c = new OpenAI(); c.responses.create({ model: 'gpt-4o', input: 'x' });`)).toEqual(['c.responses.create']);
    expect(callees(`import { OpenAI as Client } from 'openai'; const ai = new Client(); ai.chat.completions.create${CHAT};`)).toEqual(['ai.chat.completions.create']);
    expect(callees(`import * as sdk from 'openai'; const c = new sdk.OpenAI(); c.chat.completions.create${CHAT};`)).toEqual(['c.chat.completions.create']);
    expect(callees(`import { AzureOpenAI } from 'openai'; const c = new AzureOpenAI({ endpoint: 'x' }); c.chat.completions.create${CHAT};`)).toEqual(['c.chat.completions.create']);
  });

  it('CommonJS require: the module, a destructured class, .default', () => {
    expect(apis(`const OpenAI = require('openai'); const c = new OpenAI(); c.chat.completions.create${CHAT};`)).toEqual(['openai-chat']);
    expect(apis(`const { OpenAI } = require('openai'); const c = new OpenAI(); c.chat.completions.create${CHAT};`)).toEqual(['openai-chat']);
    expect(apis(`const Anthropic = require('@anthropic-ai/sdk').default; const a = new Anthropic(); a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });`)).toEqual(['anthropic-messages']);
  });

  it('instances used directly, held in class fields, assigned to this, or received typed as the SDK class', () => {
    expect(apis(`import OpenAI from 'openai'; new OpenAI().chat.completions.create${CHAT};`)).toEqual(['openai-chat']);
    const classes = `
      import OpenAI from 'openai';
      import Anthropic from '@anthropic-ai/sdk';
      class A { client = new OpenAI(); run() { return this.client.chat.completions.create${CHAT}; } }
      class B { constructor() { this.llm = new Anthropic(); } run() { return this.llm.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] }); } }
    `;
    expect(apis(classes)).toEqual(['openai-chat', 'anthropic-messages']);
    const typed = `
      import OpenAI from 'openai';
      import type { GoogleGenAI } from '@google/genai';
      class Svc { constructor(private readonly openai: OpenAI) {} go() { return this.openai.chat.completions.create${CHAT}; } }
      export function ask(ai: GoogleGenAI) { return ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' }); }
    `;
    expect(apis(typed, true)).toEqual(['openai-chat', 'google-genai']);
  });

  it('every request method of each SDK, and none of the calls that are not generation requests', () => {
    const code = `
      import OpenAI from 'openai';
      import Anthropic from '@anthropic-ai/sdk';
      import { GoogleGenAI } from '@google/genai';
      const o = new OpenAI(); const a = new Anthropic(); const g = new GoogleGenAI({ apiKey: 'k' });
      o.chat.completions.create${CHAT};
      o.beta.chat.completions.parse${CHAT};
      o.chat.completions.parse${CHAT};
      o.responses.create({ model: 'gpt-4o', input: 'x' });
      o.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
      o.models.list(); o.files.create({ file: f, purpose: 'batch' }); o.batches.create({ input_file_id: 'x' });
      a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] });
      a.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] });
      a.beta.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: [] });
      a.messages.countTokens({ model: 'claude-sonnet-4-5', messages: [] });
      a.messages.batches.create({ requests: [] });
      g.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x' });
      g.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'x' });
      g.models.countTokens({ model: 'gemini-2.5-flash', contents: 'x' });
    `;
    expect(apis(code)).toEqual([
      'openai-chat',
      'openai-chat',
      'openai-chat',
      'openai-responses',
      'embeddings',
      'anthropic-messages',
      'anthropic-messages',
      'anthropic-messages',
      'google-genai',
      'google-genai',
    ]);
  });

  it('the ai SDK functions, by named and namespace import, and not a local function of the same name', () => {
    expect(apis(`import { generateText, streamText, generateObject, streamObject } from 'ai'; generateText({ prompt: 'a' }); streamText({ prompt: 'b' }); generateObject({ prompt: 'c' }); streamObject({ prompt: 'd' });`)).toEqual([
      'ai-sdk',
      'ai-sdk',
      'ai-sdk',
      'ai-sdk',
    ]);
    expect(apis(`import * as ai from 'ai'; ai.generateText({ prompt: 'a' });`)).toEqual(['ai-sdk']);
    expect(apis(`import { generateText as gen } from 'ai'; gen({ prompt: 'a' });`)).toEqual(['ai-sdk']);
    expect(apis(`async function generateText(o) { return o; } generateText({ prompt: 'a', model: 'gpt-4o' });`)).toEqual([]);
    expect(apis(`import { generateText } from './my-llm.js'; generateText({ prompt: 'a' });`)).toEqual([]);
    expect(apis(`import { generateText } from 'ai'; function f() { const generateText = (x) => x; return generateText({ prompt: 'a' }); }`)).toEqual([]);
  });

  it('LangChain chat models: invoke, stream and batch on the instance, through withStructuredOutput', () => {
    const code = `
      import { ChatOpenAI } from '@langchain/openai';
      import { ChatAnthropic } from '@langchain/anthropic';
      import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
      const m1 = new ChatOpenAI({ model: 'gpt-4o' });
      const m2 = new ChatAnthropic({ model: 'claude-sonnet-4-5' });
      const m3 = new ChatGoogleGenerativeAI({ model: 'gemini-2.5-flash' });
      await m1.invoke('a'); await m2.stream('b'); await m3.invoke('c');
      await m1.withStructuredOutput(schema).invoke('d');
      await m1.batch(['e', 'f']);
    `;
    expect(extract(code).document.requests.map((r) => [r.api, r.provider])).toEqual([
      ['langchain', 'openai'],
      ['langchain', 'anthropic'],
      ['langchain', 'google'],
      ['langchain', 'openai'],
      ['langchain', 'openai'],
    ]);
  });

  it('a local class or object with SDK-like method names is not an SDK call', () => {
    expect(apis(`class OpenAI { chat = { completions: { create() {} } } } const c = new OpenAI(); c.chat.completions.create${CHAT};`)).toEqual([]);
    expect(apis(`const slack = makeSlack(); slack.chat.postMessage({ channel: 'x', messages: [{ role: 'user', content: 'hi' }] });`)).toEqual([]);
  });
});
