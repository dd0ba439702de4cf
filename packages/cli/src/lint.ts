/** Lints one file's text: parse with the markdown front end, run the engine, estimate each call. */
import { LineIndex, type Engine, type Finding, type Fix, type PromptDocument, type UnusedDirective } from '@promptlint/core';
import type { PromptFileKind } from './discover.js';
import { estimateCall, type CallEstimate } from './estimate.js';
import type { CliFinding } from './report.js';

export type ParseResult =
  | { ok: true; document: PromptDocument; frontMatter: Record<string, unknown> | undefined }
  | { ok: false; error: { message: string; line: number; column: number } };

export type ParsePromptFile = (text: string, options: { path: string; kind?: PromptFileKind }) => ParseResult;

export interface LintedText {
  /** `undefined` when the file could not be parsed. */
  document: PromptDocument | undefined;
  findings: CliFinding[];
  estimates: CallEstimate[];
}

export class Linter {
  constructor(
    readonly engine: Engine,
    private readonly parse: ParsePromptFile,
  ) {}

  lintText(text: string, path: string, kind: PromptFileKind): LintedText {
    let parsed: ParseResult;
    try {
      parsed = this.parse(text, { path, kind });
    } catch (e) {
      // The front end must not throw; if it does, the file is reported, not the process.
      parsed = { ok: false, error: { message: `could not parse: ${(e as Error)?.message ?? String(e)}`, line: 1, column: 1 } };
    }
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      return {
        document: undefined,
        findings: [{ ruleId: null, severity: 'error', message: oneLine(message), line, column, endLine: line, endColumn: column, savings: null, fatal: true }],
        estimates: [],
      };
    }
    const document = parsed.document;
    const linted = this.engine.lintWithDirectives(document);
    const findings = linted.findings.map(toCliFinding);
    const unused = this.engine.config.reportUnusedDisableDirectives;
    if (unused === 'warn' || unused === 'error') findings.push(...linted.unusedDirectives.map((u) => unusedDirectiveFinding(u, unused)));
    const estimates = document.requests.map((r) => estimateCall(this.engine, r));
    return { document, findings, estimates };
  }

  /** The autofixes of a text; `undefined` when it cannot be parsed or its offsets are not the text's. */
  fixesOf(text: string, path: string, kind: PromptFileKind): Fix[] | undefined {
    const linted = this.lintText(text, path, kind);
    // Ranges are offsets into document.text: fix only when it is the text we hold.
    if (!linted.document || linted.document.text !== text) return undefined;
    return linted.findings.flatMap((f) => (f.fix ? [f.fix] : []));
  }
}

export function toCliFinding(f: Finding): CliFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    savings: f.savings,
    ...(f.fix ? { fix: f.fix } : {}),
  };
}

/** An unused disable directive as ESLint reports it: no rule of its own (here the CLI check's id), no savings. */
function unusedDirectiveFinding(u: UnusedDirective, severity: 'warn' | 'error'): CliFinding {
  const { line, column, endLine, endColumn, message } = u;
  return { ruleId: UNUSED_DIRECTIVE, severity: severity === 'warn' ? 'warning' : 'error', message, line, column, endLine, endColumn, savings: null };
}

/** The id unused disable directives are reported under (ESLint's JSON gives them `ruleId: null`). */
export const UNUSED_DIRECTIVE = 'unused-disable-directive';

function oneLine(s: string): string {
  return s.replace(/(?<!\s)\s*[\r\n]+\s*/g, ' ').trim(); // (?<!\s): tried once per run of whitespace (linear)
}

/** The 1-based position of a range, for findings the CLI itself makes (budgets); pass a LineIndex to place several. */
export function positionOf(text: string | LineIndex, range: readonly [number, number]): Pick<CliFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const index = typeof text === 'string' ? new LineIndex(text) : text;
  const start = index.position(range[0]);
  const end = index.position(range[1]);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
