/**
 * Bad input never crashes the CLI: every case is a real run of the built binary. Usage and
 * configuration errors print one line naming the file and the problem and exit 2; a file that
 * cannot be read as a prompt is a fatal finding (ruleId null), as parse errors are; nothing ever
 * prints a stack trace.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectInside, expectNoStack, expectUsageError, report, run, tempDir, type JsonFinding } from './helpers.js';

const T = { timeout: 60_000 };
const PROMPT = { 'prompts/a.md': 'Answer the question briefly.\n' };

/** Runs `promptlint args` in a fresh folder holding `files`. */
const runIn = (files: Record<string, string | Buffer>, args: string[] = []) => run(args, tempDir(files));

describe('usage errors: exit 2, one line', T, () => {
  it('a missing path, alone and among good ones', () => {
    expect(expectUsageError(runIn(PROMPT, ['nope.prompt.md']))).toBe('promptlint: no such file or directory: nope.prompt.md');
    expect(expectUsageError(runIn(PROMPT, ['prompts', 'gone/']))).toBe('promptlint: no such file or directory: gone/');
  });

  it('unknown flags, with and without a value', () => {
    expect(expectUsageError(runIn(PROMPT, ['--frobnicate']))).toMatch(/unknown option "--frobnicate"/);
    expect(expectUsageError(runIn(PROMPT, ['--frobnicate=3', 'prompts']))).toMatch(/unknown option "--frobnicate"/);
    expect(expectUsageError(runIn(PROMPT, ['cost', '--fix']))).toMatch(/--fix is not an option of `promptlint cost`/);
  });

  it('unknown formats, for linting and for cost', () => {
    expect(expectUsageError(runIn(PROMPT, ['--format', 'xml']))).toMatch(/unknown format "xml"/);
    expect(expectUsageError(runIn(PROMPT, ['-f', '']))).toMatch(/unknown format ""/);
    expect(expectUsageError(runIn(PROMPT, ['cost', '--format', 'sarif', 'prompts/a.md']))).toMatch(/unknown format "sarif" for promptlint cost/);
  });

  it('a report file in a folder that does not exist', () => {
    const r = runIn(PROMPT, ['-o', 'no/such/dir/report.json', '--format', 'json']);
    expect(expectUsageError(r)).toBe('promptlint: cannot write no/such/dir/report.json: no such file or directory');
  });
});

describe('broken configuration files: exit 2, one line naming the file', T, () => {
  const bad = (name: string, content: string): string => expectUsageError(runIn({ ...PROMPT, [name]: content }));

  it('invalid JSON, an empty file, a JSON value that is not an object', () => {
    // (a trailing comma is JSONC, accepted: a missing brace is not)
    expect(bad('.promptlintrc.json', '{ "rules": { "no-verbose-json": "error" }')).toMatch(/^promptlint: \.promptlintrc\.json: invalid JSON: /);
    expect(bad('promptlint.config.json', '')).toMatch(/^promptlint: promptlint\.config\.json: invalid JSON: /);
    expect(bad('promptlint.config.json', '[1, 2]')).toBe('promptlint: promptlint.config.json: expected an object, got an array');
  });

  it('a JS config that throws, throws a non-error, or has a syntax error', () => {
    expect(bad('promptlint.config.js', 'throw new Error("config exploded");\n')).toBe('promptlint: promptlint.config.js: failed to load: config exploded');
    expect(bad('promptlint.config.mjs', 'throw 42;\n')).toBe('promptlint: promptlint.config.mjs: failed to load: 42');
    expect(bad('promptlint.config.mjs', 'export default {\n')).toMatch(/^promptlint: promptlint\.config\.mjs: failed to load: /);
    // a multi-line message that imitates a stack trace is still printed on one line
    expect(bad('promptlint.config.mjs', 'throw new Error("first\\n    at fake (x.js:1:1)");\n')).toMatch(/^promptlint: promptlint\.config\.mjs: failed to load: first/);
    expect(bad('promptlint.config.mjs', 'throw new Error("first\\rsecond");\n')).toBe('promptlint: promptlint.config.mjs: failed to load: first second');
  });

  it('a JS config whose default export is a promise that rejects names the file', () => {
    expect(bad('promptlint.config.mjs', 'export default Promise.reject(new Error("async boom"));\n')).toBe(
      'promptlint: promptlint.config.mjs: failed to load: async boom',
    );
  });

  it('a JS config whose default export is a promise is awaited, not taken for an empty object', () => {
    const prompt = { 'prompts/a.md': 'Answer    briefly.\n' };
    const ids = (files: Record<string, string>) => report(runIn(files, ['--format', 'json'])).files[0]!.findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(ids(prompt)).toContain('no-redundant-whitespace:warning');
    const config = 'export default Promise.resolve({ rules: { "no-redundant-whitespace": "error" } });\n';
    expect(ids({ ...prompt, 'promptlint.config.mjs': config })).toContain('no-redundant-whitespace:error');
  });

  it('a JS config that never settles: exit 2 and a message, never a silent exit 0', () => {
    const line = bad('promptlint.config.mjs', 'await new Promise(() => {});\nexport default {};\n');
    expect(line).toMatch(/promptlint\.config\.mjs/);
    expect(line).toMatch(/never (finished|settled)/);
  });

  it('unknown rule names', () => {
    expect(bad('promptlint.config.json', '{ "rules": { "no-such-rule": "error" } }')).toMatch(/^promptlint: promptlint\.config\.json: unknown rule "no-such-rule" \(known: /);
    expect(bad('promptlint.config.json', '{ "rules": { "__proto__": "error" } }')).toMatch(/^promptlint: promptlint\.config\.json: unknown rule "__proto__"/);
    expect(bad('promptlint.config.json', '{ "rules": { "promptlint/no-verbose-json": "error" } }')).toMatch(/unknown rule "promptlint\/no-verbose-json"/);
  });

  it('invalid rule options and severities', () => {
    expect(bad('promptlint.config.json', '{ "rules": { "max-prompt-tokens": ["error", { "budget": "big" }] } }')).toMatch(
      /^promptlint: promptlint\.config\.json: rule "max-prompt-tokens" options\.budget: expected a number, got "big"/,
    );
    expect(bad('promptlint.config.json', '{ "rules": { "max-prompt-tokens": ["error", { "nope": 1 }] } }')).toMatch(/rule "max-prompt-tokens" options: unknown option "nope"/);
    expect(bad('promptlint.config.json', '{ "rules": { "max-prompt-tokens": ["error", 5] } }')).toMatch(/^promptlint: promptlint\.config\.json: rule "max-prompt-tokens" options/);
    expect(bad('promptlint.config.json', '{ "rules": { "max-prompt-tokens": [] } }')).toMatch(/rule "max-prompt-tokens": severity must be/);
    expect(bad('promptlint.config.json', '{ "rules": { "max-prompt-tokens": "loud" } }')).toMatch(/rule "max-prompt-tokens": severity must be/);
  });

  it('options nested 10,000 levels deep are rejected, not overflowed', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(bad('promptlint.config.json', `{ "rules": { "no-filler-phrases": ["error", { "extraPhrases": ${deep} }] } }`)).toMatch(
      /^promptlint: promptlint\.config\.json: rule "no-filler-phrases" options\.extraPhrases/,
    );
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(bad('promptlint.config.json', `{ "models": { "deep": ${deepObject} } }`)).toMatch(/^promptlint: promptlint\.config\.json: /);
  });
});

/** The one fatal finding of a file that cannot be linted as a prompt. */
function fatalOf(files: Record<string, string | Buffer>, path: string, args: string[] = []): JsonFinding {
  const r = runIn(files, ['--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  const rep = report(r);
  expect(r.status).toBe(1);
  const file = rep.files.find((f) => f.path === path);
  expect(file, `no report for ${path}`).toBeDefined();
  const fatal = file!.findings.filter((f) => f.fatal);
  expect(fatal, JSON.stringify(file)).toHaveLength(1);
  expect(fatal[0]).toMatchObject({ ruleId: null, severity: 'error', savings: null });
  expect(fatal[0]!.message).not.toMatch(/\n/);
  return fatal[0]!;
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f40000000049454e44ae426082', 'hex');

describe('binary files are reported, not linted as text', T, () => {
  it('a PNG named explicitly', () => {
    const f = fatalOf({ ...PROMPT, 'logo.png': PNG }, 'logo.png', ['logo.png', 'prompts']);
    expect(f.message).toMatch(/binary/i);
  });

  it('a file with NUL bytes named *.prompt.md, found in a folder; the other files are still linted', () => {
    const files = { ...PROMPT, 'prompts/nul.prompt.md': Buffer.from('Answer briefly.\n\u0000\u0001\u0002 and more\n', 'latin1') };
    const f = fatalOf(files, 'prompts/nul.prompt.md', ['.']);
    expect(f.message).toMatch(/binary/i);
    expect(f.line).toBe(2);
    const rep = report(runIn(files, ['--format', 'json', '.']));
    expect(rep.files.map((x) => x.path).sort()).toEqual(['prompts/a.md', 'prompts/nul.prompt.md']);
  });

  it('stylish output names the file and says parse-error, without a stack', () => {
    const r = runIn({ 'prompts/nul.prompt.md': 'a\u0000b\n' }, ['prompts/nul.prompt.md']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^prompts\/nul\.prompt\.md$/m);
    expect(r.stdout).toMatch(/binary.*parse-error/i);
    expectNoStack(r.stdout + r.stderr);
  });
});

describe('promptlint cost on files it cannot price: exit 2, one line naming the file', T, () => {
  it('a PNG, broken front matter, a FIFO, a device, a missing file', () => {
    const cwd = tempDir({ 'logo.png': PNG, 'bad.prompt.md': '---\nmodel: [unclosed\n---\nhi\n' });
    execFileSync('mkfifo', [join(cwd, 'pipe.prompt.md')]);
    expect(expectUsageError(run(['cost', 'logo.png'], cwd))).toMatch(/^promptlint: logo\.png:\d+:\d+: binary/);
    expect(expectUsageError(run(['cost', 'bad.prompt.md'], cwd))).toMatch(/^promptlint: bad\.prompt\.md:\d+:\d+: invalid YAML front matter/);
    expect(expectUsageError(run(['cost', 'pipe.prompt.md'], cwd))).toBe('promptlint: not a file or folder: pipe.prompt.md');
    expect(expectUsageError(run(['cost', '/dev/zero'], cwd))).toBe('promptlint: not a file or folder: /dev/zero');
    expect(expectUsageError(run(['cost', 'nope.md'], cwd))).toBe('promptlint: no such file or directory: nope.md');
  });
});

describe('front matter that cannot be read', T, () => {
  it('invalid YAML: a fatal finding inside the front matter', () => {
    const text = '---\nname: broken\nmodel: [unclosed\n---\nAnswer briefly.\n';
    const f = fatalOf({ 'prompts/bad.prompt.md': text }, 'prompts/bad.prompt.md');
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.line).toBeLessThanOrEqual(4);
    expectInside([f], text);
  });

  it('front matter that is a list or a scalar, not a mapping', () => {
    for (const fm of ['- gpt-4o\n- gpt-4o-mini', 'just a string', '42']) {
      const text = `---\n${fm}\n---\nAnswer briefly.\n`;
      const f = fatalOf({ 'prompts/list.prompt.md': text }, 'prompts/list.prompt.md');
      expect(f.message).toMatch(/front matter/i);
      expectInside([f], text);
    }
  });

  it('front matter values of the wrong type are one-line fatal findings or ignored, never a crash', () => {
    for (const fm of ['model: [1, 2]', 'model: {a: 1}', 'max_tokens: lots', 'max_tokens: -5', 'max_tokens: .nan', 'callsPerDay: -1', 'model: null', 'model: ""', 'model: !!binary aGVsbG8=']) {
      const text = `---\n${fm}\n---\nAnswer briefly, in detail.\n`;
      const r = runIn({ 'prompts/odd.prompt.md': text }, ['--format', 'json']);
      const rep = report(r);
      const findings = rep.files[0]!.findings;
      expectInside(findings, text);
      for (const f of findings) {
        expect(f.message).not.toMatch(/\n/);
        if (f.savings) {
          expect(Number.isNaN(f.savings.usdPerCall)).toBe(false);
          expect(f.savings.basis).not.toMatch(/NaN|undefined/);
        }
      }
    }
  });
});

describe('an unknown model is never priced at $0', T, () => {
  const text = '---\nmodel: gpt-17-ultra\n---\nYou are a support assistant.    Answer every question in detail.\n';

  it('findings carry no price and say why', () => {
    const r = runIn({ 'prompts/u.prompt.md': text }, ['--format', 'json']);
    const findings = report(r).files[0]!.findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      if (!f.savings) continue;
      expect(f.savings.model).toBeNull();
      expect(f.savings.usdPerCall).toBeNull();
      expect(f.savings.usdPerMonth).toBeNull();
      expect(f.savings.basis).toMatch(/unknown model "gpt-17-ultra"/);
    }
  });

  it('human formats say the price is unknown instead of $0', () => {
    const cwd = tempDir({ 'prompts/u.prompt.md': text });
    for (const format of ['stylish', 'markdown', 'github']) {
      const r = run(['--format', format], cwd);
      expect([0, 1]).toContain(r.status);
      expect(r.stdout, format).toMatch(/unknown model "gpt-17-ultra"/);
      expect(r.stdout, format).not.toMatch(/\$0(?![.\d])/);
    }
  });
});

describe('line ends and byte order marks', T, () => {
  // Several rules fire on several lines: whitespace, pretty JSON, length, filler.
  const LF = [
    '---',
    'model: gpt-4o',
    '---',
    '# Support',
    '',
    'The user asked the following question:   please explain in detail.   ',
    '',
    '',
    '',
    '```json',
    '{',
    '    "name": "Hong Gildong",',
    '    "plan": "premium"',
    '}',
    '```',
    'Answer    now.',
    '',
  ].join('\n');
  const CRLF = LF.replace(/\n/g, '\r\n');
  const BOM = `\ufeff${LF}`;
  const BOM_CRLF = `\ufeff${CRLF}`;
  const where = (f: JsonFinding) => ({ ruleId: f.ruleId, severity: f.severity, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn });
  const lint = (text: string): JsonFinding[] => {
    const r = runIn({ 'prompts/p.prompt.md': text, 'promptlint.config.json': '{ "extends": "all" }' }, ['--format', 'json']);
    const findings = report(r).files[0]!.findings;
    expectInside(findings, text.replace(/^\ufeff/, ''));
    return findings;
  };

  it('CRLF, BOM and BOM+CRLF files give the LF file findings at the same lines and columns', () => {
    const lf = lint(LF);
    expect(lf.length).toBeGreaterThanOrEqual(3);
    expect(new Set(lf.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(2);
    expect(lint(CRLF).map(where)).toEqual(lf.map(where));
    expect(lint(BOM)).toEqual(lf); // the BOM is stripped: identical findings, savings included
    expect(lint(BOM_CRLF).map(where)).toEqual(lf.map(where));
  });

  it('a file with lone CR line ends is linted with positions inside it', () => {
    lint(LF.replace(/\n/g, '\r'));
  });
});

describe('empty and nearly empty files', T, () => {
  for (const [name, text] of [
    ['empty', ''],
    ['a BOM only', '\ufeff'],
    ['blank lines only', '\n\n\n'],
    ['spaces only', '     '],
    ['front matter only', '---\nmodel: gpt-4o\n---\n'],
    ['an empty front matter', '---\n---\n'],
    ['an unterminated front matter', '---\nmodel: gpt-4o\n'],
    ['a lone fence', '```'],
  ] as const) {
    it(name, () => {
      const r = runIn({ 'prompts/e.prompt.md': text }, ['--format', 'json']);
      const rep = report(r);
      expect(rep.files.map((f) => f.path)).toEqual(['prompts/e.prompt.md']);
      expectInside(rep.files[0]!.findings, text.replace(/^\ufeff/, ''));
    });
  }
});
