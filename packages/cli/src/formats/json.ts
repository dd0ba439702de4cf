/**
 * The JSON contract (packages/cli/README.md, Formats): `{ version: 1, files: [{ path, findings: [...] }], summary }`.
 * Every file linted is listed, clean ones with `findings: []`. Fatal parse errors carry
 * `ruleId: null, fatal: true, savings: null`; budget findings `ruleId: "max-cost", savings: null`.
 * A finding with an autofix carries it as `fix: { range, text }` (as ESLint's JSON does).
 * Each file carries its estimated cost of one call, `cost: { inputTokens, outputTokens, usdPerCall,
 * model }` (`null` when it could not be parsed), and with --baseline the report has a `baseline` key.
 */
import { fileCost } from '../file-cost.js';
import type { FileResult, Report } from '../report.js';
import { inertJson } from '../sanitize.js';
import { ITEMS, jsonChunks } from './json-chunks.js';

function fileObject(file: FileResult): unknown {
  return {
    path: file.path,
    findings: file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      savings: f.savings,
      ...(f.fatal ? { fatal: true } : {}),
      ...(f.fix ? { fix: f.fix } : {}),
    })),
    cost: fileCost(file.estimates),
    ...(file.output !== undefined ? { output: file.output } : {}),
  };
}

function withFiles(report: Report, files: unknown): unknown {
  return {
    version: 1,
    files,
    summary: {
      files: report.summary.files,
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      tokens: report.summary.tokens,
      usdPerCall: report.summary.usdPerCall,
      usdPerMonth: report.summary.usdPerMonth,
    },
    ...(report.baseline ? { baseline: report.baseline } : {}),
  };
}

export function toJsonObject(report: Report): unknown {
  return withFiles(report, report.files.map(fileObject));
}

/** The report's text in pieces, one file at a time (formatJson's text, never held whole). */
export function jsonReportChunks(report: Report): Iterable<string> {
  return jsonChunks(withFiles(report, ITEMS), (function* () {
    for (const file of report.files) yield fileObject(file);
  })());
}

export function formatJson(report: Report): string {
  return `${inertJson(JSON.stringify(toJsonObject(report), null, 2))}\n`;
}
