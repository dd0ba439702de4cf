/**
 * The output-token limit of a request, under the name its API reads (docs/providers.md's table): set (a
 * constant number), absent (not written, or written as a value that means "no cap", or under a name
 * the API ignores), or unknown (an expression or spread we cannot see through).
 */
import type { OutputLimit } from '@promptlint/core';
import { shortText, type Node } from './ast.js';
import { findPath, numberValue, type PropertyLookup, type SourceLike } from './resolve.js';
import type { Api } from './sdks.js';

export interface LimitFacts {
  outputLimitName?: string;
  outputLimit?: OutputLimit;
  opaque: string[];
}

export interface LimitSpec {
  /** The name the API reads (for messages). */
  canonical: string;
  /** Names that set the limit, in priority order, as paths into the options. */
  names: readonly (readonly string[])[];
  /** Names the API does not read as a limit, with why. */
  ignored?: readonly { path: readonly string[]; reason: string }[];
  /** `-1` means "no limit" (LangChain). */
  minusOneIsNone?: boolean;
}

const REASONING_MODEL = /^(?:openai\/)?(?:o\d|gpt-5)/i;

export interface LimitContext {
  api: Api;
  /** LangChain class name (option names differ). */
  className?: string;
  /** The request's model id when constant (for `max_tokens` on reasoning models). */
  model?: string;
  /** The `ai` SDK major version (settings); 5 and later when not said. */
  aiSdkVersion?: number;
  /** Overrides the API's spec (request shapes with their own names: Bedrock, Google's REST body). */
  spec?: LimitSpec;
}

function specFor(ctx: LimitContext): LimitSpec | undefined {
  if (ctx.spec) return ctx.spec;
  switch (ctx.api) {
    case 'openai-chat':
      // openai v3 (`OpenAIApi`) knows only `max_tokens`
      if (ctx.className === 'OpenAIApi') return { canonical: 'max_tokens', names: [['max_tokens']] };
      if (ctx.model && REASONING_MODEL.test(ctx.model)) {
        return {
          canonical: 'max_completion_tokens',
          names: [['max_completion_tokens']],
          ignored: [{ path: ['max_tokens'], reason: 'o-series and GPT-5 models do not accept the deprecated `max_tokens` (use max_completion_tokens)' }],
        };
      }
      return { canonical: 'max_completion_tokens', names: [['max_completion_tokens'], ['max_tokens']] };
    case 'openai-responses':
      return { canonical: 'max_output_tokens', names: [['max_output_tokens']] };
    case 'anthropic-messages':
      return { canonical: 'max_tokens', names: [['max_tokens']] };
    case 'google-genai':
      return { canonical: 'config.maxOutputTokens', names: [['config', 'maxOutputTokens']] };
    case 'ai-sdk':
      if (ctx.aiSdkVersion !== undefined && ctx.aiSdkVersion < 5) return { canonical: 'maxTokens', names: [['maxTokens']] };
      return {
        canonical: 'maxOutputTokens',
        names: [['maxOutputTokens']],
        ignored: [{ path: ['maxTokens'], reason: 'the ai SDK ignores it from v5 on (use maxOutputTokens)' }],
      };
    case 'langchain':
      if (ctx.className === 'ChatGoogleGenerativeAI' || ctx.className === 'ChatVertexAI') {
        return { canonical: 'maxOutputTokens', names: [['maxOutputTokens']], minusOneIsNone: true };
      }
      // the constructor reads `maxTokensToSample ?? maxTokens` (the deprecated name wins)
      if (ctx.className === 'ChatAnthropic') return { canonical: 'maxTokens', names: [['maxTokensToSample'], ['maxTokens'], ['max_tokens']], minusOneIsNone: true };
      // ChatBedrockConverse, ChatMistralAI, ChatGroq, ChatOpenAI, OpenAI: `maxTokens`
      return { canonical: 'maxTokens', names: [['maxCompletionTokens'], ['maxTokens']], minusOneIsNone: true };
    case 'bedrock-converse':
      return {
        canonical: 'inferenceConfig.maxTokens',
        names: [['inferenceConfig', 'maxTokens']],
        ignored: [{ path: ['inferenceConfiguration', 'maxTokens'], reason: 'the Converse API reads `inferenceConfig` (`inferenceConfiguration` is not a request field)' }],
      };
    default:
      return undefined;
  }
}

/** The output limit read from `options` (for LangChain: the model's constructor options). */
export function outputLimitOf(source: SourceLike, ctx: LimitContext, options: Node | undefined): LimitFacts {
  const spec = specFor(ctx);
  if (!spec) return { opaque: [] };
  const name = spec.canonical;
  if (!options) return { outputLimitName: name, outputLimit: { state: 'absent' }, opaque: [] };
  const opaque: string[] = [];
  for (const path of spec.names) {
    const found = findPath(source, options, path);
    if (found.kind !== 'found') {
      opaque.push(...found.opaque);
      continue;
    }
    return { outputLimitName: name, outputLimit: limitFromValue(source, found, path.join('.'), spec), opaque: [] };
  }
  const unique = [...new Set(opaque)];
  if (unique.length) {
    return {
      outputLimitName: name,
      outputLimit: { state: 'unknown', reason: `the options include ${unique.join(', ')}, which may set \`${name}\`` },
      opaque: unique,
    };
  }
  for (const ig of spec.ignored ?? []) {
    const found = findPath(source, options, ig.path);
    if (found.kind === 'found') {
      const p = found.property;
      return {
        outputLimitName: name,
        outputLimit: { state: 'absent', ignored: { name: ig.path.join('.'), reason: ig.reason, range: [p.range[0], p.range[1]] } },
        opaque: [],
      };
    }
  }
  return { outputLimitName: name, outputLimit: { state: 'absent' }, opaque: [] };
}

function limitFromValue(source: SourceLike, found: Extract<PropertyLookup, { kind: 'found' }>, name: string, spec: LimitSpec): OutputLimit {
  const range = [found.property.range[0], found.property.range[1]] as const;
  const v = numberValue(source, found.value);
  if (v.kind === 'none') {
    return { state: 'absent', ignored: { name, reason: `\`${v.what}\` sends no limit`, range } };
  }
  if (v.kind === 'number') {
    if (spec.minusOneIsNone && v.value === -1) return { state: 'absent', ignored: { name, reason: 'LangChain treats `-1` as no limit', range } };
    return { state: 'set', value: v.value, name, range };
  }
  return { state: 'unknown', reason: `\`${name}\` is \`${shortText(source.text, found.value)}\`, not a constant`, range };
}
