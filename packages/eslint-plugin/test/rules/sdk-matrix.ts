/**
 * The same request written for each SDK (OpenAI chat, Anthropic messages, Gemini, the ai SDK,
 * LangChain), so that every rule is exercised through every front-end path: `system` and `user` are
 * TypeScript expressions, `around` wraps the awaited call (a loop, a handler).
 */
import type { Expected, Invalid } from './helpers.js';

export interface Shape {
  system: string;
  user: string;
  /** Declarations before the call (inside the function). */
  pre?: string;
  /** Wraps the awaited call expression: `(call) => \`for (const d of docs) { await ${call}; }\``. */
  around?: (call: string) => string;
  /** Anthropic models for the ai SDK and LangChain too (caching rules). */
  anthropicEverywhere?: boolean;
  /** The output limit every request sets (default 500). */
  limit?: number;
}

export type Sdk = 'openai' | 'anthropic' | 'google' | 'ai' | 'langchain';
export const SDKS: readonly Sdk[] = ['openai', 'anthropic', 'google', 'ai', 'langchain'];

function call(sdk: Sdk, s: Shape): string {
  const limit = s.limit ?? 500;
  switch (sdk) {
    case 'openai':
      return `client.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: ${limit}, messages: [{ role: 'system', content: ${s.system} }, { role: 'user', content: ${s.user} }] })`;
    case 'anthropic':
      return `client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: ${limit}, system: ${s.system}, messages: [{ role: 'user', content: ${s.user} }] })`;
    case 'google':
      return `client.models.generateContent({ model: 'gemini-2.5-flash', contents: ${s.user}, config: { maxOutputTokens: ${limit}, systemInstruction: ${s.system} } })`;
    case 'ai':
      return `generateText({ model: ${s.anthropicEverywhere ? "anthropic('claude-sonnet-4-5')" : "openai('gpt-4o')"}, maxOutputTokens: ${limit}, system: ${s.system}, prompt: ${s.user} })`;
    case 'langchain':
      return `client.invoke([['system', ${s.system}], ['human', ${s.user}]])`;
  }
}

const HEADER: Record<Sdk, (s: Shape) => string> = {
  openai: () => `import OpenAI from 'openai';\nconst client = new OpenAI();`,
  anthropic: () => `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();`,
  google: () => `import { GoogleGenAI } from '@google/genai';\nconst client = new GoogleGenAI({});`,
  ai: () => `import { generateText } from 'ai';\nimport { openai } from '@ai-sdk/openai';\nimport { anthropic } from '@ai-sdk/anthropic';`,
  langchain: (s) =>
    s.anthropicEverywhere
      ? `import { ChatAnthropic } from '@langchain/anthropic';\nconst client = new ChatAnthropic({ model: 'claude-sonnet-4-5', maxTokens: ${s.limit ?? 500} });`
      : `import { ChatOpenAI } from '@langchain/openai';\nconst client = new ChatOpenAI({ model: 'gpt-4o', maxTokens: ${s.limit ?? 500} });`,
};

/** The file for one SDK. */
export function codeFor(sdk: Sdk, s: Shape): string {
  const c = call(sdk, s);
  const body = s.around ? s.around(c) : `return ${c};`;
  return `${HEADER[sdk](s)}\nexport async function run(question: string, docs: string[], user: { name: string }) {\n${s.pre ?? ''}\n  ${body}\n}\n`;
}

/** Valid cases: the shape on every SDK (or the ones named). */
export function cleanOn(s: Shape, sdks: readonly Sdk[] = SDKS): string[] {
  return sdks.map((sdk) => codeFor(sdk, s));
}

/**
 * Invalid cases: the shape on every SDK (or the ones named), each with the errors expected (given the
 * SDK and the code) and, for fixable rules, the fixed code.
 */
export function flaggedOn(
  s: Shape,
  errors: Expected[] | ((sdk: Sdk, code: string) => Expected[]),
  opts: { sdks?: readonly Sdk[]; output?: (code: string) => string; options?: unknown[] } = {},
): Invalid[] {
  return (opts.sdks ?? SDKS).map((sdk) => {
    const code = codeFor(sdk, s);
    return {
      code,
      errors: typeof errors === 'function' ? errors(sdk, code) : errors,
      ...(opts.output ? { output: opts.output(code) } : {}),
      ...(opts.options ? { options: opts.options } : {}),
    };
  });
}
