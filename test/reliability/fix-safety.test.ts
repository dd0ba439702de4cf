/**
 * `--fix` never corrupts a file: writes are in place after a synced backup copy (fix.ts), a target that
 * cannot be written is refused before any file is touched, and every file is byte-identical after
 * a failed run. Real child-process runs.
 *
 * As root, chmod 444 does not stop a write; the CLI refuses read-only modes itself, and for the
 * cases the kernel must refuse, root-proof means are used: the immutable attribute (chattr +i,
 * which stops root too), and runs as `nobody` (setpriv) where permissions apply.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IS_ROOT, SETPRIV, expectUsageError, report, run, sharedTempDir, tempDir } from './helpers.js';

const T = { timeout: 60_000 };
const MESSY = 'You are a support assistant.   \nAnswer    briefly.\n\n\n\n\n```json\n{\n    "name": "Hong Gildong",\n    "plan": "premium"\n}\n```\n';

/** Whether `chattr +i` works here (root on a file system with attributes). */
function chattrWorks(): boolean {
  if (!IS_ROOT) return false;
  const dir = tempDir({ probe: 'x' });
  const probe = join(dir, 'probe');
  const on = spawnSync('chattr', ['+i', probe]);
  if (on.status !== 0) return false;
  spawnSync('chattr', ['-i', probe]);
  return true;
}
const CHATTR = chattrWorks();
if (!CHATTR) console.warn('fix-safety.test.ts: chattr +i is not available (not root, or no attribute support): the immutable cases are skipped');

const immutable: string[] = [];
const setImmutable = (path: string): void => {
  execFileSync('chattr', ['+i', path]);
  immutable.push(path);
};
// Always undo, or the temp folders could never be removed.
const clearImmutable = (): void => {
  for (const p of immutable.splice(0)) spawnSync('chattr', ['-i', p]);
};
afterAll(clearImmutable);

const bytes = (path: string): Buffer => readFileSync(path);

describe('--fix writes in place after a backup copy (fix.ts: keeps owner, attributes and links)', T, () => {
  it('fixes the same inode: same mode, no temp or backup file left', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const file = join(cwd, 'prompts/a.md');
    chmodSync(file, 0o600);
    const before = statSync(file);
    const r = run(['--fix', '--format', 'json'], cwd);
    expect([0, 1]).toContain(r.status);
    const after = statSync(file);
    expect(readFileSync(file, 'utf8')).not.toBe(MESSY);
    expect(after.ino).toBe(before.ino); // rewritten in place, never replaced by a rename
    expect(after.mode & 0o7777).toBe(0o600);
    expect(readdirSync(join(cwd, 'prompts'))).toEqual(['a.md']);
  });

  it('a symlinked prompt file stays a symlink; its target is fixed', () => {
    const cwd = tempDir({ 'shared/AGENTS.md': MESSY });
    symlinkSync('shared/AGENTS.md', join(cwd, 'CLAUDE.md'));
    const r = run(['--fix', 'CLAUDE.md'], cwd);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(lstatSync(join(cwd, 'CLAUDE.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, 'CLAUDE.md'))).toBe('shared/AGENTS.md');
    expect(readFileSync(join(cwd, 'shared/AGENTS.md'), 'utf8')).not.toBe(MESSY);
    expect(readdirSync(cwd).sort()).toEqual(['CLAUDE.md', 'shared']);
    expect(readdirSync(join(cwd, 'shared'))).toEqual(['AGENTS.md']);
  });
});

describe('--fix on targets that cannot be written: exit 2, one line, no file changed', T, () => {
  it('a file with mode 444 among fixable files', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'prompts/b.md': MESSY, 'prompts/c.md': MESSY });
    chmodSync(join(cwd, 'prompts/b.md'), 0o444);
    expect(expectUsageError(run(['--fix'], cwd))).toBe('promptlint: cannot fix prompts/b.md: the file is read-only (no file was changed)');
    for (const f of ['a', 'b', 'c']) expect(bytes(join(cwd, `prompts/${f}.md`)).toString()).toBe(MESSY);
  });

  it.skipIf(!CHATTR)('an immutable file (chattr +i stops root): refused before the other files are written', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'prompts/b.md': MESSY });
    setImmutable(join(cwd, 'prompts/b.md'));
    try {
      const line = expectUsageError(run(['--fix'], cwd));
      expect(line).toMatch(/^promptlint: cannot fix prompts\/b\.md: /);
      expect(line).toMatch(/no file was changed/);
      expect(bytes(join(cwd, 'prompts/a.md')).toString()).toBe(MESSY);
      expect(bytes(join(cwd, 'prompts/b.md')).toString()).toBe(MESSY);
      expect(readdirSync(join(cwd, 'prompts')).sort()).toEqual(['a.md', 'b.md']);
    } finally {
      clearImmutable();
    }
  });

  it.skipIf(!CHATTR)('a file in an immutable folder (no temp file can be made there)', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'locked/b.md': MESSY });
    setImmutable(join(cwd, 'locked'));
    try {
      const line = expectUsageError(run(['--fix', 'prompts/a.md', 'locked/b.md'], cwd));
      expect(line).toMatch(/^promptlint: cannot fix locked\/b\.md: /);
      expect(line).toMatch(/no file was changed/);
      expect(bytes(join(cwd, 'prompts/a.md')).toString()).toBe(MESSY);
      expect(bytes(join(cwd, 'locked/b.md')).toString()).toBe(MESSY);
    } finally {
      clearImmutable();
    }
  });

  it.skipIf(IS_ROOT && !SETPRIV)('a writable file in a folder the user cannot write (the rename would fail)', () => {
    const cwd = sharedTempDir({ 'prompts/a.md': MESSY });
    const file = join(cwd, 'prompts/a.md');
    chmodSync(file, 0o666);
    chmodSync(join(cwd, 'prompts'), 0o555);
    try {
      const line = expectUsageError(run(['--fix'], cwd, { asNobody: IS_ROOT }));
      expect(line).toMatch(/^promptlint: cannot fix prompts\/a\.md: /);
      expect(bytes(file).toString()).toBe(MESSY);
      expect(readdirSync(join(cwd, 'prompts'))).toEqual(['a.md']);
    } finally {
      chmodSync(join(cwd, 'prompts'), 0o755);
    }
  });

  it('a report that cannot be written (-o into a folder that is a file): one line, nothing created', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'out': 'a file, not a folder' });
    const line = expectUsageError(run(['--format', 'json', '-o', 'out/report.json'], cwd));
    expect(line).toBe('promptlint: cannot write out/report.json: not a directory');
    expect(readdirSync(cwd).sort()).toEqual(['out', 'prompts']);
  });
});

describe('--fix never runs on a file that cannot be parsed', T, () => {
  it('a file with broken front matter is reported and left byte for byte', () => {
    const text = '---\nmodel: [unclosed\n---\nAnswer    briefly.   \n';
    const cwd = tempDir({ 'prompts/bad.prompt.md': text });
    const r = run(['--fix', '--format', 'json'], cwd);
    const rep = report(r);
    expect(rep.files[0]!.findings.some((f) => f.fatal)).toBe(true);
    expect(bytes(join(cwd, 'prompts/bad.prompt.md')).toString()).toBe(text);
  });

  it('a Latin-1 file (not UTF-8) is reported and left byte for byte, not rewritten with replacement characters', () => {
    const data = Buffer.from('Caf\u00e9 au lait:    answer    briefly.   \n\n\n\n', 'latin1');
    const cwd = tempDir({ 'prompts/latin1.prompt.md': data });
    const rep = report(run(['--fix', '--format', 'json'], cwd));
    const [f] = rep.files[0]!.findings;
    expect(f).toMatchObject({ ruleId: null, fatal: true, line: 1, column: 4 });
    expect(f!.message).toMatch(/not UTF-8/);
    expect(bytes(join(cwd, 'prompts/latin1.prompt.md')).equals(data)).toBe(true);
  });

  it('a binary file is left byte for byte', () => {
    const data = Buffer.from([0x41, 0x20, 0x20, 0x20, 0x42, 0x00, 0xff, 0xfe, 0x20, 0x20, 0x0a, 0x0a, 0x0a, 0x0a]);
    const cwd = tempDir({ 'prompts/bin.prompt.md': data });
    run(['--fix', '--format', 'json'], cwd);
    expect(bytes(join(cwd, 'prompts/bin.prompt.md')).equals(data)).toBe(true);
  });
});
