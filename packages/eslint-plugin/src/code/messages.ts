/**
 * Request content -> messages, per API shape: chat message arrays, content-part arrays, Anthropic
 * `system` blocks with `cache_control`, Responses `instructions`/`input`, Gemini
 * `systemInstruction`/`contents`, the `ai` SDK's `system`/`prompt`/`messages` (with
 * `providerOptions.anthropic.cacheControl`), LangChain message classes and tuples.
 */
import type { Message, Part, Role } from '@promptlint/core';
import { calleeName, memberName, shortText, unwrap, type Node } from './ast.js';
import { contentParts } from './content.js';
import { findPath, findProperty, resolveValue, stringValue, variableOf, type SourceLike } from './resolve.js';
import { foreignSourceOf } from './modules.js';
import { classifySlot } from './slots.js';
import type { Api } from './sdks.js';

export interface MessageFacts {
  messages: Message[];
  /** A cache marker was seen (its range). */
  cacheMarks: Node[];
  /** The node that carries the conversation (for history facts): `messages`, `contents`, `input`. */
  conversation?: Node;
}

const ROLE_ALIASES: Record<string, Role> = {
  system: 'system',
  developer: 'developer',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  model: 'assistant',
  tool: 'tool',
  function: 'tool',
};

const LANGCHAIN_MESSAGE_CLASSES: Record<string, Role> = {
  SystemMessage: 'system',
  HumanMessage: 'user',
  AIMessage: 'assistant',
  ToolMessage: 'tool',
  FunctionMessage: 'tool',
};

function roleOf(source: SourceLike, node: Node | undefined): Role {
  if (!node) return 'unknown';
  const s = stringValue(source, node);
  return (s !== undefined && ROLE_ALIASES[s.toLowerCase()]) || 'unknown';
}

function range(node: Node): [number, number] {
  return [node.range[0], node.range[1]];
}

export function slotMessage(source: SourceLike, node: Node, role: Role = 'unknown'): Message {
  const n = unwrap(node);
  const name = n.type === 'Identifier' ? n.name : shortText(source.text, n);
  return { role, parts: [{ type: 'slot', name, kind: classifySlot(source, n), range: range(n) }], range: range(n) };
}

/** True when an object has a cache marker: `cache_control` or `providerOptions.anthropic.cacheControl`. */
function cacheMarkOf(source: SourceLike, obj: Node): Node | undefined {
  const cc = findProperty(source, obj, 'cache_control');
  if (cc.kind === 'found') return cc.property;
  for (const key of ['providerOptions', 'experimental_providerMetadata', 'providerMetadata']) {
    const p = findPath(source, obj, [key, 'anthropic', 'cacheControl']);
    if (p.kind === 'found') return p.property;
  }
  return undefined;
}

function markLast(parts: Part[]): void {
  const last = parts[parts.length - 1];
  if (last) last.cacheBreakpoint = true;
}

/** A content value: a string-ish expression or an array of content blocks. */
export function contentValue(source: SourceLike, node: Node, marks: Node[]): Part[] {
  const v = resolveValue(source, node);
  if (v.type !== 'ArrayExpression') return contentParts(source, node);
  const parts: Part[] = [];
  for (const el of v.elements) {
    if (!el) continue;
    if (el.type === 'SpreadElement') {
      parts.push(...slotMessage(source, el.argument).parts);
      continue;
    }
    const block = resolveValue(source, el);
    if (block.type === 'ObjectExpression') {
      const text = findProperty(source, block, 'text');
      const blockParts = text.kind === 'found' ? contentValue(source, text.value, marks) : [];
      if (text.kind !== 'found') {
        // Gemini parts and Anthropic documents: `{ inlineData }`, `{ type: 'image', source }` carry no text we count
        const type = findProperty(source, block, 'type');
        const t = type.kind === 'found' ? stringValue(source, type.value) : undefined;
        if (t === undefined && type.kind === 'found') blockParts.push(...slotMessage(source, block).parts);
      }
      const mark = cacheMarkOf(source, block);
      if (mark) {
        marks.push(mark);
        markLast(blockParts);
      }
      parts.push(...blockParts);
      continue;
    }
    parts.push(...contentParts(source, el));
  }
  return parts;
}

/** One element of a message array. */
function messageOf(source: SourceLike, el: Node, marks: Node[], contentKey: 'content' | 'parts'): Message {
  const v = resolveValue(source, el);
  if (v.type === 'ObjectExpression') {
    const role = findProperty(source, v, 'role');
    const content = findProperty(source, v, contentKey);
    const parts = content.kind === 'found' ? contentValue(source, content.value, marks) : [];
    if (content.kind !== 'found' && content.opaque.length) parts.push(...slotMessage(source, v).parts);
    const mark = cacheMarkOf(source, v);
    if (mark) {
      marks.push(mark);
      markLast(parts);
    }
    return { role: role.kind === 'found' ? roleOf(source, role.value) : 'unknown', parts, range: range(v) };
  }
  if (v.type === 'NewExpression' || v.type === 'CallExpression') {
    const cls = calleeName(v.callee);
    const role = cls ? LANGCHAIN_MESSAGE_CLASSES[cls.split('.').pop()!] : undefined;
    const arg = v.arguments[0];
    if (role && arg && arg.type !== 'SpreadElement') {
      const obj = resolveValue(source, arg);
      const content = obj.type === 'ObjectExpression' ? findProperty(source, obj, 'content') : undefined;
      const parts = content?.kind === 'found' ? contentValue(source, content.value, marks) : contentValue(source, arg, marks);
      return { role, parts, range: range(v) };
    }
  }
  if (v.type === 'ArrayExpression' && v.elements.length === 2) {
    // LangChain tuples: ['system', '...']
    const [r, c] = v.elements;
    if (r && c && r.type !== 'SpreadElement' && c.type !== 'SpreadElement' && stringValue(source, r) !== undefined) {
      return { role: roleOf(source, r), parts: contentValue(source, c, marks), range: range(v) };
    }
  }
  return slotMessage(source, el);
}

const MUTATORS = new Set(['push', 'unshift', 'splice']);

/** An array variable that is appended to somewhere (its initializer is only where it starts). */
function isMutatedArray(source: SourceLike, node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const v = variableOf(source, n);
  return !!v?.references.some((r) => {
    const id = r.identifier as Node;
    const p = id.parent;
    return p?.type === 'MemberExpression' && p.object === id && MUTATORS.has(memberName(p) ?? '') && p.parent?.type === 'CallExpression';
  });
}

/** A message array (literal, constant, or opaque) -> messages. */
export function messageArray(source: SourceLike, node: Node, marks: Node[], contentKey: 'content' | 'parts' = 'content'): Message[] {
  const v = resolveValue(source, node);
  if (v.type !== 'ArrayExpression') {
    const m = slotMessage(source, node);
    for (const p of m.parts) if (p.type === 'slot' && p.kind === 'unknown') p.kind = 'history';
    return [m];
  }
  const out: Message[] = [];
  for (const el of v.elements) {
    if (!el) continue;
    if (el.type === 'SpreadElement') {
      // `...systemMessages`: a constant array (here or imported) is its messages
      const spread = resolveValue(source, el.argument);
      if (spread.type === 'ArrayExpression' && spread !== v && !isMutatedArray(source, el.argument)) {
        const local = foreignSourceOf(spread) ? range(el) : undefined;
        for (const m of messageArray(source, spread, marks, contentKey)) out.push(local ? { ...m, range: local } : m);
      } else out.push(slotMessage(source, el.argument));
    } else out.push(messageOf(source, el, marks, contentKey));
  }
  if (isMutatedArray(source, node)) {
    // the messages appended later: a history slot after the initial ones
    const later = slotMessage(source, node);
    for (const p of later.parts) if (p.type === 'slot') p.kind = 'history';
    out.push(later);
  }
  return out;
}

export function textMessage(source: SourceLike, role: Role, node: Node, marks: Node[]): Message {
  return { role, parts: contentValue(source, node, marks), range: range(unwrap(node)) };
}

/** Gemini `systemInstruction`: a string, a part, a Content (`{ parts }`), or an array of parts. */
export function geminiSystem(source: SourceLike, node: Node, marks: Node[]): Message {
  const v = resolveValue(source, node);
  if (v.type === 'ObjectExpression') {
    const parts = findProperty(source, v, 'parts');
    if (parts.kind === 'found') return { role: 'system', parts: contentValue(source, parts.value, marks), range: range(v) };
    const text = findProperty(source, v, 'text');
    if (text.kind === 'found') return textMessage(source, 'system', text.value, marks);
  }
  return textMessage(source, 'system', node, marks);
}

export function geminiContents(source: SourceLike, node: Node, marks: Node[]): Message[] {
  const v = resolveValue(source, node);
  if (v.type === 'ArrayExpression') {
    const objects = v.elements.filter((e) => e && e.type !== 'SpreadElement' && resolveValue(source, e).type === 'ObjectExpression');
    const hasRoles = objects.some((e) => findProperty(source, resolveValue(source, e!), 'parts').kind === 'found');
    if (hasRoles) return messageArray(source, v, marks, 'parts');
    return [{ role: 'user', parts: contentValue(source, v, marks), range: range(v) }];
  }
  if (v.type === 'ObjectExpression') {
    return [messageOf(source, v, marks, 'parts')].map((m) => (m.role === 'unknown' ? { ...m, role: 'user' as Role } : m));
  }
  return [textMessage(source, 'user', node, marks)];
}

/** The messages a request sends, by API shape. `options` is the request's options object. */
export function messagesOf(source: SourceLike, api: Api, options: Node | undefined, input?: Node): MessageFacts {
  const marks: Node[] = [];
  const messages: Message[] = [];
  let conversation: Node | undefined;
  const prop = (name: string) => (options ? findProperty(source, options, name) : undefined);
  const found = (name: string) => {
    const p = prop(name);
    return p?.kind === 'found' ? p.value : undefined;
  };
  switch (api) {
    case 'openai-chat': {
      const m = found('messages');
      if (m) messages.push(...messageArray(source, m, marks));
      conversation = m;
      break;
    }
    case 'openai-responses': {
      const instructions = found('instructions');
      if (instructions) messages.push(textMessage(source, 'system', instructions, marks));
      const inp = found('input');
      if (inp) {
        const v = resolveValue(source, inp);
        if (v.type === 'ArrayExpression') messages.push(...messageArray(source, inp, marks));
        else messages.push(textMessage(source, 'user', inp, marks));
        conversation = inp;
      }
      break;
    }
    case 'embeddings': {
      const inp = found('input');
      if (inp) messages.push(textMessage(source, 'user', inp, marks));
      break;
    }
    case 'anthropic-messages': {
      const system = found('system');
      if (system) messages.push(textMessage(source, 'system', system, marks));
      const m = found('messages');
      if (m) messages.push(...messageArray(source, m, marks));
      conversation = m;
      break;
    }
    case 'google-genai': {
      const sys = options ? findPath(source, options, ['config', 'systemInstruction']) : undefined;
      const sysNode = sys?.kind === 'found' ? sys.value : found('systemInstruction');
      if (sysNode) messages.push(geminiSystem(source, sysNode, marks));
      const contents = found('contents');
      if (contents) messages.push(...geminiContents(source, contents, marks));
      conversation = contents;
      break;
    }
    case 'ai-sdk': {
      const system = found('system');
      if (system) messages.push(textMessage(source, 'system', system, marks));
      const m = found('messages');
      if (m) messages.push(...messageArray(source, m, marks));
      const prompt = found('prompt');
      if (prompt) {
        const v = resolveValue(source, prompt);
        if (v.type === 'ArrayExpression') messages.push(...messageArray(source, prompt, marks));
        else messages.push(textMessage(source, 'user', prompt, marks));
      }
      conversation = m ?? prompt;
      if (options) {
        const callMark = cacheMarkOf(source, options);
        if (callMark) marks.push(callMark);
      }
      break;
    }
    case 'langchain': {
      if (input) {
        const v = resolveValue(source, input);
        if (v.type === 'ArrayExpression') messages.push(...messageArray(source, input, marks));
        else if (v.type === 'ObjectExpression' || v.type === 'NewExpression') messages.push(messageOf(source, input, marks, 'content'));
        else messages.push({ ...textMessage(source, 'user', input, marks) });
        conversation = input;
      }
      break;
    }
    default:
      break;
  }
  return { messages, cacheMarks: marks, ...(conversation ? { conversation } : {}) };
}

