/**
 * A report fit for a pull-request comment: what the findings are worth (by rule, per call and per
 * month), then the findings of each file in a collapsible <details>.
 */
import { formatTokens } from '@promptlint/core';
import type { Report } from '../report.js';
import { markdownBaseline } from './baseline.js';
import { priceGapOf, savingsText, usdCell } from './savings-text.js';

/** Text safe inside a markdown table cell. */
export function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatMarkdown(report: Report): string {
  const { summary } = report;
  const problems = summary.errors + summary.warnings;
  const out: string[] = [];
  if (problems === 0) {
    out.push('## promptlint: no problems', '', `${plural(summary.files, 'prompt file')} linted.`);
    if (report.baseline) out.push(...markdownBaseline(report.baseline));
    return `${out.join('\n')}\n`;
  }
  const month = summary.usdPerMonth === null ? '' : ` (~${usdCell(summary.usdPerMonth)}/month)`;
  // an unknown model is never shown as free: no dollar headline when nothing could be priced
  out.push(summary.priced ? `## promptlint: ~${usdCell(summary.usdPerCall)}/call to save${month}` : `## promptlint: ${plural(problems, 'problem')}`, '');
  const withProblems = report.files.filter((f) => f.findings.length > 0).length;
  out.push(
    `**${plural(problems, 'problem')}** (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}) in ${withProblems} of ${plural(summary.files, 'file')}` +
      (summary.fixable ? `; ${summary.fixable} fixable with \`promptlint --fix\`` : '') +
      '.',
  );
  const gaps = [...new Set(report.files.flatMap((f) => [...f.estimates.map((e) => e.gap ?? ''), ...f.findings.map((x) => priceGapOf(x.savings))]).filter((g) => g))];
  if (gaps.length) out.push('', `Not priced: ${gaps.map(cell).join('; ')}.`);
  if (report.defaultModel.used) {
    out.push('', report.defaultModel.implicit ? `Priced as ${report.defaultModel.name} (default; set \`--model\` or \`model:\` in front matter).` : `Files that name no model are priced as ${report.defaultModel.name}.`);
  }
  out.push('', '| rule | findings | tokens/call | $/call | $/month |', '|---|--:|--:|--:|--:|');
  for (const t of summary.byRule) {
    out.push(`| \`${t.ruleId}\` | ${t.count} | ${t.tokens ? formatTokens(t.tokens) : '-'} | ${t.usdPerCall ? usdCell(t.usdPerCall) : '-'} | ${usdCell(t.usdPerMonth)} |`);
  }
  out.push(`| **total** | ${problems} | ${formatTokens(summary.tokens)} | ${usdCell(summary.priced ? summary.usdPerCall : null)} | ${usdCell(summary.usdPerMonth)} |`);
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push('', `<details><summary><code>${cell(file.path)}</code>: ${plural(file.findings.length, 'problem')}</summary>`, '');
    out.push('| line | severity | rule | message | savings |', '|--:|---|---|---|---|');
    for (const f of file.findings) {
      out.push(`| ${f.line}:${f.column} | ${f.severity} | \`${f.ruleId ?? 'parse-error'}\` | ${cell(f.message)} | ${cell(savingsText(f.savings)) || '-'} |`);
    }
    out.push('', '</details>');
  }
  if (report.baseline) out.push(...markdownBaseline(report.baseline));
  return `${out.join('\n')}\n`;
}
