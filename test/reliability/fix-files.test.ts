/**
 * `--fix` and the files it writes: it stays inside the project, never overwrites an edit made
 * while it runs, keeps what a file is besides its bytes (owner, group, mode, extended attributes,
 * hard links, inode) and leaves no temp or backup file when interrupted by SIGINT or SIGTERM.
 * Real runs of the built binary on real files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, chmodSync, cpSync, existsSync, linkSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, IS_ROOT, report, run, tempDir } from './helpers.js';

const T = { timeout: 240_000 };
const MESSY = 'You are a support assistant.   \nAnswer    briefly.\n\n\n\n\n```json\n{\n    "name": "Hong Gildong",\n    "plan": "premium"\n}\n```\n';
const POSIX = process.platform !== 'win32';

/** What --fix makes of MESSY (from a run on a copy: the oracle is the CLI's own fix, checked elsewhere). */
function fixedText(): string {
  const cwd = tempDir({ 'prompts/a.md': MESSY });
  run(['--fix'], cwd);
  const text = readFileSync(join(cwd, 'prompts/a.md'), 'utf8');
  expect(text).not.toBe(MESSY);
  return text;
}
const FIXED = fixedText();

const HAS_PY_XATTR = POSIX && spawnSync('python3', ['-c', 'import os; os.getxattr']).status === 0;
function setXattr(path: string, name: string, value: string): boolean {
  return spawnSync('python3', ['-c', `import os,sys; os.setxattr(sys.argv[1], sys.argv[2], sys.argv[3].encode())`, path, name, value]).status === 0;
}
function getXattr(path: string, name: string): string | undefined {
  const r = spawnSync('python3', ['-c', `import os,sys; print(os.getxattr(sys.argv[1], sys.argv[2]).decode(), end='')`, path, name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

describe.skipIf(!POSIX)('--fix keeps what a file is besides its bytes (written in place)', T, () => {
  it('same inode, mode, and no temp or backup file left', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const file = join(cwd, 'prompts/a.md');
    chmodSync(file, 0o640);
    const before = statSync(file);
    expect([0, 1]).toContain(run(['--fix'], cwd).status);
    const after = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(after.ino).toBe(before.ino);
    expect(after.mode & 0o7777).toBe(0o640);
    expect(readdirSync(join(cwd, 'prompts'))).toEqual(['a.md']);
  });

  it.skipIf(!IS_ROOT)('owner and group are kept when root fixes another user\'s file', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const file = join(cwd, 'prompts/a.md');
    chownSync(file, 1234, 5678);
    run(['--fix'], cwd);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    const st = statSync(file);
    expect([st.uid, st.gid]).toEqual([1234, 5678]);
  });

  it('a hard link outside the run sees the fix (the link is not split)', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const file = join(cwd, 'prompts/a.md');
    linkSync(file, join(cwd, 'copy-of-a.txt'));
    run(['--fix'], cwd);
    expect(statSync(file).nlink).toBe(2);
    expect(statSync(join(cwd, 'copy-of-a.txt')).ino).toBe(statSync(file).ino);
    expect(readFileSync(join(cwd, 'copy-of-a.txt'), 'utf8')).toBe(FIXED);
  });

  it('two hard links both in the run: fixed once, no "changed while promptlint ran" warning', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    linkSync(join(cwd, 'prompts/a.md'), join(cwd, 'prompts/b.md'));
    const r = run(['--fix', '--format', 'json'], cwd);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(cwd, 'prompts/b.md'), 'utf8')).toBe(FIXED);
    const rep = report(r);
    expect(rep.files.map((f) => f.findings.length)).toEqual([rep.files[0]!.findings.length, rep.files[0]!.findings.length]);
  });

  it.skipIf(!HAS_PY_XATTR)('extended attributes are kept', (ctx) => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const file = join(cwd, 'prompts/a.md');
    if (!setXattr(file, 'user.promptlint-test', 'kept')) ctx.skip(); // a file system without user attributes
    run(['--fix'], cwd);
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
    expect(getXattr(file, 'user.promptlint-test')).toBe('kept');
  });
});

describe.skipIf(!POSIX)('--fix stays inside the project', T, () => {
  it('a link found in a folder to a file outside the project is not linted and not written; stderr says so', () => {
    const outside = tempDir({ 'secret.md': MESSY });
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    symlinkSync(join(outside, 'secret.md'), join(cwd, 'prompts/linked.md'));
    const r = run(['--fix', '--format', 'json', '.'], cwd);
    expect(readFileSync(join(outside, 'secret.md'), 'utf8')).toBe(MESSY);
    expect(readFileSync(join(cwd, 'prompts/a.md'), 'utf8')).toBe(FIXED);
    expect(report(r).files.map((f) => f.path)).toEqual(['prompts/a.md']);
    expect(r.stderr).toBe(`promptlint: not linted: prompts/linked.md is a link to ${join(outside, 'secret.md')}, outside the project (${cwd}); name the file itself to lint it\n`);
  });

  it('the same link named explicitly is linted, but not written', () => {
    const outside = tempDir({ 'secret.md': MESSY });
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    symlinkSync(join(outside, 'secret.md'), join(cwd, 'prompts/linked.md'));
    const r = run(['--fix', '--format', 'json', 'prompts/linked.md'], cwd);
    expect(readFileSync(join(outside, 'secret.md'), 'utf8')).toBe(MESSY);
    expect(report(r).files.map((f) => f.path)).toEqual(['prompts/linked.md']);
    expect(r.stderr).toMatch(/^promptlint: not fixed: prompts\/linked\.md is a link to .*secret\.md, outside the project/);
  });

  it('a link inside the project is fixed through (the link stays a link)', () => {
    const cwd = tempDir({ 'shared/AGENTS.md': MESSY });
    symlinkSync('shared/AGENTS.md', join(cwd, 'CLAUDE.md'));
    const r = run(['--fix', 'CLAUDE.md'], cwd);
    expect(r.stderr).toBe('');
    expect(lstatSync(join(cwd, 'CLAUDE.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(cwd, 'shared/AGENTS.md'), 'utf8')).toBe(FIXED);
  });
});

describe.skipIf(!POSIX)('--fix never overwrites an edit made while it runs', T, () => {
  it('a file changed between its read and its write is left as edited, with a warning', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'prompts/edited.md': MESSY });
    // A preload that plays an editor: once the CLI has read edited.md (its first descriptor on the
    // file is closed), the file is saved anew. Descriptors, not readFileSync: the CLI reads through
    // openSync and readSync.
    const preload = join(cwd, 'editor.cjs');
    writeFileSync(
      preload,
      `const fs = require('node:fs'); const { syncBuiltinESMExports } = require('node:module');
const open = fs.openSync; const close = fs.closeSync; let watched; let done = false;
fs.openSync = function (p, ...rest) {
  const fd = open.call(this, p, ...rest);
  if (!done && watched === undefined && String(p).endsWith('edited.md')) watched = { fd, p: String(p) };
  return fd;
};
fs.closeSync = function (fd) {
  close.call(this, fd);
  if (!done && watched && watched.fd === fd) { done = true; fs.writeFileSync(watched.p, 'Edited meanwhile.    Keep   me.\\n'); }
};
syncBuiltinESMExports();\n`,
    );
    const r = run(['--fix', '--format', 'json', 'prompts'], cwd, { nodeArgs: ['--require', preload] });
    expect(readFileSync(join(cwd, 'prompts/edited.md'), 'utf8')).toBe('Edited meanwhile.    Keep   me.\n');
    expect(readFileSync(join(cwd, 'prompts/a.md'), 'utf8')).toBe(FIXED);
    expect(r.stderr).toBe('promptlint: not fixed: prompts/edited.md changed while promptlint ran (its new content is linted as it is)\n');
    // the report is of what is on disk now
    const edited = report(r).files.find((f) => f.path === 'prompts/edited.md')!;
    expect(edited.findings.some((f) => f.ruleId === 'no-redundant-whitespace')).toBe(true);
    expect(readdirSync(join(cwd, 'prompts')).sort()).toEqual(['a.md', 'edited.md']);
  });
});

describe.skipIf(!POSIX)('--fix interrupted by SIGINT or SIGTERM', T, () => {
  const FILES = 400;

  function project(): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`prompts/p${String(i).padStart(3, '0')}.md`] = `${MESSY}Item ${i}.   \n`;
    return tempDir(files);
  }

  function interrupt(cwd: string, signal: NodeJS.Signals, afterMs: number): Promise<{ status: number | null; signal: NodeJS.Signals | null }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, '--fix', '--format', 'json', '.'], { cwd, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill(signal), afterMs);
      child.on('close', (status, sig) => {
        clearTimeout(timer);
        resolve({ status, signal: sig });
      });
    });
  }

  it.each([
    ['SIGTERM', 300],
    ['SIGINT', 700],
    ['SIGTERM', 1200],
    ['SIGINT', 2000],
  ] as [NodeJS.Signals, number][])('%s after %d ms: every file whole (as it was, or fully fixed), no temp or backup file', async (signal, ms) => {
    const reference = project();
    run(['--fix'], reference);
    const cwd = project();
    const original = join(cwd, 'original');
    cpSync(join(cwd, 'prompts'), original, { recursive: true });
    await interrupt(cwd, signal, ms);
    const names = readdirSync(join(cwd, 'prompts')).sort();
    expect(names.filter((n) => !/^p\d{3}\.md$/.test(n))).toEqual([]);
    expect(names).toHaveLength(FILES);
    for (const n of names) {
      const now = readFileSync(join(cwd, 'prompts', n), 'utf8');
      const was = readFileSync(join(original, n), 'utf8');
      const fixed = readFileSync(join(reference, 'prompts', n), 'utf8');
      expect([was, fixed], n).toContain(now);
    }
    expect(existsSync(join(cwd, '.promptlintcache'))).toBe(false);
  });
});
