/**
 * require-cache-control on code: a large static system prompt sent to Anthropic every call without a
 * cache breakpoint, directly or through the ai SDK or LangChain. The saving: prefix tokens (o200k_base
 * x 1.22, the Anthropic approximation of docs/savings.md) x (input - cache read price), by hand.
 */
import { formatTokens } from '@promptlint/core';
import { at, longRules, o200k, perCall, re, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const RULES = longRules(160);
const prefixTokens = Math.round(o200k.count(RULES) * 1.22);

const direct = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
const SYSTEM = ${JSON.stringify(RULES)};
export async function reply(history: Anthropic.MessageParam[]) {
  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: SYSTEM, messages: history });
}`;

const viaAi = `import { streamText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
export const chat = (question: string) =>
  streamText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 800, system: ${JSON.stringify(RULES)}, prompt: question });`;

const viaLangchain = `import { ChatAnthropic } from '@langchain/anthropic';
const model = new ChatAnthropic({ model: 'claude-sonnet-4-5', maxTokens: 500 });
await model.invoke([['system', ${JSON.stringify(RULES)}], ['human', 'hello']]);`;

const message = (how: string) =>
  `A ${formatTokens(prefixTokens)}-token static prefix is sent to claude-sonnet-4-5 without \`cache_control\`: mark the end of the static block with ${how} so later calls read it at 10% of the input price; saves ${perCall(prefixTokens, 3 - 0.3)}.`;

run('require-cache-control', {
  valid: [
    // providers that cache without being asked
    ...cleanOn({ system: JSON.stringify(RULES), user: 'question' }, ['openai', 'google']),
    // Anthropic on every path, with a short system prompt
    ...cleanOn({ system: "'You are terse.'", user: 'question', anthropicEverywhere: true }, ['anthropic', 'ai', 'langchain']),
    // marked with cache_control on the system block
    `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: [{ type: 'text', text: ${JSON.stringify(RULES)}, cache_control: { type: 'ephemeral' } }], messages: [] });`,
    // marked through the ai SDK's provider options
    `import { generateText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
generateText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 100, messages: [{ role: 'system', content: ${JSON.stringify(RULES)}, providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } }, { role: 'user', content: 'x' }] });`,
    // far below the minimum cacheable prefix
    `import Anthropic from '@anthropic-ai/sdk';
new Anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100, system: 'You are terse.', messages: [] });`,
    // below Haiku 4.5's 4,096-token minimum
    `import Anthropic from '@anthropic-ai/sdk';
new Anthropic().messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, system: ${JSON.stringify(RULES)}, messages: [] });`,
    // OpenAI caches automatically
    `import OpenAI from 'openai';
new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: ${JSON.stringify(RULES)} }] });`,
    // options we cannot see may carry a marked system prompt
    `import Anthropic from '@anthropic-ai/sdk';
export const f = (base: object) => new Anthropic().messages.create({ ...base, model: 'claude-sonnet-4-5', max_tokens: 100, messages: [] } as any);`,
  ],
  invalid: [
    ...flaggedOn({ system: JSON.stringify(RULES), user: 'question', anthropicEverywhere: true }, [{ message: /^A [\d,]+-token static prefix is sent to claude-sonnet-4-5 without `cache_control`/ }], {
      sdks: ['anthropic', 'ai', 'langchain'],
    }),
    { code: direct, errors: [{ message: message('`cache_control: { type: "ephemeral" }`'), ...at(direct, 'anthropic.messages.create') }] },
    { code: viaAi, errors: [{ message: message('`providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } }`'), ...at(viaAi, 'streamText(') }] },
    {
      // the static prefix runs on through the (static) human turn
      code: viaLangchain,
      errors: [{ message: new RegExp(`^${re(`A ${formatTokens(prefixTokens + Math.round(o200k.count('hello') * 1.22))}-token static prefix`)}`), ...at(viaLangchain, 'model.invoke') }],
    },
  ],
});
