/**
 * SARIF 2.1.0 with what GitHub code scanning needs: tool.driver.rules[] (help text, helpUri, default
 * level, tags), repo-relative artifact URIs under %SRCROOT%, regions, partialFingerprints (rule id +
 * file + the flagged line's text, not its number, so findings survive edits above them) and the
 * savings in result.properties.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '@promptlint/core';
import type { CliFinding, Report } from '../report.js';
import { lineTextOf } from '../text-facts.js';
import { inertJson } from '../sanitize.js';
import { ITEMS, jsonChunks } from './json-chunks.js';
import { withSavings } from './savings-text.js';

export interface SarifOptions {
  rules: readonly Rule<any>[];
  version: string;
  homepage: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: 'error' | 'warning' };
  properties: { tags: string[] };
}

/** Checks the CLI makes itself, reported under these ids. */
const CLI_CHECKS: Record<string, { description: string; level: 'error' | 'warning'; tags: string[] }> = {
  'max-cost': { description: "A prompt's estimated cost per call is over the --max-cost budget (or cannot be priced).", level: 'error', tags: ['budget'] },
  'parse-error': { description: 'The prompt file could not be parsed (invalid front matter or file structure).', level: 'error', tags: ['parse'] },
  'unused-disable-directive': { description: 'A promptlint-disable directive that silences no finding (--report-unused-disable-directives).', level: 'warning', tags: ['directives'] },
  'ignored-file': { description: 'A file named on the command line is ignored (.gitignore, ignores or --ignore-pattern) and was not linted.', level: 'warning', tags: ['ignored'] },
};

function repoRoot(cwd: string): string {
  for (let d = cwd; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return cwd;
  }
}

function ruleDescriptor(id: string, description: string, level: 'error' | 'warning', tags: string[], homepage: string): SarifRule {
  const helpUri = `${homepage}/blob/main/docs/rules/${id}.md`;
  const full = `${description} Every finding says what it is worth: tokens per call and dollars per call (and per month when a call rate is known); the formula is in docs/rules/${id}.md.`;
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: description },
    fullDescription: { text: full },
    help: { text: `${full} See ${helpUri}`, markdown: `**${id}**: ${description}\n\nSavings formula, examples and options: [docs/rules/${id}.md](${helpUri}).` },
    helpUri,
    defaultConfiguration: { level },
    properties: { tags: ['promptlint', 'cost', ...tags] },
  };
}

/** The rule descriptors and the results, made one finding at a time as `results` is iterated. */
function sarifParts(report: Report, options: SarifOptions, root: string): { rules: SarifRule[]; results: Iterable<unknown> } {
  const rules: SarifRule[] = options.rules.map((r) =>
    ruleDescriptor(r.meta.id, r.meta.description, r.meta.defaultSeverity === 'error' ? 'error' : 'warning', [r.meta.family], options.homepage),
  );
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const ruleIndex = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      const check = CLI_CHECKS[id] ?? { description: id, level: 'warning' as const, tags: [] };
      rules.push(ruleDescriptor(id, check.description, check.level, check.tags, options.homepage));
      i = rules.length - 1;
      index.set(id, i);
    }
    return i;
  };
  // Every id first, in the order the results meet them: the rules list is complete before any result is made.
  for (const file of report.files) for (const f of file.findings) ruleIndex(f.ruleId ?? 'parse-error');

  function* results(): Generator<unknown> {
    for (const file of report.files) {
      const uriPath = relative(root, file.abs).split(sep).join('/');
      const uri = uriPath.split('/').map(encodeURIComponent).join('/');
      const seen = new Map<string, number>();
      for (const f of file.findings) {
        const id = f.ruleId ?? 'parse-error';
        const hash = createHash('sha256').update(`${id}\u0000${uriPath}\u0000${lineTextOf(file.lines, f.line)}`).digest('hex').slice(0, 32);
        const n = (seen.get(hash) ?? 0) + 1;
        seen.set(hash, n);
        yield result(f, id, ruleIndex(id), uri, `${hash}:${n}`);
      }
    }
  }
  return { rules, results: results() };
}

function sarifLog(root: string, options: SarifOptions, rules: SarifRule[], results: unknown): unknown {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'promptlint',
            informationUri: options.homepage,
            version: options.version,
            semanticVersion: options.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function toSarif(report: Report, options: SarifOptions): unknown {
  const root = repoRoot(report.cwd);
  const { rules, results } = sarifParts(report, options, root);
  return sarifLog(root, options, rules, [...results]);
}

/** The log's text in pieces, one result at a time (formatSarif's text, never held whole). */
export function sarifChunks(report: Report, options: SarifOptions): Iterable<string> {
  const root = repoRoot(report.cwd);
  const { rules, results } = sarifParts(report, options, root);
  return jsonChunks(sarifLog(root, options, rules, ITEMS), results);
}

function result(f: CliFinding, id: string, ruleIndex: number, uri: string, fingerprint: string): unknown {
  return {
    ruleId: id,
    ruleIndex,
    level: f.severity === 'error' ? 'error' : 'warning',
    message: { text: withSavings(f.message, f.savings, (m, s) => `${m} (${s})`) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, 1) },
        },
      },
    ],
    partialFingerprints: { 'promptlint/v1': fingerprint },
    ...(f.savings ? { properties: { savings: f.savings } } : {}),
  };
}

export function formatSarif(report: Report, options: SarifOptions): string {
  return `${inertJson(JSON.stringify(toSarif(report, options), null, 2))}\n`;
}
