/**
 * Is the request made once per item of a collection? `for...of`/`for...in`, `for` over `xs.length`,
 * `xs.forEach(async x => ...)`, `Promise.all(xs.map(async x => ...))`. `while` loops are not loops over
 * a collection (tool-calling loops): no fact. Same function only; when unsure, no fact.
 */
import type { LoopFact } from '@promptlint/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { contains, isFunction, memberName, shortText, unwrap, walk, type Node } from './ast.js';
import { findProperty, resolveValue, variableOf, type SourceLike } from './resolve.js';
import type { Api } from './sdks.js';

const ITERATION_METHODS = new Set(['forEach', 'map', 'flatMap']);
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'concat']);

/** Whether the value of `node` is awaited (directly, or as the callee of a member chain: `(await x).y`). */
function isAwaited(node: Node): boolean {
  let n: Node = node;
  while (n.parent) {
    const p: Node = n.parent;
    if (p.type === 'AwaitExpression') return true;
    if (p.type === 'ForOfStatement' && p.await && p.right === n) return true;
    if (
      p.type === 'MemberExpression' ||
      p.type === 'ChainExpression' ||
      p.type === 'TSNonNullExpression' ||
      p.type === 'TSAsExpression' ||
      (p.type === 'CallExpression' && p.callee === n)
    ) {
      n = p;
      continue;
    }
    return false;
  }
  return false;
}

function loopHeadRange(source: SourceLike, loop: Node, body: Node): [number, number] {
  let end = body.range[0];
  while (end > loop.range[0] && /\s/.test(source.text[end - 1]!)) end--;
  return [loop.range[0], end];
}

/** `i < xs.length` -> `xs`. */
function collectionOfForTest(source: SourceLike, test: Node | null): string | undefined {
  if (!test || test.type !== 'BinaryExpression' || (test.operator !== '<' && test.operator !== '<=')) return undefined;
  const right = unwrap(test.right);
  if (right.type === 'MemberExpression' && memberName(right) === 'length') return shortText(source.text, right.object);
  return undefined;
}

/** Variables used by the call's arguments (or the conversation) that the loop body writes to. */
function dependsOnPrevious(source: SourceLike, call: TSESTree.CallExpression, loop: Node, body: Node, conversation: Node | undefined): boolean {
  const roots: Node[] = [...call.arguments];
  if (conversation) roots.push(conversation);
  const ids: TSESTree.Identifier[] = [];
  for (const r of roots) walk(r, (n) => void (n.type === 'Identifier' ? ids.push(n) : undefined));
  for (const id of ids) {
    const v = variableOf(source, id);
    const def = v?.defs[0];
    if (!v || !def || contains(loop, def.name as Node)) continue;
    for (const ref of v.references) {
      const at = ref.identifier as Node;
      if (!contains(body, at) || at === id) continue;
      if (ref.isWrite()) return true;
      const p = at.parent;
      if (p?.type === 'MemberExpression' && p.object === at && MUTATING_METHODS.has(memberName(p) ?? '') && p.parent?.type === 'CallExpression') return true;
    }
  }
  return false;
}

const ARRAY_METHODS = new Set(['map', 'filter', 'slice', 'flatMap', 'flat', 'concat', 'splice']);

/**
 * True for embeddings requests that send one input per item (the endpoint takes an array): a string
 * expression, a one-element array, or a value derived from the loop's own item.
 */
function singleInput(source: SourceLike, options: Node | undefined, loop: Node): boolean {
  if (!options) return false;
  const input = findProperty(source, options, 'input');
  if (input.kind !== 'found') return false;
  const v = unwrap(input.value);
  if (v.type === 'ArrayExpression') return v.elements.length === 1 && v.elements[0]?.type !== 'SpreadElement';
  if (v.type === 'Literal' || v.type === 'TemplateLiteral' || (v.type === 'BinaryExpression' && v.operator === '+')) return true;
  if (v.type === 'CallExpression' && v.callee.type === 'MemberExpression' && ARRAY_METHODS.has(memberName(v.callee) ?? '')) return false;
  let root: Node = v;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type !== 'Identifier') return false;
  const def = variableOf(source, root)?.defs[0];
  if (!def || !contains(loop, def.name as Node)) return false;
  const init = def.node.type === 'VariableDeclarator' ? def.node.init : null;
  return !(init && resolveValue(source, init).type === 'ArrayExpression');
}

const HANDLER_NAMES = /^(?:GET|POST|PUT|PATCH|DELETE|handler|[a-z]\w*Handler)$/;
const ROUTE_METHODS = /^(?:get|post|put|patch|delete|all|use|handle|route|on)$/;

function functionName(fn: Node): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const p = fn.parent;
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if (p?.type === 'Property' || p?.type === 'MethodDefinition') return p.key.type === 'Identifier' ? p.key.name : undefined;
  return undefined;
}

/**
 * Is `node` inside an HTTP request handler (a Next.js route's `POST`, an API route's `handler(req,
 * res)`, a callback of `app.post(...)`, a function of `(req, ...)`)? Its caller waits for the
 * answer, so the Batch API's 24 hours do not fit, however many requests it fans out.
 */
export function inRequestHandler(node: Node): boolean {
  for (let n: Node | undefined = node.parent; n; n = n.parent) {
    if (!isFunction(n)) continue;
    if (HANDLER_NAMES.test(functionName(n) ?? '')) return true;
    const first = n.params[0];
    const firstName = first?.type === 'Identifier' ? first.name : first?.type === 'AssignmentPattern' && first.left.type === 'Identifier' ? first.left.name : undefined;
    if (firstName && /^(?:req|request)$/.test(firstName)) return true;
    const p = n.parent;
    if (p?.type === 'CallExpression' && p.arguments.includes(n as TSESTree.CallExpressionArgument)) {
      const callee = unwrap(p.callee);
      if (callee.type === 'MemberExpression' && ROUTE_METHODS.test(memberName(callee) ?? '') && p.arguments[0] !== n) return true;
    }
  }
  return false;
}

export function loopOf(source: SourceLike, call: TSESTree.CallExpression, api: Api, conversation: Node | undefined): LoopFact | undefined {
  const loop = loopFact(source, call, api, conversation);
  // a fan-out inside a request handler answers that request: only "one call with an array" (embeddings) applies
  if (loop && !loop.embeddings && inRequestHandler(call)) return undefined;
  return loop;
}

function loopFact(source: SourceLike, call: TSESTree.CallExpression, api: Api, conversation: Node | undefined): LoopFact | undefined {
  let awaited = isAwaited(call);
  let child: Node = call;
  let n: Node | undefined = call.parent;
  const extra = (loop: Node, body: Node): Partial<LoopFact> => ({
    ...(dependsOnPrevious(source, call, loop, body, conversation) ? { dependsOnPrevious: true } : {}),
    ...(api === 'embeddings' && singleInput(source, call.arguments[0], loop) ? { embeddings: true } : {}),
  });
  while (n) {
    if (isFunction(n)) {
      const p: Node | undefined = n.parent;
      if (p?.type === 'CallExpression' && p.arguments[0] === n) {
        const callee = unwrap(p.callee);
        const method = callee.type === 'MemberExpression' ? memberName(callee) : undefined;
        if (callee.type === 'MemberExpression' && method && ITERATION_METHODS.has(method) && (n.async || method !== 'forEach')) {
          return {
            range: [callee.range[0], callee.range[1]],
            style: 'concurrent',
            collection: shortText(source.text, callee.object),
            ...extra(p, n.body),
          };
        }
        // a wrapper that runs the callback now: `await withRetry(() => client.create(...))`
        if (isAwaited(p)) {
          awaited = true;
          child = p;
          n = p.parent;
          continue;
        }
      }
      return undefined;
    }
    if ((n.type === 'ForOfStatement' || n.type === 'ForInStatement') && child === n.body) {
      return {
        range: loopHeadRange(source, n, n.body),
        style: awaited ? 'sequential' : 'concurrent',
        collection: shortText(source.text, n.right),
        ...extra(n, n.body),
      };
    }
    if (n.type === 'ForStatement' && child === n.body) {
      const collection = collectionOfForTest(source, n.test);
      if (!collection) return undefined;
      return { range: loopHeadRange(source, n, n.body), style: awaited ? 'sequential' : 'concurrent', collection, ...extra(n, n.body) };
    }
    if ((n.type === 'WhileStatement' || n.type === 'DoWhileStatement') && child === n.body) return undefined;
    child = n;
    n = n.parent;
  }
  return undefined;
}
