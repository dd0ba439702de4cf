/**
 * Configuration discovery (from the working directory upward, stopping at the repository root),
 * file kinds and precedence, --config / --no-config, and what each key does to the report.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, run, tempDir, writeFiles } from './helpers.js';

/** prefer-compact-data is in `strict` only; no-redundant-whitespace in `recommended` (a warning). */
const RECORDS =
  '[{"name":"Hong Gildong","age":30,"email":"hong@example.com","city":"Seoul"},{"name":"Kim Minji","age":25,"email":"minji@example.com","city":"Busan"},' +
  '{"name":"Lee Jun","age":41,"email":"jun@example.com","city":"Incheon"},{"name":"Park Sora","age":35,"email":"sora@example.com","city":"Daegu"}]';
const FM = '---\nmax_tokens: 300\n---\n'; // an output limit: require-max-tokens stays quiet
const FILES = {
  'prompts/data.md': `${FM}Classify each customer below.\n\n\`\`\`json\n${RECORDS}\n\`\`\`\n`,
  'prompts/ws.md': `${FM}Answer briefly.   \n`,
};

const rulesSeen = (args: string[], cwd: string): string[] =>
  [...new Set(json(run(['--format', 'json', ...args], cwd)).files.flatMap((f) => f.findings.map((x) => x.ruleId)))].sort() as string[];

describe('discovery', () => {
  it('without a configuration: the recommended preset', () => {
    const cwd = tempDir(FILES);
    expect(rulesSeen([], cwd)).toEqual(['no-redundant-whitespace']);
  });

  it('finds the nearest configuration upward from the working directory', () => {
    const cwd = tempDir({ ...FILES, 'promptlint.config.json': '{ "extends": "strict" }' });
    mkdirSync(join(cwd, '.git'));
    expect(rulesSeen([], cwd)).toEqual(['no-redundant-whitespace', 'prefer-compact-data']);
    expect(rulesSeen([], join(cwd, 'prompts'))).toEqual(['no-redundant-whitespace', 'prefer-compact-data']);
  });

  it('stops at the repository root (the folder holding .git)', () => {
    const outer = tempDir({ 'promptlint.config.json': '{ "extends": "strict" }' });
    const repo = join(outer, 'repo');
    writeFiles(repo, FILES);
    mkdirSync(join(repo, '.git'));
    expect(rulesSeen([], repo)).toEqual(['no-redundant-whitespace']);
  });

  it('precedence in one folder: promptlint.config.js, .mjs, .json, .promptlintrc.json, package.json', () => {
    const cwd = tempDir({
      ...FILES,
      'promptlint.config.js': 'export default { extends: "strict", rules: { "no-redundant-whitespace": "off" } };\n',
      'promptlint.config.json': '{ "extends": "strict" }',
      'package.json': '{ "name": "x", "type": "module", "promptlint": { "rules": { "no-redundant-whitespace": "off" } } }',
    });
    expect(rulesSeen([], cwd)).toEqual(['prefer-compact-data']);
  });

  it('.mjs, .promptlintrc.json and the "promptlint" key of package.json are read', () => {
    const mjs = tempDir({ ...FILES, 'promptlint.config.mjs': 'export default { extends: "strict" };\n' });
    expect(rulesSeen([], mjs)).toEqual(['no-redundant-whitespace', 'prefer-compact-data']);
    const rc = tempDir({ ...FILES, '.promptlintrc.json': '{ "extends": "all", "rules": { "no-redundant-whitespace": "off" } }' });
    expect(rulesSeen([], rc)).toEqual(['prefer-compact-data']);
    const pkg = tempDir({ ...FILES, 'package.json': '{ "name": "x", "promptlint": { "extends": "strict" } }' });
    expect(rulesSeen([], pkg)).toEqual(['no-redundant-whitespace', 'prefer-compact-data']);
  });

  it('a package.json without the key is skipped, and the search goes on upward', () => {
    const cwd = tempDir({ 'promptlint.config.json': '{ "extends": "strict" }', 'app/package.json': '{ "name": "app" }' });
    writeFiles(join(cwd, 'app'), FILES);
    expect(rulesSeen([], join(cwd, 'app'))).toEqual(['no-redundant-whitespace', 'prefer-compact-data']);
  });

  it('--config FILE replaces discovery; --no-config ignores every file', () => {
    const cwd = tempDir({ ...FILES, 'promptlint.config.json': '{ "extends": "strict" }', 'ci/quiet.json': '{ "rules": { "no-redundant-whitespace": "off" } }' });
    expect(rulesSeen(['--config', 'ci/quiet.json'], cwd)).toEqual([]);
    expect(rulesSeen(['--no-config'], cwd)).toEqual(['no-redundant-whitespace']);
  });
});

describe('keys', () => {
  it('rules: severity and options', () => {
    const cwd = tempDir({ ...FILES, 'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }' });
    const r = run(['--format', 'json'], cwd);
    expect(r.status).toBe(1);
    expect(json(r).files.flatMap((f) => f.findings).map((f) => f.severity)).toEqual(['error']);
  });

  it('model prices files that name none; --model wins over it', () => {
    const cwd = tempDir({ ...FILES, 'promptlint.config.json': '{ "model": "gpt-4o-mini" }' });
    const finding = (args: string[]) => json(run(['--format', 'json', ...args], cwd)).files.flatMap((f) => f.findings)[0]!;
    expect(finding([]).savings!.model).toBe('gpt-4o-mini');
    expect(finding(['--model', 'gpt-4.1']).savings!.model).toBe('gpt-4.1');
  });

  it('callsPerDay gives per-month figures (usdPerCall x calls x 30); --calls-per-day wins', () => {
    const cwd = tempDir({ ...FILES, 'promptlint.config.json': '{ "callsPerDay": 1000 }' });
    const report = json(run(['--format', 'json'], cwd));
    const s = report.files.flatMap((f) => f.findings)[0]!.savings!;
    expect(s.usdPerCall).not.toBeNull();
    expect(s.usdPerMonth).toBeCloseTo(s.usdPerCall! * 1000 * 30, 10);
    expect(report.summary.usdPerMonth).toBeCloseTo(s.usdPerMonth!, 10);
    const flag = json(run(['--format', 'json', '--calls-per-day', '10'], cwd)).files.flatMap((f) => f.findings)[0]!.savings!;
    expect(flag.usdPerMonth).toBeCloseTo(s.usdPerCall! * 10 * 30, 10);
  });

  it('models adds a price table entry usable as the model', () => {
    const cwd = tempDir({
      ...FILES,
      'promptlint.config.json': JSON.stringify({ model: 'house-llm', models: { 'house-llm': { provider: 'openai', input: 100, output: 200 } } }),
    });
    const s = json(run(['--format', 'json'], cwd)).files.flatMap((f) => f.findings)[0]!.savings!;
    expect(s.model).toBe('house-llm');
    expect(s.usdPerCall).toBeCloseTo((s.tokens! * 100) / 1e6, 12);
  });
});
