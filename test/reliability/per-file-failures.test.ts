/**
 * One file that cannot be read never stops the run: it gets a fatal finding (as a parse error
 * does) and every other file is reported. Inputs the user names are read with a limit, and the
 * machine bounds --concurrency. Real runs of the built binary.
 */
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, expectUsageError, report, run, tempDir } from './helpers.js';

const T = { timeout: 120_000 };
const PROMPT = '---\nmodel: gpt-4o\n---\nAnswer the question briefly.   \n';
const POSIX = process.platform !== 'win32';

const fatalOf = (rep: ReturnType<typeof report>, path: string) => {
  const file = rep.files.find((f) => f.path === path);
  expect(file, `${path} is listed`).toBeDefined();
  expect(file!.findings).toHaveLength(1);
  expect(file!.findings[0]).toMatchObject({ ruleId: null, fatal: true, severity: 'error', line: 1, column: 1 });
  return file!.findings[0]!.message;
};

describe.skipIf(!POSIX)('a file that cannot be read is a fatal finding; the others are reported', T, () => {
  it('a file name that is not UTF-8 (byte 0xFF)', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT, 'prompts/z.md': PROMPT });
    writeFileSync(Buffer.from(`${cwd}/prompts/bad\xff.md`, 'latin1'), PROMPT);
    for (const extra of [[], ['--cache'], ['--concurrency', '2']]) {
      const rep = report(run(['--format', 'json', ...extra, '.'], join(cwd)));
      expect(rep.files).toHaveLength(3);
      expect(fatalOf(rep, 'prompts/bad\ufffd.md')).toBe('cannot read: the file name is not valid UTF-8, so the file cannot be opened by the name shown');
      for (const p of ['prompts/a.md', 'prompts/z.md']) expect(rep.files.find((f) => f.path === p)!.findings.length).toBeGreaterThan(0);
    }
  });

  it('a file deleted between discovery and reading (a preload deletes it once the folder is listed)', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT, 'prompts/gone.md': PROMPT, 'prompts/z.md': PROMPT });
    const preload = join(cwd, 'deleter.cjs');
    writeFileSync(
      preload,
      `const fs = require('node:fs'); const { syncBuiltinESMExports } = require('node:module');
const list = fs.readdirSync;
fs.readdirSync = function (dir, ...rest) {
  const out = list.call(this, dir, ...rest);
  if (String(dir).endsWith('prompts')) { try { fs.unlinkSync(dir + '/gone.md'); } catch {} }
  return out;
};
syncBuiltinESMExports();\n`,
    );
    for (const extra of [[], ['--cache'], ['--fix']]) {
      writeFileSync(join(cwd, 'prompts/gone.md'), PROMPT);
      const r = run(['--format', 'json', ...extra, 'prompts'], cwd, { nodeArgs: ['--require', preload] });
      const rep = report(r);
      expect(r.status).toBe(1);
      expect(fatalOf(rep, 'prompts/gone.md')).toBe('cannot read: no such file or directory (deleted since it was found?)');
      expect(rep.files.map((f) => f.path)).toEqual(['prompts/a.md', 'prompts/gone.md', 'prompts/z.md']);
    }
  });

  it('files of 1.9 GB and 3 GB (sparse) get the same message, not an internal error', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT, 'prompts/big.md': '', 'prompts/huge.md': '' });
    truncateSync(join(cwd, 'prompts/big.md'), Math.floor(1.9 * 1024 ** 3));
    truncateSync(join(cwd, 'prompts/huge.md'), 3 * 1024 ** 3);
    for (const extra of [[], ['--cache'], ['--fix']]) {
      const rep = report(run(['--format', 'json', ...extra, '.'], cwd));
      expect(fatalOf(rep, 'prompts/big.md')).toBe('file too large to lint (1.9 GB; the limit is 500 MB)');
      expect(fatalOf(rep, 'prompts/huge.md')).toBe('file too large to lint (3 GB; the limit is 500 MB)');
      expect(rep.files.find((f) => f.path === 'prompts/a.md')!.findings.length).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!POSIX)('inputs the user names are read with a limit', T, () => {
  it('--baseline /dev/zero: one line after 256 MB, not a read without end', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    expect(expectUsageError(run(['--baseline', '/dev/zero', '.'], cwd))).toBe('promptlint: --baseline /dev/zero: larger than 256 MB: not a promptlint JSON report (made with --format json)');
  });

  it('--baseline of a regular file over the limit (sparse): the same line, without reading it', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT, 'base.json': '' });
    truncateSync(join(cwd, 'base.json'), 300 * 1024 * 1024);
    expect(expectUsageError(run(['--baseline', 'base.json', '.'], cwd))).toBe('promptlint: --baseline base.json: larger than 256 MB: not a promptlint JSON report (made with --format json)');
  });

  it.skipIf(!existsSync('/bin/bash') && !existsSync('/usr/bin/bash'))('--baseline through a pipe (bash process substitution) is still read to its end', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    writeFileSync(join(cwd, 'base.json'), run(['--format', 'json', '.'], cwd).stdout);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --format json --baseline <(cat base.json) .`], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const rep = JSON.parse(r.stdout) as { baseline: { files: { status: string }[] } };
    expect(rep.baseline.files.map((f) => f.status)).toEqual(['unchanged']);
  });
});

describe('--concurrency is bounded by the machine', T, () => {
  it('--concurrency 1000 on 30 files starts no more workers than cores and files', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`prompts/p${i}.md`] = PROMPT;
    const cwd = tempDir(files);
    const r = run(['--format', 'json', '--concurrency', '1000', '--debug', '.'], cwd);
    report({ ...r, stderr: '' });
    const threads = Math.min(30, availableParallelism());
    expect(r.stderr).toContain(`30 files: 0 from the cache, 30 linted on ${threads >= 2 ? `${threads} worker threads` : 'the main thread'}`);
  });
});
