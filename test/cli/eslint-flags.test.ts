/**
 * ESLint users' habits, with ESLint's meaning: --stdin / --stdin-filename, --print-config,
 * --no-ignore, --ignore-pattern, --no-warn-ignored, --rule, --fix-dry-run, --concurrency off,
 * promptlint-disable-file, --report-unused-disable-directives[-severity]; files named explicitly
 * that are ignored; code files refused. The real binary in real folders.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, expectOneLine, json, run, tempDir, type JsonReport } from './helpers.js';

/** A prompt with one fixable whitespace warning (line 4) and no other finding under the config below. */
const WS = '---\nmodel: gpt-4o-mini\nmax_tokens: 300\n---\nAnswer    briefly.\n';
const CLEAN = '---\nmodel: gpt-4o-mini\nmax_tokens: 300\n---\nAnswer briefly.\n';

function withInput(args: string[], cwd: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ids = (r: JsonReport, path: string): string[] => r.files.find((f) => f.path === path)!.findings.map((f) => `${f.line}:${f.ruleId}:${f.severity}`);
const paths = (r: JsonReport): string[] => r.files.map((f) => f.path).sort();

describe('--stdin and --stdin-filename', () => {
  it('lints standard input as the file named, with that file\'s configuration and kind', () => {
    const dir = tempDir({ 'sub/promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }' });
    const r = json(withInput(['--stdin', '--stdin-filename', 'sub/prompts/x.md', '--format', 'json'], dir, WS));
    expect(paths(r)).toEqual(['sub/prompts/x.md']);
    expect(ids(r, 'sub/prompts/x.md')).toEqual(['5:no-redundant-whitespace:error']);
    // Without a name: "<text>", and the working directory's configuration (none: a warning).
    const plain = json(withInput(['--stdin', '--format', 'json'], dir, WS));
    expect(ids(plain, '<text>')).toEqual(['5:no-redundant-whitespace:warning']);
  });

  it('--fix is refused for piped-in text; --fix-dry-run gives the fixed text in `output`', () => {
    const dir = tempDir();
    const refused = withInput(['--stdin', '--fix'], dir, WS);
    expect(refused.status).toBe(2);
    expect(expectOneLine(refused.stderr)).toBe('promptlint: the --fix option is not available for piped-in text; use --fix-dry-run instead');
    const r = withInput(['--stdin', '--stdin-filename', 'a.prompt.md', '--fix-dry-run', '--format', 'json'], dir, WS);
    const report = JSON.parse(r.stdout) as JsonReport & { files: { output?: string }[] };
    expect(report.files[0]!.output).toBe(WS.replace('Answer    briefly.', 'Answer briefly.'));
    expect(report.files[0]!.findings).toEqual([]); // what remains after the fixes
    expect(r.status).toBe(0);
  });

  it('files with --stdin, or --stdin-filename alone, are usage errors', () => {
    const dir = tempDir({ 'a.prompt.md': WS });
    for (const args of [['--stdin', 'a.prompt.md'], ['--stdin-filename', 'a.prompt.md']]) {
      const r = withInput(args, dir, WS);
      expect(r.status).toBe(2);
      expectOneLine(r.stderr);
    }
  });

  it('an ignored --stdin-filename gets ESLint\'s warning instead of findings; a code file name is refused', () => {
    const dir = tempDir({ 'promptlint.config.json': '{ "ignores": ["legacy/**"] }' });
    const r = json(withInput(['--stdin', '--stdin-filename', 'legacy/a.prompt.md', '--format', 'json'], dir, WS));
    expect(r.files[0]!.findings.map((f) => [f.ruleId, f.severity])).toEqual([['ignored-file', 'warning']]);
    const code = withInput(['--stdin', '--stdin-filename', 'src/ai.ts'], dir, 'const x = 1;\n');
    expect(code.status).toBe(2);
    expect(expectOneLine(code.stderr)).toMatch(/src\/ai\.ts: a code file: .*@promptlint\/eslint-plugin/);
  });
});

describe('--print-config', () => {
  it('prints the configuration that applies to the file (the nearest), with --rule over it, and lints nothing', () => {
    const dir = tempDir({
      'promptlint.config.json': '{ "model": "gpt-4o-mini" }',
      'team/.promptlintrc.jsonc': '{ "extends": "strict", // the team\'s own\n "maxCost": 0.5, }',
      'team/prompts/a.md': WS,
    });
    const r = run(['--print-config', 'team/prompts/a.md', '--rule', 'require-max-tokens: off'], dir);
    expect(r.status, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as Record<string, unknown> & { rules: Record<string, unknown> };
    expect(printed.configFile).toBe('team/.promptlintrc.jsonc');
    expect(printed.extends).toBe('strict');
    expect(printed.maxCost).toBe(0.5);
    expect(printed.model).toBe('gpt-4o'); // nearest wins: the root's model does not cascade
    expect(printed.rules['require-max-tokens']).toBe('off');
    const root = JSON.parse(run(['--print-config', 'x.md'], dir).stdout) as Record<string, unknown>;
    expect(root.configFile).toBe('promptlint.config.json');
    expect(root.model).toBe('gpt-4o-mini');
    const both = run(['--print-config', 'x.md', 'team'], dir);
    expect(both.status).toBe(2);
    expect(expectOneLine(both.stderr)).toBe('promptlint: the --print-config option must be used with exactly one file name');
  });
});

describe('ignores: --no-ignore, --ignore-pattern, --no-warn-ignored, files named explicitly', () => {
  const files = {
    '.gitignore': 'generated/\n',
    'promptlint.config.json': '{ "ignores": ["prompts/legacy/**"] }',
    'prompts/a.md': WS,
    'prompts/legacy/old.md': WS,
    'prompts/drafts/d.md': WS,
    'generated/prompts/g.md': WS,
  };

  it('a folder search skips ignored files; --no-ignore lints them all', () => {
    const dir = tempDir(files);
    expect(paths(json(run(['--format', 'json'], dir)))).toEqual(['prompts/a.md', 'prompts/drafts/d.md']);
    expect(paths(json(run(['--format', 'json', '--no-ignore'], dir)))).toEqual(['generated/prompts/g.md', 'prompts/a.md', 'prompts/drafts/d.md', 'prompts/legacy/old.md']);
  });

  it('--ignore-pattern adds globs relative to the working directory, and repeats', () => {
    const dir = tempDir(files);
    expect(paths(json(run(['--format', 'json', '--ignore-pattern', 'prompts/drafts/**'], dir)))).toEqual(['prompts/a.md']);
    expect(paths(json(run(['--format', 'json', '--ignore-pattern', 'prompts/drafts/', '--ignore-pattern', '**/a.md'], dir)))).toEqual([]);
    const bad = run(['--ignore-pattern', 'prompts/[z-a]'], dir);
    expect(bad.status).toBe(2);
    expect(expectOneLine(bad.stderr)).toMatch(/^promptlint: --ignore-pattern: invalid glob/);
  });

  it('a file named explicitly that is ignored is not linted: ESLint\'s warning instead, which counts as a warning', () => {
    const dir = tempDir(files);
    for (const named of ['prompts/legacy/old.md', 'generated/prompts/g.md']) {
      const r = run([named], dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings or use "--no-warn-ignored" to suppress this warning.');
      expect(r.stdout).not.toContain('no-redundant-whitespace');
      expect(run([named, '--max-warnings', '0'], dir).status).toBe(1);
      expect(ids(json(run([named, '--no-ignore', '--format', 'json'], dir)), named)).toEqual(['5:no-redundant-whitespace:warning']);
      const quiet = json(run([named, '--no-warn-ignored', '--format', 'json'], dir));
      expect(quiet.files).toEqual([]);
    }
    const byPattern = json(run(['prompts/a.md', '--ignore-pattern', 'prompts/a.md', '--format', 'json'], dir));
    expect(ids(byPattern, 'prompts/a.md')).toEqual(['1:ignored-file:warning']);
  });
});

describe('--rule', () => {
  it('sets rules over the configuration, in levn notation or JSON, repeatable; the last wins', () => {
    const dir = tempDir({ 'prompts/a.md': WS });
    const base = ids(json(run(['--format', 'json'], dir)), 'prompts/a.md');
    expect(base).toEqual(['5:no-redundant-whitespace:warning']);
    expect(ids(json(run(['--format', 'json', '--rule', 'no-redundant-whitespace: error'], dir)), 'prompts/a.md')).toEqual(['5:no-redundant-whitespace:error']);
    expect(ids(json(run(['--format', 'json', '--rule', '{"no-redundant-whitespace": ["off"]}'], dir)), 'prompts/a.md')).toEqual([]);
    expect(ids(json(run(['--format', 'json', '--rule', 'no-redundant-whitespace: off', '--rule', 'no-redundant-whitespace: [error]'], dir)), 'prompts/a.md')).toEqual([
      '5:no-redundant-whitespace:error',
    ]);
    // Options, as ESLint's --rule 'id: [error, {...}]'
    const budget = json(run(['--format', 'json', '--rule', 'max-prompt-tokens: [error, {budget: 3}]'], dir));
    expect(ids(budget, 'prompts/a.md')).toContain('1:max-prompt-tokens:error');
  });

  it('an unknown rule, a bad option, a bad value or an Object name: one line, exit 2', () => {
    const dir = tempDir({ 'prompts/a.md': WS });
    const cases: [string, RegExp][] = [
      ['nope: error', /^promptlint: --rule: unknown rule "nope"/],
      ['no-redundant-whitespace: loud', /^promptlint: --rule: rule "no-redundant-whitespace": severity must be/],
      ['max-prompt-tokens: [error, {bogus: 1}]', /^promptlint: --rule: rule "max-prompt-tokens" options: unknown option "bogus"/],
      ['max-prompt-tokens: [error, {constructor: 1}]', /^promptlint: --rule: "constructor" cannot be a rule id or an option name/],
      ['__proto__: error', /^promptlint: --rule: "__proto__" cannot be/],
      ['[error', /^promptlint: --rule: /],
      ['error', /^promptlint: --rule: cannot read "error": .*\(expected 'rule-id: severity' or 'rule-id: \[severity, \{options\}\]'\)$/],
      ['[]', /^promptlint: --rule: /],
    ];
    for (const [value, message] of cases) {
      const r = run(['--rule', value], dir);
      expect(r.status, value).toBe(2);
      expect(expectOneLine(r.stderr), value).toMatch(message);
    }
  });
});

describe('--fix-dry-run and --concurrency off', () => {
  it('reports what remains after the fixes and the fixed text, writing nothing', () => {
    const dir = tempDir({ 'prompts/a.md': WS, 'prompts/b.md': CLEAN });
    const r = run(['--fix-dry-run', '--format', 'json'], dir);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: unknown[]; output?: string }[] };
    expect(report.files.find((f) => f.path === 'prompts/a.md')).toMatchObject({ findings: [], output: CLEAN });
    expect(report.files.find((f) => f.path === 'prompts/b.md')!.output).toBeUndefined();
    expect(readFileSync(join(dir, 'prompts/a.md'), 'utf8')).toBe(WS);
    const both = run(['--fix', '--fix-dry-run'], dir);
    expect(both.status).toBe(2);
    expect(expectOneLine(both.stderr)).toBe('promptlint: the --fix option and the --fix-dry-run option cannot be used together');
  });

  it('--concurrency off lints on the main thread, as --concurrency 1', () => {
    const dir = tempDir({ 'prompts/a.md': WS, 'prompts/b.md': CLEAN });
    const off = run(['--concurrency', 'off', '--debug', '--format', 'json'], dir);
    expect(off.stderr).toMatch(/linted on the main thread/);
    expect(off.stdout).toBe(run(['--concurrency', '1', '--format', 'json'], dir).stdout);
    expect(run(['--concurrency', 'of'], dir).status).toBe(2);
  });
});

describe('directives: promptlint-disable-file and unused directives', () => {
  it('promptlint-disable-file silences its rules in the whole file, wherever it stands', () => {
    const dir = tempDir({
      'prompts/all.md': `${WS}\nMore    text.\n<!-- promptlint-disable-file -->\n`,
      'prompts/one.md': `${WS}<!-- promptlint-disable-file max-prompt-tokens -- a long one on purpose -->\nMore    text.\n`,
    });
    const r = json(run(['--format', 'json', '--rule', 'max-prompt-tokens: [warn, {budget: 3}]'], dir));
    expect(ids(r, 'prompts/all.md')).toEqual([]);
    expect(ids(r, 'prompts/one.md')).toEqual(['5:no-redundant-whitespace:warning', '7:no-redundant-whitespace:warning']);
    expect(ids(json(run(['--format', 'json', '--rule', 'max-prompt-tokens: [warn, {budget: 3}]', 'prompts/one.md'], tempDir({ 'prompts/one.md': `${WS}More    text.\n` }))), 'prompts/one.md')).toContain(
      '1:max-prompt-tokens:warning',
    );
  });

  it('--report-unused-disable-directives reports them as errors; -severity and the configuration choose', () => {
    const text = `${CLEAN}<!-- promptlint-disable-next-line no-redundant-whitespace -->\nAll    used.\n<!-- promptlint-disable-line no-filler-phrases -->\n<!-- promptlint-disable -->\n`;
    const dir = tempDir({ 'prompts/a.md': text });
    const unused = (args: string[]) => json(run(['--format', 'json', ...args], dir)).files[0]!.findings.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => `${f.line}:${f.severity}:${f.message}`);
    expect(unused([])).toEqual([]);
    const expected = [
      "8:error:Unused promptlint-disable-line directive (no problems were reported from 'no-filler-phrases').",
      '9:error:Unused promptlint-disable directive (no problems were reported).',
    ];
    expect(unused(['--report-unused-disable-directives'])).toEqual(expected);
    expect(run(['--report-unused-disable-directives'], dir).status).toBe(1);
    expect(unused(['--report-unused-disable-directives-severity', 'warn'])).toEqual(expected.map((e) => e.replace(':error:', ':warning:')));
    expect(run(['--report-unused-disable-directives-severity', '1'], dir).status).toBe(0);
    expect(unused(['--report-unused-disable-directives-severity', 'off'])).toEqual([]);
    const both = run(['--report-unused-disable-directives', '--report-unused-disable-directives-severity', 'warn'], dir);
    expect(both.status).toBe(2);
    expectOneLine(both.stderr);
  });

  it('--fix removes a directive none of whose rules silenced anything (its line when it stands alone), as ESLint does', () => {
    const used = '<!-- promptlint-disable-next-line no-redundant-whitespace, no-filler-phrases -->\nA    b.\n';
    const text = `${CLEAN}<!-- promptlint-disable no-filler-phrases -->\nBye. <!-- promptlint-disable-line -->\n${used}`;
    const dir = tempDir({ 'prompts/a.md': text });
    // Without the report, directives are left alone.
    expect(run(['--fix'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'prompts/a.md'), 'utf8')).toBe(text);
    const r = json(run(['--fix', '--report-unused-disable-directives', '--format', 'json'], dir));
    // The partly used directive stays (and is still reported for the rule it did not need).
    expect(readFileSync(join(dir, 'prompts/a.md'), 'utf8')).toBe(`${CLEAN}Bye.\n${used}`);
    expect(r.files[0]!.findings.map((f) => `${f.line}:${f.ruleId}`)).toEqual(['7:unused-disable-directive']);
  });

  it('the configuration\'s reportUnusedDisableDirectives: true is "warn", as ESLint\'s; the flag wins', () => {
    const dir = tempDir({ 'prompts/a.md': `${CLEAN}<!-- promptlint-disable -->\n`, 'promptlint.config.json': '{ "reportUnusedDisableDirectives": true }' });
    const sev = (args: string[]) => json(run(['--format', 'json', ...args], dir)).files[0]!.findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(sev([])).toEqual(['unused-disable-directive:warning']);
    expect(sev(['--report-unused-disable-directives'])).toEqual(['unused-disable-directive:error']);
    expect(sev(['--report-unused-disable-directives-severity', 'off'])).toEqual([]);
    const bad = tempDir({ 'promptlint.config.json': '{ "reportUnusedDisableDirectives": "loud" }' });
    const r = run([], bad);
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toMatch(/^promptlint: promptlint\.config\.json: "reportUnusedDisableDirectives": expected/);
  });
});

describe('code files', () => {
  it('named or matched, they are refused with a pointer to the ESLint plugin, never linted as markdown', () => {
    const dir = tempDir({ 'lib/ai/chat.ts': 'export const x = 1;\n', 'lib/ai/view.tsx': 'export {};\n', 'lib/ai/prompts/a.md': WS });
    const named = run(['lib/ai/chat.ts'], dir);
    expect(named.status).toBe(2);
    expect(named.stdout).toBe('');
    expect(expectOneLine(named.stderr)).toBe(
      'promptlint: lib/ai/chat.ts: a code file: promptlint lints prompt files; lint code (its SDK calls and prompts) with @promptlint/eslint-plugin',
    );
    const glob = run(['lib/ai/*.ts'], dir);
    expect(glob.status).toBe(2);
    expect(expectOneLine(glob.stderr)).toMatch(/^promptlint: lib\/ai\/\*\.ts: matches only code files: .*@promptlint\/eslint-plugin$/);
    // A glob over prompt files and code files lints the prompt files only.
    expect(paths(json(run(['lib/**/*', '--format', 'json'], dir)))).toEqual(['lib/ai/prompts/a.md']);
  });
});

describe('yaml', () => {
  it('front matter that makes yaml warn prints nothing on stderr', () => {
    const dir = tempDir({ 'prompts/k.md': '---\nmodel: gpt-4o\n? [a, b]\n: c\n---\nHello\n' });
    const r = run(['--format', 'json'], dir);
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).toBe('');
  });
});

describe('documentation', () => {
  it('every option the parser accepts is in --help and in packages/cli/README.md', () => {
    const source = readFileSync(join(import.meta.dirname, '../../packages/cli/src/args.ts'), 'utf8');
    const flags = [...source.matchAll(/^ {2}'(--[a-z-]+)': \{ kind:/gm)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(30);
    const help = run(['--help'], tempDir()).stdout;
    const readme = readFileSync(join(import.meta.dirname, '../../packages/cli/README.md'), 'utf8');
    const mentioned = (text: string, flag: string) => new RegExp(`${flag}(?![a-z-])`).test(text);
    expect(flags.filter((f) => !mentioned(help, f))).toEqual([]);
    expect(flags.filter((f) => !mentioned(readme, f))).toEqual([]);
  });
});
