/**
 * What counts as an LLM request, per SDK: the client classes and the methods on an instance that send
 * a generation (or embeddings) request, the `ai` SDK's functions and provider factories.
 * Non-requests (`messages.countTokens`, `models.countTokens`, `messages.batches.create`) are simply
 * not listed.
 */
import type { PromptRequest, Provider } from '@promptlint/core';

export type Api = NonNullable<PromptRequest['api']>;
export type Sdk = 'openai' | 'openai-v3' | 'anthropic' | 'google' | 'google-legacy' | 'ai' | 'langchain';

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
  // openai v3: `new OpenAIApi(new Configuration(...))`, `createChatCompletion` / `createCompletion` / `createEmbedding`
  { module: 'openai', exports: ['OpenAIApi'], sdk: 'openai-v3', provider: 'openai', className: 'OpenAIApi' },
  { module: '@google/genai', exports: ['GoogleGenAI'], sdk: 'google', provider: 'google', className: 'GoogleGenAI' },
  // @google/generative-ai: `getGenerativeModel(params).generateContent(...)`, `.startChat(params).sendMessage(...)`
  { module: '@google/generative-ai', exports: ['GoogleGenerativeAI'], sdk: 'google-legacy', provider: 'google', className: 'GoogleGenerativeAI' },
  { module: '@langchain/openai', exports: ['ChatOpenAI'], sdk: 'langchain', provider: 'openai', className: 'ChatOpenAI' },
  { module: '@langchain/openai', exports: ['AzureChatOpenAI'], sdk: 'langchain', provider: 'openai', className: 'AzureChatOpenAI' },
  { module: '@langchain/anthropic', exports: ['ChatAnthropic'], sdk: 'langchain', provider: 'anthropic', className: 'ChatAnthropic' },
  { module: '@langchain/google-genai', exports: ['ChatGoogleGenerativeAI'], sdk: 'langchain', provider: 'google', className: 'ChatGoogleGenerativeAI' },
  { module: '@langchain/google-vertexai', exports: ['ChatVertexAI'], sdk: 'langchain', provider: 'google', className: 'ChatVertexAI' },
  { module: '@langchain/google-vertexai-web', exports: ['ChatVertexAI'], sdk: 'langchain', provider: 'google', className: 'ChatVertexAI' },
  { module: '@langchain/openai', exports: ['OpenAI'], sdk: 'langchain', provider: 'openai', className: 'OpenAI' },
  { module: '@langchain/aws', exports: ['ChatBedrockConverse'], sdk: 'langchain', provider: 'other', className: 'ChatBedrockConverse' },
  { module: '@langchain/mistralai', exports: ['ChatMistralAI'], sdk: 'langchain', provider: 'other', className: 'ChatMistralAI' },
  { module: '@langchain/groq', exports: ['ChatGroq'], sdk: 'langchain', provider: 'other', className: 'ChatGroq' },
  // LangChain before 0.1 (`langchain/chat_models/openai`, `langchain/llms/openai`)
  { module: 'langchain/chat_models/openai', exports: ['ChatOpenAI'], sdk: 'langchain', provider: 'openai', className: 'ChatOpenAI' },
  { module: 'langchain/llms/openai', exports: ['OpenAI'], sdk: 'langchain', provider: 'openai', className: 'OpenAI' },
  { module: 'langchain/chat_models/anthropic', exports: ['ChatAnthropic'], sdk: 'langchain', provider: 'anthropic', className: 'ChatAnthropic' },
];

/** Request methods on a client instance, by member path. */
export const CLIENT_METHODS: Readonly<Record<Exclude<Sdk, 'ai' | 'google-legacy'>, Readonly<Record<string, Api>>>> = {
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
  'openai-v3': {
    createChatCompletion: 'openai-chat',
    createCompletion: 'openai-chat',
    createEmbedding: 'embeddings',
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
    batch: 'langchain',
    call: 'langchain',
    predict: 'langchain',
    generate: 'langchain',
  },
};

/** `@google/generative-ai`: the model's methods (after `getGenerativeModel`) and the chat's (after `startChat`). */
export const GOOGLE_LEGACY_MODEL_GETTERS: ReadonlySet<string> = new Set(['getGenerativeModel', 'getGenerativeModelFromCachedContent']);
export const GOOGLE_LEGACY_METHODS: Readonly<Record<string, Api>> = {
  generateContent: 'google-genai',
  generateContentStream: 'google-genai',
  embedContent: 'embeddings',
  batchEmbedContents: 'embeddings',
};
export const GOOGLE_LEGACY_CHAT_METHODS: ReadonlySet<string> = new Set(['sendMessage', 'sendMessageStream']);

/** The `ai` SDK's agent classes: the constructor takes the call settings (`model`, `system`/`instructions`, `maxOutputTokens`). */
export const AI_AGENT_CLASSES: readonly string[] = ['Agent', 'Experimental_Agent', 'ToolLoopAgent'];

/** `@aws-sdk/client-bedrock-runtime`: each command object is one request (sent with `client.send`). */
export const BEDROCK_MODULE = '@aws-sdk/client-bedrock-runtime';
export const BEDROCK_COMMANDS: Readonly<Record<string, 'converse' | 'invoke'>> = {
  ConverseCommand: 'converse',
  ConverseStreamCommand: 'converse',
  InvokeModelCommand: 'invoke',
  InvokeModelWithResponseStreamCommand: 'invoke',
};

/** Provider of a Bedrock model id (`anthropic.claude-3-haiku-...`, `us.meta.llama3-...`). */
export function providerOfBedrockId(id: string): Provider {
  const m = /^(?:(?:us|eu|apac|global)\.)?([a-z0-9-]+)\./i.exec(id);
  switch (m?.[1]?.toLowerCase()) {
    case 'anthropic':
      return 'anthropic';
    case 'meta':
      return 'meta';
    case 'deepseek':
      return 'deepseek';
    default:
      return 'other';
  }
}

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
  { module: '@ai-sdk/google-vertex', instance: 'vertex', creator: 'createVertex', provider: 'google' },
  { module: '@ai-sdk/google-vertex/anthropic', instance: 'vertexAnthropic', creator: 'createVertexAnthropic', provider: 'anthropic' },
  { module: '@ai-sdk/amazon-bedrock', instance: 'bedrock', creator: 'createAmazonBedrock', provider: 'other' },
  { module: '@ai-sdk/amazon-bedrock/anthropic', instance: 'bedrockAnthropic', creator: 'createBedrockAnthropic', provider: 'anthropic' },
  { module: '@ai-sdk/groq', instance: 'groq', creator: 'createGroq', provider: 'other' },
  { module: '@ai-sdk/mistral', instance: 'mistral', creator: 'createMistral', provider: 'other' },
  { module: '@ai-sdk/xai', instance: 'xai', creator: 'createXai', provider: 'other' },
  { module: '@ai-sdk/togetherai', instance: 'togetherai', creator: 'createTogetherAI', provider: 'other' },
  { module: '@ai-sdk/fireworks', instance: 'fireworks', creator: 'createFireworks', provider: 'other' },
  { module: '@ai-sdk/cerebras', instance: 'cerebras', creator: 'createCerebras', provider: 'other' },
  { module: '@ai-sdk/perplexity', instance: 'perplexity', creator: 'createPerplexity', provider: 'other' },
  { module: '@ai-sdk/openai-compatible', instance: 'openaiCompatible', creator: 'createOpenAICompatible', provider: 'other' },
  { module: '@openrouter/ai-sdk-provider', instance: 'openrouter', creator: 'createOpenRouter', provider: 'other' },
  { module: '@ai-sdk/gateway', instance: 'gateway', creator: 'createGateway', provider: 'other' },
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
export const SDK_MODULES: ReadonlySet<string> = new Set([...CLIENT_CLASSES.map((c) => c.module), 'ai', ...AI_PROVIDERS.map((p) => p.module), BEDROCK_MODULE]);

/**
 * Providers' HTTP endpoints called without an SDK (`fetch`, `axios`): the URL (its static text) says
 * the API shape. A file that names none of these hosts makes no such call (the prefilter reads them).
 */
export interface HttpEndpoint {
  pattern: RegExp;
  api: Api;
  provider: Provider;
  /** The legacy Completions endpoint caps the output at 16 tokens when `max_tokens` is not sent. */
  defaultLimit?: number;
  /** Google's REST shape (`generationConfig.maxOutputTokens`, `contents`, `systemInstruction`). */
  googleRest?: boolean;
}
export const HTTP_HOSTS: readonly string[] = [
  'api.openai.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'openrouter.ai',
  'api.groq.com',
  'api.deepseek.com',
  'api.mistral.ai',
  'api.together.xyz',
  'api.x.ai',
];
/** One pass over a file's text: does it name any of HTTP_HOSTS? */
export const HTTP_HOSTS_RE = new RegExp(HTTP_HOSTS.map((h) => h.replace(/\./g, '\\.')).join('|'));

export const HTTP_ENDPOINTS: readonly HttpEndpoint[] = [
  { pattern: /api\.openai\.com\/v1\/chat\/completions/, api: 'openai-chat', provider: 'openai' },
  { pattern: /api\.openai\.com\/v1\/responses/, api: 'openai-responses', provider: 'openai' },
  { pattern: /api\.openai\.com\/v1\/embeddings/, api: 'embeddings', provider: 'openai' },
  { pattern: /api\.openai\.com\/v1\/completions/, api: 'openai-chat', provider: 'openai', defaultLimit: 16 },
  { pattern: /api\.anthropic\.com\/v1\/messages(?!\/(?:batches|count_tokens))/, api: 'anthropic-messages', provider: 'anthropic' },
  { pattern: /generativelanguage\.googleapis\.com\/.*:(?:stream)?[gG]enerate[cC]ontent/, api: 'google-genai', provider: 'google', googleRest: true },
  { pattern: /api\.deepseek\.com\/(?:v1\/)?chat\/completions/, api: 'openai-chat', provider: 'deepseek' },
  { pattern: /(?:openrouter\.ai\/api|api\.groq\.com\/openai|api\.mistral\.ai|api\.together\.xyz|api\.x\.ai)\/v1\/chat\/completions/, api: 'openai-chat', provider: 'other' },
];
