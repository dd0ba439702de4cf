/**
 * A configuration cannot end, hang or corrupt the run. JS configurations are code the user (or a
 * dependency, or an attacker's pull request) wrote: whatever they do while loading, the run ends
 * with a report and the right exit code, or with one line naming the configuration and exit 2;
 * never exit 0 with no output, never a process that stays alive, never a corrupted --format json.
 * Every run is under a hang guard (GNU timeout): a hang fails the test, it does not stall the suite.
 */
import { describe, expect, it } from 'vitest';
import { expectUsageError, report, run, tempDir, type Run } from './helpers.js';

const PROMPT = '---\nmodel: gpt-4o-mini\nmax_tokens: 300\n---\nAnswer    briefly.\n';
/** Short: a run that should end at once but hangs is killed well before the suite's own timeouts. */
const GUARD = { hangGuardMs: 60_000 };

function withConfig(name: string, source: string, args: string[] = ['--format', 'json']): Run {
  const dir = tempDir({ [name]: source, 'prompts/a.md': PROMPT });
  return run(args, dir, GUARD);
}

/** The run linted with the default rules: one whitespace warning, exit 0, a JSON report on stdout. */
function expectLinted(r: Run): void {
  const rep = report(r);
  expect(r.status).toBe(0);
  expect(rep.files.map((f) => f.findings.map((x) => x.ruleId))).toEqual([['no-redundant-whitespace']]);
}

describe('process.exit while loading: a configuration error, never exit 0 with no output', () => {
  it.each([
    ['exit(0) at the top', 'process.exit(0);\nexport default {};\n', 'process.exit(0)'],
    ['exit() with no code', 'process.exit();\nexport default {};\n', 'process.exit()'],
    ['exit(1)', 'process.exit(1);\nexport default {};\n', 'process.exit(1)'],
    ['exit after an await', 'await Promise.resolve();\nprocess.exit(0);\nexport default {};\n', 'process.exit(0)'],
    ['exit in a getter of the export', 'export default { get rules() { process.exit(0); } };\n', 'process.exit(0)'],
    ['exit in a then of the exported promise', 'export default Promise.resolve().then(() => process.exit(0));\n', 'process.exit(0)'],
    ['exitCode set, then exit', 'process.exitCode = 0; process.exit();\nexport default {};\n', 'process.exit()'],
  ])('%s', (_name, source, call) => {
    const line = expectUsageError(withConfig('promptlint.config.mjs', source));
    expect(line).toBe(`promptlint: promptlint.config.mjs: failed to load: it called ${call} while loading (a configuration must only export a value)`);
  });

  it('a CommonJS configuration that exits', () => {
    const line = expectUsageError(withConfig('promptlint.config.cjs', 'process.exit(0);\nmodule.exports = {};\n'));
    expect(line).toMatch(/^promptlint: promptlint\.config\.cjs: failed to load: it called process\.exit\(0\)/);
  });

  it('process.exit from a timer that fires after loading ends nothing: the report is complete', () => {
    expectLinted(withConfig('promptlint.config.mjs', 'setTimeout(() => process.exit(0), 50);\nexport default {};\n'));
  });
});

describe('what a configuration leaves running does not keep the process alive', () => {
  it.each([
    ['an interval', 'setInterval(() => {}, 1000);\nexport default {};\n'],
    ['a long timeout', 'setTimeout(() => {}, 10 * 60 * 1000);\nexport default {};\n'],
    ['a server listening', 'import { createServer } from "node:net";\ncreateServer().listen(0);\nexport default {};\n'],
    ['a pending child-like handle (stdin read)', 'process.stdin.resume();\nexport default {};\n'],
  ])('%s: the run ends after the report with its exit code', (_name, source) => {
    expectLinted(withConfig('promptlint.config.mjs', source));
  });

  it('an export that never settles, with nothing left to run, names the file', () => {
    const line = expectUsageError(withConfig('promptlint.config.mjs', 'export default new Promise(() => {});\n'));
    expect(line).toBe('promptlint: promptlint.config.mjs: failed to load: it never finished loading (a top-level await that never settles?)');
    const tla = expectUsageError(withConfig('promptlint.config.mjs', 'await new Promise(() => {});\nexport default {};\n'));
    expect(tla).toMatch(/never finished loading/);
  });

  it('the exit code is kept when something is left running: 1 for errors', () => {
    const r = withConfig('promptlint.config.mjs', 'setInterval(() => {}, 1000);\nexport default { rules: { "no-redundant-whitespace": "error" } };\n');
    expect(r.status).toBe(1);
    expect(report(r).summary.errors).toBe(1);
  });
});

describe('writes to stdout while loading do not corrupt --format json', () => {
  it.each([
    ['console.log', 'console.log("hello from the config");\nexport default {};\n'],
    ['console.info and console.table', 'console.info("info"); console.table([{ a: 1 }]);\nexport default {};\n'],
    ['process.stdout.write', 'process.stdout.write("{ \\"not\\": \\"the report\\" }\\n");\nexport default {};\n'],
    ['a write from the exported promise', 'export default new Promise((r) => { console.log("late"); r({}); });\n'],
    ['a getter that logs', 'export default { get rules() { console.log("read rules"); return {}; } };\n'],
  ])('%s: stdout is the report alone; the text goes to stderr', (_name, source) => {
    const r = withConfig('promptlint.config.mjs', source);
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expectLinted({ ...r, stderr: '' });
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it('--format sarif and eslint-json stay parseable too', () => {
    const source = 'console.log("noise");\nexport default {};\n';
    for (const format of ['sarif', 'eslint-json']) {
      const r = withConfig('promptlint.config.mjs', source, ['--format', format]);
      expect(() => JSON.parse(r.stdout), format).not.toThrow();
      expect(r.stderr).toContain('noise');
    }
  });
});

describe('values that are not data: one line naming the file and the key', () => {
  it.each([
    ['a throwing getter', 'export default { get rules() { throw new Error("boom"); } };\n', '"rules": reading it threw: boom'],
    ['a throwing getter deeper down', 'export default { rules: { get "no-redundant-whitespace"() { throw new TypeError("deep"); } } };\n', '"rules.no-redundant-whitespace": reading it threw: deep'],
    ['a getter that throws a non-error', 'export default { get model() { throw 42; } };\n', '"model": reading it threw: 42'],
    ['a function', 'export default { rules: { "no-redundant-whitespace": () => "error" } };\n', '"rules.no-redundant-whitespace": expected data (an object, array, string, number, boolean or null), got function'],
    ['a symbol', 'export default { model: Symbol("x") };\n', '"model": expected data (an object, array, string, number, boolean or null), got symbol'],
    ['a bigint', 'export default { maxCost: 1n };\n', '"maxCost": expected data (an object, array, string, number, boolean or null), got bigint'],
    ['NaN', 'export default { maxCost: NaN };\n', '"maxCost": expected a finite number, got NaN'],
    ['Infinity in an array', 'export default { rules: { "max-prompt-tokens": ["error", { budget: Infinity }] } };\n', '"rules.max-prompt-tokens[1].budget": expected a finite number, got Infinity'],
    ['a cycle', 'const c = { rules: {} }; c.rules.self = c;\nexport default c;\n', '"rules.self": a value that contains itself'],
    ['a class instance', 'export default { rules: new Map() };\n', '"rules": expected a plain object, got an instance of Map'],
    ['a Proxy whose traps throw', 'export default new Proxy({}, { ownKeys() { throw new Error("no keys"); } });\n', 'no keys'],
    ['a default export that is a function', 'export default () => ({});\n', 'the default export: expected data (an object, array, string, number, boolean or null), got function'],
    ['no default export', 'export const rules = {};\n', 'expected a default export (export default { ... })'],
  ])('%s', (_name, source, message) => {
    const line = expectUsageError(withConfig('promptlint.config.mjs', source));
    expect(line.startsWith('promptlint: promptlint.config.mjs: '), line).toBe(true);
    expect(line).toContain(message);
  });
});

describe('option and key names that objects already have: rejected, one line', () => {
  const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__', 'isPrototypeOf'];
  it.each(names)('rule option "%s" in a JSON configuration', (name) => {
    const source = `{ "rules": { "no-redundant-whitespace": ["warn", { ${JSON.stringify(name)}: {} }] } }`;
    const line = expectUsageError(withConfig('promptlint.config.json', source));
    expect(line.startsWith(`promptlint: promptlint.config.json: rule "no-redundant-whitespace" options: unknown option "${name}" (known: `), line).toBe(true);
  });

  it.each(names)('rule option "%s" in a JS configuration (an own key, even __proto__)', (name) => {
    const source = `const options = JSON.parse(${JSON.stringify(JSON.stringify({ [name]: 1 }))});\nexport default { rules: { "max-prompt-tokens": ["warn", options] } };\n`;
    const line = expectUsageError(withConfig('promptlint.config.mjs', source));
    expect(line.startsWith(`promptlint: promptlint.config.mjs: rule "max-prompt-tokens" options: unknown option "${name}" (known: budget`), line).toBe(true);
  });

  it.each(names)('rule id and top-level key "%s"', (name) => {
    const asRule = expectUsageError(withConfig('promptlint.config.json', `{ "rules": { ${JSON.stringify(name)}: "error" } }`));
    expect(asRule).toMatch(new RegExp(`^promptlint: promptlint\\.config\\.json: unknown rule "${name.replace(/\$/g, '\\$')}"`));
    const asKey = expectUsageError(withConfig('promptlint.config.json', `{ ${JSON.stringify(name)}: {} }`));
    expect(asKey).toMatch(new RegExp(`^promptlint: promptlint\\.config\\.json: unknown key "${name}"`));
  });

  it.each(names)('a price override field "%s"', (name) => {
    const line = expectUsageError(withConfig('promptlint.config.json', `{ "models": { "house": { "provider": "other", "input": 1, "output": 1, ${JSON.stringify(name)}: 1 } } }`));
    expect(line).toMatch(new RegExp(`^promptlint: promptlint\\.config\\.json: "models\\.house": unknown field "${name}"`));
  });

  it('--rule with those names', () => {
    const dir = tempDir({ 'prompts/a.md': PROMPT });
    for (const value of ['max-prompt-tokens: [warn, {constructor: 1}]', 'max-prompt-tokens: [warn, {__proto__: {budget: 1}}]', 'toString: error']) {
      expect(expectUsageError(run(['--rule', value], dir, GUARD))).toMatch(/^promptlint: --rule: "\w+" cannot be a rule id or an option name$/);
    }
  });
});

describe('globs that cannot be read: a usage error, exit 2', () => {
  it.each(['prompts/[z-a].md', 'prompts/[9-0]*', '**/[b-a]/*.md'])('%s on the command line', (glob) => {
    const dir = tempDir({ 'prompts/a.md': PROMPT });
    expect(expectUsageError(run([glob], dir, GUARD))).toMatch(/^promptlint: invalid glob ".*": the character class \[.*\] is not valid/);
  });

  it('in the configuration\'s ignores, naming the file', () => {
    const line = expectUsageError(withConfig('promptlint.config.json', '{ "ignores": ["prompts/[z-a]/**"] }'));
    expect(line).toMatch(/^promptlint: promptlint\.config\.json: "ignores": invalid glob "prompts\/\[z-a\]\/\*\*"/);
  });

  it('in --ignore-pattern', () => {
    const dir = tempDir({ 'prompts/a.md': PROMPT });
    expect(expectUsageError(run(['--ignore-pattern', '[z-a]'], dir, GUARD))).toMatch(/^promptlint: --ignore-pattern: invalid glob/);
  });

  it('a valid range still matches', () => {
    const dir = tempDir({ 'prompts/a.md': PROMPT });
    expect(report(run(['prompts/[a-c].md', '--format', 'json'], dir, GUARD)).files.map((f) => f.path)).toEqual(['prompts/a.md']);
  });
});
