/**
 * Helpers shared by the CLI, ESLint, start-up, scaling and long-text sections (this folder is not
 * a section: run.mjs loads only the .mjs files directly in sections/).
 *
 * - `alternate`: whole-process runs of several commands taken in turns (A B C, A B C, ...), so that
 *   a change in the machine's load hits every command alike; medians per command and, per pair,
 *   the median of the per-round ratios.
 * - `outsideCorpus`: the generated corpora, written outside the repository. promptlint honours
 *   .gitignore from the repository root, and bench/.corpus/ is git-ignored, so a corpus inside the
 *   repository would be skipped (0 files linted).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median } from '../../lib/measure.mjs';

export const node = process.execPath;

/** Where corpora for the CLI live: outside any git repository. */
export function outsideRoot() {
  const root = process.env.PROMPTLINT_BENCH_CORPUS ?? join(tmpdir(), 'promptlint-bench-corpus');
  mkdirSync(root, { recursive: true });
  return root;
}

export function outsideCorpus(ctx, opts = {}) {
  return ctx.corpus.ensureCorpus({ ...opts, root: outsideRoot() });
}

export function cliBin(ctx) {
  const bin = join(ctx.repoRoot, 'packages/cli/bin/promptlint.js');
  if (!existsSync(join(ctx.repoRoot, 'packages/cli/dist/main.js'))) throw new Error('packages/cli is not built: run `npm run build` (or `npm run bench`, which builds)');
  return bin;
}

/** A fresh empty folder under the outside root. */
export function scratchDir(name) {
  const dir = join(outsideRoot(), name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * `rounds` rounds; in each, every command once, in the given order. A command is
 * `{ name, cmd, args, cwd?, env?, before?(), check?(result), okCodes? }`: `before` runs untimed
 * before each of its runs (e.g. removing a cache file); `check` may throw to reject a run whose
 * output is wrong (e.g. it linted the wrong number of files); exit codes outside `okCodes`
 * (default [0]) are errors. A run that times out ends that command's runs.
 */
export async function alternate(rounds, commands, { timeoutMs, log = () => {} } = {}) {
  const all = Object.fromEntries(commands.map((c) => [c.name, []]));
  const stopped = new Set();
  for (let i = 0; i < rounds; i++) {
    for (const c of commands) {
      if (stopped.has(c.name)) continue;
      c.before?.();
      const r = await measure(c.cmd, c.args, { cwd: c.cwd, env: c.env ?? process.env, timeoutMs });
      if (r.timedOut) {
        stopped.add(c.name);
      } else {
        if (!(c.okCodes ?? [0]).includes(r.code)) {
          throw new Error(`${c.name}: exited ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
        }
        c.check?.(r);
      }
      all[c.name].push(r);
      log(`  round ${i + 1}/${rounds} ${c.name}: ${r.timedOut ? `timed out (> ${timeoutMs / 1000} s)` : `${fmtMs(r.wallMs)} ms, ${fmtMb(r.peakRssKb)} MB`}`);
    }
  }
  const summary = {};
  for (const c of commands) summary[c.name] = summarise(all[c.name]);
  return { summary, runs: all };
}

export function summarise(results) {
  const ok = results.filter((r) => !r.timedOut);
  return {
    runs: ok.length,
    timedOut: results.some((r) => r.timedOut),
    wallMs: round1(median(ok.map((r) => r.wallMs))),
    minWallMs: ok.length ? round1(Math.min(...ok.map((r) => r.wallMs))) : null,
    maxWallMs: ok.length ? round1(Math.max(...ok.map((r) => r.wallMs))) : null,
    peakRssKb: median(ok.map((r) => r.peakRssKb)),
    rssMethod: results[0]?.rssMethod ?? null,
  };
}

/** Median over rounds of a.wallMs / b.wallMs (both runs of a round), and the ratio of the medians. */
export function ratio(runs, a, b, field = 'wallMs') {
  const xs = [];
  const n = Math.min(runs[a].length, runs[b].length);
  for (let i = 0; i < n; i++) {
    const x = runs[a][i];
    const y = runs[b][i];
    if (!x.timedOut && !y.timedOut && x[field] && y[field]) xs.push(x[field] / y[field]);
  }
  const ma = median(runs[a].filter((r) => !r.timedOut).map((r) => r[field]));
  const mb = median(runs[b].filter((r) => !r.timedOut).map((r) => r[field]));
  return { pairedMedian: round3(median(xs)), ofMedians: ma && mb ? round3(ma / mb) : null };
}

export const round1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
export const round3 = (x) => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);
export const fmtMs = (x) => (x === null || x === undefined ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
export const fmtMb = (kb) => (kb === null || kb === undefined ? '-' : (kb / 1024).toFixed(0));
export const fmtX = (x) => (x === null || x === undefined ? '-' : `${x.toFixed(2)}x`);

/** The section's common record: when, where, how many runs. */
export function header(ctx, command) {
  return { command, date: new Date().toISOString().slice(0, 10), machine: ctx.machine, runs: ctx.runs };
}
