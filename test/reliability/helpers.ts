/**
 * Reliability helpers: the built `promptlint` binary as a real child process (optionally as an
 * unprivileged user, with a preload, or measured for peak memory), temp folders, and the checks
 * every error path must pass (one line, no stack trace).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { JsonFinding, JsonReport } from '../cli/helpers.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'packages/cli/bin/promptlint.js');

/** Running as root: chmod does not stop reads or writes, so other means are used (see `asNobody`). */
export const IS_ROOT = process.getuid?.() === 0;
/** `setpriv` lets a root test run the CLI as `nobody`, for whom chmod 000 really fails. */
export const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
export const TIME = ['/usr/bin/time'].find((p) => existsSync(p));
/** GNU timeout signals the whole process group, so no grandchild (under time or setpriv) outlives a hang. */
const TIMEOUT = ['/usr/bin/timeout', '/bin/timeout'].find((p) => existsSync(p));
export const NOBODY = 65534;

/** No run may take longer than this: a guard against hangs, not a speed assertion. */
export const HANG_GUARD_MS = 120_000;

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process in KB, when measured. */
  peakRssKb?: number;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Extra arguments for node itself (`--require x`). */
  nodeArgs?: string[];
  /** Run as the unprivileged `nobody` user (needs root and setpriv). */
  asNobody?: boolean;
  /** Measure the peak RSS of the CLI process. */
  measureRss?: boolean;
  /** Kill the run after this long (default HANG_GUARD_MS): a hang guard for huge inputs, not a speed test. */
  hangGuardMs?: number;
}

/** `promptlint ...args` in `cwd` as a child process; colour and CI variables cleared. */
export function run(args: readonly string[], cwd: string, options: RunOptions = {}): Run {
  const env = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS', 'NODE_OPTIONS']) delete env[k];
  Object.assign(env, options.env ?? {});
  let argv = [process.execPath, ...(options.nodeArgs ?? []), BIN, ...args];
  let rssFile: string | undefined;
  if (options.measureRss) {
    rssFile = join(mkdtempSync(join(tmpdir(), 'promptlint-rss-')), 'rss');
    made.push(dirname(rssFile));
    if (TIME) argv = [TIME, '-f', '%M', '-o', rssFile, ...argv];
    else argv = [process.execPath, '--require', join(import.meta.dirname, 'preload/report-rss.cjs'), ...argv.slice(1)];
    if (!TIME) env.PROMPTLINT_RSS_FILE = rssFile;
  }
  if (options.asNobody) {
    if (!SETPRIV) throw new Error('setpriv is not available');
    argv = [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv];
  }
  const guard = options.hangGuardMs ?? HANG_GUARD_MS;
  if (TIMEOUT) argv = [TIMEOUT, '-k', '5', String(guard / 1000), ...argv];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, env, encoding: 'utf8', timeout: guard + 10_000, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (TIMEOUT && r.status === 124) throw new Error(`promptlint ${args.join(' ')} did not finish in ${guard / 1000} s (killed)`);
  const out: Run = { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  if (rssFile) {
    const text = readFileSync(rssFile, 'utf8').trim().split('\n').pop()!;
    out.peakRssKb = Number(text);
  }
  return out;
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temp folder (via mkdtemp in the OS temp dir) holding `files`; removed after the test file. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'promptlint-rel-'));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
}

/** A temp folder that `nobody` can enter and read (mkdtemp makes 0700 folders). */
export function sharedTempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir(files);
  chmodSync(dir, 0o755);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Asserts the run failed with exit 2, printed nothing on stdout and one line (no stack) on stderr. */
export function expectUsageError(r: Run): string {
  expect(r.signal, r.stderr).toBeNull();
  expect(r.status, r.stderr + r.stdout).toBe(2);
  expect(r.stdout).toBe('');
  const line = expectOneLine(r.stderr);
  expect(line).toMatch(/^promptlint: /);
  expect(line).not.toMatch(/internal error/);
  return line;
}

/** One non-empty line, no stack trace. */
export function expectOneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0], 'a carriage return inside the line').not.toMatch(/\r/);
  expectNoStack(stderr);
  return lines[0]!;
}

export function expectNoStack(text: string): void {
  expect(text, 'a stack trace was printed').not.toMatch(/^\s+at .+[:(]/m);
}

/** The `--format json` contract, as the CLI suite declares it (one declaration for both suites). */
export type { JsonFinding, JsonReport };

/** The JSON report of a run that linted (exit 0 or 1), with nothing on stderr and no stack anywhere. */
export function report(r: Run): JsonReport {
  expect(r.signal, r.stderr).toBeNull();
  expect([0, 1], `exit ${r.status}: ${r.stderr}`).toContain(r.status);
  expectNoStack(r.stdout + r.stderr);
  return JSON.parse(r.stdout) as JsonReport;
}

/** Lines of a text as a reader counts them (LF, CRLF or lone CR), without their terminators. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Every finding's position lies inside the text (columns may point one past the line's end). */
export function expectInside(findings: readonly Pick<JsonFinding, 'line' | 'column' | 'endLine' | 'endColumn'>[], text: string): void {
  const lines = linesOf(text);
  for (const f of findings) {
    const where = JSON.stringify(f);
    expect(f.line, where).toBeGreaterThanOrEqual(1);
    expect(f.line, where).toBeLessThanOrEqual(lines.length);
    expect(f.endLine, where).toBeGreaterThanOrEqual(f.line);
    expect(f.endLine, where).toBeLessThanOrEqual(lines.length);
    expect(f.column, where).toBeGreaterThanOrEqual(1);
    expect(f.column, where).toBeLessThanOrEqual(lines[f.line - 1]!.length + 1);
    expect(f.endColumn, where).toBeGreaterThanOrEqual(1);
    expect(f.endColumn, where).toBeLessThanOrEqual(lines[f.endLine - 1]!.length + 1);
    if (f.endLine === f.line) expect(f.endColumn, where).toBeGreaterThanOrEqual(f.column);
  }
}
