/**
 * Section "startup": what a user waits for before any real work.
 *  - `promptlint --version` and `--help` vs `node -e 0` (a ratio: they should load nothing heavy);
 *  - `promptlint` on one small prompt file vs `node -e 0` (a difference in ms: parser, rules and
 *    tokenizer load once per process);
 *  - inside one process, where that difference goes (bench/sections/lib/startup-probe.mjs).
 * All commands alternate in every round.
 *
 *   node bench/run.mjs --only startup [--runs 5]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/measure.mjs';
import { textTable } from '../lib/table.mjs';
import { alternate, cliBin, fmtMb, fmtMs, fmtX, header, node, ratio, round1, scratchDir } from './lib/common.mjs';

const PROBE = fileURLToPath(new URL('./lib/startup-probe.mjs', import.meta.url));

/** A small, realistic prompt file (about 1 KB): front matter, a slot, a filler phrase. */
export const SMALL_PROMPT = `---
model: gpt-4o
max_tokens: 400
---
# System

You are a support assistant for an outdoor gear shop. Answer the customer's question using the
order details below. Please note that you should be polite and brief: three sentences at most.

If the order has shipped, give the tracking link; if not, give the expected ship date. Never
promise refunds: say that a person will follow up.

# User

Order: {{order_id}}
Question: {{question}}
`;

async function run(ctx) {
  const log = ctx.log;
  const dir = scratchDir('startup');
  mkdirSync(join(dir, 'prompts'));
  const file = join(dir, 'prompts/support.prompt.md');
  writeFileSync(file, SMALL_PROMPT);
  const bin = cliBin(ctx);
  const commands = [
    { name: 'node -e 0', cmd: node, args: ['-e', '0'] },
    { name: 'promptlint --version', cmd: node, args: [bin, '--version'] },
    { name: 'promptlint --help', cmd: node, args: [bin, '--help'] },
    { name: 'promptlint one small file', cmd: node, args: [bin, '--no-color', 'prompts/support.prompt.md'], cwd: dir, okCodes: [0, 1] },
    { name: 'probe', cmd: node, args: [PROBE, ctx.repoRoot, file] },
  ];
  const rounds = Math.max(ctx.runs, 5);
  const { summary, runs } = await alternate(rounds, commands, { timeoutMs: Math.max(ctx.timeoutMs, 60_000), log });
  const probe = {};
  const probes = runs.probe.map((r) => JSON.parse(r.stdout));
  for (const k of Object.keys(probes[0] ?? {})) probe[k] = round1(median(probes.map((p) => p[k])));
  const base = 'node -e 0';
  const out = {
    versionVsNode: ratio(runs, 'promptlint --version', base),
    helpVsNode: ratio(runs, 'promptlint --help', base),
    smallFileVsNode: ratio(runs, 'promptlint one small file', base),
    smallFileMinusNodeMs: round1(median(runs['promptlint one small file'].map((r, i) => r.wallMs - runs[base][i].wallMs))),
  };
  log(`\nstart-up (median of ${rounds} alternated rounds; ratio: median of per-round ratios to node -e 0)`);
  log(
    textTable(
      ['command', 'wall ms', 'vs node -e 0', 'peak RSS MB'],
      commands.slice(0, 4).map((c) => [c.name, fmtMs(summary[c.name].wallMs), c.name === base ? '1.00x' : fmtX(ratio(runs, c.name, base).pairedMedian), fmtMb(summary[c.name].peakRssKb)]),
    ),
  );
  log(`one small file - node -e 0: ${fmtMs(out.smallFileMinusNodeMs)} ms (median of per-round differences)`);
  log('\nwhere one small file\'s time goes, inside one process (median ms)');
  log(
    textTable(
      ['step', 'ms'],
      [
        ['node start-up (to the first line of a script)', fmtMs(probe.processStartMs)],
        ['CLI entry (all --version loads)', fmtMs(probe.cliEntryMs)],
        ['@promptlint/core', fmtMs(probe.coreMs)],
        ['@promptlint/markdown (remark and yaml load only when needed)', fmtMs(probe.markdownMs)],
        ['tokenizer: o200k_base load + first count', fmtMs(probe.tokenizerLoadMs)],
        ['CLI lint modules', fmtMs(probe.cliLintModulesMs)],
        ['configuration + lint of the file', fmtMs(probe.lintFirstFileMs)],
        ['total', fmtMs(probe.totalMs)],
      ],
    ),
  );
  return { ...header(ctx, 'node bench/run.mjs --only startup'), rounds, results: summary, ...out, inProcessMs: probe };
}

export default { name: 'startup', order: 20, run };
