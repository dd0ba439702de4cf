/**
 * Does the request resend a conversation that grows across turns? A messages array (or a prompt
 * string) that is appended to (`push`, `x = [...x, m]`, `x = x.concat(m)`, `prompt += ...`) across calls
 * (declared outside the calling function, a class field, or appended inside the same loop as the
 * call) and passed whole. Trimmed when it is sliced from the end (`slice(-10)`), shifted/spliced (a
 * token-budget loop) or summarised in between; `slice(0, -1)` and `slice(0, i)` are not trimming.
 */
import type { HistoryFact } from '@promptlint/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, contains, enclosingFunction, memberName, shortText, unwrap, walk, type Node } from './ast.js';
import { numberValue, variableOf, type SourceLike } from './resolve.js';

const SUMMARISE = /summari[sz]e|compress|compact|condense|truncate|trim|prune|window|fitToBudget|limitTokens/i;

/** `x.slice(-10)`, `x.slice(x.length - 10)`, `x.slice(Math.max(0, x.length - 10))`: keeps only the last N. */
function isTrimmingSlice(source: SourceLike, call: Node): boolean {
  const c = unwrap(call);
  if (c.type !== 'CallExpression' || c.callee.type !== 'MemberExpression' || memberName(c.callee) !== 'slice') return false;
  const first = c.arguments[0];
  if (!first || first.type === 'SpreadElement' || c.arguments.length > 1) return false;
  const n = numberValue(source, first);
  if (n.kind === 'number') return n.value < 0;
  const text = source.text.slice(first.range[0], first.range[1]);
  return /\.length\s*-\s*\w+/.test(text) || /^-\s*\w+/.test(text.trim());
}

interface Target {
  name: string;
  /** Nodes that read or write the history (identifier references or `this.x` members). */
  uses: Node[];
  /** Where it is declared (undefined for class fields). */
  declaration?: Node;
  classField: boolean;
}

/** The history variable sent by `node` and whether the send itself trims it. */
function sentHistory(node: Node): { ref: Node; trimmedHere: boolean } | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier' || (n.type === 'MemberExpression' && n.object.type === 'ThisExpression')) return { ref: n, trimmedHere: false };
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') {
    const method = memberName(n.callee);
    const inner = sentHistory(n.callee.object);
    if (!inner) return undefined;
    if (method === 'slice') return inner;
    if (method === 'concat') return inner;
    return undefined;
  }
  if (n.type === 'ArrayExpression') {
    for (const el of n.elements) {
      if (el?.type === 'SpreadElement') {
        const inner = sentHistory(el.argument);
        if (inner) return inner;
      }
    }
  }
  return undefined;
}

function targetOf(source: SourceLike, ref: Node): Target | undefined {
  if (ref.type === 'Identifier') {
    const v = variableOf(source, ref);
    const def = v?.defs[0];
    if (!v || !def || (def.type !== 'Variable' && def.type !== 'Parameter')) return undefined;
    return { name: ref.name, uses: v.references.map((r) => r.identifier as Node), declaration: def.name as Node, classField: false };
  }
  if (ref.type === 'MemberExpression') {
    const name = memberName(ref);
    let cls: Node | undefined = ref.parent;
    while (cls && cls.type !== 'ClassBody') cls = cls.parent;
    if (!name || !cls) return undefined;
    const uses: Node[] = [];
    walk(cls, (n) => void (n.type === 'MemberExpression' && n.object.type === 'ThisExpression' && memberName(n) === name ? uses.push(n) : undefined));
    return { name: `this.${name}`, uses, classField: true };
  }
  return undefined;
}

interface Signals {
  grows: Node[];
  trims: Node[];
}

function isSameTarget(source: SourceLike, a: Node, target: Target): boolean {
  const n = unwrap(a);
  return target.uses.includes(n) || (n.type === 'Identifier' && !!target.declaration && variableOf(source, n)?.defs[0]?.name === target.declaration);
}

function signalsOf(source: SourceLike, target: Target): Signals {
  const grows: Node[] = [];
  const trims: Node[] = [];
  for (const use of target.uses) {
    const p = use.parent;
    if (!p) continue;
    if (p.type === 'MemberExpression' && p.object === use && p.parent?.type === 'CallExpression' && p.parent.callee === p) {
      const m = memberName(p);
      if (m === 'push' || m === 'unshift') grows.push(p.parent);
      if (m === 'shift' || m === 'splice' || m === 'pop') {
        if (m !== 'pop') trims.push(p.parent);
      }
      continue;
    }
    if (p.type === 'MemberExpression' && p.object === use && memberName(p) === 'length' && p.parent?.type === 'AssignmentExpression' && p.parent.left === p) {
      trims.push(p.parent);
      continue;
    }
    if (p.type === 'AssignmentExpression' && p.left === use) {
      const right = unwrap(p.right);
      if (p.operator === '+=') {
        grows.push(p);
        continue;
      }
      if (isTrimmingSlice(source, right) && right.type === 'CallExpression' && right.callee.type === 'MemberExpression' && isSameTarget(source, right.callee.object, target)) {
        trims.push(p);
        continue;
      }
      if (right.type === 'ArrayExpression' && right.elements.some((e) => e?.type === 'SpreadElement' && isSameTarget(source, e.argument, target))) {
        grows.push(p);
        continue;
      }
      if (right.type === 'CallExpression' && right.callee.type === 'MemberExpression' && memberName(right.callee) === 'concat' && isSameTarget(source, right.callee.object, target)) {
        grows.push(p);
        continue;
      }
      const inner = right.type === 'AwaitExpression' ? unwrap(right.argument) : right;
      if (inner.type === 'CallExpression' && SUMMARISE.test(calleeName(inner.callee) ?? '')) trims.push(p);
      continue;
    }
    if (p.type === 'CallExpression' && p.arguments.includes(use as TSESTree.CallExpressionArgument)) {
      if (SUMMARISE.test(calleeName(p.callee) ?? '')) trims.push(p);
    }
  }
  return { grows, trims };
}

function loopsAround(node: Node, stop: Node): Node[] {
  const out: Node[] = [];
  for (let n = node.parent; n && n !== stop; n = n.parent) {
    if (n.type === 'ForStatement' || n.type === 'ForOfStatement' || n.type === 'ForInStatement' || n.type === 'WhileStatement' || n.type === 'DoWhileStatement') out.push(n);
  }
  return out;
}

/** Whether appends at `grows` reach a later call: across calls of the function, or within a loop around both. */
function growsAcrossTurns(target: Target, call: Node, grows: Node[]): boolean {
  if (target.classField) return true;
  if (!target.declaration) return false;
  const fn = enclosingFunction(call);
  const declFn = enclosingFunction(target.declaration);
  if (declFn !== fn && !contains(fn, target.declaration)) return true;
  for (const loop of loopsAround(call, fn)) {
    if (contains(loop, target.declaration)) continue;
    const inLoop = grows.filter((g) => contains(loop, g));
    // a tool-calling loop appends tool results for one task; it is not a conversation across turns
    if (inLoop.some(isToolResultAppend)) return false;
    if (inLoop.length) return true;
  }
  return false;
}

/** `messages.push({ role: 'tool', ... })`, `{ tool_call_id }`, `{ type: 'tool_result' }`, `{ type: 'function_call_output' }`. */
function isToolResultAppend(grow: Node): boolean {
  if (grow.type !== 'CallExpression') return false;
  let found = false;
  for (const arg of grow.arguments) {
    walk(arg, (n) => {
      if (n.type !== 'Property') return;
      const key = n.key.type === 'Identifier' ? n.key.name : n.key.type === 'Literal' ? String(n.key.value) : '';
      const value = n.value.type === 'Literal' ? n.value.value : undefined;
      if (key === 'tool_call_id' || key === 'toolCallId' || (key === 'role' && value === 'tool') || (key === 'type' && (value === 'tool_result' || value === 'function_call_output' || value === 'tool-result'))) {
        found = true;
      }
    });
  }
  return found;
}

export function historyOf(source: SourceLike, call: TSESTree.CallExpression, conversation: Node | undefined): HistoryFact | undefined {
  if (!conversation) return undefined;
  const sent = sentHistory(conversation);
  if (!sent) return undefined;
  const target = targetOf(source, sent.ref);
  if (!target) return undefined;
  const { grows, trims } = signalsOf(source, target);
  if (!grows.length || !growsAcrossTurns(target, call, grows)) return undefined;
  const range: [number, number] = [conversation.range[0], conversation.range[1]];
  const sentTrimmed = isTrimmingSlice(source, unwrap(conversation)) || (unwrap(conversation).type === 'ArrayExpression' && containsTrimmingSlice(source, conversation));
  const state = sentTrimmed || trims.length ? 'trimmed' : 'grows';
  return { range, name: target.name || shortText(source.text, sent.ref), state, confidence: 'exact' };
}

function containsTrimmingSlice(source: SourceLike, node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'CallExpression' && isTrimmingSlice(source, n)) found = true;
  });
  return found;
}
