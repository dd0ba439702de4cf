/**
 * Every usage, configuration and file-system error prints one line starting with "promptlint:"
 * and exits 2, with no stack trace. A prompt file that cannot be parsed is not a usage error: as in
 * ESLint it is reported as a fatal finding (ruleId null) and the run exits 1.
 */
import { describe, expect, it } from 'vitest';
import { expectOneLine, json, run, tempDir } from './helpers.js';

const PROMPT = { 'prompts/a.md': 'Answer the question briefly.\n' };

function fails(args: string[], files: Record<string, string> = PROMPT): string {
  const cwd = tempDir(files);
  const r = run(args, cwd);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const line = expectOneLine(r.stderr);
  expect(line).toMatch(/^promptlint: /);
  return line;
}

describe('usage errors exit 2 with one line', () => {
  it('a missing path', () => {
    expect(fails(['nope.md'])).toBe('promptlint: no such file or directory: nope.md');
  });

  it('a missing path among good ones', () => {
    expect(fails(['prompts', 'missing/dir'])).toBe('promptlint: no such file or directory: missing/dir');
  });

  it('a glob that matches nothing', () => {
    expect(fails(['prompts/**/*.prompty'])).toBe('promptlint: no files match the pattern: prompts/**/*.prompty');
  });

  it('an unknown flag', () => {
    expect(fails(['--frobnicate'])).toBe('promptlint: unknown option "--frobnicate" (see promptlint --help)');
  });

  it('an unknown short flag', () => {
    expect(fails(['-z'])).toMatch(/unknown option "-z"/);
  });

  it('a bad number', () => {
    expect(fails(['--max-warnings', 'abc'])).toBe('promptlint: --max-warnings: expected an integer, got "abc"');
    expect(fails(['--max-cost=cheap'])).toBe('promptlint: --max-cost: expected a number, got "cheap"');
    expect(fails(['--max-cost', '-1'])).toBe('promptlint: --max-cost: expected a value >= 0, got -1');
    expect(fails(['--calls-per-day', '1e400'])).toMatch(/--calls-per-day: expected a number/);
  });

  it('a flag missing its value', () => {
    expect(fails(['--format'])).toBe('promptlint: --format needs a value');
  });

  it('an unknown format', () => {
    expect(fails(['--format', 'xml'])).toBe('promptlint: unknown format "xml" (expected one of stylish, json, sarif, github, markdown, eslint-json)');
  });

  it('a flag of the other command', () => {
    expect(fails(['--models', 'gpt-4o'])).toMatch(/--models is not an option of linting/);
    expect(fails(['cost', '--fix', 'prompts/a.md'])).toMatch(/--fix is not an option of `promptlint cost`/);
  });

  it('an unknown --model', () => {
    expect(fails(['--model', 'gpt-17'])).toMatch(/^promptlint: --model: unknown model "gpt-17"/);
  });

  it('a --config file that does not exist', () => {
    expect(fails(['--config', 'nope.json'])).toBe('promptlint: no such file or directory: nope.json');
  });
});

describe('configuration errors name the file and exit 2', () => {
  it('invalid JSON', () => {
    const line = fails([], { ...PROMPT, '.promptlintrc.json': '{ "rules": ' });
    expect(line).toMatch(/^promptlint: \.promptlintrc\.json: invalid JSON: /);
  });

  it('a JS config that throws', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.js': "throw new Error('config exploded');\n" });
    expect(line).toBe('promptlint: promptlint.config.js: failed to load: config exploded');
  });

  it('a JS config with a syntax error', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.mjs': 'export default {\n' });
    expect(line).toMatch(/^promptlint: promptlint\.config\.mjs: failed to load: /);
  });

  it('an unknown key', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "rulez": {} }' });
    expect(line).toBe('promptlint: promptlint.config.json: unknown key "rulez" (known: extends, rules, model, callsPerDay, models, ignores, maxCost, reportUnusedDisableDirectives)');
  });

  it('an unknown preset', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "extends": "lenient" }' });
    expect(line).toBe('promptlint: promptlint.config.json: "extends": expected one of "recommended", "strict", "all", got "lenient"');
  });

  it('an unknown rule', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "rules": { "no-such-rule": "error" } }' });
    expect(line).toMatch(/^promptlint: promptlint\.config\.json: unknown rule "no-such-rule" \(known: .*require-max-tokens/);
  });

  it('invalid rule options', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "rules": { "require-max-tokens": ["error", { "effectiveCapRatio": "high" }] } }' });
    expect(line).toBe('promptlint: promptlint.config.json: rule "require-max-tokens" options.effectiveCapRatio: expected a number, got "high"');
  });

  it('an unknown rule option', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "rules": { "require-max-tokens": ["error", { "ratio": 1 }] } }' });
    expect(line).toMatch(/^promptlint: promptlint\.config\.json: rule "require-max-tokens" options: unknown option "ratio"/);
  });

  it('a bad severity', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "rules": { "require-max-tokens": "fatal" } }' });
    expect(line).toBe('promptlint: promptlint.config.json: rule "require-max-tokens": severity must be "off", "warn", "error" (or 0, 1, 2), got "fatal"');
  });

  it('an unknown model in the configuration', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "model": "gpt-17" }' });
    expect(line).toMatch(/^promptlint: promptlint\.config\.json: "model": unknown model "gpt-17"/);
  });

  it('a model override missing prices', () => {
    const line = fails([], { ...PROMPT, 'promptlint.config.json': '{ "models": { "my-llm": { "provider": "other" } } }' });
    expect(line).toMatch(/^promptlint: promptlint\.config\.json: model "my-llm" in the configuration: missing input, output/);
  });

  it('a "promptlint" key in package.json that is not an object', () => {
    const line = fails([], { ...PROMPT, 'package.json': '{ "name": "x", "promptlint": [] }' });
    expect(line).toBe('promptlint: package.json: expected an object, got an array');
  });

  it('--debug adds a stack trace to a configuration error', () => {
    const cwd = tempDir({ ...PROMPT, 'promptlint.config.json': '{ "rulez": {} }' });
    const r = run(['--debug'], cwd);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^promptlint: promptlint\.config\.json: unknown key "rulez"/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

describe('a prompt file that cannot be parsed', () => {
  it('is a fatal finding (ruleId null) with its line, exit 1, nothing on stderr', () => {
    const cwd = tempDir({
      'bad.prompty': '---\nname: broken\nmodel: [unclosed\n---\nHello\n',
      'prompts/ok.md': '---\nmax_tokens: 200\n---\nAnswer briefly.\n',
    });
    const r = run(['--format', 'json', '.'], cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const report = json(r);
    const bad = report.files.find((f) => f.path === 'bad.prompty')!;
    expect(bad.findings).toHaveLength(1);
    const [f] = bad.findings;
    expect(f).toMatchObject({ ruleId: null, severity: 'error', fatal: true, savings: null });
    expect(f!.line).toBeGreaterThanOrEqual(2);
    expect(f!.line).toBeLessThanOrEqual(4);
    expect(f!.message).not.toMatch(/\n/);
    expect(report.files.find((x) => x.path === 'prompts/ok.md')!.findings).toEqual([]);
    expect(report.summary.errors).toBe(1);
  });

  it('shows in stylish output as a parse error', () => {
    const cwd = tempDir({ 'bad.prompty': '---\nmodel: [unclosed\n---\nHello\n' });
    const r = run([], cwd);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/bad\.prompty\n/);
    expect(r.stdout).toMatch(/error .* parse-error/);
  });
});
