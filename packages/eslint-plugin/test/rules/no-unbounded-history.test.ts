/**
 * no-unbounded-history on code: a conversation array appended every turn and sent whole. The rule's
 * model (defaults: 50 messages of ~100 tokens, keep the last 10) saves 100 x (40 x 41 / 2) / 50 =
 * 1,640 input tokens per call on average; x $2.50/1M on gpt-4o. Computed by hand here.
 */
import { formatUsd } from '@promptlint/core';
import { at, run } from './helpers.js';

const saves = (pricePerMTok: number) => `saves ~1,640 input tokens/call, ~${formatUsd((1640 * pricePerMTok) / 1e6)}/call`;
/** gpt-4o input: $2.50 per 1M tokens unless said otherwise. */
const message = (name: string, pricePerMTok = 2.5) =>
  `\`${name}\` grows every turn and is resent whole, so each call pays again for every earlier message: send only the last 10 (\`${name}.slice(-10)\`, in Python \`messages[-10:]\`) or summarise older turns into one message once the history passes a limit (say 20 messages); over 50 messages of ~100 tokens this ${saves(pricePerMTok)}.`;

const server = (send: string, between = '') => `import OpenAI from 'openai';
const client = new OpenAI();
const history: OpenAI.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are a helpful assistant.' }];
export async function reply(text: string) {
  history.push({ role: 'user', content: text });${between}
  const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 300, messages: ${send} });
  history.push(r.choices[0]!.message);
  return r.choices[0]!.message.content;
}`;

const anthropicLoop = `import Anthropic from '@anthropic-ai/sdk';
import * as readline from 'node:readline/promises';
const anthropic = new Anthropic();
export async function repl() {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const messages: Anthropic.MessageParam[] = [];
  while (true) {
    messages.push({ role: 'user', content: await rl.question('> ') });
    const r = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 500, messages });
    messages.push({ role: 'assistant', content: r.content });
  }
}`;

const aiClass = `import { generateText, type ModelMessage } from 'ai';
import { openai } from '@ai-sdk/openai';
export class Bot {
  private history: ModelMessage[] = [];
  async say(text: string) {
    this.history.push({ role: 'user', content: text });
    const { text: answer } = await generateText({ model: openai('gpt-4o'), maxOutputTokens: 200, messages: this.history });
    this.history.push({ role: 'assistant', content: answer });
    return answer;
  }
}`;

const gemini = `import { GoogleGenAI, type Content } from '@google/genai';
const ai = new GoogleGenAI({});
const contents: Content[] = [];
export async function turn(text: string) {
  contents.push({ role: 'user', parts: [{ text }] });
  const r = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents, config: { maxOutputTokens: 300 } });
  contents.push({ role: 'model', parts: [{ text: r.text ?? '' }] });
}`;

const langchain = `import { ChatOpenAI } from '@langchain/openai';
import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
const model = new ChatOpenAI({ model: 'gpt-4o', maxTokens: 300 });
const history: BaseMessage[] = [];
export async function turn(text: string) {
  history.push(new HumanMessage(text));
  const reply = await model.invoke(history);
  history.push(new AIMessage(String(reply.content)));
}`;

run('no-unbounded-history', {
  valid: [
    server('history.slice(-10)'),
    langchain.replace('model.invoke(history)', 'model.invoke(history.slice(-10))'),
    gemini.replace('contents, config', 'contents: contents.slice(-10), config'),
    server('[history[0]!, ...history.slice(-10)]'),
    server('history', '\n  while (countTokens(history) > 8000) history.splice(1, 1);'),
    server('history', '\n  if (history.length > 20) history.splice(1, history.length - 11, await summarize(history));'),
    // an array built for one call is not a history
    `import OpenAI from 'openai';
const client = new OpenAI();
export async function ask(q: string) {
  const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'system', content: 'Be brief.' }];
  messages.push({ role: 'user', content: q });
  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages });
}`,
    // a messages array sent to a chat app, not an LLM
    `declare const slack: any;
const messages: object[] = [];
export async function post(text: string) { messages.push({ text }); await slack.chat.postMessage({ channel: 'c', messages }); }`,
  ],
  invalid: [
    { code: server('history'), errors: [{ message: message('history'), ...at(server('history'), 'history })') }] },
    {
      // slice(0, -1) drops the last message, it does not bound the history
      code: server('history.slice(0, -1)'),
      errors: [{ message: message('history'), ...at(server('history.slice(0, -1)'), 'history.slice(0, -1)') }],
    },
    { code: anthropicLoop, errors: [{ message: /^`messages` grows every turn/, ...at(anthropicLoop, 'messages })') }] },
    { code: aiClass, errors: [{ message: message('this.history'), ...at(aiClass, 'this.history })') }] },
    { code: gemini, errors: [{ message: message('contents', 0.3), ...at(gemini, 'contents, config') }] },
    { code: langchain, errors: [{ message: message('history'), ...at(langchain, 'history);') }] },
  ],
});
