/**
 * `--format eslint-json` against ESLint itself: the same prompt files linted by ESLint 10 with
 * @promptlint/eslint-plugin's prompt language (configs.all) give the same results, key for key
 * (ESLint's `source` aside: the CLI does not keep file texts), message for message; and the result
 * and message keys are the ones ESLint gives for a code file too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetRules } from '@promptlint/core';
import promptlint from '@promptlint/eslint-plugin';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from './helpers.js';

const CLEAN = '---\nmodel: gpt-4o-mini\nmax_tokens: 300\n---\nSummarise the ticket in two sentences.\n';
const FILES = {
  'prompts/fixable.prompt.md': '---\nmodel: gpt-4o\n---\nAnswer    briefly.   \n\n\n\nThen stop.\n',
  'prompts/clean.prompt.md': CLEAN,
  'prompts/broken.prompt.md': '---\nmodel: [unclosed\n---\nHello\n',
  'prompts/json.prompt.md': '---\nmodel: gpt-4o\n---\nReturn JSON:\n\n```json\n{\n    "name": "x",\n    "items": [\n        1,\n        2\n    ]\n}\n```\n',
};

type Result = ESLint.LintResult;

function cli(dir: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function eslintResults(dir: string, fix = false): Promise<Result[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    fix,
    overrideConfig: [...promptlint.configs.all, { linterOptions: { reportUnusedDisableDirectives: 'off' } }],
  });
  return (await eslint.lintFiles(['prompts'])).sort((a, b) => a.filePath.localeCompare(b.filePath));
}

/** ESLint's result without what the CLI does not carry: `source`, and per message `nodeType`, `messageId`, `suggestions`. */
function comparable(r: Result): unknown {
  const { source: _source, ...rest } = r;
  return {
    ...rest,
    messages: r.messages.map((m) => {
      const { nodeType: _n, messageId: _id, suggestions: _s, ...kept } = m as typeof m & { messageId?: string; nodeType?: unknown };
      // a parse error's words are each front end's own; where and what kind are compared
      return m.fatal ? { ...kept, message: '(parse error)' } : kept;
    }),
  };
}

describe('--format eslint-json', () => {
  it('gives what ESLint gives for the same prompt files through the plugin (every rule on)', async () => {
    const dir = tempDir(FILES);
    writeFileSync(join(dir, 'promptlint.config.json'), JSON.stringify({ extends: 'all', rules: presetRules('all') }));
    const r = cli(dir, ['--format', 'eslint-json', 'prompts']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout.endsWith(']\n')).toBe(true);
    expect(r.stdout.trimEnd()).not.toMatch(/\n/); // one line, as ESLint's json formatter writes it
    const ours = (JSON.parse(r.stdout) as Result[]).sort((a, b) => a.filePath.localeCompare(b.filePath));
    const theirs = await eslintResults(dir);
    expect(ours.map((x) => x.filePath)).toEqual(theirs.map((x) => x.filePath));
    // The fixture set exercises what matters: fixes, a clean file, a fatal parse error.
    expect(theirs.some((x) => x.fixableWarningCount + x.fixableErrorCount > 0)).toBe(true);
    expect(theirs.some((x) => x.messages.length === 0)).toBe(true);
    expect(theirs.some((x) => x.fatalErrorCount === 1)).toBe(true);
    for (const [i, mine] of ours.entries()) {
      const fatal = mine.messages.map((m) => (m.fatal ? { ...m, message: '(parse error)' } : m));
      expect({ ...mine, messages: fatal }, mine.filePath).toEqual(comparable(theirs[i]!));
    }
  });

  it('has the keys ESLint gives a code file, and ESLint 10 reads its own formatter output the same way', async () => {
    const eslint = new ESLint({ overrideConfigFile: true, overrideConfig: { rules: { 'no-unused-vars': 'error', semi: ['warn', 'always'] } } });
    const [code] = await eslint.lintText('var unused = 1\n', { filePath: 'x.js' });
    const dir = tempDir(FILES);
    const [mine] = JSON.parse(cli(dir, ['--format', 'eslint-json', 'prompts/fixable.prompt.md']).stdout) as Result[];
    expect(Object.keys(mine!).sort()).toEqual(Object.keys(code!).filter((k) => k !== 'source').sort());
    const codeKeys = new Set(code!.messages.flatMap((m) => Object.keys(m)));
    for (const m of mine!.messages) for (const k of Object.keys(m)) expect(codeKeys.has(k) || k === 'fix', k).toBe(true);
    // ESLint's own json formatter, given ESLint's results, writes the same shape.
    const formatter = await eslint.loadFormatter('json');
    const theirs = JSON.parse(await formatter.format([code!])) as Result[];
    expect(Object.keys(theirs[0]!).sort()).toEqual(Object.keys(code!).sort());
  });

  it('--fix-dry-run puts the fixed text in `output`, as ESLint with fix: true does, and writes nothing', async () => {
    const dir = tempDir(FILES);
    writeFileSync(join(dir, 'promptlint.config.json'), JSON.stringify({ extends: 'all', rules: presetRules('all') }));
    const before = readFileSync(join(dir, 'prompts/fixable.prompt.md'), 'utf8');
    const r = cli(dir, ['--format', 'eslint-json', '--fix-dry-run', 'prompts']);
    expect([0, 1]).toContain(r.status);
    expect(readFileSync(join(dir, 'prompts/fixable.prompt.md'), 'utf8')).toBe(before);
    const ours = (JSON.parse(r.stdout) as Result[]).sort((a, b) => a.filePath.localeCompare(b.filePath));
    const theirs = await eslintResults(dir, true); // fix: true computes output without writing (no outputFixes)
    const outputs = (rs: Result[]) => rs.map((x) => [x.filePath.split('/').pop(), x.output]);
    expect(outputs(ours)).toEqual(outputs(theirs));
    const fixed = ours.find((x) => x.filePath.endsWith('fixable.prompt.md'))!;
    expect(fixed.output).toBeDefined();
    // The whitespace run and the trailing spaces are gone; the rest of the text is as it was.
    expect(fixed.output).toContain('Answer briefly.\n');
    expect(fixed.output!.startsWith('---\nmodel: gpt-4o\n---\n')).toBe(true);
    expect(ours.find((x) => x.filePath.endsWith('clean.prompt.md'))!.output).toBeUndefined();
  });

  it('reports unused directives and ignored files with ruleId null, as ESLint does', () => {
    const dir = tempDir({ 'prompts/a.prompt.md': `${CLEAN}<!-- promptlint-disable no-filler-phrases -->\n`, '.gitignore': 'prompts/ignored.prompt.md\n', 'prompts/ignored.prompt.md': CLEAN });
    const r = cli(dir, ['--format', 'eslint-json', '--report-unused-disable-directives', 'prompts/a.prompt.md', 'prompts/ignored.prompt.md']);
    expect(r.status, r.stderr).toBe(1);
    const results = JSON.parse(r.stdout) as Result[];
    const ignored = results.find((x) => x.filePath.endsWith('ignored.prompt.md'))!;
    expect(ignored.messages).toEqual([
      {
        ruleId: null,
        fatal: false,
        severity: 1,
        message: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings or use "--no-warn-ignored" to suppress this warning.',
        nodeType: null,
      },
    ]);
    expect(ignored.warningCount).toBe(1);
    expect(results.find((x) => x.filePath.endsWith('a.prompt.md'))!.fixableErrorCount).toBe(1);
    const a = results.find((x) => x.filePath.endsWith('a.prompt.md'))!;
    // The comment's 45 characters on line 6: columns 1 to 46 (end exclusive, as ESLint's).
    expect('<!-- promptlint-disable no-filler-phrases -->').toHaveLength(45);
    expect(a.messages).toEqual([
      {
        ruleId: null,
        severity: 2,
        message: "Unused promptlint-disable directive (no problems were reported from 'no-filler-phrases').",
        line: 6,
        column: 1,
        endLine: 6,
        endColumn: 46,
        // as ESLint's: the fix removes the directive, here its whole line
        fix: { range: [CLEAN.length, CLEAN.length + 46], text: '' },
      },
    ]);
  });
});
