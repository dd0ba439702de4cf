/** main() as a function: argv in, exit code out, output through the given streams. */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

function sink() {
  let text = '';
  return { write: (s: string) => ((text += s), true), get text() { return text; } };
}

async function call(argv: string[], cwd: string) {
  const stdout = sink();
  const stderr = sink();
  const code = await main({ argv, cwd, stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('main', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'promptlint-main-'));
  mkdirSync(join(cwd, 'prompts'));
  writeFileSync(join(cwd, 'prompts/a.md'), '---\nmax_tokens: 200\n---\nAnswer briefly.   \n');
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('--version', async () => {
    const r = await call(['--version'], cwd);
    expect(r).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('a usage error: exit 2, one line on stderr', async () => {
    const r = await call(['--nope'], cwd);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('promptlint: unknown option "--nope" (see promptlint --help)\n');
  });

  it('lints the given working directory', async () => {
    const r = await call(['--format', 'json'], cwd);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    expect(report.files.map((f) => f.path)).toEqual(['prompts/a.md']);
    expect(report.files[0]!.findings.map((f) => f.ruleId)).toEqual(['no-redundant-whitespace']);
  });
});

describe('createLinter (in-process)', () => {
  it('lints and fixes a text like the binary does', async () => {
    const { createLinter } = await import('../src/api.js');
    const dir = mkdtempSync(join(tmpdir(), 'promptlint-api-'));
    try {
      const linter = await createLinter({ cwd: dir });
      const fm = '---\nmax_tokens: 200\n---\n';
      const text = `${fm}Answer    briefly.   \n`;
      expect(linter.lint(text, 'prompts/a.md').map((f) => [f.ruleId, f.line, f.column])).toEqual([['no-redundant-whitespace', 4, 7]]);
      expect(linter.lint('---\nmodel: gpt-4o\n---\nAnswer briefly.\n', 'prompts/b.md').map((f) => f.ruleId)).toEqual(['require-max-tokens']);
      const fixed = linter.fix(`\ufeff${text}`, 'prompts/a.md');
      expect(fixed.text).toBe(`\ufeff${fm}Answer briefly.\n`);
      expect(linter.fix(fixed.text, 'prompts/a.md')).toEqual({ text: fixed.text, applied: 0, passes: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
