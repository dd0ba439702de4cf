/**
 * Is a value interpolated into a prompt runtime data of unbounded size, with nothing bounding it on
 * the way? Sources: a file's contents (`readFileSync`, `readFile`, a LangChain document's
 * `pageContent`), a fetched response (`res.text()`/`res.json()` of a `fetch`, axios' `.data`), query
 * results (`findMany`, `.query(...)`, `.all()`), uploads (`file.text()` of a form's file), and
 * `JSON.stringify` of any of these. Bounded: a slice/substring/truncate/chunk call on the way, or a
 * `.length` comparison of the variable in the same function. Anything else is not marked.
 */
import type { SlotPart } from '@promptlint/core';
import { calleeName, enclosingFunction, memberName, shortText, unwrap, walk, type Node } from './ast.js';
import { resolveValue, variableOf, type SourceLike } from './resolve.js';

type Unbounded = NonNullable<SlotPart['unbounded']>;

const BOUNDING = /^(?:slice|substring|substr|truncate\w*|chunk\w*|split\w*|summari[sz]e\w*|limit\w*|clip\w*|shorten\w*|take|head|first\w*|trimTo\w*|fitTo\w*)$/i;
const FILE_CALLS = /(?:^|\.)(?:readFileSync|readFile)$/;
const QUERY_METHODS = /^(?:findMany|findAll|query|all|execute|select|scan|find)$/;

function callOf(n: Node): Node {
  let x = unwrap(n);
  while (x.type === 'AwaitExpression') x = unwrap(x.argument);
  return x;
}

/** The source of a value, following constants (same file) and `await`. */
function sourceOf(source: SourceLike, node: Node, depth: number): Unbounded | undefined {
  if (depth > 6) return undefined;
  const n = callOf(node);
  if (n.type === 'Identifier') {
    const r = resolveValue(source, n);
    if (r === n) return undefined;
    if (isBoundedUse(source, n)) return undefined;
    return sourceOf(source, r, depth + 1);
  }
  if (n.type === 'MemberExpression') {
    const name = memberName(n);
    // a LangChain document's text
    if (name === 'pageContent') return { source: 'file', origin: shortText(source.text, n) };
    // axios: `(await axios.get(url)).data`
    if (name === 'data') {
      const obj = callOf(n.object);
      const resolved = obj.type === 'Identifier' ? callOf(resolveValue(source, obj)) : obj;
      if (resolved.type === 'CallExpression' && /^(?:axios|got|ky)\.(?:get|post|request)$/.test(calleeName(resolved.callee) ?? '')) {
        return { source: 'fetch', origin: shortText(source.text, n) };
      }
    }
    return undefined;
  }
  if (n.type !== 'CallExpression') return undefined;
  const callee = unwrap(n.callee);
  const name = calleeName(callee) ?? '';
  if (FILE_CALLS.test(name)) return { source: 'file', origin: shortText(source.text, n) };
  if (name === 'JSON.stringify') {
    const arg = n.arguments[0];
    if (!arg || arg.type === 'SpreadElement') return undefined;
    const inner = sourceOf(source, arg, depth + 1);
    return inner ? { source: inner.source === 'file' ? 'file' : 'collection', origin: `JSON.stringify of ${inner.origin}` } : undefined;
  }
  if (callee.type === 'MemberExpression') {
    const method = memberName(callee) ?? '';
    if (BOUNDING.test(method)) return undefined;
    // `buffer.toString()`, `(await readFile(p)).toString('utf8')`
    if (method === 'toString') return sourceOf(source, callee.object, depth + 1);
    if (method === 'text' || method === 'json') {
      const obj = callOf(callee.object);
      const target = obj.type === 'Identifier' ? callOf(resolveValue(source, obj)) : obj;
      if (target.type === 'CallExpression') {
        const t = calleeName(target.callee) ?? '';
        if (t === 'fetch' || t.endsWith('.fetch')) return { source: 'fetch', origin: shortText(source.text, n) };
        // a form's file: `(await req.formData()).get('file')`
        const tc = unwrap(target.callee);
        if (tc.type === 'MemberExpression' && memberName(tc) === 'get' && /formData/.test(shortText(source.text, target, 200))) return { source: 'upload', origin: shortText(source.text, n) };
      }
      return undefined;
    }
    if (QUERY_METHODS.test(method) && /\b(?:db|prisma|knex|pool|client|sql|supabase|drizzle|collection|repo|repository|model|table)\b/i.test(shortText(source.text, callee.object, 200))) {
      return { source: 'query', origin: shortText(source.text, n) };
    }
    // `rows.map(...)`, `rows.join('\n')`: the same unbounded collection
    if (method === 'map' || method === 'join' || method === 'filter' || method === 'flatMap') return sourceOf(source, callee.object, depth + 1);
  }
  return undefined;
}

/** The variable is sliced, chunked or has its length compared somewhere in its function: bounded. */
function isBoundedUse(source: SourceLike, id: Node): boolean {
  if (id.type !== 'Identifier') return false;
  const v = variableOf(source, id);
  if (!v) return false;
  for (const r of v.references) {
    const ref = r.identifier as Node;
    const p = ref.parent;
    if (p?.type === 'MemberExpression' && p.object === ref) {
      const m = memberName(p);
      if (m === 'length' && p.parent?.type === 'BinaryExpression' && /[<>]/.test(p.parent.operator)) return true;
      if (m && BOUNDING.test(m)) return true;
    }
    if (p?.type === 'CallExpression' && p.arguments.includes(ref as never) && BOUNDING.test((calleeName(p.callee) ?? '').split('.').pop() ?? '')) return true;
  }
  return false;
}

/** The unbounded source of a slot's value, or undefined (bounded, or not something we recognise). */
export function unboundedOf(source: SourceLike, node: Node): Unbounded | undefined {
  try {
    const n = unwrap(node);
    // a cut applied right where it is interpolated
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && BOUNDING.test(memberName(n.callee) ?? '')) return undefined;
    const found = sourceOf(source, n, 0);
    if (!found) return undefined;
    // a length check on the value's root variable in the enclosing function
    const fn = enclosingFunction(n);
    let checked = false;
    const rootName = rootIdentifier(n);
    if (rootName) {
      walk(fn, (x) => {
        if (checked) return false;
        if (x.type === 'BinaryExpression' && /[<>]/.test(x.operator)) {
          const text = shortText(source.text, x, 400);
          if (new RegExp(`\\b${rootName}\\b[^<>]*\\.length`).test(text)) checked = true;
        }
        return undefined;
      });
    }
    return checked ? undefined : found;
  } catch {
    return undefined;
  }
}

function rootIdentifier(n: Node): string | undefined {
  let x = unwrap(n);
  for (;;) {
    if (x.type === 'Identifier') return x.name;
    if (x.type === 'MemberExpression') x = unwrap(x.object);
    else if (x.type === 'CallExpression' && x.callee.type === 'MemberExpression') x = unwrap(x.callee.object);
    else if (x.type === 'AwaitExpression') x = unwrap(x.argument);
    else return undefined;
  }
}
