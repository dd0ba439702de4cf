/**
 * no-dynamic-prefix on code: a per-call value before a long static block. The saving is the static
 * tokens after the slot, counted here with o200k_base (x 1.22 for Anthropic, the approximation factor
 * in docs/savings.md), x (input - cached input price) by hand from the price table.
 */
import { formatTokens, formatUsd } from '@promptlint/core';
import { at, longRules, o200k, perCall, re, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const RULES = longRules(160);
const anthropicTokens = (text: string) => Math.round(o200k.count(text) * 1.22);

// OpenAI, a timestamp in the system prompt before the rules
const openaiCode = `import OpenAI from 'openai';
const client = new OpenAI();
const SYSTEM = \`Current time: \${new Date().toISOString()}.
${RULES}\`;
export async function answer(question: string) {
  return client.chat.completions.create({
    model: 'gpt-4o',
    max_completion_tokens: 500,
    messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: question }],
  });
}`;
const openaiAfter = o200k.count(`.\n${RULES}`);

// Anthropic, the seed's "today's date is {today}" (a date: one miss a day)
const anthropicCode = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
const today = new Date().toDateString();
export const reply = (q: string) =>
  anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 400,
    system: 'Today is ' + today + '. ' + ${JSON.stringify(RULES)},
    messages: [{ role: 'user', content: q }],
  });`;
const anthropicAfter = anthropicTokens('. ') + anthropicTokens(RULES);

// the ai SDK, a session id first
const aiCode = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export async function run(sessionId: string, input: string) {
  return generateText({
    model: openai('gpt-4o-mini'),
    maxOutputTokens: 300,
    system: \`Session \${sessionId}
${RULES}\`,
    prompt: input,
  });
}`;
const aiAfter = o200k.count(`\n${RULES}`);

// Gemini, the user's name first
const googleCode = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
export function greet(user: { name: string }) {
  return ai.models.generateContent({
    model: 'gemini-2.5-flash',
    contents: 'Hello',
    config: { maxOutputTokens: 200, systemInstruction: \`You are talking to \${user.name}.
${RULES}\` },
  });
}`;
// the static tail: the rest of the system instruction, then the user turn 'Hello'
const googleAfter = o200k.count(`.\n${RULES}`) + o200k.count('Hello');

run('no-dynamic-prefix', {
  valid: [
    // every SDK: the timestamp after the static block
    ...cleanOn({ system: `\`${RULES}\nNow: \${new Date().toISOString()}\``, user: 'question' }),
    // the date comes after the static block
    `import OpenAI from 'openai';
const client = new OpenAI();
client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: \`${RULES}
Today is \${new Date().toDateString()}.\` }] });`,
    // the dynamic value is in the last user turn, after a static system prompt
    `import OpenAI from 'openai';
const client = new OpenAI();
client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: ${JSON.stringify(RULES)} }, { role: 'user', content: \`Now: \${new Date().toISOString()}\` }] });`,
    // far below the provider minimum: never cached, nothing lost
    `import OpenAI from 'openai';
const client = new OpenAI();
client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: \`Today is \${new Date().toDateString()}. Be brief and polite.\` }] });`,
    // a template literal with a date in a logging call is not a prompt
    `console.log(\`[\${new Date().toISOString()}] ${RULES}\`);`,
    // a chat app's API is not an LLM
    `declare const slack: any; slack.chat.postMessage({ channel: 'c', messages: [{ role: 'system', content: \`\${new Date().toISOString()} ${RULES}\` }] });`,
  ],
  invalid: [
    // every SDK: the timestamp before the static block
    ...flaggedOn({ system: `\`Now: \${new Date().toISOString()}\n${RULES}\``, user: 'question' }, (_sdk, c) => [
      { message: /^`new Date\(\)\.toISOString\(\)` \(timestamp\) changes on every call and comes before [\d,]+ static tokens/, ...at(c, 'new Date()') },
    ]),
    {
      code: openaiCode,
      errors: [
        {
          message: `\`new Date().toISOString()\` (timestamp) changes on every call and comes before ${formatTokens(openaiAfter)} static tokens: move it after the static block (or into the last user turn) so they can be cached; saves ${perCall(openaiAfter, 2.5 - 1.25)}.`,
          ...at(openaiCode, 'new Date().toISOString()'),
        },
      ],
    },
    {
      code: anthropicCode,
      errors: [
        {
          message: new RegExp(
            `^\`today\` \\(date\\) changes daily and comes before ${formatTokens(anthropicAfter)} static tokens, .*saves ${re(perCall(anthropicAfter, 3 - 0.3))}, ~${re(formatUsd(((anthropicAfter * (3 - 0.3)) / 1e6) * 30))}/month`,
          ),
          ...at(anthropicCode, 'today +'),
        },
      ],
    },
    {
      code: aiCode,
      errors: [{ message: new RegExp(`^\`sessionId\` \\(identifier\\) changes on every call .*saves ${re(perCall(aiAfter, 0.15 - 0.075))}\\.$`), ...at(aiCode, 'sessionId}') }],
    },
    {
      code: googleCode,
      errors: [{ message: new RegExp(`^\`user\\.name\` \\(user data\\) changes per user .*at worst saves ${re(perCall(googleAfter, 0.3 - 0.03))}\\.$`), ...at(googleCode, 'user.name}') }],
    },
  ],
});
