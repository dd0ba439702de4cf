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
    if (unused === 'warn' || unused === 'error') findings.push(...unusedDirectiveFindings(document.text, linted.unusedDirectives, unused));
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

/**
 * Unused disable directives as ESLint reports them: no rule of their own (here the CLI check's id),
 * no savings; a directive none of whose rules silenced anything is fixable, as in ESLint: --fix
 * removes the comment (its whole line when nothing else is on it).
 */
function unusedDirectiveFindings(text: string, unused: readonly UnusedDirective[], severity: 'warn' | 'error'): CliFinding[] {
  const count = new Map<UnusedDirective['directive'], number>();
  for (const u of unused) count.set(u.directive, (count.get(u.directive) ?? 0) + 1);
  return unused.map((u) => {
    const { line, column, endLine, endColumn, message, directive } = u;
    const whole = directive.rules.length === 0 || count.get(directive) === new Set(directive.rules).size;
    return {
      ruleId: UNUSED_DIRECTIVE,
      severity: severity === 'warn' ? 'warning' : 'error',
      message,
      line,
      column,
      endLine,
      endColumn,
      savings: null,
      ...(whole ? { fix: { range: lineOrComment(text, directive.range), text: '' } } : {}),
    };
  });
}

/** The comment's range, or its whole line with the line end when nothing else is on that line. */
function lineOrComment(text: string, range: readonly [number, number]): [number, number] {
  const blank = (i: number): boolean => text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9;
  let s = range[0];
  while (s > 0 && blank(s - 1)) s--;
  let e = range[1];
  while (e < text.length && blank(e)) e++;
  const atStart = s === 0 || text[s - 1] === '\n' || text[s - 1] === '\r';
  const atEnd = e === text.length || text[e] === '\n' || text[e] === '\r';
  if (!atStart || !atEnd) return [range[0], range[1]];
  if (e < text.length) e += text.startsWith('\r\n', e) ? 2 : 1;
  return [s, e];
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
