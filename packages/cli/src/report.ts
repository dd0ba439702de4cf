/** The data every format renders: files with findings, call estimates and a summary. */
import type { Fix, Savings } from '@promptlint/core';
import type { BaselineComparison } from './baseline.js';
import type { CallEstimate } from './estimate.js';

export interface CliFinding {
  /** `null` for a file that could not be parsed (a fatal finding, as ESLint reports them). */
  ruleId: string | null;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `null` for fatal parse errors and budget findings. */
  savings: Savings | null;
  fatal?: true;
  fix?: Fix;
}

export interface FileResult {
  /** Relative to the working directory, '/'-separated. */
  path: string;
  abs: string;
  /**
   * The trimmed text of each line a finding starts on, by 1-based line number (SARIF fingerprints
   * quote it): the text linted (after fixes) is not kept. Read with `lineTextOf`.
   */
  lines: Readonly<Record<number, string>>;
  findings: CliFinding[];
  estimates: CallEstimate[];
  /** With --fix-dry-run, the fixed text when fixes changed it (ESLint's `output`). */
  output?: string;
}

export interface RuleTotal {
  ruleId: string;
  count: number;
  tokens: number;
  usdPerCall: number;
  usdPerMonth: number | null;
}

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  fixable: number;
  /** Sum of the non-null savings figures. */
  tokens: number;
  usdPerCall: number;
  /** Findings with a dollar figure: 0 means `usdPerCall` is 0 because nothing could be priced. */
  priced: number;
  /** `null` when no finding has a per-month figure (no call rate known). */
  usdPerMonth: number | null;
  byRule: RuleTotal[];
}

export interface Report {
  cwd: string;
  files: FileResult[];
  summary: Summary;
  /** The model files that name none are priced as, and whether it is the built-in default. */
  defaultModel: { name: string; implicit: boolean; used: boolean };
  /** Lines shown after the summary by human formats (budget, --max-warnings). */
  notes: string[];
  /** The comparison with `--baseline`, when given. */
  baseline?: BaselineComparison;
}

const round = (x: number): number => Math.round(x * 1e12) / 1e12;

export function summarize(files: readonly FileResult[]): Summary {
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  let tokens = 0;
  let usdPerCall = 0;
  let priced = 0;
  let usdPerMonth: number | null = null;
  const byRule = new Map<string, RuleTotal>();
  for (const file of files) {
    for (const f of file.findings) {
      if (f.severity === 'error') errors++;
      else warnings++;
      if (f.fix) fixable++;
      const key = f.ruleId ?? '(parse error)';
      let t = byRule.get(key);
      if (!t) byRule.set(key, (t = { ruleId: key, count: 0, tokens: 0, usdPerCall: 0, usdPerMonth: null }));
      t.count++;
      const s = f.savings;
      if (!s) continue;
      if (s.tokens !== null) {
        tokens += s.tokens;
        t.tokens += s.tokens;
      }
      if (s.usdPerCall !== null) {
        priced++;
        usdPerCall = round(usdPerCall + s.usdPerCall);
        t.usdPerCall = round(t.usdPerCall + s.usdPerCall);
      }
      if (s.usdPerMonth !== null) {
        usdPerMonth = round((usdPerMonth ?? 0) + s.usdPerMonth);
        t.usdPerMonth = round((t.usdPerMonth ?? 0) + s.usdPerMonth);
      }
    }
  }
  const totals = [...byRule.values()].sort((a, b) => b.usdPerCall - a.usdPerCall || b.tokens - a.tokens || a.ruleId.localeCompare(b.ruleId));
  return { files: files.length, errors, warnings, fixable, tokens, usdPerCall, priced, usdPerMonth, byRule: totals };
}
