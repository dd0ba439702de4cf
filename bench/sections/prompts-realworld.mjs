/**
 * Section "prompts-realworld": the CLI (default preset, `--format json`) over the development
 * corpus of real prompt files (bench/realworld-prompts/corpus.json: public collections pinned to
 * commits, materialised from local git mirrors by bench/realworld-prompts/materialise.mjs; a
 * collection without a mirror is skipped with a message). Prints the noise counts that
 * bench/realworld-prompts/score.mjs computes (findings per rule, request rules on files that define
 * no request, no-dynamic-prefix findings inside fenced or inline code, one-token findings, fatals)
 * and the CLI's wall time against markdownlint-cli2 on the same files, as a ratio (alternated
 * whole-process runs, median of the per-round ratios).
 *
 * The full JSON report of the last run is written beside the corpus (`realworld-prompts.report.json`)
 * for bench/realworld-prompts/sample.mjs, which draws the seeded sample judged in verdicts.md.
 *
 *   node bench/run.mjs --only prompts-realworld [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { materialise } from '../realworld-prompts/materialise.mjs';
import { score } from '../realworld-prompts/score.mjs';
import { textTable } from '../lib/table.mjs';
import { markdownlint } from './cli.mjs';
import { alternate, cliBin, fmtMs, fmtX, header, node, ratio, scratchDir } from './lib/common.mjs';

export const MARKDOWNLINT_GLOB = '**/*.{md,mdc,prompty,prompt,txt}';

async function run(ctx) {
  const log = ctx.log;
  const corpus = materialise({ log });
  if (corpus.files.length === 0) {
    log('prompts-realworld: no collection has a mirror here, nothing to measure (see bench/realworld-prompts/materialise.mjs)');
    return undefined;
  }
  log(`corpus: ${corpus.files.length} files from ${corpus.collections.length} collections, ${(corpus.bytes / 1024 / 1024).toFixed(2)} MB in ${corpus.dir}`);
  const bin = cliBin(ctx);
  // Files are named explicitly: every file of the corpus is linted, whatever its kind by name.
  const args = [bin, '--format', 'json', ...corpus.files];
  const once = spawnSync(node, args, { cwd: corpus.dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (once.status !== 0 && once.status !== 1) throw new Error(`promptlint exited ${once.status}: ${once.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  const report = JSON.parse(once.stdout);
  const reportFile = join(dirname(corpus.dir), 'realworld-prompts.report.json');
  writeFileSync(reportFile, once.stdout);
  const s = score(report, corpus.dir);
  log(`\nfiles ${s.files}, findings ${s.findings}, fatals ${s.fatals} (report: ${reportFile})`);
  log(textTable(['rule', 'findings'], Object.entries(s.byRule)));
  log(
    textTable(
      ['noise count', 'value'],
      [
        ['request-rule findings on files that define no request', s.requestRulesOnNonRequestFiles],
        ['  files that define no request with a request-rule finding', s.nonRequestFilesWithRequestRules],
        ['  request definitions without a request-rule finding', s.requestFilesWithoutRequestRules],
        ['no-dynamic-prefix findings', s.noDynamicPrefix],
        ['  inside fenced or inline code', s.noDynamicPrefixInCode],
        ['findings worth at most one token', s.oneTokenFindings],
        ['fatals', s.fatals],
      ],
    ),
  );
  for (const f of s.fatalFiles.slice(0, 10)) log(`  fatal: ${f}`);
  for (const e of s.noDynamicPrefixInCodeExamples) log(`  no-dynamic-prefix in code: ${e}`);

  const mdl = markdownlint(ctx);
  const configDir = scratchDir('markdownlint-realworld-config');
  const config = join(configDir, '.markdownlint-cli2.jsonc');
  writeFileSync(config, JSON.stringify({ config: { default: true }, gitignore: false }, null, 2) + '\n');
  const n = corpus.files.length;
  const commands = [
    {
      name: 'promptlint',
      cmd: node,
      args,
      cwd: corpus.dir,
      okCodes: [0, 1],
      check: (r) => {
        const got = JSON.parse(r.stdout).summary.files;
        if (got !== n) throw new Error(`promptlint: linted ${got} files, expected ${n}`);
      },
    },
    {
      name: 'markdownlint-cli2',
      cmd: node,
      args: [mdl.bin, MARKDOWNLINT_GLOB, '--config', config],
      cwd: corpus.dir,
      okCodes: [0, 1],
      check: (r) => {
        const m = /Linting: (\d+) file/.exec(r.stdout + r.stderr);
        if (!m || Number(m[1]) !== n) throw new Error(`markdownlint-cli2: linted ${m ? m[1] : 'an unknown number of'} files, expected ${n}`);
      },
    },
  ];
  const timeoutMs = Math.max(ctx.timeoutMs, 300_000);
  const { summary, runs } = await alternate(ctx.runs, commands, { timeoutMs, log });
  const wall = ratio(runs, 'promptlint', 'markdownlint-cli2');
  log(
    `\n${textTable(
      ['command', 'wall ms', 'min-max ms'],
      commands.map((c) => [c.name, fmtMs(summary[c.name].wallMs), `${fmtMs(summary[c.name].minWallMs)}-${fmtMs(summary[c.name].maxWallMs)}`]),
    )}\npromptlint / markdownlint-cli2 wall time: ${fmtX(wall.pairedMedian)} (median of ${ctx.runs} per-round ratios)`,
  );
  return {
    ...header(ctx, 'node bench/run.mjs --only prompts-realworld'),
    corpus: { files: n, bytes: corpus.bytes, collections: corpus.collections, skipped: corpus.skipped },
    noise: { ...s, fatalFiles: s.fatalFiles.slice(0, 30) },
    markdownlintCli2: { version: mdl.version, glob: MARKDOWNLINT_GLOB },
    results: summary,
    wallRatioToMarkdownlint: wall,
  };
}

export default { name: 'prompts-realworld', order: 60, run };
