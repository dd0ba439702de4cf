/** Runs the built `promptlint` binary as a child process in real folders. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, vi } from 'vitest';

// Each test spawns the binary several times; on a busy 2-core machine that takes seconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'packages/cli/bin/promptlint.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `promptlint ...args` in `cwd`, with colour and CI variables cleared unless `env` sets them. */
export function run(args: string[], cwd: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Run {
  const base = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete base[k];
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON report of a run that must have produced one (exit 0 or 1). */
export function json<T = JsonReport>(r: Run): T {
  if (r.status !== 0 && r.status !== 1) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export interface JsonFinding {
  ruleId: string | null;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  savings: {
    tokens: number | null;
    tokenKind: string;
    usdPerCall: number | null;
    usdPerMonth: number | null;
    model: string | null;
    confidence: string;
    basis: string;
  } | null;
  fatal?: boolean;
  fix?: { range: [number, number]; text: string };
}

export interface JsonReport {
  version: number;
  files: { path: string; findings: JsonFinding[] }[];
  summary: { files: number; errors: number; warnings: number; tokens: number; usdPerCall: number; usdPerMonth: number | null };
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temp folder holding `files` (path -> content); removed after the test file. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'promptlint-cli-'));
  made.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** One line, no stack trace: what every error path must print. */
export function expectOneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}:\n${stderr}`);
  if (/\n\s+at |^\s+at /m.test(stderr)) throw new Error(`stack trace on stderr:\n${stderr}`);
  return lines[0]!;
}
