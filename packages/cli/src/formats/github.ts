/**
 * GitHub Actions workflow commands: `::error file=...,line=..,col=..,endLine=..,endColumn=..,title=...::message`.
 * Escaped as GitHub's toolkit does (and vitest's github-actions reporter): in data % \r \n; in
 * properties also : and ,. Before that, text from files goes through plainText (sanitize.ts): no
 * control character or terminal escape sequence reaches the log, and each command is one line.
 */
import type { Report } from '../report.js';
import { plainText } from '../sanitize.js';
import { withSavings } from './savings-text.js';

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: Report): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const command = f.severity === 'error' ? 'error' : 'warning';
      const props = [
        `file=${escapeProperty(plainText(file.path))}`,
        `line=${f.line}`,
        `endLine=${f.endLine}`,
        `col=${f.column}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`promptlint(${f.ruleId ?? 'parse-error'})`)}`,
      ].join(',');
      // The saving on a second line of the annotation (an escaped newline): ours, not the file's.
      out.push(`::${command} ${props}::${escapeData(withSavings(plainText(f.message), f.savings, (m, s) => `${m}\n${plainText(s)}`))}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
