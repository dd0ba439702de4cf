/**
 * Classifies a dynamic value interpolated into a prompt by what it is: the current time, an id, user
 * data, a retrieved document, the request's input, the history. By expression first (`new Date()`,
 * `randomUUID()`), then by name (`today`, `sessionId`, `docs`).
 */
import type { SlotKind } from '@promptlint/core';
import { calleeName, lastName, memberName, unwrap, type Node } from './ast.js';
import { resolveValue, stringValue, type SourceLike } from './resolve.js';

const DATE_ONLY_METHODS = new Set(['toDateString', 'toLocaleDateString']);
const TIME_METHODS = new Set(['toISOString', 'toString', 'toLocaleString', 'toLocaleTimeString', 'toTimeString', 'toUTCString', 'toJSON', 'getTime', 'valueOf', 'format']);
const ID_CALLS = /^(?:(?:crypto\.)?randomUUID|uuid(?:v[1-7])?|v[1-7]|nanoid|cuid2?|ulid|createId|generateId)$/;
const TIME_FACTORIES = /^(?:dayjs|moment|DateTime\.now|DateTime\.local|DateTime\.utc|performance\.now|process\.hrtime(?:\.bigint)?)$/;

/** A format string with no time-of-day fields (`YYYY-MM-DD`, `yyyy-MM-dd`, `DATE_SHORT`). */
function isDateOnlyFormat(fmt: string): boolean {
  // Escaped text (`[at]`) out; only up to the last `]`: after it, each `[` would read to the end (quadratic).
  const end = fmt.lastIndexOf(']') + 1;
  return !/[Hhms]|A\b|LT|X|x/.test(fmt.slice(0, end).replace(/\[[^\]]*\]/g, '') + fmt.slice(end));
}

/** Is this expression "now" (a Date or date-library instance of the current time)? */
function isNow(source: SourceLike, node: Node, depth = 0): boolean {
  const n = depth === 0 ? unwrap(node) : resolveValue(source, node);
  if (n.type === 'NewExpression' && calleeName(n.callee) === 'Date' && n.arguments.length === 0) return true;
  if (n.type === 'CallExpression') {
    const name = calleeName(n.callee);
    if (name && TIME_FACTORIES.test(name) && n.arguments.length === 0) return true;
    if (name === 'Date.now') return true;
  }
  if (n.type === 'Identifier' && depth < 3) {
    const r = resolveValue(source, n);
    if (r !== n) return isNow(source, r, depth + 1);
  }
  return false;
}

/** Classifies by expression shape; `undefined` when the shape says nothing. */
function classifyExpression(source: SourceLike, node: Node, depth = 0): SlotKind | undefined {
  const n = unwrap(node);
  if (depth > 6) return undefined;
  if (isNow(source, n)) return 'timestamp';
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = memberName(n.callee);
    const obj = unwrap(n.callee.object);
    // new Date().toISOString().slice(0, 10) / .split('T')[0] -> date
    if ((method === 'slice' || method === 'substring' || method === 'substr') && obj.type === 'CallExpression') {
      const inner = classifyExpression(source, obj, depth + 1);
      const end = n.arguments[1];
      if (inner === 'timestamp' && end?.type === 'Literal' && typeof end.value === 'number' && end.value <= 10) return 'date';
      return inner;
    }
    if (method && DATE_ONLY_METHODS.has(method) && isNow(source, obj)) return 'date';
    if (method === 'format' && isNow(source, obj)) {
      const fmt = n.arguments[0] ? stringValue(source, n.arguments[0]) : undefined;
      return fmt !== undefined && isDateOnlyFormat(fmt) ? 'date' : 'timestamp';
    }
    if (method === 'toLocaleString' && isNow(source, obj)) {
      const opts = n.arguments[1] ? resolveValue(source, n.arguments[1]) : undefined;
      if (opts?.type === 'ObjectExpression' && !opts.properties.some((p) => p.type === 'Property' && /hour|minute|second|timeStyle/.test(source.text.slice(p.range[0], p.range[1])))) {
        return 'date';
      }
      return 'timestamp';
    }
    if (method && TIME_METHODS.has(method) && isNow(source, obj)) return 'timestamp';
  }
  if (n.type === 'MemberExpression' && n.computed && n.object.type === 'CallExpression') {
    // new Date().toISOString().split('T')[0]
    const split = n.object;
    if (split.callee.type === 'MemberExpression' && memberName(split.callee) === 'split' && classifyExpression(source, split.callee.object, depth + 1) === 'timestamp') {
      return 'date';
    }
  }
  if (n.type === 'CallExpression') {
    const name = calleeName(n.callee);
    if (name && ID_CALLS.test(name)) return 'identifier';
    if (name === 'Intl.DateTimeFormat') return 'date';
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && memberName(n.callee) === 'format') {
    // new Intl.DateTimeFormat(...).format(new Date())
    const arg = n.arguments[0];
    if (arg && isNow(source, arg)) return 'date';
  }
  if (n.type === 'Identifier' && depth < 4) {
    const r = resolveValue(source, n);
    if (r !== n) return classifyExpression(source, r, depth + 1);
  }
  if (n.type === 'AwaitExpression') return classifyExpression(source, n.argument, depth + 1);
  return undefined;
}

const NAME_RULES: [RegExp, SlotKind][] = [
  [/^(?:today|todays?_?date|current_?date|date_?today|date(?:_?str(?:ing)?)?|day)$/i, 'date'],
  [/(?:_date$|[a-z]Date$)/, 'date'],
  [/(?:^now$|^time$|_time$|[a-z]Time$|^timestamp$|_timestamp$|[a-z]Timestamp$|^datetime$|_datetime$|[a-z]DateTime$)/, 'timestamp'],
  [/(?:^now$|time_?stamp|date_?time|current_?time)/i, 'timestamp'],
  [/(?:^id$|^ID$|[a-z0-9]Ids?$|[a-z0-9]IDS?$|_ids?$|_IDS?$)/, 'identifier'],
  [/(?:uuid|guid|session|nonce|^counter$|^seq$)/i, 'identifier'],
  [/(?:history|conversation|transcript|turns|chat_?log|prev(?:ious)?_?messages|^messages$|^msgs$)/i, 'history'],
  [/(?:user(?!_?(?:input|message|query|question|prompt|text|request))|profile|customer|account|persona|preferences|settings|email|first_?name|last_?name|full_?name|^name$|locale|language|tenant|member)/i, 'user-data'],
  [/(?:doc|context|chunk|retriev|passage|snippet|article|knowledge|rag|search_?results?|results?$|sources?$|content|file|page|excerpt|evidence|facts|notes|data|records|rows|items|products|catalog|report|body|html|markdown|code|diff)/i, 'document'],
  [/(?:question|input|query|message|prompt|request|instruction|task|utterance|text|msg|^q$|^req$)/i, 'input'],
];

/** Classifies by name alone. */
export function classifyName(name: string | undefined): SlotKind {
  if (!name) return 'unknown';
  for (const [re, kind] of NAME_RULES) if (re.test(name)) return kind;
  return 'unknown';
}

/** Classifies a dynamic value interpolated into prompt content. */
export function classifySlot(source: SourceLike, node: Node): SlotKind {
  return classifyExpression(source, node) ?? classifyName(lastName(node));
}
