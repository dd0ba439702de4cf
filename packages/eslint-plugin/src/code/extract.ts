/**
 * A code file -> a `PromptDocument` (kind `code`): one request per LLM SDK call found. Cached per
 * `SourceCode` so that every rule of a lint run shares one extraction, and never throws: an
 * unexpected error skips the file (a crashing lint rule would kill the user's whole run).
 */
import type { PromptDocument } from '@promptlint/core';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findCalls } from './find-calls.js';
import { requestOf, type ExtractOptions } from './request.js';
import type { SourceLike } from './resolve.js';
import { setLintContext } from './modules.js';
import { sdkMajorVersion } from './versions.js';

/** What extraction reads from ESLint's `SourceCode`. */
export interface CodeSource extends SourceLike {
  ast: TSESTree.Program;
  scopeManager: TSESLint.Scope.ScopeManager | null;
  getLocFromIndex(index: number): { line: number; column: number };
}

export type Extraction = { ok: true; document: PromptDocument } | { ok: false; error: unknown };

/** Extracts without a cache; throws on unexpected input (callers use `extractCached`). */
export function extractDocument(source: CodeSource, options: ExtractOptions = {}, path?: string): PromptDocument {
  // `settings.promptlint.aiSdkVersion` wins; else the version installed (or depended on) next to the file
  if (options.aiSdkVersion === undefined && /['"]ai['"]/.test(source.text)) {
    const v = sdkMajorVersion(path, 'ai');
    if (v !== undefined) options = { ...options, aiSdkVersion: v };
  }
  const globalScope = source.scopeManager?.globalScope ?? source.getScope(source.ast);
  const { calls, modelFactories } = findCalls(source, source.ast, globalScope, options.wrappers ?? [], path);
  const requests = calls.map((c) => requestOf(source, c, modelFactories, options));
  return { text: source.text, kind: 'code', requests, ...(path ? { path } : {}) };
}

const cache = new WeakMap<object, Map<string, Extraction>>();

/** Counts of extractions and skipped files in this process (tests assert no skips on the corpus). */
export const extractionStats = { extracted: 0, skipped: 0, lastError: undefined as unknown };

/** The document of a file, extracted once per `SourceCode` (and options); `ok: false` when it failed. */
export function extractCached(source: CodeSource, options: ExtractOptions = {}, path?: string, parser?: unknown): Extraction {
  const key = JSON.stringify(options);
  let byOptions = cache.get(source);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(source, byOptions);
  }
  const hit = byOptions.get(key);
  if (hit) return hit;
  let result: Extraction;
  try {
    // the untyped module graph parses imported modules with the parser of the file being linted
    setLintContext(path ? { filename: path, ...(parser ? { parser } : {}) } : undefined);
    result = { ok: true, document: extractDocument(source, options, path) };
    extractionStats.extracted++;
  } catch (error) {
    result = { ok: false, error };
    extractionStats.skipped++;
    extractionStats.lastError = error;
  } finally {
    setLintContext(undefined);
  }
  byOptions.set(key, result);
  return result;
}
