/** One SDK call -> one `PromptRequest` of the prompt model. */
import type { PromptRequest } from '@promptlint/core';
import type { Node } from './ast.js';
import type { FoundCall } from './find-calls.js';
import { historyOf } from './history.js';
import { outputLimitOf } from './limits.js';
import { loopOf } from './loop.js';
import { messagesOf, textMessage, type MessageFacts } from './messages.js';
import { shapeRequest } from './shapes.js';
import type { Wrapper } from './wrappers.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { aiModelOf, modelOf, type ModelFacts } from './model-id.js';
import { findProperty, type SourceLike } from './resolve.js';

export interface ExtractOptions {
  /** `settings.promptlint.wrappers`: the app's own functions that forward to an SDK. */
  wrappers?: Wrapper[];
  /** Major version of the `ai` SDK (`maxTokens` is read only before 5). Default: 5 and later. */
  aiSdkVersion?: number;
}

export function arg(call: FoundCall['call'], i: number): Node | undefined {
  const a = call.arguments[i];
  return a && a.type !== 'SpreadElement' ? a : undefined;
}

export function requestOf(source: SourceLike, found: FoundCall, factories: ReadonlyMap<Node, NonNullable<ModelFacts['provider']>>, options: ExtractOptions): PromptRequest {
  if (found.shape && found.shape.kind !== 'lc-model' && found.shape.kind !== 'agent') return shapeRequest(source, found, factories, options);
  const { call, api } = found;
  const isLangchain = api === 'langchain';
  const ctorOptions = found.ctor ? found.ctor.arguments[0] : undefined;
  const settingsNode = isLangchain ? (ctorOptions && ctorOptions.type !== 'SpreadElement' ? ctorOptions : undefined) : arg(call, found.argIndex ?? 0);
  const input = isLangchain && found.shape?.kind !== 'lc-model' ? arg(call, 0) : undefined;

  const modelFacts: ModelFacts =
    api === 'ai-sdk'
      ? aiModelOf(source, settingsNode, factories)
      : isLangchain
        ? found.ctor
          ? modelOf(source, settingsNode, ['model', 'modelName'])
          : {}
        : modelOf(source, settingsNode);
  const provider = modelFacts.provider ?? found.provider;
  const modelId = modelFacts.model && 'value' in modelFacts.model ? modelFacts.model.value : undefined;

  const spreadArgs = !isLangchain && call.arguments[found.argIndex ?? 0]?.type === 'SpreadElement';
  const limit =
    isLangchain && !found.ctor
      ? { outputLimitName: undefined, outputLimit: { state: 'unknown' as const, reason: 'the model instance is created elsewhere' }, opaque: [] as string[] }
      : spreadArgs
        ? { outputLimitName: undefined, outputLimit: { state: 'unknown' as const, reason: 'the options are spread from an array' }, opaque: ['...arguments'] }
        : outputLimitOf(source, { api, ...(found.className ? { className: found.className } : {}), ...(modelId ? { model: modelId } : {}), ...(options.aiSdkVersion !== undefined ? { aiSdkVersion: options.aiSdkVersion } : {}) }, settingsNode);

  // openai v3's `createCompletion` (the legacy Completions endpoint) stops at 16 tokens when `max_tokens` is not sent
  if (found.className === 'OpenAIApi' && found.method === 'createCompletion' && limit.outputLimit?.state === 'absent' && !limit.outputLimit.ignored) {
    limit.outputLimit = { state: 'set', value: 16, name: 'max_tokens (default)' };
  }
  const content = messagesOf(source, api, isLangchain ? undefined : settingsNode, input);
  if (found.shape?.kind === 'agent' && settingsNode) {
    // ToolLoopAgent's `instructions` is the system prompt
    const instructions = findProperty(source, settingsNode, 'instructions');
    if (instructions.kind === 'found') content.messages.unshift(textMessage(source, 'system', instructions.value, content.cacheMarks));
  }

  const request: PromptRequest = {
    range: [found.callee.range[0], found.callee.range[1]],
    ...(provider ? { provider } : {}),
    ...(modelFacts.model ? { model: modelFacts.model } : {}),
    api,
    ...(limit.outputLimitName ? { outputLimitName: limit.outputLimitName } : {}),
    ...(limit.outputLimit ? { outputLimit: limit.outputLimit } : {}),
    messages: content.messages,
  };
  return finishRequest(source, found, request, content, settingsNode && !isLangchain ? settingsNode : undefined, limit.opaque);
}

/** Cache state, loop, history and request-level unknowns: the same for every request shape. */
export function finishRequest(source: SourceLike, found: FoundCall, request: PromptRequest, content: MessageFacts, settingsNode: Node | undefined, opaque: readonly string[]): PromptRequest {
  const { call, api } = found;
  const provider = request.provider;
  const caches = provider === 'anthropic';
  if (content.cacheMarks.length) {
    const m = content.cacheMarks[0]!;
    request.cache = { state: 'marked', range: [m.range[0], m.range[1]] };
  } else if (caches) {
    // a spread of unknown options may carry a marked `system`
    const opaqueOptions = settingsNode ? findProperty(source, settingsNode, 'system') : undefined;
    request.cache = opaqueOptions?.kind === 'absent' && opaqueOptions.opaque.length ? { state: 'unknown', reason: `the options include ${opaqueOptions.opaque.join(', ')}` } : { state: 'none' };
  }

  // a LangChain model's constructor is not a call: loops and history belong to the chain's calls
  if (found.shape?.kind !== 'lc-model') {
    const asCall = call as TSESTree.CallExpression;
    const loop = loopOf(source, asCall, api!, content.conversation);
    if (loop) request.loop = loop;
    const history = historyOf(source, asCall, content.conversation);
    if (history) request.history = history;
  }
  if (opaque.length) request.opaque = [...opaque];
  return request;
}
