/**
 * One ESLint rule per core rule, for both kinds of files: on a prompt file (the `prompt`
 * language's `PromptFile` root) it runs the core rule over the parsed prompt model; on anything
 * else it hands the context to the code-side rule, if the rule has one.
 */
import type { Rule as CoreRule } from '@promptlint/core';
import type { Rule } from 'eslint';
import { ruleDocsUrl } from '../rules/docs-url.js';
import { runCoreRule, type ReportContext } from './run-core-rule.js';
import type { PromptFileNode } from './types.js';

/** The shape of a code-side rule (ESLint's or typescript-eslint's `RuleModule`). */
export interface CodeRule {
  meta?: object;
  create(context: any): object;
}

/** ESLint rule metadata derived from the core rule's own. */
export function metaFromCore(rule: CoreRule<any>): Rule.RuleMetaData {
  const m = rule.meta;
  return {
    type: 'suggestion',
    docs: { description: m.description, recommended: m.recommended, url: ruleDocsUrl(m.id) },
    ...(m.fixable ? { fixable: 'code' as const } : {}),
    ...(m.hasSuggestions ? { hasSuggestions: true } : {}),
    schema: [m.schema as Rule.RuleMetaData['schema'] & object],
  };
}

function isPromptFile(ast: unknown): ast is PromptFileNode {
  return typeof ast === 'object' && ast !== null && (ast as { type?: unknown }).type === 'PromptFile';
}

export function promptAwareRule(core: CoreRule<any>, code?: CodeRule): Rule.RuleModule {
  const fromCore = metaFromCore(core);
  // The code rule's metadata wins (messages, docs), but the rule must also accept the prompt
  // language and declare what the core rule can do there (fixes, suggestions).
  const { languages: _languages, ...codeMeta } = (code?.meta ?? {}) as Rule.RuleMetaData & { languages?: unknown };
  const meta: Rule.RuleMetaData = {
    ...fromCore,
    ...codeMeta,
    ...(fromCore.fixable && !codeMeta.fixable ? { fixable: fromCore.fixable } : {}),
    ...(fromCore.hasSuggestions ? { hasSuggestions: true } : {}),
  };
  return {
    meta,
    create(context) {
      const ast: unknown = context.sourceCode.ast;
      if (isPromptFile(ast)) {
        return {
          PromptFile(node: PromptFileNode) {
            runCoreRule(context as unknown as ReportContext, core.meta.id, node.document);
          },
        } as unknown as Rule.RuleListener;
      }
      return code ? (code.create(context) as Rule.RuleListener) : {};
    },
  };
}
