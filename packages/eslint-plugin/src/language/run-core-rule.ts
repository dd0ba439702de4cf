/**
 * The one bridge from a core rule to ESLint reports: builds (and caches) an Engine for one rule
 * from the rule's options and `settings.promptlint`, lints a prompt document, and reports each
 * finding with its location, a message that states the saving, and its fix or suggestions.
 *
 * Used by prompt files (the `prompt` language) and by code files alike: locations come from
 * `sourceCode.getLocFromIndex(range)`, so they are right in each language's own coordinates as
 * long as the document's ranges index into the source text being linted.
 */
import { DEFAULT_MODEL,
  ConfigError,
  describeSavings,
  Engine,
  formatTokens,
  formatUsd,
  rules as coreRules,
  type EngineConfig,
  type Finding,
  type ModelOverride,
  type PromptDocument,
} from '@promptlint/core';

/** The model priced when neither the source nor the settings name one (the CLI's default too). */
export { DEFAULT_MODEL } from '@promptlint/core';

/** `settings.promptlint` in an ESLint config. */
export interface PromptlintSettings {
  /** Model for requests whose source names none (default `gpt-4o`, as the CLI). */
  defaultModel?: string;
  /** Calls per day, for per-month figures. */
  callsPerDay?: number;
  /** Price table additions and overrides, keyed by model id. */
  models?: Record<string, ModelOverride>;
}

const SETTINGS_KEYS = new Set(['defaultModel', 'callsPerDay', 'models']);
/** Keys only code files read (validated by the code-side rules); prompt files ignore them. */
const CODE_ONLY_KEYS = new Set(['aiSdkVersion']);

/** Turns ESLint's `settings` into the engine's configuration, or a one-line error. */
export function engineConfigFromSettings(settings: unknown): { ok: true; config: EngineConfig } | { ok: false; error: string } {
  const raw = (settings as Record<string, unknown> | undefined)?.promptlint;
  if (raw === undefined) return { ok: true, config: { defaultModel: DEFAULT_MODEL } };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: `settings.promptlint: expected an object, got ${JSON.stringify(raw)}` };
  }
  const s = raw as Record<string, unknown>;
  const unknown = Object.keys(s).filter((k) => !SETTINGS_KEYS.has(k) && !CODE_ONLY_KEYS.has(k));
  if (unknown.length) {
    return { ok: false, error: `settings.promptlint: unknown key "${unknown[0]}" (known: ${[...SETTINGS_KEYS, ...CODE_ONLY_KEYS].join(', ')})` };
  }
  if (s.models !== undefined && (typeof s.models !== 'object' || s.models === null || Array.isArray(s.models))) {
    return { ok: false, error: `settings.promptlint.models: expected an object keyed by model id, got ${JSON.stringify(s.models)}` };
  }
  const config: EngineConfig = { defaultModel: DEFAULT_MODEL };
  if (s.defaultModel !== undefined) config.defaultModel = s.defaultModel as string;
  if (s.callsPerDay !== undefined) config.callsPerDay = s.callsPerDay as number;
  if (s.models !== undefined) config.models = s.models as Record<string, ModelOverride>;
  return { ok: true, config };
}

type EngineResult = { ok: true; engine: Engine } | { ok: false; error: string };
const engines = new Map<string, EngineResult>();
const MAX_CACHED_ENGINES = 64;

/** An engine running one core rule with these options and settings (cached: building prices costs). */
export function engineFor(ruleId: string, options: unknown, settings: unknown): EngineResult {
  const key = JSON.stringify([ruleId, options ?? null, (settings as Record<string, unknown> | undefined)?.promptlint ?? null]);
  const cached = engines.get(key);
  if (cached) return cached;
  let result: EngineResult;
  const fromSettings = engineConfigFromSettings(settings);
  if (!fromSettings.ok) result = fromSettings;
  else {
    try {
      const setting = options === undefined ? 'error' : (['error', options] as ['error', Record<string, unknown>]);
      result = { ok: true, engine: new Engine({ ...fromSettings.config, rules: { [ruleId]: setting } }, coreRules) };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      result = { ok: false, error: e.message };
    }
  }
  if (engines.size >= MAX_CACHED_ENGINES) engines.clear();
  engines.set(key, result);
  return result;
}

/**
 * The ESLint message: the finding's message, with the saving appended when the message does not
 * state it already (its token count or, for a saving known only in dollars, its per-call figure).
 */
export function eslintMessage(f: Finding): string {
  const saving = describeSavings(f.savings);
  if (!saving) return f.message;
  const { tokens, usdPerCall } = f.savings;
  if (tokens !== null && f.message.includes(formatTokens(tokens))) return f.message;
  if (tokens === null && usdPerCall !== null && f.message.includes(formatUsd(usdPerCall))) return f.message;
  return `${f.message} (${saving})`;
}

type Loc = { line: number; column: number };
type TextFix = { range: [number, number]; text: string };

/** The part of ESLint's rule context this bridge uses (the same in every language). */
export interface ReportContext {
  id?: string;
  options: readonly unknown[];
  settings: Record<string, unknown>;
  sourceCode: { getLocFromIndex(index: number): Loc };
  report(descriptor: {
    message: string;
    loc: { start: Loc; end: Loc };
    fix?: (fixer: { replaceTextRange(range: [number, number], text: string): TextFix }) => TextFix;
    suggest?: { desc: string; fix: (fixer: { replaceTextRange(range: [number, number], text: string): TextFix }) => TextFix }[];
  }): void;
}

/** Reports findings (already located by `range` in the source text) through ESLint. */
export function reportFindings(context: ReportContext, findings: readonly Finding[]): void {
  const { sourceCode } = context;
  for (const f of findings) {
    const fix = f.fix;
    context.report({
      message: eslintMessage(f),
      loc: { start: sourceCode.getLocFromIndex(f.range[0]), end: sourceCode.getLocFromIndex(f.range[1]) },
      ...(fix ? { fix: (fixer) => fixer.replaceTextRange([fix.range[0], fix.range[1]], fix.text) } : {}),
      ...(f.suggestions?.length
        ? { suggest: f.suggestions.map((s) => ({ desc: s.desc, fix: (fixer) => fixer.replaceTextRange([s.fix.range[0], s.fix.range[1]], s.fix.text) })) }
        : {}),
    });
  }
}

/**
 * Runs core rule `ruleId` over `document` with the context's options and settings and reports
 * its findings. A configuration problem is reported once, at the start of the file, as one line.
 */
export function runCoreRule(context: ReportContext, ruleId: string, document: PromptDocument): void {
  const built = engineFor(ruleId, context.options[0], context.settings);
  if (!built.ok) {
    const start = context.sourceCode.getLocFromIndex(0);
    context.report({ message: `promptlint: ${built.error}`, loc: { start, end: start } });
    return;
  }
  let findings: Finding[];
  try {
    findings = built.engine.lint(document);
  } catch (e) {
    // A rule never throws on odd input; if one does, say so on one line instead of crashing ESLint.
    const start = context.sourceCode.getLocFromIndex(0);
    context.report({ message: `promptlint: rule ${ruleId} failed on this file: ${(e as Error).message}`, loc: { start, end: start } });
    return;
  }
  reportFindings(context, findings);
}
