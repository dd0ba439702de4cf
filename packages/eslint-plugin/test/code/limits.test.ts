/** Model ids and output limits, under the name each API reads, following same-file data flow. */
import { describe, expect, it } from 'vitest';
import { onlyRequest } from './helpers.js';

const openai = (args: string, pre = '') => onlyRequest(`import OpenAI from 'openai'; const client = new OpenAI(); ${pre}\nclient.chat.completions.create(${args});`);

describe('model ids', () => {
  it('string literal, const, template without expressions; anything else is unknown', () => {
    const lit = openai(`{ model: 'gpt-4o-mini', messages: [] }`);
    expect(lit.request.model).toMatchObject({ value: 'gpt-4o-mini' });
    expect(lit.at(lit.request.model!.range)).toBe(`'gpt-4o-mini'`);
    expect(openai(`{ model: MODEL, messages: [] }`, `const MODEL = 'gpt-4.1';`).request.model).toMatchObject({ value: 'gpt-4.1' });
    expect(openai('{ model: `gpt-5`, messages: [] }').request.model).toMatchObject({ value: 'gpt-5' });
    expect(openai(`{ model: process.env.MODEL, messages: [] }`).request.model).toMatchObject({ unknown: 'process.env.MODEL' });
    expect(openai(`{ messages: [] }`).request.model).toBeUndefined();
  });

  it('the ai SDK: provider factories, created providers, gateway strings', () => {
    const ai = (model: string, pre = '') =>
      onlyRequest(`import { generateText } from 'ai'; import { openai, createOpenAI } from '@ai-sdk/openai'; import { anthropic } from '@ai-sdk/anthropic'; import { google } from '@ai-sdk/google'; ${pre}\ngenerateText({ model: ${model}, prompt: 'x' });`).request;
    expect(ai(`openai('gpt-4o')`)).toMatchObject({ provider: 'openai', model: { value: 'gpt-4o' } });
    expect(ai(`openai.chat('gpt-4o-mini')`)).toMatchObject({ provider: 'openai', model: { value: 'gpt-4o-mini' } });
    expect(ai(`anthropic('claude-sonnet-4-5')`)).toMatchObject({ provider: 'anthropic', model: { value: 'claude-sonnet-4-5' } });
    expect(ai(`google('gemini-2.5-flash')`)).toMatchObject({ provider: 'google', model: { value: 'gemini-2.5-flash' } });
    expect(ai(`model`, `const model = anthropic('claude-haiku-4-5');`)).toMatchObject({ provider: 'anthropic', model: { value: 'claude-haiku-4-5' } });
    expect(ai(`groq('x')`, `const groq = createOpenAI({ baseURL: 'u' });`)).toMatchObject({ provider: 'openai', model: { value: 'x' } });
    expect(ai(`'anthropic/claude-sonnet-4-5'`)).toMatchObject({ provider: 'anthropic', model: { value: 'anthropic/claude-sonnet-4-5' } });
    expect(ai(`pickModel()`)).toMatchObject({ model: { unknown: 'pickModel()' } });
    expect(ai(`pickModel()`).provider).toBeUndefined();
  });

  it('LangChain reads model and limit from the constructor', () => {
    const { request } = onlyRequest(`import { ChatAnthropic } from '@langchain/anthropic'; const llm = new ChatAnthropic({ model: 'claude-sonnet-4-5', maxTokens: 800 }); await llm.invoke('hi');`);
    expect(request).toMatchObject({ provider: 'anthropic', model: { value: 'claude-sonnet-4-5' }, outputLimit: { state: 'set', value: 800, name: 'maxTokens' } });
  });

  it("LangChain's ChatAnthropic reads the deprecated maxTokensToSample too, before maxTokens (its constructor: maxTokensToSample ?? maxTokens)", () => {
    const lc = (fields: string) => onlyRequest(`import { ChatAnthropic } from '@langchain/anthropic'; const llm = new ChatAnthropic({ model: 'claude-sonnet-4-5', ${fields} }); await llm.invoke('hi');`);
    const only = lc('maxTokensToSample: 1024');
    expect(only.request.outputLimit).toMatchObject({ state: 'set', value: 1024, name: 'maxTokensToSample' });
    expect(only.at((only.request.outputLimit as { range: readonly [number, number] }).range)).toBe('maxTokensToSample: 1024');
    expect(only.request.outputLimitName).toBe('maxTokens');
    expect(lc('maxTokens: 800, maxTokensToSample: 300').request.outputLimit).toMatchObject({ state: 'set', value: 300, name: 'maxTokensToSample' });
  });
});

describe('output limits', () => {
  it('openai chat: max_completion_tokens, or the deprecated max_tokens (still a limit on non-reasoning models)', () => {
    const a = openai(`{ model: 'gpt-4o', messages: [], max_completion_tokens: 500 }`);
    expect(a.request).toMatchObject({ outputLimitName: 'max_completion_tokens', outputLimit: { state: 'set', value: 500, name: 'max_completion_tokens' } });
    expect(a.at((a.request.outputLimit as { range: readonly [number, number] }).range)).toBe('max_completion_tokens: 500');
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: 300 }`).request.outputLimit).toMatchObject({ state: 'set', value: 300, name: 'max_tokens' });
    expect(openai(`{ model: 'o3', messages: [], max_tokens: 300 }`).request.outputLimit).toMatchObject({ state: 'absent', ignored: { name: 'max_tokens' } });
    expect(openai(`{ model: 'gpt-4o', messages: [] }`).request).toMatchObject({ outputLimitName: 'max_completion_tokens', outputLimit: { state: 'absent' } });
  });

  it('each API under its own name', () => {
    const resp = onlyRequest(`import OpenAI from 'openai'; const c = new OpenAI(); c.responses.create({ model: 'gpt-4o', input: 'x', max_output_tokens: 256 });`).request;
    expect(resp).toMatchObject({ api: 'openai-responses', outputLimitName: 'max_output_tokens', outputLimit: { state: 'set', value: 256 } });
    const ant = onlyRequest(`import Anthropic from '@anthropic-ai/sdk'; const c = new Anthropic(); c.messages.create({ model: 'claude-sonnet-4-5', messages: [] });`).request;
    expect(ant).toMatchObject({ outputLimitName: 'max_tokens', outputLimit: { state: 'absent' } });
    const gem = onlyRequest(`import { GoogleGenAI } from '@google/genai'; const ai = new GoogleGenAI({}); ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'x', config: { maxOutputTokens: 1000 } });`).request;
    expect(gem).toMatchObject({ outputLimitName: 'config.maxOutputTokens', outputLimit: { state: 'set', value: 1000, name: 'config.maxOutputTokens' } });
    const emb = onlyRequest(`import OpenAI from 'openai'; const c = new OpenAI(); c.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });`).request;
    expect(emb.outputLimit).toBeUndefined();
  });

  it('the ai SDK: maxOutputTokens; maxTokens is ignored from v5 on (and read when settings say v4)', () => {
    const code = `import { generateText } from 'ai'; generateText({ model: 'openai/gpt-4o', prompt: 'x', maxTokens: 500 });`;
    const v5 = onlyRequest(code);
    expect(v5.request).toMatchObject({
      outputLimitName: 'maxOutputTokens',
      outputLimit: { state: 'absent', ignored: { name: 'maxTokens', reason: 'the ai SDK ignores it from v5 on (use maxOutputTokens)' } },
    });
    expect(v5.at((v5.request.outputLimit as { ignored: { range: readonly [number, number] } }).ignored.range)).toBe('maxTokens: 500');
    expect(onlyRequest(code, { options: { aiSdkVersion: 4 } }).request.outputLimit).toMatchObject({ state: 'set', value: 500, name: 'maxTokens' });
    expect(onlyRequest(`import { streamText } from 'ai'; streamText({ model: 'openai/gpt-4o', prompt: 'x', maxOutputTokens: 64 });`).request.outputLimit).toMatchObject({ state: 'set', value: 64 });
  });

  it('values meaning "no cap": undefined, null, LangChain -1', () => {
    expect(openai(`{ model: 'gpt-4o', messages: [], max_completion_tokens: undefined }`).request.outputLimit).toMatchObject({ state: 'absent', ignored: { reason: '`undefined` sends no limit' } });
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: null }`).request.outputLimit).toMatchObject({ state: 'absent', ignored: { name: 'max_tokens' } });
    const lc = onlyRequest(`import { ChatOpenAI } from '@langchain/openai'; const m = new ChatOpenAI({ model: 'gpt-4o', maxTokens: -1 }); m.invoke('x');`).request;
    expect(lc.outputLimit).toMatchObject({ state: 'absent', ignored: { name: 'maxTokens', reason: 'LangChain treats `-1` as no limit' } });
  });

  it('follows consts, params objects by variable, spreads of const objects and lookup tables with constant keys', () => {
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: MAX }`, `const MAX = 4 * 1024;`).request.outputLimit).toMatchObject({ state: 'set', value: 4096 });
    expect(openai(`params`, `const params = { model: 'gpt-4o', messages: [], max_completion_tokens: 700 };`).request).toMatchObject({ model: { value: 'gpt-4o' }, outputLimit: { state: 'set', value: 700 } });
    expect(openai(`{ ...defaults, messages: [] }`, `const defaults = { model: 'gpt-4o', max_tokens: 900 };`).request.outputLimit).toMatchObject({ state: 'set', value: 900 });
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: LIMITS.summary }`, `const LIMITS = { summary: 300, chat: 1000 };`).request.outputLimit).toMatchObject({ state: 'set', value: 300 });
  });

  it('is unknown (never guessed) behind a spread of unknown options, a conditional spread, or a non-constant value', () => {
    const spread = openai(`{ model: 'gpt-4o', messages: [], ...opts }`);
    expect(spread.request.outputLimit).toMatchObject({ state: 'unknown' });
    expect(spread.request.opaque).toEqual(['...opts']);
    const cond = openai(`{ model: 'gpt-4o', messages: [], ...(short ? { max_tokens: 100 } : {}) }`);
    expect(cond.request.outputLimit).toMatchObject({ state: 'unknown' });
    expect(cond.request.opaque).toHaveLength(1);
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: LIMITS[kind] }`, `const LIMITS = { a: 1 };`).request.outputLimit).toMatchObject({ state: 'unknown' });
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: cfg.maxTokens }`).request.outputLimit).toMatchObject({ state: 'unknown' });
    expect(openai(`options`).request.outputLimit).toMatchObject({ state: 'unknown' });
    // a limit written explicitly wins over spreads
    expect(openai(`{ ...opts, model: 'gpt-4o', messages: [], max_tokens: 50 }`).request.outputLimit).toMatchObject({ state: 'set', value: 50 });
  });

  it('computed keys named by a constant are read; spread arguments are opaque', () => {
    expect(openai(`{ model: 'gpt-4o', messages: [], [KEY]: 200 }`, `const KEY = 'max_completion_tokens';`).request.outputLimit).toMatchObject({ state: 'set', value: 200 });
    expect(openai(`{ model: 'gpt-4o', messages: [], [key]: 200 }`).request.outputLimit).toMatchObject({ state: 'unknown' });
    const spread = openai(`...args`);
    expect(spread.request.outputLimit).toMatchObject({ state: 'unknown' });
    expect(spread.request.opaque).toEqual(['...arguments']);
  });

  it('a let that is reassigned is not a constant', () => {
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: n }`, `let n = 100; if (big) n = 100000;`).request.outputLimit).toMatchObject({ state: 'unknown' });
    expect(openai(`{ model: 'gpt-4o', messages: [], max_tokens: n }`, `let n = 100;`).request.outputLimit).toMatchObject({ state: 'set', value: 100 });
  });
});
