/**
 * The engine: runs the configured rules over a prompt document, validates options, applies
 * severities and inline directives, and converts ranges to 1-based lines and columns.
 */
import type { Directive, PromptDocument, PromptRequest, Range } from './model.js';
import { validate } from './options.js';
import { encodingFor, PriceTable, type ModelOverride } from './prices.js';
import type { Fix, Rule, Suggestion } from './rule.js';
import { makeSavings, type Pricing, type Savings } from './savings.js';
import { LineIndex } from './text.js';
import { counterFor, countSlice } from './tokenizer.js';

export type Severity = 'off' | 'warn' | 'error' | 0 | 1 | 2;
export type RuleSetting = Severity | [Severity, Record<string, unknown>?];

/**
 * The model the front ends price a request with when neither the source nor the configuration
 * names one. It is always shown as "(default model)" in a finding's basis: never a silent guess.
 */
export const DEFAULT_MODEL = 'gpt-4o';

export interface EngineConfig {
  /** Rule severities and options; rules not named are off. */
  rules?: Record<string, RuleSetting>;
  /** Model for requests whose source names none. */
  defaultModel?: string;
  /** Calls per day for requests whose source gives none (turns on per-month figures). */
  callsPerDay?: number;
  /** Price table additions and overrides, keyed by model id. */
  models?: Record<string, ModelOverride>;
  /**
   * For front ends that report disable directives that silence nothing (the CLI's
   * --report-unused-disable-directives), at this severity; `lint()` itself never reports them
   * (`lintWithDirectives` returns them).
   */
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range: Range;
  savings: Savings;
  fix?: Fix;
  suggestions?: Suggestion[];
}

/** A configuration problem: the CLI prints its message on one line and exits 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface ActiveRule {
  rule: Rule<Record<string, unknown>>;
  severity: 'error' | 'warning';
  options: Record<string, unknown>;
}

function normaliseSeverity(s: unknown, ruleId: string): 'error' | 'warning' | 'off' {
  switch (s) {
    case 'off':
    case 0:
      return 'off';
    case 'warn':
    case 1:
      return 'warning';
    case 'error':
    case 2:
      return 'error';
    default:
      throw new ConfigError(`rule "${ruleId}": severity must be "off", "warn", "error" (or 0, 1, 2), got ${JSON.stringify(s)}`);
  }
}

export class Engine {
  private readonly active: ActiveRule[] = [];
  readonly prices: PriceTable;

  constructor(
    readonly config: EngineConfig,
    readonly rules: readonly Rule<any>[],
  ) {
    const byId = new Map(rules.map((r) => [r.meta.id, r]));
    for (const [id, setting] of Object.entries(config.rules ?? {})) {
      const rule = byId.get(id);
      if (!rule) {
        throw new ConfigError(`unknown rule "${id}" (known: ${[...byId.keys()].join(', ')})`);
      }
      const [sev, opts] = Array.isArray(setting) ? setting : [setting, undefined];
      const severity = normaliseSeverity(sev, id);
      if (opts !== undefined) {
        const err = validate(opts, rule.meta.schema, `rule "${id}" options`);
        if (err) throw new ConfigError(err);
      }
      if (severity === 'off') continue;
      this.active.push({ rule, severity, options: { ...(rule.meta.defaultOptions as object), ...(opts ?? {}) } });
    }
    if (config.callsPerDay !== undefined && !(Number.isFinite(config.callsPerDay) && config.callsPerDay >= 0)) {
      throw new ConfigError(`callsPerDay: expected a number >= 0, got ${JSON.stringify(config.callsPerDay)}`);
    }
    try {
      this.prices = PriceTable.withOverrides(config.models ?? {});
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
    if (config.defaultModel !== undefined && typeof config.defaultModel !== 'string') {
      throw new ConfigError(`defaultModel: expected a string, got ${JSON.stringify(config.defaultModel)}`);
    }
  }

  /** The pricing context of a request: its model (or the default), tokenizer and call rate. */
  pricingFor(request: PromptRequest): Pricing {
    let modelName: string | undefined;
    let modelSource: Pricing['modelSource'] = 'none';
    if (request.model && 'value' in request.model) {
      modelName = request.model.value;
      modelSource = 'request';
    } else if (this.config.defaultModel) {
      modelName = this.config.defaultModel;
      modelSource = 'default';
    }
    const entry = modelName === undefined ? undefined : this.prices.resolve(modelName);
    const provider = entry?.provider ?? request.provider;
    const counter = counterFor(provider, encodingFor(entry));
    return {
      entry,
      modelName,
      modelSource,
      counter,
      callsPerDay: request.callsPerDay ?? this.config.callsPerDay,
      count: (text) => counter.count(text),
      countSlice: (text, start, end) => countSlice(counter, text, start, end),
    };
  }

  lint(document: PromptDocument): Finding[] {
    return this.lintWithDirectives(document).findings;
  }

  /** `lint`, and the disable directives that silenced nothing (for --report-unused-disable-directives). */
  lintWithDirectives(document: PromptDocument): { findings: Finding[]; unusedDirectives: UnusedDirective[] } {
    const index = new LineIndex(document.text);
    const findings: Finding[] = [];
    for (const request of document.requests) {
      const pricing = this.pricingFor(request);
      for (const { rule, severity, options } of this.active) {
        if (rule.meta.appliesTo && !rule.meta.appliesTo.includes(document.kind)) continue;
        for (const f of rule.check({ document, request, options, pricing })) {
          const start = index.position(f.range[0]);
          const end = index.position(f.range[1]);
          findings.push({
            ruleId: rule.meta.id,
            severity,
            message: f.message,
            line: start.line,
            column: start.column,
            endLine: end.line,
            endColumn: end.column,
            range: f.range,
            savings: f.savings,
            ...(f.fix ? { fix: f.fix } : {}),
            ...(f.suggestions?.length ? { suggestions: f.suggestions } : {}),
          });
        }
      }
    }
    const { kept, unused } = filterByDirectives(findings, document, index);
    kept.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.ruleId.localeCompare(b.ruleId));
    return { findings: kept, unusedDirectives: unused };
  }
}

/** A disable directive (or one rule of its list) that silenced no finding. */
export interface UnusedDirective {
  directive: Directive;
  /** The rule named in the directive that silenced nothing; `undefined` for a directive without a rule list. */
  ruleId: string | undefined;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** As ESLint words it: "Unused promptlint-disable directive (no problems were reported from 'rule-id')." */
  message: string;
}

/** Drops findings silenced by `promptlint-disable` / `-enable` / `-disable-next-line` / `-disable-line` / `-disable-file`. */
export function applyDirectives(findings: Finding[], document: PromptDocument, index: LineIndex): Finding[] {
  return filterByDirectives(findings, document, index).kept;
}

/**
 * The findings no directive silences, and the disable directives (per rule named) that silenced
 * nothing, in the text's order (ESLint's --report-unused-disable-directives). A finding silenced by
 * several directives counts for the first that applies: a line directive, else the block
 * `disable` in force, else a `disable-file`.
 */
export function filterByDirectives(findings: Finding[], document: PromptDocument, index: LineIndex): { kept: Finding[]; unused: UnusedDirective[] } {
  const directives = document.directives ?? [];
  if (directives.length === 0) return { kept: findings, unused: [] };
  const ordered = [...directives].sort((a, b) => a.range[0] - b.range[0]);
  /** Per directive, the rules it silenced ('*': anything, for a directive without a list). */
  const used = new Map<Directive, Set<string>>();
  const credit = (d: Directive, ruleId: string): void => {
    let set = used.get(d);
    if (!set) used.set(d, (set = new Set()));
    set.add(d.rules.length === 0 ? '*' : ruleId);
  };
  const lineOf = new Map<Directive, number>();
  for (const d of ordered) {
    if (d.type === 'disable-next-line') lineOf.set(d, index.position(d.range[1]).line + 1);
    else if (d.type === 'disable-line') lineOf.set(d, index.position(d.range[0]).line);
  }
  const files = ordered.filter((d) => d.type === 'disable-file');
  const kept = findings.filter((f) => {
    let disabledAll: Directive | undefined;
    const disabled = new Map<string, Directive>();
    /** Rules re-enabled by name while everything else stays disabled. */
    const enabled = new Set<string>();
    for (const d of ordered) {
      if (d.type === 'disable-next-line' || d.type === 'disable-line') {
        if (f.line === lineOf.get(d) && (d.rules.length === 0 || d.rules.includes(f.ruleId))) {
          credit(d, f.ruleId);
          return false;
        }
        continue;
      }
      if (d.type === 'disable-file' || d.range[0] > f.range[0]) continue;
      if (d.type === 'disable') {
        if (d.rules.length === 0) {
          disabledAll = d;
          enabled.clear();
        } else d.rules.forEach((r) => (disabled.set(r, d), enabled.delete(r)));
      } else if (d.rules.length === 0) {
        disabledAll = undefined;
        disabled.clear();
        enabled.clear();
      } else d.rules.forEach((r) => (disabled.delete(r), enabled.add(r)));
    }
    const by = disabled.get(f.ruleId) ?? (disabledAll && !enabled.has(f.ruleId) ? disabledAll : undefined);
    if (by) {
      credit(by, f.ruleId);
      return false;
    }
    const file = files.find((d) => d.rules.length === 0 || d.rules.includes(f.ruleId));
    if (file) {
      credit(file, f.ruleId);
      return false;
    }
    return true;
  });
  const unused: UnusedDirective[] = [];
  for (const d of ordered) {
    if (d.type === 'enable') continue;
    const silenced = used.get(d);
    const start = index.position(d.range[0]);
    const end = index.position(d.range[1]);
    const at = { directive: d, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    const label = `promptlint-${d.type}`;
    if (d.rules.length === 0) {
      if (!silenced) unused.push({ ...at, ruleId: undefined, message: `Unused ${label} directive (no problems were reported).` });
      continue;
    }
    for (const r of new Set(d.rules)) {
      if (!silenced?.has(r)) unused.push({ ...at, ruleId: r, message: `Unused ${label} directive (no problems were reported from '${r}').` });
    }
  }
  return { kept, unused };
}

export { makeSavings };
