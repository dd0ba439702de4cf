/**
 * The prefilter's one promise, checked wherever tests run the real tracking: it never turns away a
 * file in which find-calls' import tracking finds an SDK call or an `ai` SDK model. Used by the
 * RuleTester runs (every valid and invalid case of every rule), the extraction helper and the
 * prefilter's own tests.
 */
import type { CodeSource } from '../../src/code/extract.js';
import { findCalls } from '../../src/code/find-calls.js';
import { mayCallLlmSdk } from '../../src/code/prefilter.js';

export interface PrefilterVerdict {
  admitted: boolean;
  /** Calls plus `ai` SDK model factories the full tracking finds (what extraction builds requests from). */
  tracked: number;
}

/** Runs both on one ESLint `SourceCode`; throws when the prefilter would hide what the tracking finds. */
export function auditPrefilter(sourceCode: unknown, label = 'file'): PrefilterVerdict {
  const source = sourceCode as CodeSource;
  const admitted = mayCallLlmSdk(source);
  const globalScope = source.scopeManager?.globalScope ?? source.getScope(source.ast);
  const { calls, modelFactories } = findCalls(source, source.ast, globalScope);
  const tracked = calls.length + modelFactories.size;
  if (tracked > 0 && !admitted) {
    throw new Error(`prefilter: turned away ${label}, in which the import tracking finds ${calls.length} call(s) and ${modelFactories.size} model(s)`);
  }
  return { admitted, tracked };
}
