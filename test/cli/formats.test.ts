/**
 * The five formats over the same real run: json (the DESIGN.md contract), sarif (validated against
 * the SARIF 2.1.0 schema shipped by @microsoft/jest-sarif), github (workflow commands, escaped),
 * markdown (a pull-request comment) and stylish (colour only when asked); plus -o, --quiet and
 * --max-warnings.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatTokens, rules } from '@promptlint/core';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { json, run, tempDir, writeFiles, type JsonReport } from './helpers.js';

const require = createRequire(import.meta.url);

/** Front matter with an output limit, so that require-max-tokens has nothing to say. */
const FM = '---\nmax_tokens: 300\n---\n';
const WS_BODY = 'You are a support assistant.   \nAnswer    in a friendly    tone.\n';
/** Two whitespace findings (warnings) in one file, on lines 4 and 5; none in the other. */
const FILES = {
  'prompts/ws.md': `${FM}${WS_BODY}`,
  'prompts/clean.md': `${FM}Answer briefly.\n`,
};

function repo(files: Record<string, string> = FILES): string {
  const cwd = tempDir(files);
  mkdirSync(join(cwd, '.git'));
  return cwd;
}

describe('json', () => {
  it('is the DESIGN.md schema: every file, exact keys, 1-based positions, summary of the figures', () => {
    const r = run(['--format', 'json'], repo());
    expect(r.status).toBe(0);
    const report = json(r);
    expect(Object.keys(report)).toEqual(['version', 'files', 'summary']);
    expect(report.version).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['prompts/clean.md', 'prompts/ws.md']);
    expect(report.files[0]!.findings).toEqual([]);
    const findings = report.files[1]!.findings;
    expect(findings.length).toBe(2);
    for (const f of findings) {
      expect(Object.keys(f).filter((k) => k !== 'fix')).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'savings']);
      expect(Object.keys(f.savings!)).toEqual(['tokens', 'tokenKind', 'usdPerCall', 'usdPerMonth', 'model', 'confidence', 'basis']);
    }
    // trailing spaces after "assistant." (column 29 on line 4) and the first run of spaces on line 5
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['no-redundant-whitespace', 4, 29],
      ['no-redundant-whitespace', 5, 7],
    ]);
    const sum = (k: 'tokens' | 'usdPerCall') => findings.reduce((a, f) => a + (f.savings![k] ?? 0), 0);
    expect(report.summary).toMatchObject({ files: 2, errors: 0, warnings: 2, usdPerMonth: null });
    expect(report.summary.tokens).toBe(sum('tokens'));
    expect(report.summary.usdPerCall).toBeCloseTo(sum('usdPerCall'), 12);
  });
});

describe('sarif', () => {
  const cwd = repo({ ...FILES, 'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }' });
  const sarifOf = (dir: string, args: string[] = []) => JSON.parse(run(['--format', 'sarif', ...args], dir).stdout) as any;

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }) // the schema's language pattern is not valid with the u flag;
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = sarifOf(cwd);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // the validator does reject a broken log
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
  });

  it('has what GitHub code scanning needs', () => {
    const log = sarifOf(cwd);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif/);
    const run0 = log.runs[0];
    const driver = run0.tool.driver;
    expect(driver.name).toBe('promptlint');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(rules.map((r) => r.meta.id));
    for (const r of driver.rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(10);
      expect(r.fullDescription.text.length).toBeGreaterThan(10);
      expect(r.help.text).toContain(`docs/rules/${r.id}.md`);
      expect(r.help.markdown).toContain(`docs/rules/${r.id}.md`);
      expect(r.helpUri).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`));
      expect(['error', 'warning']).toContain(r.defaultConfiguration.level);
      expect(r.properties.tags).toContain('promptlint');
    }
    expect(run0.results).toHaveLength(2);
    for (const res of run0.results) {
      expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.level).toBe('error');
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: 'prompts/ws.md', uriBaseId: '%SRCROOT%' });
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(res.partialFingerprints['promptlint/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
      expect(res.properties.savings.tokens).toEqual(expect.any(Number));
    }
    expect(run0.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/\/.*\/$/);
  });

  it('uses repository-relative URIs when run from a subfolder', () => {
    const log = sarifOf(join(cwd, 'prompts'));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('prompts/ws.md');
  });

  it('fingerprints follow the flagged text, not its line number', () => {
    const before = sarifOf(cwd).runs[0].results.map((r: any) => r.partialFingerprints['promptlint/v1']);
    const moved = repo({ ...FILES, 'prompts/ws.md': `${FM}# Role\n\n${WS_BODY}`, 'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }' });
    const results = sarifOf(moved).runs[0].results;
    expect(results.map((r: any) => r.locations[0].physicalLocation.region.startLine)).toEqual([6, 7]);
    expect(results.map((r: any) => r.partialFingerprints['promptlint/v1'])).toEqual(before);
    expect(new Set(before).size).toBe(2);
  });
});

describe('github', () => {
  it('prints one escaped workflow command per finding', () => {
    const cwd = repo({ 'prompts/a,b:c.md': FILES['prompts/ws.md'] });
    const r = run(['--format', 'github'], cwd);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::warning file=prompts\/a%2Cb%3Ac\.md,line=4,endLine=4,col=29,endColumn=32,title=promptlint\(no-redundant-whitespace\)::Redundant whitespace/);
    expect(lines[1]).toMatch(/^::warning file=prompts\/a%2Cb%3Ac\.md,line=5,endLine=5,col=7,/);
    for (const l of lines) expect(l.split('::')[2]).not.toMatch(/[\r\n]/);
  });

  it('errors are ::error', () => {
    const cwd = repo({ ...FILES, 'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }' });
    const r = run(['--format', 'github'], cwd);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^::error file=prompts\/ws\.md,/);
  });
});

describe('markdown', () => {
  it('summarises savings by rule, then findings per file in <details>', () => {
    const cwd = repo();
    const report = json(run(['--format', 'json', '--calls-per-day', '1000'], cwd));
    const r = run(['--format', 'markdown', '--calls-per-day', '1000'], cwd);
    expect(r.status).toBe(0);
    const tokens = report.summary.tokens;
    expect(r.stdout).toMatch(/^## promptlint: ~\$[\d.]+\/call to save \(~\$[\d.]+\/month\)\n/);
    expect(r.stdout).toContain('**2 problems** (0 errors, 2 warnings) in 1 of 2 files; 2 fixable with `promptlint --fix`.');
    expect(r.stdout).toContain('| rule | findings | tokens/call | $/call | $/month |');
    expect(r.stdout).toMatch(new RegExp(`\\| \`no-redundant-whitespace\` \\| 2 \\| ${formatTokens(tokens)} \\| \\$[\\d.]+ \\| \\$[\\d.]+ \\|`));
    expect(r.stdout).toContain('<details><summary><code>prompts/ws.md</code>: 2 problems</summary>');
    expect(r.stdout).toMatch(/\| 4:29 \| warning \| `no-redundant-whitespace` \| Redundant whitespace/);
    expect(r.stdout).not.toContain('prompts/clean.md');
    expect(r.stdout.match(/<\/details>/g)).toHaveLength(1);
  });

  it('a clean run says so', () => {
    const r = run(['--format', 'markdown'], repo({ 'prompts/clean.md': `${FM}Answer briefly.\n` }));
    expect(r.stdout).toBe('## promptlint: no problems\n\n1 prompt file linted.\n');
  });
});

describe('stylish', () => {
  it('per file: findings with position, severity, message, rule; then the summary', () => {
    const r = run([], repo());
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('prompts/ws.md');
    expect(lines[1]).toMatch(/^ {2}one call: \d+ input \+ 300 output \(the file's limit\) tokens, ~\$[\d.]+\/call on gpt-4o$/);
    expect(lines[2]).toMatch(/^ {2}4:29 {2}warning {2}Redundant whitespace.* {2}no-redundant-whitespace$/);
    expect(r.stdout).toMatch(/Savings by rule\s+findings\s+tokens\/call\s+\$\/call\s+\$\/month\n {2}no-redundant-whitespace\s+2\s/);
    expect(r.stdout).toContain('\u2716 2 problems (0 errors, 2 warnings), 2 fixable with --fix');
    expect(r.stdout).toContain('Priced as gpt-4o (default; set --model or `model:` in front matter).');
    expect(r.stdout).not.toContain('prompts/clean.md');
  });

  it('no default-model note when --model names one', () => {
    const r = run(['--model', 'gpt-4o-mini'], repo());
    expect(r.stdout).not.toContain('Priced as');
    expect(r.stdout).toContain('Files that name no model are priced as gpt-4o-mini.');
  });

  it('colour with FORCE_COLOR or --color, none with NO_COLOR', () => {
    const cwd = repo();
    expect(run([], cwd, { FORCE_COLOR: '1' }).stdout).toMatch(/\u001b\[33mwarning/);
    expect(run(['--color'], cwd).stdout).toMatch(/\u001b\[/);
    expect(run([], cwd, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toMatch(/\u001b\[/);
    expect(run([], cwd, { FORCE_COLOR: '0' }).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('output and thresholds', () => {
  it('-o writes the report to a file (no temp file left) and nothing to stdout', () => {
    const cwd = repo();
    writeFiles(cwd, { 'reports/.keep': '' });
    const r = run(['--format', 'json', '-o', 'reports/promptlint.json'], cwd);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(cwd, 'reports/promptlint.json'), 'utf8')) as JsonReport;
    expect(report.summary.warnings).toBe(2);
    expect(readdirSync(join(cwd, 'reports')).sort()).toEqual(['.keep', 'promptlint.json']);
    const again = run(['--output-file', 'reports/promptlint.json', '--format', 'sarif'], cwd);
    expect(again.status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, 'reports/promptlint.json'), 'utf8')).version).toBe('2.1.0');
  });

  it('-o into a missing folder: one line, exit 2', () => {
    const r = run(['-o', 'nope/report.txt'], repo());
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('promptlint: cannot write nope/report.txt: no such file or directory');
  });

  it('--quiet reports errors only', () => {
    const cwd = repo({ ...FILES, 'prompts/big.md': `${FM}Answer briefly.   \n` });
    const q = json(run(['--format', 'json', '--quiet'], cwd));
    expect(q.files.flatMap((f) => f.findings)).toEqual([]);
    expect(q.summary.warnings).toBe(0);
    expect(run(['--quiet'], cwd).stdout).toContain('No problems');
  });

  it('--max-warnings: exit 1 over the limit, with a note on stderr; -1 means no limit', () => {
    const cwd = repo();
    const over = run(['--max-warnings', '1'], cwd);
    expect(over.status).toBe(1);
    expect(over.stderr.trim()).toBe('promptlint found too many warnings (maximum: 1).');
    expect(run(['--max-warnings', '2'], cwd).status).toBe(0);
    expect(run(['--max-warnings', '-1'], cwd).status).toBe(0);
    expect(run(['--max-warnings', '0', '--format', 'json'], cwd).status).toBe(1);
  });
});
