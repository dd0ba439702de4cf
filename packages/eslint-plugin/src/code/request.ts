/** One SDK call -> one `PromptRequest` of the prompt model. */
import type { PromptRequest } from '@promptlint/core';
import type { Node } from './ast.js';
import type { FoundCall } from './find-calls.js';
import { historyOf } from './history.js';
import { outputLimitOf } from './limits.js';
import { loopOf } from './loop.js';
import { messagesOf } from './messages.js';
import { aiModelOf, modelOf, type ModelFacts } from './model-id.js';
import { findProperty, type SourceLike } from './resolve.js';

export interface ExtractOptions {
  /** Major version of the `ai` SDK (`maxTokens` is read only before 5). Default: 5 and later. */
  aiSdkVersion?: number;
}

function arg(call: FoundCall['call'], i: number): Node | undefined {
  const a = call.arguments[i];
  return a && a.type !== 'SpreadElement' ? a : undefined;
}

export function requestOf(source: SourceLike, found: FoundCall, factories: ReadonlyMap<Node, NonNullable<ModelFacts['provider']>>, options: ExtractOptions): PromptRequest {
  const { call, api } = found;
  const isLangchain = api === 'langchain';
  const ctorOptions = found.ctor ? found.ctor.arguments[0] : undefined;
  const settingsNode = isLangchain ? (ctorOptions && ctorOptions.type !== 'SpreadElement' ? ctorOptions : undefined) : arg(call, 0);
  const input = isLangchain ? arg(call, 0) : undefined;

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

  const spreadArgs = !isLangchain && call.arguments[0]?.type === 'SpreadElement';
  const limit =
    isLangchain && !found.ctor
      ? { outputLimitName: undefined, outputLimit: { state: 'unknown' as const, reason: 'the model instance is created elsewhere' }, opaque: [] as string[] }
      : spreadArgs
        ? { outputLimitName: undefined, outputLimit: { state: 'unknown' as const, reason: 'the options are spread from an array' }, opaque: ['...arguments'] }
        : outputLimitOf(source, { api, ...(found.className ? { className: found.className } : {}), ...(modelId ? { model: modelId } : {}), ...(options.aiSdkVersion !== undefined ? { aiSdkVersion: options.aiSdkVersion } : {}) }, settingsNode);

  const content = messagesOf(source, api, isLangchain ? undefined : settingsNode, input);

  const request: PromptRequest = {
    range: [found.callee.range[0], found.callee.range[1]],
    ...(provider ? { provider } : {}),
    ...(modelFacts.model ? { model: modelFacts.model } : {}),
    api,
    ...(limit.outputLimitName ? { outputLimitName: limit.outputLimitName } : {}),
    ...(limit.outputLimit ? { outputLimit: limit.outputLimit } : {}),
    messages: content.messages,
  };

  const caches = provider === 'anthropic';
  if (content.cacheMarks.length) {
    const m = content.cacheMarks[0]!;
    request.cache = { state: 'marked', range: [m.range[0], m.range[1]] };
  } else if (caches) {
    // a spread of unknown options may carry a marked `system`
    const opaqueOptions = settingsNode && !isLangchain ? findProperty(source, settingsNode, 'system') : undefined;
    request.cache = opaqueOptions?.kind === 'absent' && opaqueOptions.opaque.length ? { state: 'unknown', reason: `the options include ${opaqueOptions.opaque.join(', ')}` } : { state: 'none' };
  }

  const loop = loopOf(source, call, api, content.conversation);
  if (loop) request.loop = loop;
  const history = historyOf(source, call, content.conversation);
  if (history) request.history = history;
  if (limit.opaque.length) request.opaque = limit.opaque;
  return request;
}
