/**
 * Section "growth": how the time of one file grows with its size on inputs built to be slow
 * (issue 17's super-linear cases, and the two large files that core's tests used to time).
 * Each case (bench/sections/lib/growth-probe.mjs) at 10 KB, 100 KB and 1 MB, one process per run,
 * the probe timing parse + lint (every rule on) in process after a warm-up; rounds alternate the
 * runs; medians. Reported as the growth ratio per step: linear is ~10x per step, quadratic ~100x.
 * A run that times out is reported as such.
 *
 *   node bench/run.mjs --only growth [--runs 3] [--timeout-ms 60000]
 */
import { fileURLToPath } from 'node:url';
import { median } from '../lib/measure.mjs';
import { textTable } from '../lib/table.mjs';
import { CASES } from './lib/growth-probe.mjs';
import { alternate, fmtMs, header, node, round1, round3 } from './lib/common.mjs';

const PROBE = fileURLToPath(new URL('./lib/growth-probe.mjs', import.meta.url));
export const SIZES = [10_000, 100_000, 1_000_000];

async function run(ctx) {
  const log = ctx.log;
  const rounds = Math.min(ctx.runs, 3);
  const timeoutMs = ctx.timeoutMs;
  const names = Object.keys(CASES);
  const probes = names.flatMap((name) => SIZES.map((size) => ({ name: `${name} ${size}`, cmd: node, args: [PROBE, ctx.repoRoot, name, String(size)], kase: name, size })));
  const measured = await alternate(rounds, probes, { timeoutMs, log });

  const rows = [];
  for (const name of names) {
    let prev;
    for (const p of probes.filter((x) => x.kase === name)) {
      const outs = measured.runs[p.name].filter((r) => !r.timedOut).map((r) => JSON.parse(r.stdout));
      const ms = median(outs.map((o) => o.ms));
      const timedOut = measured.summary[p.name].timedOut && outs.length === 0;
      const row = {
        case: name,
        size: p.size,
        chars: outs[0]?.chars ?? null,
        ms: timedOut ? null : round1(ms),
        timedOut,
        findings: outs[0]?.findings ?? null,
        error: outs[0]?.error,
        growth: !timedOut && prev?.ms && ms ? round3(ms / prev.ms) : null,
      };
      rows.push(row);
      prev = row;
    }
  }
  const size = (n) => (n >= 1_000_000 ? `${n / 1_000_000} MB` : `${n / 1000} KB`);
  log(`\none file's parse + lint in process, every rule on (median of ${rounds}; growth per 10x size: ~10 = linear, ~100 = quadratic)`);
  log(
    textTable(
      ['case', 'size', 'ms', 'growth', 'findings'],
      rows.map((r) => [r.case, size(r.size), r.timedOut ? `timed out (> ${timeoutMs / 1000} s)` : fmtMs(r.ms), r.growth === null ? '-' : `${r.growth.toFixed(1)}x`, r.error ? 'refused' : (r.findings ?? '-')]),
    ),
  );
  for (const name of names) log(`  ${name}: ${CASES[name].what}`);
  return { ...header(ctx, 'node bench/run.mjs --only growth'), rounds, timeoutMs, sizes: SIZES, cases: Object.fromEntries(names.map((n) => [n, CASES[n].what])), rows };
}

export default { name: 'growth', order: 55, run };
