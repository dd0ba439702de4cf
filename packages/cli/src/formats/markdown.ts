/**
 * A report fit for a pull-request comment: what the findings are worth (by rule, per call and per
 * month), then the findings of each file in a collapsible <details>.
 *
 * Text from files goes through markdownText (sanitize.ts): no mention, link, image, HTML or
 * workflow command can come from a prompt. The report stays within GitHub's comment limit
 * (MARKDOWN_LIMIT characters): the summary and the totals always come whole, computed from every
 * finding; the baseline table and then the files' findings are added while they fit, and what
 * does not fit is counted in a last line ("N more files with problems not shown").
 */
import { formatTokens } from '@promptlint/core';
import type { FileResult, Report } from '../report.js';
import { markdownText as cell } from '../sanitize.js';
import { markdownBaseline } from './baseline.js';
import { priceGapOf, savingsText, usdCell } from './savings-text.js';

/** GitHub's limit on a pull-request or issue comment, in characters. */
export const MARKDOWN_LIMIT = 65_536;
/** Unpriced reasons listed by name before "and N more". */
const MAX_GAPS = 20;

/** Characters of `lines` once joined with newlines (and a final newline). */
const sizeOf = (lines: readonly string[]): number => lines.reduce((n, l) => n + l.length + 1, 0);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatMarkdown(report: Report, limit = MARKDOWN_LIMIT): string {
  const { summary } = report;
  const problems = summary.errors + summary.warnings;
  const out: string[] = [];
  if (problems === 0) {
    out.push('## promptlint: no problems', '', `${plural(summary.files, 'prompt file')} linted.`);
    if (report.baseline) out.push(...markdownBaseline(report.baseline, limit - sizeOf(out)));
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
  if (gaps.length) {
    const more = gaps.length > MAX_GAPS ? ` and ${gaps.length - MAX_GAPS} more` : '';
    out.push('', `Not priced: ${gaps.slice(0, MAX_GAPS).map((g) => cell(g)).join('; ')}${more}.`);
  }
  if (report.defaultModel.used) {
    const name = cell(report.defaultModel.name);
    out.push('', report.defaultModel.implicit ? `Priced as ${name} (default; set \`--model\` or \`model:\` in front matter).` : `Files that name no model are priced as ${name}.`);
  }
  out.push('', '| rule | findings | tokens/call | $/call | $/month |', '|---|--:|--:|--:|--:|');
  for (const t of summary.byRule) {
    out.push(`| \`${t.ruleId}\` | ${t.count} | ${t.tokens ? formatTokens(t.tokens) : '-'} | ${t.usdPerCall ? usdCell(t.usdPerCall) : '-'} | ${usdCell(t.usdPerMonth)} |`);
  }
  out.push(`| **total** | ${problems} | ${formatTokens(summary.tokens)} | ${usdCell(summary.priced ? summary.usdPerCall : null)} | ${usdCell(summary.usdPerMonth)} |`);
  // Room for the last line that counts what was left out.
  const reserve = 200;
  let room = limit - sizeOf(out) - reserve;
  // The baseline table may take a third of what is left; the findings take the rest.
  const baseline = report.baseline ? markdownBaseline(report.baseline, Math.floor(room / 3)) : [];
  room -= sizeOf(baseline);
  const shown = findingsSections(report.files, room);
  out.push(...shown.lines, ...baseline);
  if (shown.filesLeft > 0 || shown.problemsLeft > 0) {
    const what = shown.filesLeft > 0 ? `${plural(shown.filesLeft, 'more file')} with problems not shown (${plural(shown.problemsLeft, 'problem')}` : `${plural(shown.problemsLeft, 'problem')} not shown (`;
    out.push('', `_${what}${shown.filesLeft > 0 ? '; ' : ''}the totals above count them): this comment would pass GitHub's ${MARKDOWN_LIMIT.toLocaleString('en-US')}-character limit. Run \`promptlint\` locally or use \`--format sarif\` for every finding._`);
  }
  return `${out.join('\n')}\n`;
}

/** Each file's findings in a <details>, while they fit in `room` characters; what is left out. */
function findingsSections(files: readonly FileResult[], room: number): { lines: string[]; filesLeft: number; problemsLeft: number } {
  const lines: string[] = [];
  let used = 0;
  let filesLeft = 0;
  let problemsLeft = 0;
  let full = false;
  for (const file of files) {
    if (file.findings.length === 0) continue;
    if (full) {
      filesLeft++;
      problemsLeft += file.findings.length;
      continue;
    }
    const head = ['', `<details><summary><code>${cell(file.path)}</code>: ${plural(file.findings.length, 'problem')}</summary>`, '', '| line | severity | rule | message | savings |', '|--:|---|---|---|---|'];
    const foot = ['', '</details>'];
    // A cut file ends with one more line saying how many of its problems are not shown.
    const cutNote = 80;
    if (used + sizeOf(head) + sizeOf(foot) + cutNote > room) {
      full = true;
      filesLeft++;
      problemsLeft += file.findings.length;
      continue;
    }
    const rows: string[] = [];
    let size = used + sizeOf(head) + sizeOf(foot) + cutNote;
    let cut = 0;
    for (const [i, f] of file.findings.entries()) {
      const row = `| ${f.line}:${f.column} | ${f.severity} | \`${f.ruleId ?? 'parse-error'}\` | ${cell(f.message)} | ${cell(savingsText(f.savings)) || '-'} |`;
      if (size + row.length + 1 > room) {
        cut = file.findings.length - i;
        break;
      }
      rows.push(row);
      size += row.length + 1;
    }
    if (cut > 0) {
      full = true;
      problemsLeft += cut;
      rows.push('', `_${plural(cut, 'more problem')} in this file not shown._`);
    }
    lines.push(...head, ...rows, ...foot);
    used += sizeOf(head) + sizeOf(rows) + sizeOf(foot);
  }
  return { lines, filesLeft, problemsLeft };
}
