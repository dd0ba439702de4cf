import type { Rule } from '../rule.js';
import maxPromptTokens from './max-prompt-tokens.js';
import noDynamicPrefix from './no-dynamic-prefix.js';
import noFillerPhrases from './no-filler-phrases.js';
import noRedundantWhitespace from './no-redundant-whitespace.js';
import noUnboundedHistory from './no-unbounded-history.js';
import noUnboundedInput from './no-unbounded-input.js';
import noVerboseJson from './no-verbose-json.js';
import preferBatchApi from './prefer-batch-api.js';
import preferCompactData from './prefer-compact-data.js';
import requireCacheControl from './require-cache-control.js';
import requireLengthLimit from './require-length-limit.js';
import requireMaxTokens from './require-max-tokens.js';

/** Every rule, in the order of the README's rules table. */
export const rules: readonly Rule<any>[] = [
  noDynamicPrefix,
  requireCacheControl,
  noVerboseJson,
  preferCompactData,
  noRedundantWhitespace,
  noFillerPhrases,
  requireMaxTokens,
  requireLengthLimit,
  noUnboundedHistory,
  noUnboundedInput,
  maxPromptTokens,
  preferBatchApi,
];

export const rulesById: ReadonlyMap<string, Rule<any>> = new Map(rules.map((r) => [r.meta.id, r]));
