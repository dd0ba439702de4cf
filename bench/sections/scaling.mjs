/**
 * Section "scaling": time must grow linearly with the input.
 *  - corpora of 1x, 2x, 4x and 8x the 2,000-file corpus (2,000 to 16,000 files; bench/corpus.mjs:
 *    each larger set contains the smaller), one thread (`--concurrency 1`, so the figure is the
 *    algorithm's, not the scheduler's) and two worker threads (`--concurrency 2`);
 *  - single prompt files of 1, 5 and 20 MB.
 * Per case: wall time, time per file or per MB, the ratio to the smallest case and to perfect
 * linearity (1.00 = exactly linear; 8x within 9x the time is the target). Rounds alternate the
 * cases (small to large); medians.
 *
 *   node bench/run.mjs --only scaling [--runs 3]
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { textTable } from '../lib/table.mjs';
import { alternate, cliBin, fmtMb, fmtMs, header, node, outsideRoot, round3 } from './lib/common.mjs';
import { promptlintCommand } from './cli.mjs';

const SCALES = [1, 2, 4, 8];
const LARGE_MB = [1, 5, 20];

async function run(ctx) {
  const log = ctx.log;
  const root = outsideRoot();
  const rounds = Math.min(ctx.runs, 3);
  const timeoutMs = Math.max(ctx.timeoutMs, 1_200_000);

  log(`corpora ${SCALES.map((s) => `${s}x`).join(', ')} (writing them the first time takes a while)`);
  const sets = SCALES.map((s) => ({ scale: s, ...ctx.corpus.ensureCorpus({ name: s === 1 ? 'base' : `x${s}`, files: ctx.corpus.DEFAULT_FILES * s, root }) }));
  const commands = [];
  for (const s of sets) {
    commands.push({ ...promptlintCommand(ctx, `${s.scale}x --concurrency 1`, s.dir, s.files, ['--concurrency', '1']), set: s, threads: 1 });
    commands.push({ ...promptlintCommand(ctx, `${s.scale}x --concurrency 2`, s.dir, s.files, ['--concurrency', '2']), set: s, threads: 2 });
  }
  const corpora = await alternate(rounds, commands, { timeoutMs, log });

  log(`single large files ${LARGE_MB.join(', ')} MB`);
  const large = ctx.corpus.ensureLarge({ sizesMb: LARGE_MB, root });
  const largeCommands = LARGE_MB.map((mb) => {
    const rel = `prompts/large-${mb}mb.prompt.md`;
    return { name: `${mb} MB file`, cmd: node, args: [cliBin(ctx), '--format', 'json', rel], cwd: large.dir, okCodes: [0, 1], bytes: statSync(join(large.dir, rel)).size, mb };
  });
  const single = await alternate(rounds, largeCommands, { timeoutMs, log });

  const corpusRows = [];
  for (const threads of [1, 2]) {
    const cs = commands.filter((c) => c.threads === threads);
    const first = corpora.summary[cs[0].name];
    for (const c of cs) {
      const s = corpora.summary[c.name];
      const timeRatio = s.wallMs && first.wallMs ? s.wallMs / first.wallMs : null;
      corpusRows.push({
        case: c.name,
        files: c.set.files,
        bytes: c.set.bytes,
        threads,
        wallMs: s.wallMs,
        msPerFile: s.wallMs ? round3(s.wallMs / c.set.files) : null,
        timeRatio: round3(timeRatio),
        linearity: timeRatio ? round3(timeRatio / c.set.scale) : null,
        peakRssKb: s.peakRssKb,
        timedOut: s.timedOut,
      });
    }
  }
  const firstLarge = single.summary[largeCommands[0].name];
  const largeRows = largeCommands.map((c) => {
    const s = single.summary[c.name];
    const timeRatio = s.wallMs && firstLarge.wallMs ? s.wallMs / firstLarge.wallMs : null;
    return {
      case: c.name,
      bytes: c.bytes,
      wallMs: s.wallMs,
      msPerMb: s.wallMs ? Math.round(s.wallMs / (c.bytes / 1024 / 1024)) : null,
      timeRatio: round3(timeRatio),
      linearity: timeRatio ? round3(timeRatio / (c.mb / LARGE_MB[0])) : null,
      peakRssKb: s.peakRssKb,
      timedOut: s.timedOut,
    };
  });

  log(`\ncorpora (median of ${rounds} alternated rounds; linearity = (time / 1x time) / scale, 1.00 = linear)`);
  log(
    textTable(
      ['case', 'files', 'MB', 'wall ms', 'ms/file', 'time vs 1x', 'linearity', 'peak RSS MB'],
      corpusRows.map((r) => [r.case, r.files.toLocaleString('en-US'), (r.bytes / 1024 / 1024).toFixed(1), r.timedOut ? 'timed out' : fmtMs(r.wallMs), r.msPerFile ?? '-', r.timeRatio ?? '-', r.linearity ?? '-', fmtMb(r.peakRssKb)]),
    ),
  );
  log(`\nsingle files (median of ${rounds} alternated rounds; linearity = (time / 1 MB time) / (size / 1 MB))`);
  log(
    textTable(
      ['case', 'MB', 'wall ms', 'ms/MB', 'time vs 1 MB', 'linearity', 'peak RSS MB'],
      largeRows.map((r) => [r.case, (r.bytes / 1024 / 1024).toFixed(1), r.timedOut ? 'timed out' : fmtMs(r.wallMs), r.msPerMb ?? '-', r.timeRatio ?? '-', r.linearity ?? '-', fmtMb(r.peakRssKb)]),
    ),
  );
  return { ...header(ctx, 'node bench/run.mjs --only scaling'), rounds, timeoutMs, corpora: corpusRows, largeFiles: largeRows };
}

export default { name: 'scaling', order: 40, run };
