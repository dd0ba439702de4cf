/**
 * `settings.promptlint.wrappers`: an app's own functions that forward to an LLM SDK. Each entry names
 * the module (a package name as imported, or a path relative to the working directory), the export
 * (`chat`, or a member path on it: `llm.generate`), the request shape it forwards its argument to
 * (`api`) and optionally which argument holds the request (`argument`, default 0) and the provider:
 *
 *   settings: { promptlint: { wrappers: [
 *     { module: 'src/lib/llm.ts', export: 'chat', api: 'openai-chat' },
 *   ] } }
 *
 * A call to it is then read as a request of that shape (its output limit, messages, loops).
 */
import { resolve as resolvePath } from 'node:path';
import type { Provider } from '@promptlint/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { memberChainFrom, type Node } from './ast.js';
import type { FoundCall } from './find-calls.js';
import { resolveModule } from './modules.js';
import { variableOf, type SourceLike } from './resolve.js';
import type { Api } from './sdks.js';

export interface Wrapper {
  module: string;
  export: string;
  api: Api;
  provider?: Provider;
  argument?: number;
}

const APIS: readonly Api[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'google-genai', 'bedrock-converse', 'ai-sdk', 'embeddings'];
const PROVIDERS: readonly Provider[] = ['openai', 'anthropic', 'google', 'meta', 'deepseek', 'other'];
const DEFAULT_PROVIDER: Partial<Record<Api, Provider>> = { 'openai-chat': 'openai', 'openai-responses': 'openai', 'anthropic-messages': 'anthropic', 'google-genai': 'google' };

/** Validates the setting; a clear error for the first bad entry. */
export function parseWrappers(value: unknown): { ok: true; wrappers: Wrapper[] } | { ok: false; error: string } {
  const where = 'settings.promptlint.wrappers';
  if (!Array.isArray(value)) return { ok: false, error: `${where}: expected an array of { module, export, api }, got ${JSON.stringify(value)}` };
  const out: Wrapper[] = [];
  for (const [i, w] of value.entries()) {
    const at = `${where}[${i}]`;
    if (!w || typeof w !== 'object' || Array.isArray(w)) return { ok: false, error: `${at}: expected an object { module, export, api }` };
    const o = w as Record<string, unknown>;
    for (const k of Object.keys(o)) if (!['module', 'export', 'api', 'provider', 'argument'].includes(k)) return { ok: false, error: `${at}: unknown key "${k}" (keys: module, export, api, provider, argument)` };
    if (typeof o.module !== 'string' || !o.module) return { ok: false, error: `${at}.module: expected a package name or a path relative to the working directory` };
    if (typeof o.export !== 'string' || !/^[\w$]+(?:\.[\w$]+)*$/.test(o.export)) return { ok: false, error: `${at}.export: expected an export name or a member path such as "llm.generate"` };
    if (typeof o.api !== 'string' || !APIS.includes(o.api as Api)) return { ok: false, error: `${at}.api: expected one of ${APIS.join(', ')}, got ${JSON.stringify(o.api)}` };
    if (o.provider !== undefined && !PROVIDERS.includes(o.provider as Provider)) return { ok: false, error: `${at}.provider: expected one of ${PROVIDERS.join(', ')}` };
    if (o.argument !== undefined && (typeof o.argument !== 'number' || !Number.isInteger(o.argument) || o.argument < 0)) return { ok: false, error: `${at}.argument: expected the index of the argument that holds the request (0, 1, ...)` };
    out.push({ module: o.module, export: o.export, api: o.api as Api, ...(o.provider ? { provider: o.provider as Provider } : {}), ...(o.argument !== undefined ? { argument: o.argument as number } : {}) });
  }
  return { ok: true, wrappers: out };
}

const isPath = (m: string) => m.startsWith('.') || m.startsWith('/') || /\.[cm]?[jt]sx?$/.test(m) || m.includes('/') && !m.startsWith('@');
const stripExt = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');

/** Does the import `specifier` (in `file`) name the wrapper's module? */
function sameModule(file: string | undefined, specifier: string, w: Wrapper): boolean {
  if (specifier === w.module) return true;
  if (!isPath(w.module) || !file) return false;
  const target = stripExt(resolvePath(process.cwd(), w.module));
  const resolved = resolveModule(file, specifier);
  return !!resolved && stripExt(resolved) === target;
}

/** May the file call a wrapper? (for the prefilter: an import of its module, or of any local module when one is a path) */
export function mayImportWrapper(program: TSESTree.Program, wrappers: readonly Wrapper[]): boolean {
  if (!wrappers.length) return false;
  const anyPath = wrappers.some((w) => isPath(w.module));
  for (const stmt of program.body) {
    if (stmt.type !== 'ImportDeclaration' && stmt.type !== 'ExportNamedDeclaration' && stmt.type !== 'ExportAllDeclaration') continue;
    const spec = stmt.source?.value;
    if (typeof spec !== 'string') continue;
    if (wrappers.some((w) => w.module === spec)) return true;
    // the app's own modules: relative paths and the usual aliases (`@/lib/llm`, `~/lib/llm`, `#lib/llm`)
    if (anyPath && (spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/') || spec.startsWith('#'))) return true;
  }
  return false;
}

/** Calls to configured wrappers in the file (ES imports of the export, or of the module's namespace). */
export function findWrapperCalls(source: SourceLike, program: TSESTree.Program, wrappers: readonly Wrapper[], file: string | undefined): FoundCall[] {
  const out: FoundCall[] = [];
  if (!wrappers.length) return out;
  for (const stmt of program.body) {
    if (stmt.type !== 'ImportDeclaration' || stmt.importKind === 'type') continue;
    for (const w of wrappers) {
      if (!sameModule(file, stmt.source.value, w)) continue;
      const [first, ...rest] = w.export.split('.');
      for (const spec of stmt.specifiers) {
        let path: string[];
        if (spec.type === 'ImportNamespaceSpecifier') path = [first!, ...rest];
        else {
          const imported = spec.type === 'ImportDefaultSpecifier' ? 'default' : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
          if (imported !== first) continue;
          path = rest;
        }
        for (const ref of variableOf(source, spec.local)?.references ?? []) {
          const id = ref.identifier as Node;
          if (id === spec.local) continue;
          const chain = memberChainFrom(id);
          if (!chain.call || chain.path.join('.') !== path.join('.')) continue;
          const provider = w.provider ?? DEFAULT_PROVIDER[w.api];
          out.push({ api: w.api, sdk: 'wrapper', ...(provider ? { provider } : {}), call: chain.call, callee: chain.end, method: w.export, ...(w.argument ? { argIndex: w.argument } : {}) });
        }
      }
    }
  }
  return out;
}
