/**
 * The call shapes beyond an options object: openai v3, @google/generative-ai (model, chat and call
 * params), Bedrock runtime commands, HTTP calls to providers' endpoints, the ai SDK's agents and
 * provider factories, LangChain models run by chains and agents, and fan-outs in request handlers.
 */
import { describe, expect, it } from 'vitest';
import { extract, onlyRequest } from './helpers.js';

const limit = (code: string, ts = true) => onlyRequest(code, { ts }).request.outputLimit;

describe('openai v3 (OpenAIApi)', () => {
  it('createChatCompletion reads max_tokens (the only name v3 knows)', () => {
    const base = `import { Configuration, OpenAIApi } from 'openai'; const o = new OpenAIApi(new Configuration({}));`;
    const { request } = onlyRequest(`${base} o.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });`, { ts: true });
    expect(request).toMatchObject({ api: 'openai-chat', provider: 'openai', outputLimitName: 'max_tokens', outputLimit: { state: 'absent' }, model: { value: 'gpt-4o' } });
    expect(limit(`${base} o.createChatCompletion({ model: 'gpt-4o', messages: [], max_tokens: 50 });`)).toMatchObject({ state: 'set', value: 50 });
  });
  it('createCompletion stops at 16 tokens by default; createEmbedding has no output', () => {
    const base = `const { OpenAIApi } = require('openai'); const o = new OpenAIApi({});`;
    expect(limit(`${base} o.createCompletion({ model: 'gpt-3.5-turbo-instruct', prompt: 'x' });`, false)).toMatchObject({ state: 'set', value: 16 });
    expect(onlyRequest(`${base} o.createEmbedding({ model: 'text-embedding-3-small', input: 'x' });`).request).toMatchObject({ api: 'embeddings' });
  });
});

describe('@google/generative-ai', () => {
  const base = `import { GoogleGenerativeAI } from '@google/generative-ai'; const g = new GoogleGenerativeAI('k');`;
  it('the model params, the chat params and the call: the nearest limit wins', () => {
    expect(limit(`${base} const m = g.getGenerativeModel({ model: 'gemini-2.5-flash', generationConfig: { maxOutputTokens: 100 } }); m.generateContent('x');`)).toMatchObject({ state: 'set', value: 100 });
    expect(limit(`${base} const m = g.getGenerativeModel({ model: 'gemini-2.5-flash' }); m.generateContent('x');`)).toMatchObject({ state: 'absent' });
    expect(limit(`${base} const m = g.getGenerativeModel({ model: 'gemini-2.5-flash' }); m.generateContent({ contents: [], generationConfig: { maxOutputTokens: 7 } });`)).toMatchObject({ state: 'set', value: 7 });
    expect(limit(`${base} const m = g.getGenerativeModel({ model: 'gemini-2.5-flash' }); m.startChat({ generationConfig: { maxOutputTokens: 9 } }).sendMessage('x');`)).toMatchObject({ state: 'set', value: 9 });
    expect(limit(`${base} const m = g.getGenerativeModel(params); m.generateContent('x'); declare const params: any;`)).toMatchObject({ state: 'unknown' });
  });
  it('system instruction, chat history and the message become the prompt; the model id is read', () => {
    const { request } = onlyRequest(`${base} const m = g.getGenerativeModel({ model: 'gemini-2.5-flash', systemInstruction: 'Be brief.' }); const c = m.startChat({ history: [{ role: 'user', parts: [{ text: 'a' }] }, { role: 'model', parts: [{ text: 'b' }] }] }); c.sendMessageStream('next');`, { ts: true });
    expect(request.model).toMatchObject({ value: 'gemini-2.5-flash' });
    expect(request.messages.map((m) => [m.role, m.parts.map((p) => (p.type === 'static' ? p.text : `{${p.name}}`)).join('')])).toEqual([
      ['system', 'Be brief.'],
      ['user', 'a'],
      ['assistant', 'b'],
      ['user', 'next'],
    ]);
  });
  it('a client in a class field, embeddings, and countTokens (not a request)', () => {
    const doc = extract(`import { GoogleGenerativeAI } from '@google/generative-ai'; class E { client: GoogleGenerativeAI; constructor() { this.client = new GoogleGenerativeAI('k'); } run() { const m = this.client.getGenerativeModel({ model: 'text-embedding-004' }); m.countTokens('x'); return m.embedContent('x'); } }`, { ts: true }).document;
    expect(doc.requests.map((r) => r.api)).toEqual(['embeddings']);
  });
});

describe('Bedrock runtime commands', () => {
  const base = `import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';`;
  it('Converse reads inferenceConfig.maxTokens; a misspelt inferenceConfiguration is reported as not sent', () => {
    const set = onlyRequest(`${base} new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [{ role: 'user', content: [{ text: 'q' }] }], inferenceConfig: { maxTokens: 5 } });`, { ts: true }).request;
    expect(set).toMatchObject({ api: 'bedrock-converse', provider: 'anthropic', outputLimit: { state: 'set', value: 5 } });
    expect(set.messages[0]!.parts[0]).toMatchObject({ type: 'static', text: 'q' });
    const wrong = limit(`${base} new ConverseCommand({ modelId: 'meta.llama3-8b-instruct-v1:0', messages: [], inferenceConfiguration: { maxTokens: 5 } });`);
    expect(wrong).toMatchObject({ state: 'absent', ignored: { name: 'inferenceConfiguration.maxTokens' } });
  });
  it('InvokeModel: the native body; Claude is the Messages shape, an unknown family stays unknown', () => {
    expect(onlyRequest(`${base} new InvokeModelCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', body: JSON.stringify({ max_tokens: 10, messages: [] }) });`).request).toMatchObject({ api: 'anthropic-messages', outputLimit: { state: 'set', value: 10 } });
    expect(limit(`${base} new InvokeModelCommand({ modelId: 'meta.llama3-8b-instruct-v1:0', body: JSON.stringify({ prompt: 'x', max_gen_len: 64 }) });`)).toMatchObject({ state: 'set', value: 64 });
    expect(limit(`${base} new InvokeModelCommand({ modelId: 'meta.llama3-8b-instruct-v1:0', body: JSON.stringify({ prompt: 'x' }) });`)).toMatchObject({ state: 'absent' });
    expect(limit(`${base} new InvokeModelCommand({ modelId: 'amazon.titan-text-express-v1', body: JSON.stringify({ inputText: 'x' }) });`)).toMatchObject({ state: 'unknown' });
  });
});

describe('HTTP calls to providers', () => {
  it('fetch with a JSON body: the URL names the API (constants, template literals)', () => {
    const r = onlyRequest(`const BASE = 'https://api.anthropic.com'; fetch(\`\${BASE}/v1/messages\`, { method: 'POST', body: JSON.stringify({ model: 'claude-3-5-haiku-latest', max_tokens: 20, system: 'Be brief.', messages: [{ role: 'user', content: 'q' }] }) });`).request;
    expect(r).toMatchObject({ api: 'anthropic-messages', provider: 'anthropic', outputLimit: { state: 'set', value: 20 } });
    expect(r.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });
  it("Google's REST: generationConfig.maxOutputTokens, and the model from the URL", () => {
    const r = onlyRequest(`fetch('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=' + key, { method: 'POST', body: JSON.stringify({ contents: [{ parts: [{ text: 'q' }] }] }) }); var key;`).request;
    expect(r).toMatchObject({ api: 'google-genai', model: { value: 'gemini-2.5-flash' }, outputLimitName: 'generationConfig.maxOutputTokens', outputLimit: { state: 'absent' } });
  });
  it('axios.post and axios({ url, data }); a body we cannot see is unknown; other endpoints are not requests', () => {
    expect(limit(`import axios from 'axios'; axios.post('https://api.openai.com/v1/chat/completions', { model: 'gpt-4o', messages: [], max_tokens: 3 });`)).toMatchObject({ state: 'set', value: 3 });
    expect(limit(`import axios from 'axios'; axios({ url: 'https://api.openai.com/v1/chat/completions', method: 'post', data: { model: 'gpt-4o', messages: [] } });`)).toMatchObject({ state: 'absent' });
    expect(limit(`fetch('https://api.openai.com/v1/chat/completions', { method: 'POST', body: payload }); declare const payload: string;`)).toMatchObject({ state: 'unknown' });
    expect(extract(`fetch('https://api.openai.com/v1/models'); fetch('https://api.anthropic.com/v1/messages/batches', { method: 'POST', body: '{}' });`).document.requests).toEqual([]);
    // a local function called fetch is not the global one
    expect(extract(`function fetch(u, o) { return [u, o]; } fetch('https://api.openai.com/v1/chat/completions', { body: JSON.stringify({ messages: [] }) });`).document.requests).toEqual([]);
  });
});

describe('the ai SDK: agents and provider factories', () => {
  it('Agent, Experimental_Agent and ToolLoopAgent take the settings in the constructor (instructions is the system prompt)', () => {
    const r = onlyRequest(`import { ToolLoopAgent } from 'ai'; import { anthropic } from '@ai-sdk/anthropic'; new ToolLoopAgent({ model: anthropic('claude-sonnet-4-5'), instructions: 'Plan first.' });`, { ts: true }).request;
    expect(r).toMatchObject({ api: 'ai-sdk', provider: 'anthropic', outputLimitName: 'maxOutputTokens', outputLimit: { state: 'absent' } });
    expect(r.messages[0]).toMatchObject({ role: 'system', parts: [{ type: 'static', text: 'Plan first.' }] });
    expect(limit(`import { Experimental_Agent as Agent } from 'ai'; new Agent({ model: 'openai/gpt-4o', maxOutputTokens: 9 });`)).toMatchObject({ state: 'set', value: 9 });
  });
  it.each([
    ['@ai-sdk/groq', 'groq', 'other'],
    ['@ai-sdk/google-vertex', 'vertex', 'google'],
    ['@ai-sdk/amazon-bedrock', 'bedrock', 'other'],
    ['@ai-sdk/mistral', 'mistral', 'other'],
    ['@ai-sdk/xai', 'xai', 'other'],
    ['@openrouter/ai-sdk-provider', 'openrouter', 'other'],
  ])('%s: %s(id) is a model of provider %s', (mod, fn, provider) => {
    const r = onlyRequest(`import { generateText } from 'ai'; import { ${fn} } from '${mod}'; generateText({ model: ${fn}('some-model'), prompt: 'x' });`).request;
    expect(r.provider).toBe(provider);
    expect(r.model).toMatchObject({ value: 'some-model' });
  });
});

describe('LangChain models run by chains and agents', () => {
  it('piped, in RunnableSequence.from, behind withStructuredOutput, or given to an agent: one request at the constructor', () => {
    const cases = [
      `const chain = prompt.pipe(m); chain.invoke({});`,
      `m.pipe(parser).stream({});`,
      `RunnableSequence.from([prompt, m, parser]).batch([]);`,
      `const s = m.withStructuredOutput(schema); prompt.pipe(s).invoke({});`,
      `createReactAgent({ llm: m, tools: [] });`,
    ];
    for (const c of cases) {
      const code = `import { ChatGroq } from '@langchain/groq'; import { RunnableSequence } from '@langchain/core/runnables'; const m = new ChatGroq({ model: 'llama-3.3-70b-versatile' }); ${c} declare const prompt: any, parser: any, schema: any, createReactAgent: any;`;
      const { request, at } = onlyRequest(code, { ts: true });
      expect(at(request.range), c).toBe('ChatGroq');
      expect(request.outputLimit, c).toMatchObject({ state: 'absent' });
    }
  });
  it('ChatBedrockConverse, ChatMistralAI and the OpenAI LLM class read maxTokens', () => {
    for (const [mod, cls] of [['@langchain/aws', 'ChatBedrockConverse'], ['@langchain/mistralai', 'ChatMistralAI'], ['@langchain/openai', 'OpenAI']]) {
      expect(limit(`import { ${cls} } from '${mod}'; const m = new ${cls}({ model: 'x', maxTokens: 5 }); m.invoke('q');`)).toMatchObject({ state: 'set', value: 5, name: 'maxTokens' });
    }
  });
  it('a model that is only constructed, or stored, is no request', () => {
    expect(extract(`import { ChatGroq } from '@langchain/groq'; export const m = new ChatGroq({ model: 'x' }); const all = [m];`).document.requests).toEqual([]);
  });
});

describe('fan-outs', () => {
  const call = `c.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: 5, messages: [{ role: 'user', content: t }] })`;
  const base = `import OpenAI from 'openai'; const c = new OpenAI();`;
  it.each([
    ['a Next.js route handler', `export async function POST(request: Request) { const ts: string[] = []; return Promise.all(ts.map((t) => ${call})); }`],
    ['an API route handler(req, res)', `export default async function handler(req: any, res: any) { await Promise.all(req.body.map((t: string) => ${call})); }`],
    ['an express route callback', `declare const app: any; app.post('/x', async (req: any, res: any) => { for (const t of req.body) await ${call}; });`],
  ])('inside %s: no loop fact (the caller waits for the answer)', (_n, code) => {
    expect(onlyRequest(`${base} ${code}`, { ts: true }).request.loop).toBeUndefined();
  });
  it('the same fan-out in a job: a loop fact', () => {
    expect(onlyRequest(`${base} export async function nightly(ts: string[]) { return Promise.all(ts.map((t) => ${call})); }`, { ts: true }).request.loop).toMatchObject({ style: 'concurrent', collection: 'ts' });
  });
});
