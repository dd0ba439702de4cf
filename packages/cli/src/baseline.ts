/**
 * `--baseline report.json`: compares each prompt file's estimated cost per call (file-cost.ts, the
 * figure `--max-cost` checks) with a saved `--format json` report, as size-limit does for bundle
 * size; `--max-cost-increase PERCENT` fails the run when the total grows by more than PERCENT.
 * A missing or malformed baseline is a one-line error (exit 2).
 */
import { resolve } from 'node:path';
import { roundUsd } from '@promptlint/core';
import { readBounded, TooLargeError } from './bounded-read.js';
import { CliError, describeFsError } from './errors.js';
import { inertJson, plainText } from './sanitize.js';
import type { FileCost } from './file-cost.js';

export interface Baseline {
  /** The path as given on the command line. */
  file: string;
  /** Baseline files by path (relative to the working directory the report was made in). */
  costs: Map<string, FileCost | null>;
}

export type DeltaStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface FileDelta {
  path: string;
  status: DeltaStatus;
  before: FileCost | null;
  after: FileCost | null;
  /** USD per call, after - before (a new file: its cost; a deleted one: minus its cost); `null` without a price on a side that exists. */
  deltaUsd: number | null;
  /** Percent of the file's baseline cost; `null` when it had none (new file, $0 or unpriced). */
  deltaPercent: number | null;
}

export interface BaselineComparison {
  /** The baseline report, as given. */
  file: string;
  /** Sum of the priced files' USD per call in the baseline, and now. */
  before: number;
  after: number;
  deltaUsd: number;
  /** `null` when the baseline total is $0 (any growth is then unbounded in percent). */
  deltaPercent: number | null;
  /** Every file of either side, by path. */
  files: FileDelta[];
  /** Files linted now whose cost has no price (unknown model, parse error): the totals leave them out. */
  unpriced: string[];
  /** --max-cost-increase, when given. */
  maxIncreasePercent: number | null;
  /** The total grew by more than --max-cost-increase, or a file now has no price and the gate cannot be checked. */
  failed: boolean;
}

/** A baseline larger than this is refused (a JSON report of 100,000 files is far smaller). */
export const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

const PCT_PRECISION = 1e9;
const roundPct = (x: number): number => Math.round(x * PCT_PRECISION) / PCT_PRECISION;

/** Reads and checks a `--format json` report; throws CliError naming the file and what is wrong. */
export function loadBaseline(cwd: string, given: string): Baseline {
  const where = `--baseline ${given}`;
  let text: string;
  try {
    // Bounded: /dev/zero or a huge file is an error after MAX_BASELINE_BYTES, never a read without end.
    text = readBounded(resolve(cwd, given), MAX_BASELINE_BYTES).toString('utf8');
  } catch (e) {
    if (e instanceof TooLargeError) throw new CliError(`${where}: ${e.message}: not a promptlint JSON report (made with --format json)`);
    throw new CliError(`${where}: cannot read: ${describeFsError(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${where}: invalid JSON: ${(e as Error).message}`);
  }
  const report = data as { version?: unknown; files?: unknown };
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray(report.files)) {
    throw new CliError(`${where}: not a promptlint JSON report (expected {"version": 1, "files": [...]}, made with --format json)`);
  }
  if (report.version !== 1) throw new CliError(`${where}: "version": expected 1, got ${inertJson(JSON.stringify(report.version) ?? 'undefined')}`);
  const costs = new Map<string, FileCost | null>();
  report.files.forEach((f: unknown, i: number) => {
    const at = `${where}: files[${i}]`;
    if (typeof f !== 'object' || f === null || typeof (f as { path?: unknown }).path !== 'string') {
      throw new CliError(`${at}: expected an object with a "path" string`);
    }
    const { path } = f as { path: string };
    if (!('cost' in f)) {
      throw new CliError(`${at} (${plainText(path)}) has no "cost": the report predates per-file costs; make it again with --format json`);
    }
    const cost = (f as { cost: unknown }).cost;
    const problem = checkCost(cost);
    if (problem) throw new CliError(`${at}.cost: ${problem}`);
    costs.set(path.split('\\').join('/'), cost as FileCost | null);
  });
  return { file: given, costs };
}

function checkCost(c: unknown): string | undefined {
  if (c === null) return undefined;
  const expected = 'expected null or {"inputTokens": number, "outputTokens": number, "usdPerCall": number | null, "model": string | null}';
  if (typeof c !== 'object' || Array.isArray(c)) return `${expected}, got ${inertJson(JSON.stringify(c) ?? 'undefined')}`;
  const o = c as Record<string, unknown>;
  const count = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!count(o.inputTokens)) return `"inputTokens": expected a number >= 0, got ${inertJson(JSON.stringify(o.inputTokens) ?? 'undefined')}`;
  if (!count(o.outputTokens)) return `"outputTokens": expected a number >= 0, got ${inertJson(JSON.stringify(o.outputTokens) ?? 'undefined')}`;
  if (!(o.usdPerCall === null || count(o.usdPerCall))) return `"usdPerCall": expected a number >= 0 or null, got ${inertJson(JSON.stringify(o.usdPerCall) ?? 'undefined')}`;
  if (!(o.model === null || typeof o.model === 'string')) return `"model": expected a string or null, got ${inertJson(JSON.stringify(o.model) ?? 'undefined')}`;
  return undefined;
}

const usdOf = (c: FileCost | null | undefined): number | null => c?.usdPerCall ?? null;

function sameCost(a: FileCost | null, b: FileCost | null): boolean {
  if (a === null || b === null) return a === b;
  return a.inputTokens === b.inputTokens && a.outputTokens === b.outputTokens && a.usdPerCall === b.usdPerCall && a.model === b.model;
}

/** Compares today's per-file costs with the baseline; `maxIncreasePercent` is --max-cost-increase. */
export function compareWithBaseline(baseline: Baseline, current: ReadonlyMap<string, FileCost | null>, maxIncreasePercent?: number): BaselineComparison {
  const paths = [...new Set([...baseline.costs.keys(), ...current.keys()])].sort();
  const files: FileDelta[] = [];
  const unpriced: string[] = [];
  let before = 0;
  let after = 0;
  for (const path of paths) {
    const inBase = baseline.costs.has(path);
    const inNow = current.has(path);
    const b = inBase ? baseline.costs.get(path)! : null;
    const a = inNow ? current.get(path)! : null;
    const bUsd = usdOf(b);
    const aUsd = usdOf(a);
    if (bUsd !== null) before = roundUsd(before + bUsd);
    if (aUsd !== null) after = roundUsd(after + aUsd);
    if (inNow && aUsd === null) unpriced.push(path);
    const status: DeltaStatus = !inBase ? 'added' : !inNow ? 'removed' : sameCost(b, a) ? 'unchanged' : 'changed';
    let deltaUsd: number | null;
    if (status === 'added') deltaUsd = aUsd;
    else if (status === 'removed') deltaUsd = bUsd === null ? null : -bUsd;
    else deltaUsd = aUsd === null || bUsd === null ? null : roundUsd(aUsd - bUsd);
    const deltaPercent = deltaUsd !== null && status !== 'added' && bUsd ? roundPct((deltaUsd / bUsd) * 100) : null;
    files.push({ path, status, before: b, after: a, deltaUsd, deltaPercent });
  }
  const deltaUsd = roundUsd(after - before);
  const deltaPercent = before > 0 ? roundPct((deltaUsd / before) * 100) : null;
  const max = maxIncreasePercent ?? null;
  let failed = false;
  if (max !== null) {
    const grewTooMuch = deltaPercent === null ? after > 0 : deltaPercent > max;
    failed = grewTooMuch || unpriced.length > 0;
  }
  return { file: baseline.file, before, after, deltaUsd, deltaPercent, files, unpriced, maxIncreasePercent: max, failed };
}
