/**
 * Pathological files: 20 MB prompts, JSON nested 10,000 levels, 10,000 nested block quotes, very
 * long lines. The built CLI finishes (a hang guard, not a speed test), reports findings inside the
 * file, prints no stack, and stays within a memory bound: the peak RSS of the child process,
 * measured with /usr/bin/time (or the process's own maxRSS when that is missing), is under 1 GB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectInside, report, run, tempDir, type JsonReport } from './helpers.js';

const T = { timeout: 180_000 };
/** The 20 MB runs: a hang guard far above their time on a loaded 2-core machine (about a minute). */
const BIG = { timeout: 660_000 };
const BIG_GUARD_MS = 600_000;
const MB = 1024 * 1024;
const RSS_CEILING_KB = 1024 * 1024; // 1 GB

/** Lints one file with every rule on; returns the report and the child's peak RSS. */
function lintOne(name: string, text: string, hangGuardMs?: number): { rep: JsonReport; rssKb: number; text: string } {
  const cwd = tempDir({ [name]: text, 'promptlint.config.json': '{ "extends": "all" }' });
  const r = run(['--format', 'json', name], cwd, { measureRss: true, ...(hangGuardMs ? { hangGuardMs } : {}) });
  const rep = report(r);
  expect(rep.files.map((f) => f.path)).toEqual([name]);
  return { rep, rssKb: r.peakRssKb!, text: readFileSync(join(cwd, name), 'utf8') };
}

/** `text` repeated to at least `bytes` bytes. */
const repeatTo = (text: string, bytes: number): string => text.repeat(Math.ceil(bytes / Buffer.byteLength(text)));

describe('very large prompt files', BIG, () => {
  it('ordinary prose: linted, the size finding inside the file, peak RSS under 1 GB', () => {
    const para = 'You are a careful assistant for an online shop. Answer questions about orders, returns and delivery times using the policy text below, and say so when the policy does not cover a case.\n\n';
    const { rep, rssKb, text } = lintOne('big.prompt.md', repeatTo(para, 20 * MB), BIG_GUARD_MS);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(20 * MB);
    const findings = rep.files[0]!.findings;
    expect(findings.map((f) => f.ruleId)).toContain('max-prompt-tokens');
    expectInside(findings, text);
    expect(rssKb).toBeGreaterThan(0);
    expect(rssKb).toBeLessThan(RSS_CEILING_KB);
  });

  // Memory grows with the findings (the report holds them all, as ESLint's does): a file with a
  // finding every few lines is measured at 4 MB (about 60,000 findings), not 20.
  it('4 MB dense with findings (whitespace, filler, pretty JSON every 13 lines): peak RSS under 1 GB', () => {
    const chunk = [
      '## Section',
      '',
      'The user asked the following question:   please explain in detail.   ',
      '',
      '',
      '',
      '```json',
      '{',
      '    "name": "Hong Gildong",',
      '    "age": 30',
      '}',
      '```',
      '',
    ].join('\n');
    const { rep, rssKb, text } = lintOne('dense.prompt.md', repeatTo(chunk, 4 * MB), BIG_GUARD_MS);
    const findings = rep.files[0]!.findings;
    expect(findings.length).toBeGreaterThan(50_000);
    expectInside(findings.slice(0, 200), text);
    expectInside(findings.slice(-200), text);
    expect(rssKb).toBeLessThan(RSS_CEILING_KB);
  });

  it('a single 20 MB line with no spaces', () => {
    const { rep, rssKb, text } = lintOne('line.prompt.md', 'x'.repeat(20 * MB), BIG_GUARD_MS);
    expectInside(rep.files[0]!.findings, text);
    expect(rssKb).toBeLessThan(RSS_CEILING_KB);
  });
});

describe('deep nesting', T, () => {
  it('JSON nested 10,000 levels in a fenced block', () => {
    const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    let pretty = '';
    for (let i = 0; i < 10_000; i++) pretty += `${'  '.repeat(i % 40)}{"a":\n`;
    pretty += `1${'}'.repeat(10_000)}`;
    const text = `Use this data:\n\n\`\`\`json\n${deepArray}\n\`\`\`\n\n\`\`\`json\n${pretty}\n\`\`\`\n`;
    const { rep } = lintOne('deep-json.prompt.md', text);
    expectInside(rep.files[0]!.findings, text);
  });

  it('10,000 nested block quotes on one line, and 10,000 quoted lines', () => {
    const oneLine = `${'>'.repeat(10_000)} Answer    briefly.\n`;
    const { rep: a } = lintOne('quotes.prompt.md', oneLine);
    expectInside(a.files[0]!.findings, oneLine);
    let lines = '';
    for (let i = 1; i <= 10_000; i++) lines += `${'>'.repeat(1 + (i % 50))} level ${i}   \n`;
    const { rep: b } = lintOne('quoted-lines.prompt.md', lines);
    expectInside(b.files[0]!.findings, lines);
  });

  it('1,000 nested list items and 10,000 open brackets, emphasis marks and braces', () => {
    let list = '';
    for (let i = 0; i < 1_000; i++) list += `${'  '.repeat(i)}- item ${i}\n`;
    const { rep: a } = lintOne('list.prompt.md', list);
    expectInside(a.files[0]!.findings, list);
    const brackets = `${'['.repeat(10_000)}${'*a'.repeat(10_000)}${'{{'.repeat(10_000)}\n`;
    const { rep: b } = lintOne('brackets.prompt.md', brackets);
    expectInside(b.files[0]!.findings, brackets);
  });

  it('front matter nested 10,000 levels', () => {
    let yaml = '';
    for (let i = 0; i < 10_000; i++) yaml += `${' '.repeat(i)}k${i}:\n`;
    const text = `---\n${yaml}---\nAnswer briefly.\n`;
    const flow = `---\nmodel: gpt-4o\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\nAnswer briefly.\n`;
    for (const [name, t] of [['yaml-deep.prompt.md', text], ['yaml-flow.prompt.md', flow]] as const) {
      const { rep } = lintOne(name, t);
      expectInside(rep.files[0]!.findings, t);
      for (const f of rep.files[0]!.findings) expect(f.message).not.toMatch(/\n/);
    }
  });
});
