/** The rule API: one file per rule, exporting metadata and a pure check over the prompt model. */
import type { DocumentKind, PromptDocument, PromptRequest, Range } from './model.js';
import type { JsonSchema } from './options.js';
import type { Pricing, Savings } from './savings.js';

export type RuleFamily = 'cacheability' | 'verbose-format' | 'unbounded-output' | 'oversized-context' | 'batching';

export interface RuleMeta<O> {
  id: string;
  family: RuleFamily;
  /** One sentence, shown in `--help`, SARIF and the docs. */
  description: string;
  /** In `recommended` (high precision: safe to turn on in CI on day one). */
  recommended: boolean;
  /** In `strict` (adds the heuristic rules). Every recommended rule is in strict. */
  strict: boolean;
  /** Severity the presets give this rule. */
  defaultSeverity: 'error' | 'warn';
  /** The rule offers autofixes (`--fix`); only whitespace and JSON layout are ever fixed. */
  fixable?: boolean;
  /** The rule offers suggestions (edits that may change meaning; never applied by `--fix`). */
  hasSuggestions?: boolean;
  /** Document kinds the rule applies to; all when absent. */
  appliesTo?: readonly DocumentKind[];
  defaultOptions: O;
  schema: JsonSchema;
}

export interface Fix {
  range: Range;
  text: string;
}

export interface Suggestion {
  desc: string;
  fix: Fix;
}

/** What a rule returns: the engine adds the rule id, severity and line/column. */
export interface RuleFinding {
  message: string;
  range: Range;
  savings: Savings;
  fix?: Fix;
  suggestions?: Suggestion[];
}

export interface RuleContext<O> {
  document: PromptDocument;
  request: PromptRequest;
  options: O;
  pricing: Pricing;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta<O>;
  check(context: RuleContext<O>): RuleFinding[];
}

/** Identity with types: `export default defineRule({ meta, check })`. */
export function defineRule<O>(rule: Rule<O>): Rule<O> {
  return rule;
}
