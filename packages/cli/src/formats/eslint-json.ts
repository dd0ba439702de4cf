/**
 * `--format eslint-json`: the text ESLint's `json` formatter writes (`JSON.stringify(results)`, one
 * line), for tools that read ESLint results: per file `{ filePath, messages, suppressedMessages,
 * errorCount, fatalErrorCount, warningCount, fixableErrorCount, fixableWarningCount,
 * usedDeprecatedRules, output? }`, messages `{ ruleId, severity: 1 | 2, message, line, column,
 * endLine, endColumn, fix?, fatal? }`.
 *
 * Rule ids are the ones ESLint gives the same rules through @promptlint/eslint-plugin
 * (`promptlint/require-max-tokens`), so results merged with ESLint's own name each rule once. As in
 * ESLint, problems that no rule reports have `ruleId: null`: parse errors (`fatal: true`), unused
 * disable directives and files named explicitly but ignored. The savings are not part of ESLint's
 * shape: `--format json` has them. Written one file at a time, never held whole.
 */
import type { CliFinding, FileResult, Report } from '../report.js';

/** CLI checks ESLint reports without a rule id. */
const NO_RULE = new Set(['unused-disable-directive', 'ignored-file']);

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  /** Absent, as in ESLint, for the warning about an ignored file. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  fatal?: boolean;
  nodeType?: null;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
  output?: string;
}

function message(f: CliFinding): EslintMessage {
  const ruleId = f.ruleId === null || NO_RULE.has(f.ruleId) ? null : `promptlint/${f.ruleId}`;
  // ESLint's warning about an ignored file has no position.
  if (f.ruleId === 'ignored-file') return { ruleId, fatal: false, severity: 1, message: f.message, nodeType: null };
  return {
    ruleId,
    severity: f.severity === 'error' ? 2 : 1,
    message: f.message,
    line: f.line,
    column: f.column,
    ...(f.fatal ? { fatal: true } : { endLine: f.endLine, endColumn: f.endColumn }),
    ...(f.fix ? { fix: { range: [f.fix.range[0], f.fix.range[1]], text: f.fix.text } } : {}),
  };
}

export function toEslintResult(file: FileResult): EslintResult {
  const messages = file.findings.map(message);
  let errorCount = 0;
  let fatalErrorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return {
    filePath: file.abs,
    messages,
    suppressedMessages: [],
    errorCount,
    fatalErrorCount,
    warningCount,
    fixableErrorCount,
    fixableWarningCount,
    usedDeprecatedRules: [],
    ...(file.output !== undefined ? { output: file.output } : {}),
  };
}

export function* eslintJsonChunks(report: Report): Generator<string> {
  yield '[';
  for (const [i, file] of report.files.entries()) yield `${i === 0 ? '' : ','}${JSON.stringify(toEslintResult(file))}`;
  yield ']\n';
}
