/**
 * `-o` and `--cache-location` never replace what is not a regular file. A FIFO, a character
 * device, `/dev/stdout`, `/dev/fd/N` (bash's `>(cmd)`) are opened and written, as `cmd > path`
 * would; a regular file (or a new path) is still written through a temp file and a rename.
 * Real runs of the built binary.
 *
 * These tests run as root in CI, where replacing /dev/null with a regular file would break every
 * later step. So the FIFO and pipe cases use FIFOs made here and pipes the test creates, and the
 * one case that names /dev/null checks before and after that it is still the same device.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, expectOneLine, expectUsageError, report, run, tempDir } from './helpers.js';

const T = { timeout: 90_000 };
const MESSY = '---\nmodel: gpt-4o\n---\nYou are a support assistant.   \nAnswer    briefly.\n\n\n\n\n';
const HAS_BASH = existsSync('/bin/bash') || existsSync('/usr/bin/bash');
const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0;
const POSIX = process.platform !== 'win32';

/** The JSON report of `dir` written to stdout: what every other target must receive. */
function expected(cwd: string): string {
  const r = run(['--format', 'json', '.'], cwd);
  report(r);
  return r.stdout;
}

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

/** Reads a FIFO to its end in another process (`cat`), as a CI step reading a named pipe would. */
function readFifoInBackground(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    cat.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    cat.on('error', reject);
    cat.on('close', () => resolve(out));
  });
}

/** Runs the CLI asynchronously (so that a reader in this process can run meanwhile). */
function runAsync(args: string[], cwd: string, stdio: ('pipe' | 'ignore')[] = ['ignore', 'pipe', 'pipe']): Promise<{ status: number | null; stdout: string; stderr: string; extra: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio });
    const got = ['', '', '', ''];
    child.stdio.forEach((s, i) => {
      if (s && 'setEncoding' in s && i > 0) (s as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => (got[i] += d));
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(guard);
      resolve({ status, stdout: got[1]!, stderr: got[2]!, extra: got[3]! });
    });
  });
}

describe.skipIf(!POSIX)('-o to things that are not regular files', T, () => {
  it.skipIf(!HAS_MKFIFO)('a FIFO: its reader gets the whole report, and the FIFO stays a FIFO', async () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'prompts/b.md': MESSY });
    const want = expected(cwd);
    const path = fifo(join(cwd, 'report.pipe'));
    const reader = readFifoInBackground(path);
    const r = await runAsync(['--format', 'json', '-o', 'report.pipe', '.'], cwd);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(await reader).toBe(want);
    expect(lstatSync(path).isFIFO()).toBe(true);
    expect(readdirSync(cwd).sort()).toEqual(['prompts', 'report.pipe']); // no temp file left
  });

  it.skipIf(!HAS_MKFIFO)('a FIFO reached through a symlink, in stylish format: the link and the FIFO stay', async () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const want = run(['.'], cwd).stdout;
    const path = fifo(join(cwd, 'real.pipe'));
    symlinkSync('real.pipe', join(cwd, 'out.txt'));
    const reader = readFifoInBackground(path);
    const r = await runAsync(['-o', 'out.txt', '.'], cwd);
    expect(r.stderr).toBe('');
    expect(await reader).toBe(want);
    expect(lstatSync(join(cwd, 'out.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, 'out.txt'))).toBe('real.pipe');
    expect(lstatSync(path).isFIFO()).toBe(true);
  });

  it('-o /dev/stdout writes the report to standard output (here a socket made by spawn)', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const r = run(['--format', 'json', '-o', '/dev/stdout', '.'], cwd);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected(cwd));
  });

  it.skipIf(!HAS_BASH)('-o /dev/stdout into a real pipe, and -o /dev/stderr', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const want = expected(cwd);
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --format json -o /dev/stdout . | cat`], { cwd, encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(want);
    const toStderr = run(['--format', 'json', '-o', '/dev/stderr', '.'], cwd);
    expect(toStderr.stdout).toBe('');
    expect(toStderr.stderr).toBe(want);
  });

  it.skipIf(!HAS_BASH)('-o /dev/stdout when standard output is a file opened with >> appends, never truncates or replaces it', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const want = expected(cwd);
    writeFileSync(join(cwd, 'log.txt'), 'earlier line\n');
    const ino = statSync(join(cwd, 'log.txt')).ino;
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --format json -o /dev/stdout . >> log.txt`], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(readFileSync(join(cwd, 'log.txt'), 'utf8')).toBe(`earlier line\n${want}`);
    expect(statSync(join(cwd, 'log.txt')).ino).toBe(ino);
  });

  it('-o /dev/fd/3 where descriptor 3 is given by the parent (spawn stdio)', async () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'prompts/b.md': MESSY });
    const want = expected(cwd);
    const r = await runAsync(['--format', 'json', '-o', '/dev/fd/3', '.'], cwd, ['ignore', 'pipe', 'pipe', 'pipe']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.extra).toBe(want);
  });

  it.skipIf(!HAS_BASH)("-o >(wc -c): bash's process substitution gets every byte", () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const want = expected(cwd);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --format json -o >(wc -c > count.txt) .; wait $!; sleep 0.2`], { cwd, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    // wc may finish a little after bash: wait for its output (a hang guard, not a speed check)
    for (let i = 0; i < 200 && !(existsSync(join(cwd, 'count.txt')) && readFileSync(join(cwd, 'count.txt'), 'utf8').trim() !== ''); i++) {
      spawnSync('sleep', ['0.05']);
    }
    expect(Number(readFileSync(join(cwd, 'count.txt'), 'utf8').trim())).toBe(Buffer.byteLength(want));
  });

  it('/dev/null stays the character device it was (checked before and after)', () => {
    const before = statSync('/dev/null');
    // Only on a sane /dev/null: never run against one that is already broken.
    if (!before.isCharacterDevice()) throw new Error('/dev/null is not a character device before the test');
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const r = run(['--format', 'json', '-o', '/dev/null', '.'], cwd);
    const after = statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
    expect(after.ino).toBe(before.ino);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toBe('');
    expect(readdirSync('/dev').filter((f) => f.startsWith('.null.'))).toEqual([]); // no temp file beside it
  });

  it('a link to /dev/null in the project: the link stays a link and /dev/null a device', () => {
    const before = statSync('/dev/null');
    if (!before.isCharacterDevice()) throw new Error('/dev/null is not a character device before the test');
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    symlinkSync('/dev/null', join(cwd, 'report.json'));
    const r = run(['--format', 'json', '-o', 'report.json', '.'], cwd);
    expect(r.stderr).toBe('');
    expect(lstatSync(join(cwd, 'report.json')).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(statSync('/dev/null').rdev).toBe(before.rdev);
  });

  it('a folder, a socket file, a descriptor that is not open, one of the runtime\'s own: one line each, exit 2, nothing replaced', async () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    mkdirSync(join(cwd, 'out'));
    expect(expectUsageError(run(['-o', 'out', '.'], cwd))).toBe('promptlint: cannot write out: is a directory');
    expect(expectUsageError(run(['-o', '/dev/fd/97', '.'], cwd))).toBe('promptlint: cannot write /dev/fd/97: no descriptor 97 is open');
    // a low descriptor the runtime opened itself (an event descriptor or its own wake-up pipe)
    for (const n of [3, 4, 5, 6]) expect(expectUsageError(run(['-o', `/dev/fd/${n}`, '.'], cwd))).toMatch(new RegExp(`^promptlint: cannot write /dev/fd/${n}: `));
    const sock = join(cwd, 'report.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const r = await runAsync(['-o', 'report.sock', '.'], cwd);
      expect(r.status).toBe(2);
      expect(expectOneLine(r.stderr)).toBe('promptlint: cannot write report.sock: is a socket');
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('a regular file is still replaced atomically (new inode, mode kept, no temp file left)', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'report.json': 'old' });
    const before = statSync(join(cwd, 'report.json'));
    const r = run(['--format', 'json', '-o', 'report.json', '.'], cwd);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(cwd, 'report.json'), 'utf8')).toBe(expected(cwd));
    expect(statSync(join(cwd, 'report.json')).ino).not.toBe(before.ino);
    expect(readdirSync(cwd).sort()).toEqual(['prompts', 'report.json']);
  });
});

describe.skipIf(!POSIX)('--cache-location on things that are not regular files', T, () => {
  it('/dev/null: the run keeps no cache, /dev/null stays a device, twice in a row', () => {
    const before = statSync('/dev/null');
    if (!before.isCharacterDevice()) throw new Error('/dev/null is not a character device before the test');
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    for (let i = 0; i < 2; i++) {
      const r = run(['--format', 'json', '--cache', '--cache-location', '/dev/null', '--debug', '.'], cwd);
      report(r);
      expect(r.stderr).toMatch(/0 from the cache, 1 linted/);
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
      expect(statSync('/dev/null').rdev).toBe(before.rdev);
    }
    expect(readdirSync('/dev').filter((f) => f.startsWith('.null.'))).toEqual([]);
  });

  it('/dev/zero is never read (reading it never ends): the run finishes with its report', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const r = run(['--format', 'json', '--cache', '--cache-location', '/dev/zero', '.'], cwd, { hangGuardMs: 60_000 });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).files).toHaveLength(1);
    expect(statSync('/dev/zero').isCharacterDevice()).toBe(true);
  });

  it.skipIf(!HAS_MKFIFO)('a FIFO is neither read (it would block) nor written: one line on stderr, the report is whole', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    const path = fifo(join(cwd, 'cache.pipe'));
    const r = run(['--format', 'json', '--cache', '--cache-location', 'cache.pipe', '.'], cwd, { hangGuardMs: 60_000 });
    expect(r.status).toBe(1);
    expect(expectOneLine(r.stderr)).toMatch(/^promptlint: cannot write the cache: .*cache\.pipe is not a regular file/);
    expect(JSON.parse(r.stdout).files).toHaveLength(1);
    expect(lstatSync(path).isFIFO()).toBe(true);
  });

  it('a folder holds .promptlintcache (as ESLint), used by the next run', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY });
    mkdirSync(join(cwd, 'cache'));
    report(run(['--format', 'json', '--cache', '--cache-location', 'cache', '.'], cwd));
    expect(readdirSync(join(cwd, 'cache'))).toEqual(['.promptlintcache']);
    const again = run(['--format', 'json', '--cache', '--cache-location', 'cache', '--debug', '.'], cwd);
    expect(again.stderr).toMatch(/1 from the cache, 0 linted/);
  });
});
