/**
 * More findings in one file than a JavaScript call can take as arguments (about 110,000): no
 * format may spread them into one call (`Math.max(...list)` overflowed the stack with no report).
 * One real lint (--cache), then every format from the cache; real runs of the built binary.
 */
import { describe, expect, it } from 'vitest';
import { expectNoStack, run, tempDir } from './helpers.js';

const T = { timeout: 600_000 };
const LINES = 120_000;

describe('one file with 120,000 findings', T, () => {
  const text = `${Array.from({ length: LINES }, (_, i) => `Line ${i} has   a run of spaces.`).join('\n')}\n`;
  const cwd = tempDir({ 'prompts/big.md': text });
  const args = ['--cache', '--format'];
  const lint = run([...args, 'json', '.'], cwd, { hangGuardMs: 400_000 });
  expectNoStack(lint.stderr);
  const report = JSON.parse(lint.stdout) as { files: { findings: { line: number; ruleId: string | null }[] }[]; summary: { errors: number; warnings: number } };
  const findings = report.files[0]!.findings;
  const problems = report.summary.errors + report.summary.warnings;

  it('json lists them all (one per line of spaces)', () => {
    expect(lint.status).toBe(1);
    expect(findings.filter((f) => f.ruleId === 'no-redundant-whitespace')).toHaveLength(LINES);
    expect(findings.some((f) => f.line === LINES)).toBe(true);
  });

  it.each(['stylish', 'github', 'sarif', 'markdown'])('%s writes its whole report', (format) => {
    const r = run([...args, format, '.'], cwd, { hangGuardMs: 400_000 });
    expectNoStack(r.stderr);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    if (format === 'stylish') {
      expect(r.stdout.split('\n').filter((l) => /^\s+\d+:\d+\s+(error|warning)\s/.test(l))).toHaveLength(problems);
      expect(r.stdout).toContain(`${problems} problems (${report.summary.errors} error`);
    }
    if (format === 'github') expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(problems);
    if (format === 'sarif') expect((JSON.parse(r.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toHaveLength(problems);
    if (format === 'markdown') {
      expect(r.stdout.length).toBeLessThanOrEqual(65_536);
      expect(r.stdout).toContain(`**${problems} problems**`);
    }
  });
});
