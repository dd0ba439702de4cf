/**
 * Requests made without an SDK: `fetch(url, { body: JSON.stringify(payload) })`,
 * `axios.post(url, payload)`, `axios({ url, data })`, where the URL (its static text: a string, a
 * template literal, a concatenation, a constant) names a provider's endpoint (sdks.ts'
 * HTTP_ENDPOINTS). The payload is then read as that API's request body.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { calleeName, unwrap, walk, type Node } from './ast.js';
import type { FoundCall } from './find-calls.js';
import { findProperty, resolveValue, variableOf, type SourceLike } from './resolve.js';
import { HTTP_ENDPOINTS, HTTP_HOSTS_RE, type HttpEndpoint } from './sdks.js';

const HOLE = '\u0000';

/** The URL's static text, with `\0` where a dynamic part goes (`${base}/v1/messages` -> `\0/v1/messages`). */
export function urlPattern(source: SourceLike, node: Node, depth = 0): string {
  if (depth > 8) return HOLE;
  const n = resolveValue(source, node);
  if (n.type === 'Literal') return typeof n.value === 'string' ? n.value : HOLE;
  if (n.type === 'TemplateLiteral') {
    let s = '';
    n.quasis.forEach((q, i) => {
      s += q.value.cooked ?? q.value.raw;
      const e = n.expressions[i];
      if (e) s += urlPattern(source, e, depth + 1);
    });
    return s;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') return urlPattern(source, n.left, depth + 1) + urlPattern(source, n.right, depth + 1);
  if (n.type === 'NewExpression' && calleeName(n.callee) === 'URL' && n.arguments[0] && n.arguments[0].type !== 'SpreadElement') {
    const path = urlPattern(source, n.arguments[0], depth + 1);
    const base = n.arguments[1] && n.arguments[1].type !== 'SpreadElement' ? urlPattern(source, n.arguments[1], depth + 1) : '';
    return base + path;
  }
  return HOLE;
}

export function endpointOf(url: string): HttpEndpoint | undefined {
  return HTTP_ENDPOINTS.find((e) => e.pattern.test(url));
}

function isGlobal(source: SourceLike, id: Node): boolean {
  return id.type === 'Identifier' && !variableOf(source, id)?.defs.length;
}

/** `JSON.stringify(x)` -> x; anything else -> undefined. */
function stringified(source: SourceLike, node: Node): Node | undefined {
  const n = resolveValue(source, node);
  if (n.type !== 'CallExpression' || calleeName(n.callee) !== 'JSON.stringify') return undefined;
  const a = n.arguments[0];
  return a && a.type !== 'SpreadElement' ? a : undefined;
}

function arg(call: TSESTree.CallExpression, i: number): Node | undefined {
  const a = call.arguments[i];
  return a && a.type !== 'SpreadElement' ? a : undefined;
}

/** The URL and the payload of an HTTP call, or undefined when it is not one we read. */
function httpParts(source: SourceLike, call: TSESTree.CallExpression): { url: Node; body: Node | undefined; opaque?: string } | undefined {
  const callee = unwrap(call.callee);
  const name = calleeName(callee);
  const root = callee.type === 'MemberExpression' ? unwrap(callee.object) : callee;
  if (name === 'fetch' || name === 'globalThis.fetch' || name === 'window.fetch') {
    if (name === 'fetch' && !isGlobal(source, callee)) return undefined;
    const url = arg(call, 0);
    if (!url) return undefined;
    const init = arg(call, 1);
    if (!init) return { url, body: undefined, opaque: 'no body' };
    const body = findProperty(source, init, 'body');
    if (body.kind !== 'found') return { url, body: undefined, opaque: body.opaque.join(', ') || 'no body' };
    const payload = stringified(source, body.value);
    return payload ? { url, body: payload } : { url, body: undefined, opaque: source.text.slice(body.value.range[0], body.value.range[1]) };
  }
  if (root.type !== 'Identifier' || !/^(?:axios|ky|got|\w+Axios|\w*[hH]ttp\w*)$/.test(root.name)) return undefined;
  if (callee.type === 'MemberExpression' && /\.(?:post|put)$/.test(name ?? '')) {
    const url = arg(call, 0);
    if (!url) return undefined;
    const data = arg(call, 1);
    if (!data) return { url, body: undefined, opaque: 'no body' };
    // ky/got: `{ json: payload }`
    const json = resolveValue(source, data).type === 'ObjectExpression' ? findProperty(source, data, 'json') : undefined;
    return { url, body: json?.kind === 'found' && root.name !== 'axios' ? json.value : data };
  }
  if (callee.type === 'Identifier' || /\.request$/.test(name ?? '')) {
    const cfg = arg(call, 0);
    if (!cfg) return undefined;
    const url = findProperty(source, cfg, 'url');
    if (url.kind !== 'found') return undefined;
    const data = findProperty(source, cfg, 'data');
    return data.kind === 'found' ? { url: url.value, body: data.value } : { url: url.value, body: undefined, opaque: data.opaque.join(', ') || 'no body' };
  }
  return undefined;
}

/** Every HTTP call to a provider's generation endpoint in the file. */
export function findHttpCalls(source: SourceLike, program: TSESTree.Program, _globalScope: TSESLint.Scope.Scope): FoundCall[] {
  if (!HTTP_HOSTS_RE.test(source.text)) return [];
  const out: FoundCall[] = [];
  walk(program, (n) => {
    if (n.type !== 'CallExpression') return;
    const parts = httpParts(source, n);
    if (!parts) return;
    const url = urlPattern(source, parts.url);
    const endpoint = endpointOf(url);
    if (!endpoint) return;
    // Google's REST URL names the model: `.../models/gemini-2.5-flash:generateContent`
    const urlModel = endpoint.googleRest ? /\/models\/([^:/?\u0000]+):/.exec(url)?.[1] : undefined;
    out.push({
      api: endpoint.api,
      sdk: 'http',
      provider: endpoint.provider,
      call: n,
      callee: n.callee,
      shape: { kind: 'http', endpoint, body: parts.body, ...(parts.opaque ? { opaque: parts.opaque } : {}), ...(urlModel ? { urlModel: { value: urlModel, range: [parts.url.range[0], parts.url.range[1]] } } : {}) },
    });
  });
  return out;
}
