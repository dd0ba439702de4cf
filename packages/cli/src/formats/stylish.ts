/**
 * The default human format, after ESLint's stylish: per file its path and what one call costs, then
 * each finding `line:col  severity  message  rule-id` with its savings; then savings by rule and
 * the problem counts.
 */
import { formatTokens } from '@promptlint/core';
import { describeCost, describeTokens } from '../estimate.js';
import type { Report } from '../report.js';
import { plainText } from '../sanitize.js';
import { stylishBaseline } from './baseline.js';
import { paint } from './color.js';
import { savingsText, usdCell } from './savings-text.js';

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - s.length)) + s;

export function formatStylish(report: Report, options: { color: boolean }): string {
  const c = paint(options.color);
  const lines: string[] = [];
  const { summary } = report;

  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    // Text from files (the path, model names, messages quoting the prompt) through plainText: one
    // line each, no control character or escape sequence reaches the terminal or a CI log.
    lines.push('', c.underline(plainText(file.path)));
    for (const e of file.estimates) lines.push(c.dim(`  one call: ${plainText(`${describeTokens(e)}, ${describeCost(e)}`)}`));
    // A loop, not Math.max(...list): a spread over 100,000 findings overflows the stack.
    let posWidth = 0;
    for (const f of file.findings) posWidth = Math.max(posWidth, `${f.line}:${f.column}`.length);
    for (const f of file.findings) {
      const pos = padStart(`${f.line}:${f.column}`, posWidth);
      const sev = f.severity === 'error' ? c.red(pad('error', 7)) : c.yellow(pad('warning', 7));
      const rule = f.ruleId ?? 'parse-error';
      lines.push(`  ${pos}  ${sev}  ${plainText(f.message)}  ${c.dim(rule)}`);
      // Rules usually state the saving in the message; add it only when the message does not.
      const saved = f.message.includes('/call') ? '' : plainText(savingsText(f.savings));
      if (saved) lines.push(`  ${' '.repeat(posWidth)}  ${' '.repeat(7)}  ${c.green(saved)}`);
    }
  }

  const problems = summary.errors + summary.warnings;
  if (problems > 0) {
    lines.push('', ...savingsTable(report), '');
    const counts = `${problems} problem${problems === 1 ? '' : 's'} (${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'})`;
    const mark = summary.errors > 0 ? c.red(c.bold(`\u2716 ${counts}`)) : c.yellow(c.bold(`\u2716 ${counts}`));
    lines.push(mark + (summary.fixable ? `, ${summary.fixable} fixable with --fix` : ''));
    if (summary.usdPerCall > 0) {
      const month = summary.usdPerMonth === null ? '' : `, ~${usdCell(summary.usdPerMonth)}/month`;
      lines.push(c.bold(`Worth ~${usdCell(summary.usdPerCall)}/call${month}`) + c.dim(' (savings plus worst-case exposures; see each finding)'));
    }
    lines.push(`${summary.files} file${summary.files === 1 ? '' : 's'} linted.`);
  } else {
    lines.push(c.green(`\u2714 No problems in ${summary.files} prompt file${summary.files === 1 ? '' : 's'}.`));
  }
  const dm = report.defaultModel;
  if (dm.used) {
    const name = plainText(dm.name);
    lines.push(c.dim(dm.implicit ? `Priced as ${name} (default; set --model or \`model:\` in front matter).` : `Files that name no model are priced as ${name}.`));
  }
  if (problems > 0 && summary.usdPerMonth === null && summary.usdPerCall > 0) {
    lines.push(c.dim('Per-month figures need a call rate: --calls-per-day N, `callsPerDay` in the configuration or front matter.'));
  }
  if (report.baseline) lines.push('', ...stylishBaseline(report.baseline));
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

function savingsTable(report: Report): string[] {
  const { summary } = report;
  const rows = summary.byRule.map((t) => [t.ruleId, String(t.count), t.tokens ? formatTokens(t.tokens) : '-', t.usdPerCall ? usdCell(t.usdPerCall) : '-', usdCell(t.usdPerMonth)]);
  // '-' rather than $0 when nothing could be priced (an unknown model is never shown as free)
  rows.push(['total', String(summary.errors + summary.warnings), formatTokens(summary.tokens), usdCell(summary.priced ? summary.usdPerCall : null), usdCell(summary.usdPerMonth)]);
  const head = ['Savings by rule', 'findings', 'tokens/call', '$/call', '$/month'];
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length + (i === 0 ? 2 : 0)), h.length));
  const fmt = (r: string[], indent: boolean): string =>
    r.map((cell, i) => (i === 0 ? pad((indent ? '  ' : '') + cell, widths[0]!) : padStart(cell, widths[i]!))).join('  ');
  return [fmt(head, false), ...rows.map((r) => fmt(r, true))];
}
