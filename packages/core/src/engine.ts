/**
 * The engine: runs the configured rules over a prompt document, validates options, applies
 * severities and inline directives, and converts ranges to 1-based lines and columns.
 */
import type { PromptDocument, PromptRequest, Range } from './model.js';
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
    const kept = applyDirectives(findings, document, index);
    kept.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.ruleId.localeCompare(b.ruleId));
    return kept;
  }
}

/** Drops findings silenced by `promptlint-disable` / `-enable` / `-disable-next-line` / `-disable-line`. */
export function applyDirectives(findings: Finding[], document: PromptDocument, index: LineIndex): Finding[] {
  const directives = document.directives ?? [];
  if (directives.length === 0) return findings;
  const ordered = [...directives].sort((a, b) => a.range[0] - b.range[0]);
  return findings.filter((f) => {
    let disabledAll = false;
    const disabled = new Set<string>();
    /** Rules re-enabled by name while everything else stays disabled. */
    const enabled = new Set<string>();
    for (const d of ordered) {
      const dLine = index.position(d.range[1]).line;
      if (d.type === 'disable-next-line' || d.type === 'disable-line') {
        const target = d.type === 'disable-next-line' ? dLine + 1 : index.position(d.range[0]).line;
        if (f.line === target && (d.rules.length === 0 || d.rules.includes(f.ruleId))) return false;
        continue;
      }
      if (d.range[0] > f.range[0]) continue;
      if (d.type === 'disable') {
        if (d.rules.length === 0) {
          disabledAll = true;
          enabled.clear();
        } else d.rules.forEach((r) => (disabled.add(r), enabled.delete(r)));
      } else if (d.rules.length === 0) {
        disabledAll = false;
        disabled.clear();
        enabled.clear();
      } else d.rules.forEach((r) => (disabled.delete(r), enabled.add(r)));
    }
    return !((disabledAll && !enabled.has(f.ruleId)) || disabled.has(f.ruleId));
  });
}

export { makeSavings };
