/**
 * A cheap, conservative test run before any extraction: can `findCalls` find anything in this file?
 * Most code ESLint sees never imports an LLM SDK, and for it every rule should return no listeners.
 *
 * It looks only where find-calls' import tracking starts, without walking the AST:
 *
 * - ES modules: the top-level `import`/`export ... from` statements (eslint-utils'
 *   `iterateEsmReferences` and `typeReferencesOf` read nothing else; `import()` is not tracked);
 * - HTTP: a provider's host name anywhere in the text (`fetch('https://api.openai.com/...')`);
 * - CommonJS: every reference to a global `require` (declared, or undeclared as in
 *   `undeclaredRequireReferences`), and to the global objects eslint-utils reads `require` from
 *   (`globalThis.require(...)`).
 *
 * A file is rejected only when none of these can reach an SDK module: each import's source is another
 * module, and each `require` is called directly with a plain string naming another module. Anything
 * else (an aliased `require`, a computed module name, `globalThis[x]`, a parser without scope
 * analysis) admits the file, and the full tracking decides.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { HTTP_HOSTS_RE, SDK_MODULES } from './sdks.js';
import { mayImportWrapper, type Wrapper } from './wrappers.js';

/** A file that imports a configured wrapper's module (`settings.promptlint.wrappers`) may call it. */
function mayImportWrapperSafe(source: PrefilterSource, wrappers: readonly Wrapper[]): boolean {
  try {
    return mayImportWrapper(source.ast, wrappers);
  } catch {
    return true;
  }
}

type Scope = TSESLint.Scope.Scope;
type Node = TSESTree.Node;

/** What the prefilter reads from ESLint's `SourceCode`. */
export interface PrefilterSource {
  ast: TSESTree.Program;
  /** The file's text: a provider's host name in it may be an HTTP call without an SDK. */
  text?: string;
  scopeManager: { globalScope: Scope | null } | null;
}

/** The global objects eslint-utils' ReferenceTracker reads globals from (its default list). */
const GLOBAL_OBJECTS = ['global', 'globalThis', 'self', 'window'];

const isSdkModule = (value: unknown): boolean => typeof value !== 'string' || SDK_MODULES.has(value);

/** `import ... from 'x'`, `export ... from 'x'`, `import x = require('x')`: may it name an SDK module? */
function statementMayImportSdk(stmt: TSESTree.ProgramStatement): boolean {
  switch (stmt.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
      return isSdkModule(stmt.source.value);
    case 'ExportNamedDeclaration':
      return stmt.source != null && isSdkModule(stmt.source.value);
    case 'TSImportEqualsDeclaration': {
      const ref = stmt.moduleReference;
      if (ref.type !== 'TSExternalModuleReference') return false;
      return ref.expression.type !== 'Literal' || isSdkModule(ref.expression.value);
    }
    default:
      return false;
  }
}

/** A reference to `require` that is harmless: `require('<a string that is not an SDK module>')`. */
function isPlainOtherRequire(id: Node): boolean {
  const call = id.parent;
  if (call?.type !== 'CallExpression' || call.callee !== id) return false;
  const arg = call.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' && !SDK_MODULES.has(arg.value);
}

/** A read of a global object that cannot reach `require`: `globalThis.foo` (not `.require`, not computed). */
function isHarmlessGlobalObjectUse(id: Node): boolean {
  const member = id.parent;
  return (
    member?.type === 'MemberExpression' &&
    member.object === id &&
    !member.computed &&
    member.property.type === 'Identifier' &&
    member.property.name !== 'require'
  );
}

function referencesNamed(scope: Scope, name: string): Node[] {
  const out: Node[] = [];
  const variable = scope.set.get(name);
  if (variable) for (const r of variable.references) out.push(r.identifier as Node);
  for (const r of scope.through) if (r.identifier.type === 'Identifier' && r.identifier.name === name) out.push(r.identifier as Node);
  return out;
}

/**
 * False only when no import, export or `require` of the file can reach an LLM SDK module, so that
 * `findCalls` would find nothing; true otherwise. Never throws (anything unexpected admits the file).
 */
export function mayCallLlmSdk(source: PrefilterSource): boolean {
  try {
    const globalScope = source.scopeManager?.globalScope;
    if (!globalScope || !Array.isArray(source.ast?.body)) return true;
    for (const stmt of source.ast.body) if (statementMayImportSdk(stmt)) return true;
    const text = source.text;
    if (typeof text !== 'string' || HTTP_HOSTS_RE.test(text)) return true;
    for (const id of referencesNamed(globalScope, 'require')) if (!isPlainOtherRequire(id)) return true;
    for (const name of GLOBAL_OBJECTS) {
      for (const id of referencesNamed(globalScope, name)) if (!isHarmlessGlobalObjectUse(id)) return true;
    }
    return false;
  } catch {
    return true;
  }
}

const verdicts = new WeakMap<object, boolean>();

/** Counts of files the prefilter let through and turned away in this process. */
export const prefilterStats = { admitted: 0, rejected: 0 };

/** `mayCallLlmSdk`, once per `SourceCode` (every rule of a lint run asks about the same file). */
export function mayCallLlmSdkCached(source: PrefilterSource, wrappers: readonly Wrapper[] = []): boolean {
  let verdict = verdicts.get(source);
  if (verdict === undefined) {
    verdict = mayCallLlmSdk(source) || mayImportWrapperSafe(source, wrappers);
    verdicts.set(source, verdict);
    if (verdict) prefilterStats.admitted++;
    else prefilterStats.rejected++;
  }
  return verdict;
}
