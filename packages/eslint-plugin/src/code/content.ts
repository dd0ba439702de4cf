/**
 * Prompt content expressions -> parts: string literals, template literals (quasis static, expressions
 * slots), `+` concatenation, constants in the file, `[...].join(sep)`, `.trim()`, dedent tags, and
 * `JSON.stringify(x, null, 2)` (a slot that remembers its indentation and how to drop it).
 */
import type { Part, SlotPart, StaticPart } from '@promptlint/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, memberName, shortText, unwrap, type Node } from './ast.js';
import { foreignSourceOf } from './modules.js';
import { numberValue, resolveValue, stringValue, variableOf, type SourceLike } from './resolve.js';
import { classifySlot } from './slots.js';
import { unboundedOf } from './unbounded.js';

const MAX_DEPTH = 16;
const DEDENT_TAGS = /^(?:dedent|outdent|stripIndent|stripIndents|endent|ts\.dedent|oneLine|html|sql|md|markdown)$/;

function staticFromLiteral(source: SourceLike, node: TSESTree.Literal, value: string): StaticPart {
  const range = [node.range[0] + 1, node.range[1] - 1] as const;
  return { type: 'static', text: value, range, exact: source.text.slice(range[0], range[1]) === value };
}

function staticFromQuasi(source: SourceLike, q: TSESTree.TemplateElement): StaticPart | undefined {
  const cooked = q.value.cooked;
  const raw = q.value.raw;
  const text = cooked ?? raw;
  if (text.length === 0) return undefined;
  const first = source.text[q.range[0]];
  const start = q.range[0] + (first === '`' || first === '}' ? 1 : 0);
  const range = [start, start + raw.length] as const;
  return { type: 'static', text, range, exact: cooked === raw && source.text.slice(range[0], range[1]) === raw };
}

/** Is `node` the global `JSON.stringify`? */
function isJsonStringify(source: SourceLike, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || memberName(callee) !== 'stringify') return false;
  const obj = unwrap(callee.object);
  if (obj.type !== 'Identifier' || obj.name !== 'JSON') return false;
  return !variableOf(source, obj)?.defs.length;
}

/** The indentation of `JSON.stringify(x, replacer, indent)`, or `undefined` when compact. */
export function prettyJsonOf(source: SourceLike, call: TSESTree.CallExpression): SlotPart['prettyJson'] | undefined {
  if (!isJsonStringify(source, call)) return undefined;
  const [value, replacer, space] = call.arguments;
  if (!value || !replacer || !space || space.type === 'SpreadElement' || replacer.type === 'SpreadElement') return undefined;
  let indent: string | undefined;
  const n = numberValue(source, space);
  if (n.kind === 'number') indent = n.value >= 1 ? ' '.repeat(Math.min(10, Math.floor(n.value))) : undefined;
  else {
    const s = stringValue(source, space);
    if (s !== undefined) indent = s.length ? s.slice(0, 10) : undefined;
    else if (n.kind === 'unknown') indent = undefined;
  }
  if (indent === undefined) return undefined;
  const rep = numberValue(source, replacer);
  const dropFrom = rep.kind === 'none' ? value : replacer;
  return { indent, fix: { range: [dropFrom.range[1], space.range[1]], text: '' } };
}

/** A slot at `node`'s range, named and classified by `nameNode` (the value it holds). */
function slot(source: SourceLike, node: Node, nameNode: Node = node, prettyJson?: SlotPart['prettyJson'], name?: string): SlotPart {
  const n = unwrap(nameNode);
  name ??= n.type === 'Identifier' ? n.name : shortText(source.text, n);
  const unbounded = unboundedOf(source, nameNode);
  return {
    type: 'slot',
    name,
    kind: classifySlot(source, nameNode),
    range: [node.range[0], node.range[1]],
    ...(prettyJson ? { prettyJson } : {}),
    ...(unbounded ? { unbounded } : {}),
  };
}

/** Removes leading whitespace from the first static part and trailing from the last (ranges follow). */
function trimParts(parts: Part[], start: boolean, end: boolean): Part[] {
  const out = parts.map((p) => ({ ...p }));
  if (start) {
    const first = out[0];
    if (first?.type === 'static') {
      const k = first.text.length - first.text.trimStart().length;
      first.text = first.text.slice(k);
      if (first.range) first.range = first.exact ? [first.range[0] + k, first.range[1]] : first.range;
    }
  }
  if (end) {
    const last = out[out.length - 1];
    if (last?.type === 'static') {
      const k = last.text.length - last.text.trimEnd().length;
      last.text = last.text.slice(0, last.text.length - k);
      if (last.range) last.range = last.exact ? [last.range[0], last.range[1] - k] : last.range;
    }
  }
  return out.filter((p) => p.type !== 'static' || p.text.length > 0);
}

/** What dedent-style tags do: strip the common indentation and the first and last blank line. */
function dedentParts(parts: Part[]): Part[] {
  let min = Infinity;
  for (const p of parts) {
    if (p.type !== 'static') continue;
    for (const m of p.text.matchAll(/\n([ \t]*)(?=[^\s])/g)) min = Math.min(min, m[1]!.length);
  }
  const cut = Number.isFinite(min) ? min : 0;
  const out: Part[] = parts.map((p) => {
    if (p.type !== 'static') return p;
    const text = cut ? p.text.replace(new RegExp(`\\n[ \\t]{0,${cut}}`, 'g'), '\n') : p.text;
    return { ...p, text, exact: false };
  });
  const first = out[0];
  if (first?.type === 'static') first.text = first.text.replace(/^[ \t]*\n/, '');
  const last = out[out.length - 1];
  if (last?.type === 'static') last.text = last.text.replace(/\n[ \t]*$/, '');
  return out.filter((p) => p.type !== 'static' || p.text.length > 0);
}

function joinParts(source: SourceLike, arr: TSESTree.ArrayExpression, sep: string, depth: number): Part[] | undefined {
  const out: Part[] = [];
  arr.elements.forEach((el, i) => {
    if (i > 0 && sep) out.push({ type: 'static', text: sep });
    if (!el) return;
    if (el.type === 'SpreadElement') out.push(slot(source, el.argument));
    else out.push(...contentParts(source, el, depth + 1));
  });
  return out;
}

/**
 * The parts of a content expression. `useSite` keeps slot ranges where the value is used (the
 * `${today}` in a template) while the value itself may be a constant defined elsewhere.
 */
export function contentParts(source: SourceLike, node: Node, depth = 0): Part[] {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return [slot(source, n)];
  // a node of another module (an imported message's content): read it there, place it here
  const mod = foreignSourceOf(n);
  if (mod && mod !== (source as unknown)) return relocate(contentParts(mod, n, depth + 1), mod);
  switch (n.type) {
    case 'Literal':
      if (typeof n.value === 'string') return n.value.length ? [staticFromLiteral(source, n, n.value)] : [];
      if (typeof n.value === 'number' || typeof n.value === 'boolean') return [{ type: 'static', text: String(n.value) }];
      return [slot(source, n)];
    case 'TemplateLiteral': {
      const out: Part[] = [];
      n.quasis.forEach((q, i) => {
        const s = staticFromQuasi(source, q);
        if (s) out.push(s);
        const e = n.expressions[i];
        if (e) out.push(...contentParts(source, e, depth + 1));
      });
      return out;
    }
    case 'TaggedTemplateExpression': {
      const tag = calleeName(n.tag);
      if (tag && DEDENT_TAGS.test(tag)) return dedentParts(contentParts(source, n.quasi, depth + 1));
      return [slot(source, n)];
    }
    case 'BinaryExpression':
      if (n.operator === '+') return [...contentParts(source, n.left, depth + 1), ...contentParts(source, n.right, depth + 1)];
      return [slot(source, n)];
    case 'Identifier': {
      const r = resolveValue(source, n);
      if (r === n) return [slot(source, n)];
      const foreign = foreignPartsOf(source, n, r, depth);
      if (foreign) return foreign;
      if (isStaticShape(r)) return contentParts(source, r, depth + 1);
      if (r.type === 'CallExpression') {
        // `const requestPrompt = promptFromHints(hints)`: what the function returns
        const returned = returnedTemplate(source, r, depth);
        if (returned) return returned;
        const pretty = prettyJsonOf(source, r);
        if (pretty) return [slot(source, n, r.arguments[0]!, pretty, n.name)];
      }
      // a constant whose value is computed (a call result): a slot named by the constant
      return [slot(source, n)];
    }
    case 'MemberExpression': {
      const r = resolveValue(source, n);
      const foreign = r !== n ? foreignPartsOf(source, n, r, depth) : undefined;
      if (foreign) return foreign;
      if (r !== n && isStaticShape(r)) return contentParts(source, r, depth + 1);
      return [slot(source, n)];
    }
    case 'CallExpression': {
      const pretty = prettyJsonOf(source, n);
      if (pretty) return [slot(source, n, n.arguments[0]!, pretty)];
      // `dedent(\`...\`)` called rather than used as a tag
      const fnName = calleeName(n.callee);
      const only = n.arguments.length === 1 ? n.arguments[0] : undefined;
      if (fnName && DEDENT_TAGS.test(fnName) && only && only.type !== 'SpreadElement' && isStaticShape(unwrap(only))) return dedentParts(contentParts(source, only, depth + 1));
      const returned = returnedTemplate(source, n, depth);
      if (returned) return returned;
      const callee = unwrap(n.callee);
      if (callee.type === 'MemberExpression') {
        const method = memberName(callee);
        if (method === 'trim' || method === 'trimStart' || method === 'trimEnd') {
          const inner = resolveValue(source, callee.object);
          if (isStaticShape(inner)) return trimParts(contentParts(source, inner, depth + 1), method !== 'trimEnd', method !== 'trimStart');
        }
        if (method === 'join') {
          const arr = resolveValue(source, callee.object);
          const sepNode = n.arguments[0];
          const sep = sepNode ? stringValue(source, sepNode) : ',';
          if (arr.type === 'ArrayExpression' && sep !== undefined) {
            const parts = joinParts(source, arr, sep, depth);
            if (parts) return parts;
          }
        }
      }
      return [slot(source, n)];
    }
    default:
      return [slot(source, n)];
  }
}

/**
 * A value defined in another module (followed through imports by the untyped module graph): its parts,
 * read with that module's source, become parts of this file's prompt. They have no range here (the
 * text is elsewhere: findings fall back to the message that holds them, in this file), and each slot
 * is named after where it sits (`lib/prompts.ts:53 requestHints.latitude`).
 */
function foreignPartsOf(source: SourceLike, _local: Node, value: Node, depth: number): Part[] | undefined {
  const mod = foreignSourceOf(value);
  if (!mod || mod === (source as unknown) || (!isStaticShape(value) && value.type !== 'CallExpression')) return undefined;
  const parts = contentParts(mod, value, depth + 1);
  return relocate(parts, mod);
}

function relocate(parts: Part[], mod: NonNullable<ReturnType<typeof foreignSourceOf>>): Part[] {
  return parts.map((p): Part => {
    if (p.type === 'static') return { type: 'static', text: p.text, ...(p.cacheBreakpoint ? { cacheBreakpoint: true } : {}) };
    const where = p.range ? `${mod.label}:${mod.lineOf(p.range[0])}` : mod.label;
    // no range: the text is in the other module; findings fall back to the message's range here
    const { prettyJson: _drop, range: _range, ...rest } = p;
    return { ...rest, name: /^\S+:\d+ /.test(p.name) ? p.name : `${where} ${p.name}` };
  });
}

/**
 * `systemPrompt({ ... })`, where the function (here or in another module) returns a template: its
 * parts, parameters and everything else dynamic as slots. Only a function whose body is an
 * expression, or whose last statement returns.
 */
function returnedTemplate(source: SourceLike, call: TSESTree.CallExpression, depth: number): Part[] | undefined {
  if (depth > MAX_DEPTH - 4) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'Identifier') return undefined;
  const fn = resolveValue(source, callee);
  if (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression' && fn.type !== 'FunctionDeclaration') return undefined;
  if (fn.async || fn.generator) return undefined;
  let returned: Node | undefined;
  if (fn.body.type !== 'BlockStatement') returned = fn.body;
  else {
    const last = fn.body.body[fn.body.body.length - 1];
    if (last?.type === 'ReturnStatement' && last.argument) returned = last.argument;
  }
  if (!returned || !isStaticShape(unwrap(returned))) return undefined;
  const mod = foreignSourceOf(fn);
  if (mod && mod !== (source as unknown)) return relocate(contentParts(mod, returned, depth + 1), mod);
  // same file: the template's own ranges are in this file
  return contentParts(source, returned, depth + 1);
}

/** Shapes whose text we can read (possibly with slots inside). */
function isStaticShape(n: Node): boolean {
  if (n.type === 'Literal') return typeof n.value === 'string';
  if (n.type === 'TemplateLiteral' || n.type === 'BinaryExpression' || n.type === 'TaggedTemplateExpression') return true;
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const m = memberName(n.callee);
    return m === 'join' || m === 'trim' || m === 'trimStart' || m === 'trimEnd';
  }
  if (n.type === 'CallExpression' && n.arguments.length === 1 && DEDENT_TAGS.test(calleeName(n.callee) ?? '')) return true;
  return false;
}
