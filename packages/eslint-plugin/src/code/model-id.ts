/**
 * The model a request names, and (for the `ai` SDK) the provider it implies: a constant string, a
 * provider factory call (`openai('gpt-4o')`, `createAnthropic(...)('claude-...')`) or a gateway id
 * (`'openai/gpt-4o'`). Anything else is `{ unknown }`, which the engine prices with the default model.
 */
import type { PromptRequest, Provider } from '@promptlint/core';
import { shortText, type Node } from './ast.js';
import { findProperty, resolveValue, stringValue, type SourceLike } from './resolve.js';
import { providerOfGatewayId } from './sdks.js';

export interface ModelFacts {
  model?: PromptRequest['model'];
  provider?: Provider;
}

function rangeOf(node: Node): [number, number] {
  return [node.range[0], node.range[1]];
}

/** A model expression: constant string or not. */
function modelFromValue(source: SourceLike, node: Node): PromptRequest['model'] {
  const s = stringValue(source, node);
  return s !== undefined ? { value: s, range: rangeOf(node) } : { unknown: shortText(source.text, node), range: rangeOf(node) };
}

/** The model named under one of `keys` in an options object. */
export function modelOf(source: SourceLike, options: Node | undefined, keys: readonly string[] = ['model']): ModelFacts {
  if (!options) return {};
  const opaque: string[] = [];
  for (const key of keys) {
    const p = findProperty(source, options, key);
    if (p.kind === 'found') return { model: modelFromValue(source, p.value) };
    opaque.push(...p.opaque);
  }
  return opaque.length ? { model: { unknown: opaque.join(', ') } } : {};
}

/** The `ai` SDK's `model` option: a factory call, a gateway id, or unknown. */
export function aiModelOf(source: SourceLike, options: Node | undefined, factories: ReadonlyMap<Node, Provider>): ModelFacts {
  if (!options) return {};
  const p = findProperty(source, options, 'model');
  if (p.kind !== 'found') return p.opaque.length ? { model: { unknown: p.opaque.join(', ') } } : {};
  const v = resolveValue(source, p.value);
  if (v.type === 'CallExpression') {
    const provider = factories.get(v);
    const arg = v.arguments[0];
    if (provider) {
      if (arg && arg.type !== 'SpreadElement') return { provider, model: modelFromValue(source, arg) };
      return { provider, model: { unknown: shortText(source.text, v), range: rangeOf(v) } };
    }
  }
  const s = stringValue(source, p.value);
  if (s !== undefined) {
    const provider = providerOfGatewayId(s);
    return { model: { value: s, range: rangeOf(p.value) }, ...(provider ? { provider } : {}) };
  }
  return { model: { unknown: shortText(source.text, p.value), range: rangeOf(p.value) } };
}
