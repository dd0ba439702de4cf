/**
 * Section "cli": the promptlint CLI against markdownlint-cli2 (the markdown linter most projects
 * already run on the same files) on the 2,000-file prompt corpus (bench/corpus.mjs: 200 B to 20 KB,
 * front matter, template slots, JSON blocks, whitespace runs; 8.1 MB). Runs alternate in every
 * round: promptlint with its default --concurrency (auto: at most half the cores, so none on two
 * cores), promptlint --concurrency 1 (no workers), promptlint --concurrency 2 (two worker threads),
 * markdownlint-cli2. Each run is checked to lint all 2,000 files.
 *
 * markdownlint-cli2 runs with every rule of markdownlint's default configuration on the same files
 * (glob `**\/*.{md,prompty,prompt}`, no .gitignore); promptlint with its defaults (recommended
 * rules), `--format json` so the file count can be checked.
 *
 *   node bench/run.mjs --only cli [--runs 5]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { textTable } from '../lib/table.mjs';
import { alternate, cliBin, fmtMb, fmtMs, fmtX, header, node, outsideCorpus, ratio, scratchDir } from './lib/common.mjs';

/** markdownlint-cli2's bin (its package exports no subpath for it) and version. */
export function markdownlint(ctx) {
  const dir = join(ctx.benchDir, 'node_modules/markdownlint-cli2');
  if (!existsSync(join(dir, 'package.json'))) throw new Error('markdownlint-cli2 is not installed in bench/: run `npm ci --prefix bench` (or `npm run bench`)');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return { bin: join(dir, typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['markdownlint-cli2']), version: pkg.version };
}

/** markdownlint-cli2 on a corpus folder: the command, and a check that it linted `files` files. */
export function markdownlintCommand(ctx, name, corpusDir, files) {
  const dir = scratchDir('markdownlint-config');
  const config = join(dir, '.markdownlint-cli2.jsonc');
  writeFileSync(config, JSON.stringify({ config: { default: true }, gitignore: false }, null, 2) + '\n');
  return {
    name,
    cmd: node,
    args: [markdownlint(ctx).bin, '**/*.{md,prompty,prompt}', '--config', config],
    cwd: corpusDir,
    okCodes: [0, 1],
    check: (r) => {
      const m = /Linting: (\d+) file/.exec(r.stdout + r.stderr);
      if (!m || Number(m[1]) !== files) throw new Error(`${name}: linted ${m ? m[1] : 'an unknown number of'} files, expected ${files}`);
    },
  };
}

/** promptlint on a corpus folder with `--format json`, checked to report `files` files. */
export function promptlintCommand(ctx, name, corpusDir, files, extra = []) {
  return {
    name,
    cmd: node,
    args: [cliBin(ctx), '--format', 'json', ...extra, '.'],
    cwd: corpusDir,
    okCodes: [0, 1],
    check: (r) => {
      const n = JSON.parse(r.stdout).summary.files;
      if (n !== files) throw new Error(`${name}: linted ${n} files, expected ${files}`);
    },
  };
}

async function run(ctx) {
  const log = ctx.log;
  const corpus = outsideCorpus(ctx);
  log(`corpus: ${corpus.files} files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB in ${corpus.dir}`);
  const commands = [
    promptlintCommand(ctx, 'promptlint', corpus.dir, corpus.files),
    promptlintCommand(ctx, 'promptlint --concurrency 1', corpus.dir, corpus.files, ['--concurrency', '1']),
    promptlintCommand(ctx, 'promptlint --concurrency 2', corpus.dir, corpus.files, ['--concurrency', '2']),
    markdownlintCommand(ctx, 'markdownlint-cli2', corpus.dir, corpus.files),
  ];
  const timeoutMs = Math.max(ctx.timeoutMs, 300_000);
  const { summary, runs } = await alternate(ctx.runs, commands, { timeoutMs, log });
  const mdl = 'markdownlint-cli2';
  const ratios = {
    promptlint: ratio(runs, 'promptlint', mdl),
    'promptlint --concurrency 1': ratio(runs, 'promptlint --concurrency 1', mdl),
    'promptlint --concurrency 2': ratio(runs, 'promptlint --concurrency 2', mdl),
  };
  const rssRatios = {
    promptlint: ratio(runs, 'promptlint', mdl, 'peakRssKb'),
    'promptlint --concurrency 1': ratio(runs, 'promptlint --concurrency 1', mdl, 'peakRssKb'),
    'promptlint --concurrency 2': ratio(runs, 'promptlint --concurrency 2', mdl, 'peakRssKb'),
  };
  log(`\n${corpus.files} prompt files, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MB (median of ${ctx.runs} alternated runs; ratio: median of per-round ratios to markdownlint-cli2)`);
  log(
    textTable(
      ['command', 'wall ms', 'min-max ms', 'wall vs markdownlint-cli2', 'peak RSS MB', 'RSS vs markdownlint-cli2'],
      commands.map((c) => {
        const s = summary[c.name];
        const r = ratios[c.name];
        const rr = rssRatios[c.name];
        return [c.name, fmtMs(s.wallMs), `${fmtMs(s.minWallMs)}-${fmtMs(s.maxWallMs)}`, r ? fmtX(r.pairedMedian) : '1.00x', fmtMb(s.peakRssKb), rr ? fmtX(rr.pairedMedian) : '1.00x'];
      }),
    ),
  );
  return {
    ...header(ctx, 'node bench/run.mjs --only cli'),
    corpus: { files: corpus.files, bytes: corpus.bytes, kinds: corpus.kinds },
    markdownlintCli2: { version: markdownlint(ctx).version, args: commands[3].args.slice(1) },
    timeoutMs,
    results: summary,
    wallRatioToMarkdownlint: ratios,
    rssRatioToMarkdownlint: rssRatios,
  };
}

export default { name: 'cli', order: 10, run };
