/** Picks the formatter for --format. */
import type { Rule } from '@promptlint/core';
import type { LintFormat } from '../args.js';
import type { Report } from '../report.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  color: boolean;
  rules: readonly Rule<any>[];
  version: string;
  homepage: string;
}

export function formatReport(format: LintFormat, report: Report, options: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'stylish':
      return formatStylish(report, options);
  }
}
