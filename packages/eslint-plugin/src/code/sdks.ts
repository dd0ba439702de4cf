/**
 * What counts as an LLM request, per SDK: the client classes and the methods on an instance that send
 * a generation (or embeddings) request, the `ai` SDK's functions and provider factories.
 * Non-requests (`messages.countTokens`, `models.countTokens`, `messages.batches.create`) are simply
 * not listed.
 */
import type { PromptRequest, Provider } from '@promptlint/core';

export type Api = NonNullable<PromptRequest['api']>;
export type Sdk = 'openai' | 'anthropic' | 'google' | 'ai' | 'langchain';

export interface ClientClass {
  module: string;
  /** Export paths: `''` is the module itself (CommonJS `require`, ESM default import). */
  exports: readonly string[];
  sdk: Sdk;
  provider: Provider;
  /** The class name as documented (LangChain option names depend on it). */
  className: string;
}

export const CLIENT_CLASSES: readonly ClientClass[] = [
  { module: 'openai', exports: ['', 'default', 'OpenAI'], sdk: 'openai', provider: 'openai', className: 'OpenAI' },
  { module: 'openai', exports: ['AzureOpenAI'], sdk: 'openai', provider: 'openai', className: 'AzureOpenAI' },
  { module: '@anthropic-ai/sdk', exports: ['', 'default', 'Anthropic'], sdk: 'anthropic', provider: 'anthropic', className: 'Anthropic' },
  { module: '@anthropic-ai/bedrock-sdk', exports: ['', 'default', 'AnthropicBedrock'], sdk: 'anthropic', provider: 'anthropic', className: 'AnthropicBedrock' },
  { module: '@anthropic-ai/vertex-sdk', exports: ['', 'default', 'AnthropicVertex'], sdk: 'anthropic', provider: 'anthropic', className: 'AnthropicVertex' },
  { module: '@google/genai', exports: ['GoogleGenAI'], sdk: 'google', provider: 'google', className: 'GoogleGenAI' },
  { module: '@langchain/openai', exports: ['ChatOpenAI'], sdk: 'langchain', provider: 'openai', className: 'ChatOpenAI' },
  { module: '@langchain/openai', exports: ['AzureChatOpenAI'], sdk: 'langchain', provider: 'openai', className: 'AzureChatOpenAI' },
  { module: '@langchain/anthropic', exports: ['ChatAnthropic'], sdk: 'langchain', provider: 'anthropic', className: 'ChatAnthropic' },
  { module: '@langchain/google-genai', exports: ['ChatGoogleGenerativeAI'], sdk: 'langchain', provider: 'google', className: 'ChatGoogleGenerativeAI' },
  { module: '@langchain/google-vertexai', exports: ['ChatVertexAI'], sdk: 'langchain', provider: 'google', className: 'ChatVertexAI' },
];

/** Request methods on a client instance, by member path. */
export const CLIENT_METHODS: Readonly<Record<Exclude<Sdk, 'ai'>, Readonly<Record<string, Api>>>> = {
  openai: {
    'chat.completions.create': 'openai-chat',
    'chat.completions.parse': 'openai-chat',
    'chat.completions.stream': 'openai-chat',
    'beta.chat.completions.parse': 'openai-chat',
    'beta.chat.completions.stream': 'openai-chat',
    'responses.create': 'openai-responses',
    'responses.parse': 'openai-responses',
    'responses.stream': 'openai-responses',
    'embeddings.create': 'embeddings',
  },
  anthropic: {
    'messages.create': 'anthropic-messages',
    'messages.stream': 'anthropic-messages',
    'messages.parse': 'anthropic-messages',
    'beta.messages.create': 'anthropic-messages',
    'beta.messages.stream': 'anthropic-messages',
    'beta.messages.parse': 'anthropic-messages',
  },
  google: {
    'models.generateContent': 'google-genai',
    'models.generateContentStream': 'google-genai',
  },
  langchain: {
    invoke: 'langchain',
    stream: 'langchain',
  },
};

/** LangChain methods that return a runnable over the same model (`model.withStructuredOutput(s).invoke(...)`). */
export const LANGCHAIN_WRAPPERS: ReadonlySet<string> = new Set(['withStructuredOutput', 'bind', 'withConfig', 'withRetry', 'bindTools']);

/** The `ai` SDK's generation functions. */
export const AI_FUNCTIONS: readonly string[] = ['generateText', 'streamText', 'generateObject', 'streamObject'];

export interface ProviderModule {
  module: string;
  /** The default provider instance (`openai`), callable with a model id. */
  instance: string;
  /** The provider creator (`createOpenAI`). */
  creator: string;
  provider: Provider;
}

export const AI_PROVIDERS: readonly ProviderModule[] = [
  { module: '@ai-sdk/openai', instance: 'openai', creator: 'createOpenAI', provider: 'openai' },
  { module: '@ai-sdk/azure', instance: 'azure', creator: 'createAzure', provider: 'openai' },
  { module: '@ai-sdk/anthropic', instance: 'anthropic', creator: 'createAnthropic', provider: 'anthropic' },
  { module: '@ai-sdk/google', instance: 'google', creator: 'createGoogleGenerativeAI', provider: 'google' },
  { module: '@ai-sdk/deepseek', instance: 'deepseek', creator: 'createDeepSeek', provider: 'deepseek' },
];

/** Methods of a provider instance that return a language model (`openai.chat('gpt-4o')`). */
export const PROVIDER_MODEL_METHODS: readonly string[] = ['chat', 'responses', 'languageModel', 'completion', 'messages'];

/** Provider of a gateway model string (`'openai/gpt-4o'`). */
export function providerOfGatewayId(id: string): Provider | undefined {
  const prefix = id.split('/')[0]?.toLowerCase();
  switch (prefix) {
    case 'openai':
    case 'azure':
      return 'openai';
    case 'anthropic':
      return 'anthropic';
    case 'google':
    case 'vertex':
      return 'google';
    case 'deepseek':
      return 'deepseek';
    case 'meta':
      return 'meta';
    default:
      return id.includes('/') ? 'other' : undefined;
  }
}

/**
 * Every module whose imports find-calls tracks (the first keys of its trace map): a file that imports
 * or requires none of them has no LLM call it could find (see prefilter.ts).
 */
export const SDK_MODULES: ReadonlySet<string> = new Set([...CLIENT_CLASSES.map((c) => c.module), 'ai', ...AI_PROVIDERS.map((p) => p.module)]);
