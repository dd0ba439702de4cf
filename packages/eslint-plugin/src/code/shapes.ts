/**
 * Requests whose shape is not "an options object as the first argument": `@google/generative-ai`
 * (params spread over `getGenerativeModel`, `startChat` and the call), Bedrock runtime commands, and
 * HTTP calls to a provider's endpoint (the JSON body).
 */
import type { Message, OutputLimit, PromptRequest } from '@promptlint/core';
import { shortText, type Node } from './ast.js';
import type { FoundCall, Shape } from './find-calls.js';
import { outputLimitOf, type LimitFacts, type LimitSpec } from './limits.js';
import { geminiContents, geminiSystem, messagesOf, messageArray, textMessage, type MessageFacts } from './messages.js';
import { modelOf, type ModelFacts } from './model-id.js';
import { arg, finishRequest, type ExtractOptions } from './request.js';
import { findProperty, resolveValue, type SourceLike } from './resolve.js';
import { providerOfBedrockId } from './sdks.js';

const GOOGLE_LIMIT: LimitSpec = { canonical: 'generationConfig.maxOutputTokens', names: [['generationConfig', 'maxOutputTokens']] };
const GOOGLE_REST_LIMIT: LimitSpec = {
  canonical: 'generationConfig.maxOutputTokens',
  names: [['generationConfig', 'maxOutputTokens'], ['generation_config', 'max_output_tokens']],
};

/** Several places may set the limit (model, chat, call): the nearest one that says something wins. */
function firstLimit(facts: LimitFacts[]): LimitFacts {
  for (const f of facts) if (f.outputLimit && f.outputLimit.state !== 'absent') return f;
  return facts.find((f) => f.outputLimit?.state === 'absent' && f.outputLimit.ignored) ?? facts[0]!;
}

function objectArg(source: SourceLike, node: Node | undefined): Node | undefined {
  return node && resolveValue(source, node).type === 'ObjectExpression' ? node : undefined;
}

function googleLegacy(source: SourceLike, found: FoundCall, shape: Extract<Shape, { kind: 'google-legacy' }>): { limit: LimitFacts; content: MessageFacts; model: ModelFacts } {
  // getGenerativeModelFromCachedContent(cachedContent, modelParams?): the params come second
  const fromCache = /FromCachedContent$/.test(source.text.slice(shape.model.callee.range[0], shape.model.callee.range[1]));
  const paramsIndex = fromCache ? 1 : 0;
  const modelParams = objectArg(source, arg(shape.model, paramsIndex));
  const chatParams = shape.chat ? objectArg(source, arg(shape.chat, 0)) : undefined;
  const request = arg(found.call, 0);
  const requestObj = request && !shape.chat ? objectArg(source, request) : undefined;
  const marks: Node[] = [];
  const messages: Message[] = [];
  const sys = [requestObj, chatParams, modelParams].map((o) => (o ? findProperty(source, o, 'systemInstruction') : undefined)).find((p) => p?.kind === 'found');
  if (sys?.kind === 'found') messages.push(geminiSystem(source, sys.value, marks));
  let conversation: Node | undefined;
  if (chatParams) {
    const history = findProperty(source, chatParams, 'history');
    if (history.kind === 'found') {
      messages.push(...geminiContents(source, history.value, marks));
      conversation = history.value;
    }
  }
  if (requestObj) {
    const contents = findProperty(source, requestObj, 'contents');
    if (contents.kind === 'found') {
      messages.push(...geminiContents(source, contents.value, marks));
      conversation = contents.value;
    }
  } else if (request) {
    messages.push(...geminiContents(source, request, marks));
  }
  const content: MessageFacts = { messages, cacheMarks: marks, ...(conversation ? { conversation } : {}) };
  if (found.api === 'embeddings') return { limit: { opaque: [] }, content, model: modelOf(source, modelParams) };
  const facts = [requestObj, chatParams, modelParams]
    .filter((o): o is Node => o !== undefined)
    .map((o) => outputLimitOf(source, { api: 'google-genai', spec: GOOGLE_LIMIT }, o));
  // model params that are not an object literal (a variable from elsewhere) may set it
  const modelArg = arg(shape.model, paramsIndex);
  if (modelArg && !modelParams) facts.push({ outputLimitName: GOOGLE_LIMIT.canonical, outputLimit: { state: 'unknown', reason: `the model params are \`${shortText(source.text, modelArg)}\`` }, opaque: [shortText(source.text, modelArg)] });
  const limit = facts.length ? firstLimit(facts) : { outputLimitName: GOOGLE_LIMIT.canonical, outputLimit: { state: 'absent' } as OutputLimit, opaque: [] };
  return { limit, content, model: modelOf(source, modelParams) };
}

function bedrock(source: SourceLike, found: FoundCall, command: 'converse' | 'invoke'): { limit: LimitFacts; content: MessageFacts; model: ModelFacts; api: PromptRequest['api']; provider?: PromptRequest['provider'] } {
  const input = arg(found.call, 0);
  const model = modelOf(source, input, ['modelId']);
  const id = model.model && 'value' in model.model ? model.model.value : undefined;
  const provider = id ? providerOfBedrockId(id) : undefined;
  if (command === 'converse') {
    const marks: Node[] = [];
    const messages: Message[] = [];
    const system = input ? findProperty(source, input, 'system') : undefined;
    if (system?.kind === 'found') messages.push(textMessage(source, 'system', system.value, marks));
    const m = input ? findProperty(source, input, 'messages') : undefined;
    if (m?.kind === 'found') messages.push(...messageArray(source, m.value, marks));
    const limit = input ? outputLimitOf(source, { api: 'bedrock-converse' }, input) : { outputLimitName: 'inferenceConfig.maxTokens', outputLimit: { state: 'absent' } as OutputLimit, opaque: [] };
    return { limit, content: { messages, cacheMarks: marks, ...(m?.kind === 'found' ? { conversation: m.value } : {}) }, model, api: 'bedrock-converse', ...(provider ? { provider } : {}) };
  }
  // InvokeModel: the body is the model's native request (Anthropic Messages for Claude)
  const bodyProp = input ? findProperty(source, input, 'body') : undefined;
  const bodyValue = bodyProp?.kind === 'found' ? resolveValue(source, bodyProp.value) : undefined;
  const body =
    bodyValue?.type === 'CallExpression' && bodyValue.arguments[0] && bodyValue.arguments[0].type !== 'SpreadElement' && /(?:^|\.)stringify$/.test(source.text.slice(bodyValue.callee.range[0], bodyValue.callee.range[1]))
      ? bodyValue.arguments[0]
      : undefined;
  if (provider === 'anthropic' && body) {
    return { limit: outputLimitOf(source, { api: 'anthropic-messages' }, body), content: messagesOf(source, 'anthropic-messages', body), model, api: 'anthropic-messages', provider };
  }
  // other families name the limit their own way (max_gen_len, maxTokenCount, max_tokens, max_new_tokens)
  const spec: LimitSpec = {
    canonical: provider === 'meta' ? 'max_gen_len' : 'max_tokens',
    names: [['max_gen_len'], ['max_tokens'], ['maxTokenCount'], ['textGenerationConfig', 'maxTokenCount'], ['max_new_tokens'], ['inferenceConfig', 'max_new_tokens']],
  };
  const limit = body ? outputLimitOf(source, { api: 'bedrock-converse', spec }, body) : { opaque: [] };
  const known = provider === 'meta' || provider === 'anthropic';
  // without a known family we cannot say which name is missing: unknown, not absent
  const safe: LimitFacts = limit.outputLimit?.state === 'absent' && !known ? { outputLimitName: spec.canonical, outputLimit: { state: 'unknown', reason: "InvokeModel's body format depends on the model" }, opaque: [] } : limit;
  const content: MessageFacts = { messages: [], cacheMarks: [] };
  if (body) {
    const prompt = findProperty(source, body, 'prompt');
    if (prompt.kind === 'found') content.messages.push(textMessage(source, 'user', prompt.value, content.cacheMarks));
  }
  return { limit: safe, content, model, api: 'bedrock-converse', ...(provider ? { provider } : {}) };
}

function http(source: SourceLike, found: FoundCall, shape: Extract<Shape, { kind: 'http' }>): { limit: LimitFacts; content: MessageFacts; model: ModelFacts } {
  const { endpoint, body } = shape;
  if (!body || resolveValue(source, body).type !== 'ObjectExpression') {
    const what = body ? shortText(source.text, body) : (shape.opaque ?? 'the body');
    return { limit: { outputLimit: { state: 'unknown', reason: `the request body is \`${what}\`` }, opaque: [what] }, content: { messages: [], cacheMarks: [] }, model: {} };
  }
  const api = endpoint.api;
  const ctx = endpoint.googleRest ? { api, spec: GOOGLE_REST_LIMIT } : { api };
  let limit = outputLimitOf(source, ctx, body);
  if (endpoint.defaultLimit !== undefined && limit.outputLimit?.state === 'absent' && !limit.outputLimit.ignored) {
    limit = { ...limit, outputLimit: { state: 'set', value: endpoint.defaultLimit, name: 'max_tokens (default)' } };
  }
  let content: MessageFacts;
  if (endpoint.googleRest) {
    const marks: Node[] = [];
    const messages: Message[] = [];
    for (const key of ['systemInstruction', 'system_instruction']) {
      const s = findProperty(source, body, key);
      if (s.kind === 'found') messages.push(geminiSystem(source, s.value, marks));
    }
    const contents = findProperty(source, body, 'contents');
    if (contents.kind === 'found') messages.push(...geminiContents(source, contents.value, marks));
    content = { messages, cacheMarks: marks, ...(contents.kind === 'found' ? { conversation: contents.value } : {}) };
  } else if (endpoint.defaultLimit !== undefined) {
    const prompt = findProperty(source, body, 'prompt');
    content = { messages: prompt.kind === 'found' ? [textMessage(source, 'user', prompt.value, [])] : [], cacheMarks: [] };
  } else {
    content = messagesOf(source, api, body);
  }
  const model = modelOf(source, body);
  return { limit, content, model: !model.model && shape.urlModel ? { model: shape.urlModel } : model };
}

export function shapeRequest(source: SourceLike, found: FoundCall, _factories: ReadonlyMap<Node, NonNullable<ModelFacts['provider']>>, _options: ExtractOptions): PromptRequest {
  const shape = found.shape!;
  let r: { limit: LimitFacts; content: MessageFacts; model: ModelFacts; api?: PromptRequest['api']; provider?: PromptRequest['provider'] };
  let settings: Node | undefined;
  switch (shape.kind) {
    case 'google-legacy':
      r = googleLegacy(source, found, shape);
      break;
    case 'bedrock':
      r = bedrock(source, found, shape.command);
      settings = arg(found.call, 0);
      break;
    case 'http':
      r = http(source, found, shape);
      settings = shape.body;
      break;
    default:
      throw new Error(`unexpected request shape ${shape.kind}`);
  }
  const api = r.api ?? found.api;
  const provider = r.provider ?? r.model.provider ?? found.provider;
  const request: PromptRequest = {
    range: [found.callee.range[0], found.callee.range[1]],
    ...(provider ? { provider } : {}),
    ...(r.model.model ? { model: r.model.model } : {}),
    api,
    ...(r.limit.outputLimitName ? { outputLimitName: r.limit.outputLimitName } : {}),
    ...(r.limit.outputLimit ? { outputLimit: r.limit.outputLimit } : {}),
    messages: r.content.messages,
  };
  return finishRequest(source, { ...found, api }, request, r.content, settings && resolveValue(source, settings).type === 'ObjectExpression' ? settings : undefined, r.limit.opaque);
}


