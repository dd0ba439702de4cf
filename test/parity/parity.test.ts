/**
 * Parity: every prompt fixture under fixtures/prompts/, linted by ESLint's `prompt` language
 * (configs.all, on ESLint 10 and ESLint 9) and by the real CLI binary (`--format json`, a config
 * turning every rule on), gives the same files, rule ids, severities, positions and savings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describeSavings, formatTokens, presetRules, type Savings } from '@promptlint/core';
import promptlint from '@promptlint/eslint-plugin';
import { detectKind } from '@promptlint/markdown';
import { ESLint as ESLint10 } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = 'fixtures/prompts';
const BIN = join(ROOT, 'packages/cli/bin/promptlint.js');

interface CliFinding {
  ruleId: string | null;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  savings: { tokens: number | null; usdPerCall: number | null; model: string | null } | null;
  fix?: { range: [number, number]; text: string };
}
interface CliReport {
  version: number;
  files: { path: string; findings: CliFinding[] }[];
}

/** One finding as both linters can state it. */
interface Row {
  ruleId: string | null;
  severity: 1 | 2;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
}

const toPosix = (p: string): string => p.split('\\').join('/');

/** Prompt files under fixtures/prompts: every file the markdown front end says is one. */
function promptFixtures(dir = join(ROOT, FIXTURES)): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...promptFixtures(abs));
    else if (entry.isFile() && detectKind(toPosix(relative(ROOT, abs)))) out.push(toPosix(relative(ROOT, abs)));
  }
  return out.sort();
}

function byPosition(a: Row, b: Row): number {
  return a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId));
}

let tmp: string;
let cli: Map<string, CliFinding[]>;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'promptlint-parity-'));
  const config = join(tmp, 'promptlint.config.json');
  // Every rule on, at the severity configs.all gives it (the CLI's `extends: "all"` preset).
  writeFileSync(config, JSON.stringify({ extends: 'all', rules: presetRules('all') }));
  const run = spawnSync(process.execPath, [BIN, '--format', 'json', '--config', config, FIXTURES], { cwd: ROOT, encoding: 'utf8' });
  if ((run.status !== 0 && run.status !== 1) || !run.stdout.trim()) {
    throw new Error(`promptlint exited ${run.status} with no report: ${run.stderr.trim().split('\n')[0]}`);
  }
  const report = JSON.parse(run.stdout) as CliReport;
  expect(report.version).toBe(1);
  cli = new Map(report.files.map((f) => [f.path, f.findings]));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.each([
  ['ESLint 10', ESLint10],
  ['ESLint 9', ESLint9],
] as const)('%s prompt language agrees with the CLI', (_name, ESLint) => {
  let eslint: Map<string, ESLint10.LintResult>;

  beforeAll(async () => {
    const instance = new (ESLint as typeof ESLint10)({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [...promptlint.configs.all, { linterOptions: { reportUnusedDisableDirectives: 'off' } }],
    });
    const results = await instance.lintFiles([FIXTURES]);
    eslint = new Map(results.map((r) => [toPosix(relative(ROOT, r.filePath)), r]));
  });

  it('there are prompt fixtures to compare', () => {
    expect(promptFixtures().length).toBeGreaterThan(0);
  });

  it('both lint the same files', () => {
    expect([...eslint.keys()].sort()).toEqual(promptFixtures());
    expect([...cli.keys()].sort()).toEqual(promptFixtures());
  });

  it.each(promptFixtures())('%s: same rule ids, severities, lines and columns, messages and savings', (path) => {
    const cliFindings = cli.get(path) ?? [];
    const result = eslint.get(path);
    expect(result, `ESLint did not lint ${path}`).toBeDefined();
    const messages = result!.messages;

    const cliRows: Row[] = cliFindings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity === 'error' ? 2 : 1,
      line: f.line,
      column: f.column,
      // a file that cannot be parsed has only a start position in ESLint
      endLine: f.ruleId === null ? undefined : f.endLine,
      endColumn: f.ruleId === null ? undefined : f.endColumn,
    }));
    const eslintRows: Row[] = messages.map((m) => ({
      ruleId: m.ruleId === null ? null : m.ruleId.replace(/^promptlint\//, ''),
      severity: m.severity as 1 | 2,
      line: m.line,
      column: m.column,
      endLine: m.ruleId === null ? undefined : m.endLine,
      endColumn: m.ruleId === null ? undefined : m.endColumn,
    }));
    expect(eslintRows.sort(byPosition)).toEqual([...cliRows].sort(byPosition));

    // Pair them up (same order after sorting) and compare what each says.
    const cliSorted = [...cliFindings].sort((a, b) => byPosition(a as unknown as Row, b as unknown as Row));
    const eslintSorted = [...messages].sort((a, b) =>
      byPosition({ ...a, ruleId: a.ruleId?.replace(/^promptlint\//, '') ?? null } as Row, { ...b, ruleId: b.ruleId?.replace(/^promptlint\//, '') ?? null } as Row),
    );
    cliSorted.forEach((c, i) => {
      const e = eslintSorted[i]!;
      if (c.ruleId === null) {
        expect(e.fatal).toBe(true);
        expect(e.message).toBe(`Parsing error: ${c.message}`);
        return;
      }
      // ESLint's message is the CLI's, with the CLI's saving appended when the message does not state it.
      const withSaving = c.savings ? `${c.message} (${describeSavings(c.savings as Savings)})` : c.message;
      expect([c.message, withSaving]).toContain(e.message);
      if (c.savings?.tokens != null) expect(e.message).toContain(formatTokens(c.savings.tokens));
      if (c.fix) expect(e.fix).toEqual(c.fix);
    });
  });
});
