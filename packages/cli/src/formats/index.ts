/** Picks the formatter for --format. */
import type { Rule } from '@promptlint/core';
import type { LintFormat } from '../args.js';
import type { Report } from '../report.js';
import { eslintJsonChunks } from './eslint-json.js';
import { formatGithub } from './github.js';
import { jsonReportChunks } from './json.js';
import { formatMarkdown } from './markdown.js';
import { sarifChunks } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  color: boolean;
  rules: readonly Rule<any>[];
  version: string;
  homepage: string;
}

export function formatReport(format: LintFormat, report: Report, options: FormatOptions): string {
  return [...formatReportChunks(format, report, options)].join('');
}

/**
 * The report's text in pieces to write one after the other. JSON and SARIF, which grow with every
 * finding, are made an item at a time (json-chunks.ts), so a large run's report never exists as
 * one string; the human formats are one piece.
 */
export function formatReportChunks(format: LintFormat, report: Report, options: FormatOptions): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonReportChunks(report);
    case 'eslint-json':
      return eslintJsonChunks(report);
    case 'sarif':
      return sarifChunks(report, options);
    case 'github':
      return [formatGithub(report)];
    case 'markdown':
      return [formatMarkdown(report)];
    case 'stylish':
      return [formatStylish(report, options)];
  }
}
