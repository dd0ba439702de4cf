/**
 * Configuration files as markdownlint-cli2 and ESLint users write and place them: JSONC (comments,
 * trailing commas) in the JSON files, and the nearest configuration to each file, wherever the run
 * starts (the nearest wins; configurations do not merge, as ESLint's flat config looked up from each
 * file). The real binary in real folders.
 */
import { describe, expect, it } from 'vitest';
import { expectOneLine, json, run, tempDir, type JsonReport } from './helpers.js';

const WS = '---\nmodel: gpt-4o-mini\nmax_tokens: 300\n---\nAnswer    briefly.\n';
const rulesOf = (r: JsonReport): Record<string, string[]> =>
  Object.fromEntries(r.files.map((f) => [f.path, f.findings.map((x) => `${x.ruleId}:${x.severity}`)]));

describe('JSONC', () => {
  const jsonc = `{
  // line comments, as in .markdownlint-cli2.jsonc and tsconfig.json
  "rules": {
    /* block comments */
    "no-redundant-whitespace": "error", // after a value
  },
  "model": "gpt-4o-mini", // "a string with // inside is kept"
}
`;

  it.each(['promptlint.config.json', '.promptlintrc.json', 'promptlint.config.jsonc', '.promptlintrc.jsonc'])('%s takes comments and trailing commas', (name) => {
    const dir = tempDir({ [name]: jsonc, 'prompts/a.md': WS });
    expect(rulesOf(json(run(['--format', 'json'], dir)))).toEqual({ 'prompts/a.md': ['no-redundant-whitespace:error'] });
  });

  it('strings that look like comments are strings; a BOM is accepted', () => {
    const dir = tempDir({ 'promptlint.config.json': '\ufeff{ "ignores": ["prompts/a//b/**", "/* not a comment */"], }', 'prompts/a.md': WS });
    const r = run(['--print-config', 'prompts/a.md'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { ignores: string[] }).ignores).toEqual(['prompts/a//b/**', '/* not a comment */']);
  });

  it('invalid JSONC names the file and where', () => {
    const dir = tempDir({ 'promptlint.config.json': '{\n  // fine\n  "rules": { "no-redundant-whitespace": "error" \n}\n', 'prompts/a.md': WS });
    const r = run([], dir);
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toMatch(/^promptlint: promptlint\.config\.json: invalid JSON: .*line \d+ column \d+/);
  });

  it('package.json stays strict JSON, as npm reads it', () => {
    const dir = tempDir({ 'package.json': '{ "name": "x", "promptlint": { "rules": {} }, }', 'prompts/a.md': WS });
    // a package.json npm cannot read is not taken for a configuration (not ours to report)
    expect(rulesOf(json(run(['--format', 'json'], dir)))).toEqual({ 'prompts/a.md': ['no-redundant-whitespace:warning'] });
  });
});

describe('the nearest configuration per file', () => {
  const files = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }',
    'prompts/a.md': WS,
    'packages/app/.promptlintrc.json': '{ "rules": { "no-redundant-whitespace": "off" }, "ignores": ["prompts/skip/**"] }',
    'packages/app/prompts/b.md': WS,
    'packages/app/prompts/skip/c.md': WS,
    'packages/lib/package.json': '{ "name": "lib", "promptlint": { "rules": { "no-redundant-whitespace": ["warn"] } } }',
    'packages/lib/prompts/d.md': WS,
  };
  const expected = {
    'prompts/a.md': ['no-redundant-whitespace:error'],
    'packages/app/prompts/b.md': [],
    'packages/lib/prompts/d.md': ['no-redundant-whitespace:warning'],
  };

  it('applies to the files under it when the run starts at the root', () => {
    const dir = tempDir(files);
    expect(rulesOf(json(run(['--format', 'json'], dir)))).toEqual(expected);
  });

  it('gives the same answers from a subfolder, and for files named one by one', () => {
    const dir = tempDir(files);
    // From packages/app, files outside the working directory are reported by absolute path.
    const fromApp = rulesOf(json(run(['--format', 'json', '.', '../lib', '../../prompts/a.md'], `${dir}/packages/app`)));
    const byRoot = Object.fromEntries(Object.entries(fromApp).map(([p, v]) => [p.startsWith('/') ? p.slice(dir.length + 1) : `packages/app/${p}`, v]));
    expect(byRoot).toEqual(expected); // skip/c.md: the app configuration's ignores, relative to it
    const byName = Object.fromEntries(Object.keys(expected).map((p) => [p, rulesOf(json(run(['--format', 'json', p], dir)))[p]]));
    expect(byName).toEqual(expected);
  });

  it('--config names one configuration for every file; --no-config uses none', () => {
    const dir = tempDir(files);
    const forced = rulesOf(json(run(['--format', 'json', '--config', 'promptlint.config.json'], dir)));
    expect(forced).toEqual({
      'prompts/a.md': ['no-redundant-whitespace:error'],
      'packages/app/prompts/b.md': ['no-redundant-whitespace:error'],
      'packages/app/prompts/skip/c.md': ['no-redundant-whitespace:error'],
      'packages/lib/prompts/d.md': ['no-redundant-whitespace:error'],
    });
    const none = rulesOf(json(run(['--format', 'json', '--no-config'], dir)));
    expect(Object.values(none).every((v) => v.join() === 'no-redundant-whitespace:warning')).toBe(true);
    expect(Object.keys(none)).toHaveLength(4);
  });

  it('a broken configuration under a folder is an error naming it, even when the run starts above it', () => {
    const dir = tempDir({ ...files, 'packages/app/.promptlintrc.json': '{ "rulez": {} }' });
    const r = run([], dir);
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toBe(
      'promptlint: packages/app/.promptlintrc.json: unknown key "rulez" (known: extends, rules, model, callsPerDay, models, ignores, maxCost, reportUnusedDisableDirectives)',
    );
  });

  it('does not look above the repository root', () => {
    const outer = tempDir({ 'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "off" } }', 'repo/.git/HEAD': '', 'repo/prompts/a.md': WS });
    expect(rulesOf(json(run(['--format', 'json'], `${outer}/repo`)))).toEqual({ 'prompts/a.md': ['no-redundant-whitespace:warning'] });
  });

  it('with --cache, files of several configurations are cached and answered from the cache', () => {
    const dir = tempDir(files);
    const first = run(['--format', 'json', '--cache', '--debug'], dir);
    const second = run(['--format', 'json', '--cache', '--debug'], dir);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/3 files in 3 configurations: 3 from the cache/);
  });
});

describe('createLinter (in-process) finds the same configurations', () => {
  it('lints each path with the configuration nearest to it', async () => {
    const { createLinter } = await import('@promptlint/cli');
    const dir = tempDir({
      'promptlint.config.json': '{ "rules": { "no-redundant-whitespace": "error" } }',
      'packages/app/.promptlintrc.jsonc': '{ "rules": { "no-redundant-whitespace": "off" }, }',
    });
    const linter = await createLinter({ cwd: dir });
    expect(linter.lint(WS, 'prompts/a.md').map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['no-redundant-whitespace:error']);
    expect(linter.lint(WS, 'packages/app/prompts/b.md')).toEqual([]);
    expect(linter.fix(WS, 'packages/app/prompts/b.md').text).toBe(WS);
  });
});
