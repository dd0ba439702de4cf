/**
 * Section "cache": `--cache` on the 2,000-file corpus. Each round runs, in turn: promptlint without
 * --cache; with --cache and no cache file (the first run: lints everything and writes the cache);
 * with --cache again (nothing changed: every file from the cache). All three must print the same
 * report. Target: the second run within 20% of the first.
 *
 *   node bench/run.mjs --only cache [--runs 5]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { textTable } from '../lib/table.mjs';
import { alternate, fmtMb, fmtMs, fmtX, header, outsideCorpus, ratio, scratchDir } from './lib/common.mjs';
import { promptlintCommand } from './cli.mjs';

async function run(ctx) {
  const log = ctx.log;
  const corpus = outsideCorpus(ctx);
  const cacheFile = join(scratchDir('cache'), 'promptlintcache.json');
  let reference;
  const same = (name) => (r) => {
    reference ??= r.stdout;
    if (r.stdout !== reference) throw new Error(`${name}: the report differs from the run without --cache`);
  };
  const cmd = (name, extra, before) => {
    const c = promptlintCommand(ctx, name, corpus.dir, corpus.files, extra);
    const check = c.check;
    return { ...c, before, check: (r) => (check(r), same(name)(r)) };
  };
  const commands = [
    cmd('no cache', []),
    cmd('--cache, first run', ['--cache', '--cache-location', cacheFile], () => rmSync(cacheFile, { force: true })),
    cmd('--cache, second run', ['--cache', '--cache-location', cacheFile]),
  ];
  const timeoutMs = Math.max(ctx.timeoutMs, 300_000);
  const { summary, runs } = await alternate(ctx.runs, commands, { timeoutMs, log });
  const secondVsFirst = ratio(runs, '--cache, second run', '--cache, first run');
  const firstVsNone = ratio(runs, '--cache, first run', 'no cache');
  log(`\n--cache on ${corpus.files} files (median of ${ctx.runs} alternated rounds; every run printed the same report)`);
  log(
    textTable(
      ['run', 'wall ms', 'min-max ms', 'vs first --cache run', 'peak RSS MB'],
      commands.map((c) => [
        c.name,
        fmtMs(summary[c.name].wallMs),
        `${fmtMs(summary[c.name].minWallMs)}-${fmtMs(summary[c.name].maxWallMs)}`,
        fmtX(ratio(runs, c.name, '--cache, first run').pairedMedian),
        fmtMb(summary[c.name].peakRssKb),
      ]),
    ),
  );
  return { ...header(ctx, 'node bench/run.mjs --only cache'), corpus: { files: corpus.files, bytes: corpus.bytes }, timeoutMs, results: summary, secondVsFirst, firstVsNoCache: firstVsNone };
}

export default { name: 'cache', order: 15, run };
