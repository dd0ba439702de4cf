/**
 * The file system fights back: symlink loops, files and folders that cannot be read, FIFOs,
 * devices, folders named like prompt files. Real runs of the built binary; the run never hangs,
 * never crashes, and says in one line which path failed and why (exit 2).
 *
 * Tests run as root here, and chmod 000 does not stop root from reading. So when root, the
 * permission cases run the CLI as `nobody` (setpriv), for whom chmod really applies; and one case
 * needs no permissions at all: /proc/self/mem fails to read (EIO) even for root.
 */
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IS_ROOT, SETPRIV, expectUsageError, report, run, sharedTempDir, tempDir } from './helpers.js';

const T = { timeout: 60_000 };
const PROMPT = '---\nmodel: gpt-4o\n---\nAnswer the question briefly.\n';

/** Permission cases need a user that chmod applies to: ourselves, or nobody when we are root. */
const CAN_DROP = !IS_ROOT || SETPRIV !== undefined;
const asNobody = IS_ROOT;
if (!CAN_DROP) console.warn('filesystem.test.ts: running as root without setpriv: the chmod cases are skipped');

describe('symlink loops', T, () => {
  it('a folder symlinked into itself is walked once, not forever', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    symlinkSync('..', join(cwd, 'prompts/loop'));
    symlinkSync('.', join(cwd, 'prompts/self'));
    const rep = report(run(['--format', 'json', '.'], cwd));
    expect(rep.files.map((f) => f.path)).toEqual(['prompts/a.md']);
  });

  it('the looping link named explicitly is walked once', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    symlinkSync('..', join(cwd, 'prompts/loop'));
    const rep = report(run(['--format', 'json', 'prompts/loop'], cwd));
    expect(rep.files.map((f) => f.path)).toEqual(['prompts/loop/prompts/a.md']);
  });

  it('a glob over a looping tree ends', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    symlinkSync('..', join(cwd, 'prompts/loop'));
    const rep = report(run(['--format', 'json', 'prompts/**/*.md'], cwd));
    expect(rep.files.map((f) => f.path)).toEqual(['prompts/a.md']);
  });

  it('a link to itself and a dangling link named explicitly', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    symlinkSync('me.prompt.md', join(cwd, 'me.prompt.md'));
    symlinkSync('nowhere.md', join(cwd, 'dangling.prompt.md'));
    expect(expectUsageError(run(['me.prompt.md'], cwd))).toMatch(/^promptlint: .*me\.prompt\.md/);
    expect(expectUsageError(run(['dangling.prompt.md'], cwd))).toMatch(/^promptlint: .*dangling\.prompt\.md/);
    // found while walking a folder they are skipped
    expect(report(run(['--format', 'json', '.'], cwd)).files.map((f) => f.path)).toEqual(['prompts/a.md']);
  });
});

describe('paths that are not regular files', T, () => {
  it('a FIFO named explicitly is refused at once (reading it would block forever)', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    execFileSync('mkfifo', [join(cwd, 'pipe.prompt.md')]);
    expect(expectUsageError(run(['pipe.prompt.md'], cwd))).toBe('promptlint: not a file or folder: pipe.prompt.md');
  });

  it('a FIFO found in a folder is skipped and the rest is linted', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    execFileSync('mkfifo', [join(cwd, 'prompts/pipe.prompt.md')]);
    expect(report(run(['--format', 'json', '.'], cwd)).files.map((f) => f.path)).toEqual(['prompts/a.md']);
  });

  it('a character device named explicitly', () => {
    const cwd = tempDir();
    expect(expectUsageError(run(['/dev/zero'], cwd))).toBe('promptlint: not a file or folder: /dev/zero');
  });

  it('a folder named like a prompt file is a folder: its prompt files are linted', () => {
    const cwd = tempDir({ 'odd.prompt.md/inner.prompt.md': PROMPT });
    const rep = report(run(['--format', 'json', 'odd.prompt.md'], cwd));
    expect(rep.files.map((f) => f.path)).toEqual(['odd.prompt.md/inner.prompt.md']);
  });
});

describe('files that cannot be read', T, () => {
  it.skipIf(!existsSync('/proc/self/mem'))('a read that fails with EIO (even for root): a fatal finding for that file, the others reported (exit 1)', () => {
    const cwd = tempDir({ 'prompts/a.md': PROMPT });
    symlinkSync('/proc/self/mem', join(cwd, 'prompts/mem.prompt.md'));
    // named: a link out of the project found in a folder is not linted (fix-files.test.ts)
    const rep = report(run(['--format', 'json', 'prompts/mem.prompt.md', 'prompts/a.md'], cwd));
    expect(rep.files.map((f) => f.path)).toEqual(['prompts/mem.prompt.md', 'prompts/a.md']);
    const [fatal] = rep.files[0]!.findings;
    expect(rep.files[0]!.findings).toHaveLength(1);
    expect(fatal).toMatchObject({ ruleId: null, fatal: true, severity: 'error', line: 1, column: 1 });
    expect(fatal!.message).toMatch(/^cannot read: .*(EIO|i\/o error|input\/output error)/i);
    expect(rep.files[1]!.findings.length).toBeGreaterThan(0);
  });

  it.skipIf(!CAN_DROP)('a file with mode 000, named explicitly or found in a folder: a fatal finding, the rest reported', () => {
    const cwd = sharedTempDir({ 'prompts/a.md': PROMPT, 'prompts/secret.md': PROMPT });
    chmodSync(join(cwd, 'prompts/secret.md'), 0o000);
    for (const args of [['prompts/secret.md'], ['.']]) {
      const rep = report(run(['--format', 'json', ...args], cwd, { asNobody }));
      const secret = rep.files.find((f) => f.path === 'prompts/secret.md')!;
      expect(secret.findings).toEqual([expect.objectContaining({ ruleId: null, fatal: true, message: 'cannot read: permission denied' })]);
      expect(rep.files).toHaveLength(args[0] === '.' ? 2 : 1);
    }
    const stylish = run(['.'], cwd, { asNobody });
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toMatch(/prompts\/secret\.md\n +1:1 +error +cannot read: permission denied +parse-error/);
  });

  it.skipIf(!CAN_DROP)('a folder with mode 000', () => {
    const cwd = sharedTempDir({ 'prompts/a.md': PROMPT, 'prompts/locked/b.md': PROMPT });
    chmodSync(join(cwd, 'prompts/locked'), 0o000);
    try {
      const line = expectUsageError(run(['.'], cwd, { asNobody }));
      expect(line).toMatch(/^promptlint: cannot read folder .*prompts\/locked/);
      expect(line).toMatch(/permission denied/);
    } finally {
      chmodSync(join(cwd, 'prompts/locked'), 0o755);
    }
  });

  it.skipIf(!CAN_DROP)('a configuration file that cannot be read names it', () => {
    const cwd = sharedTempDir({ 'prompts/a.md': PROMPT, '.promptlintrc.json': '{}' });
    chmodSync(join(cwd, '.promptlintrc.json'), 0o000);
    expect(expectUsageError(run(['.'], cwd, { asNobody }))).toBe('promptlint: .promptlintrc.json: cannot read: permission denied');
  });

  it('a very deep folder tree (200 levels) is walked', () => {
    const cwd = tempDir();
    let dir = cwd;
    for (let i = 0; i < 200; i++) dir = join(dir, 'd');
    mkdirSync(join(dir, 'prompts'), { recursive: true });
    writeFileSync(join(dir, 'prompts/a.md'), PROMPT);
    const rep = report(run(['--format', 'json', '.'], cwd));
    expect(rep.files).toHaveLength(1);
    expect(rep.files[0]!.path).toMatch(/^(d\/){200}prompts\/a\.md$/);
  });
});
