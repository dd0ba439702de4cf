/**
 * The one adapter from a core rule to an ESLint rule for code files (as eslint-plugin-unicorn's
 * `to-eslint-rule`): metadata from the core rule; on `Program:exit` the file's prompt document
 * (extracted once per file and shared by every rule), one core rule through core's Engine, and the
 * findings reported through the same bridge the `prompt` language uses (messages state the saving).
 */
import type { Rule as CoreRule } from '@promptlint/core';
import type { Rule } from 'eslint';
import { extractCached, type CodeSource } from '../code/extract.js';
import { mayCallLlmSdkCached } from '../code/prefilter.js';
import { runCoreRule, type ReportContext } from '../language/run-core-rule.js';
import { literalAwareFix, type LiteralSource } from './literal-fix.js';
import { ruleDocsUrl } from './docs-url.js';
import { codeSettings } from './settings.js';

/** ESLint metadata of a core rule. */
export function eslintMeta(core: CoreRule<any>): Rule.RuleMetaData {
  const m = core.meta;
  return {
    type: 'suggestion',
    docs: { description: m.description, recommended: m.recommended, url: ruleDocsUrl(m.id) },
    ...(m.fixable ? { fixable: m.id === 'no-redundant-whitespace' ? ('whitespace' as const) : ('code' as const) } : {}),
    ...(m.hasSuggestions ? { hasSuggestions: true } : {}),
    schema: [m.schema as Rule.RuleMetaData['schema'] & object],
    defaultOptions: [m.defaultOptions],
  };
}

function isCodeSource(sourceCode: unknown): sourceCode is CodeSource {
  const s = sourceCode as Partial<CodeSource> | undefined;
  return !!s && typeof s.text === 'string' && (s.ast as { type?: unknown } | undefined)?.type === 'Program' && typeof s.getScope === 'function';
}

/** The ESLint rule for code files that runs core rule `core`. */
export function toEslintRule(core: CoreRule<any>): Rule.RuleModule {
  const id = core.meta.id;
  return {
    meta: eslintMeta(core),
    create(context) {
      const sourceCode: unknown = context.sourceCode;
      if (!isCodeSource(sourceCode)) return {};
      // No import or require that could reach an LLM SDK: no listeners, no extraction.
      const configured = (context.settings?.promptlint as { wrappers?: unknown } | undefined)?.wrappers !== undefined ? codeSettings(context.settings) : undefined;
      if (!mayCallLlmSdkCached(sourceCode, configured?.ok ? (configured.extract.wrappers ?? []) : [])) return {};
      return {
        'Program:exit'() {
          const literals = sourceCode as unknown as LiteralSource;
          // A constant shared by several calls is one place in the file: report it once.
          const reported = new Set<string>();
          const report = (descriptor: Parameters<ReportContext['report']>[0]) => {
            const { start, end } = descriptor.loc;
            const key = `${start.line}:${start.column}:${end.line}:${end.column}:${descriptor.message}`;
            if (reported.has(key)) return;
            reported.add(key);
            const { fix, suggest, ...rest } = descriptor;
            context.report({
              ...rest,
              ...(fix ? { fix: literalAwareFix(literals, fix) } : {}),
              ...(suggest ? { suggest: suggest.map((s) => ({ desc: s.desc, fix: literalAwareFix(literals, s.fix) })) } : {}),
            } as Rule.ReportDescriptor);
          };
          const settings = codeSettings(context.settings);
          const extraction = extractCached(sourceCode, settings.ok ? settings.extract : {}, context.filename, context.languageOptions?.parser);
          if (!extraction.ok) return; // skipped silently: see extractionStats
          if (extraction.document.requests.length === 0) return;
          if (!settings.ok) {
            // said where it matters: in files with LLM calls
            const start = { line: 1, column: 0 };
            report({ message: `promptlint: ${settings.error}`, loc: { start, end: start } });
            return;
          }
          const bridge: ReportContext = {
            id,
            options: context.options,
            settings: settings.engineSettings,
            sourceCode: { getLocFromIndex: (i) => sourceCode.getLocFromIndex(i) },
            report,
          };
          runCoreRule(bridge, id, extraction.document);
        },
      };
    },
  };
}
