/**
 * Section "long": long unbroken text, where a BPE can go superlinear.
 *  - core's o200k_base counter in process (bench/sections/lib/count-probe.mjs, one process per
 *    case): CJK letters without a space (one pre-tokenizer piece) of 2,500 to 20,000 characters,
 *    and a base64 blob of 128 KB to 1 MB; count ms, ms per 1,000 characters, and growth per
 *    doubling (2.0 = linear, 4.0 = quadratic);
 *  - the CLI on prompt files holding each long text (bench/corpus.mjs --long): whole process.
 * Rounds alternate the cases; medians.
 *
 *   node bench/run.mjs --only long [--runs 3]
 */
import { fileURLToPath } from 'node:url';
import { median } from '../lib/measure.mjs';
import { textTable } from '../lib/table.mjs';
import { alternate, cliBin, fmtMb, fmtMs, header, node, outsideRoot, round1, round3 } from './lib/common.mjs';

const PROBE = fileURLToPath(new URL('./lib/count-probe.mjs', import.meta.url));
const CJK = [2_500, 5_000, 10_000, 20_000];
const BASE64 = [131_072, 262_144, 524_288, 1_048_576];

async function run(ctx) {
  const log = ctx.log;
  const rounds = Math.min(ctx.runs, 3);
  const timeoutMs = Math.max(ctx.timeoutMs, 120_000);
  const cases = [...CJK.map((n) => ['cjk', n]), ...BASE64.map((n) => ['base64', n])];
  const probes = cases.map(([kind, n]) => ({ name: `${kind} ${n}`, cmd: node, args: [PROBE, ctx.repoRoot, kind, String(n)], kind, chars: n }));
  const counted = await alternate(rounds, probes, { timeoutMs, log });

  const rows = [];
  for (const kind of ['cjk', 'base64']) {
    let prev;
    for (const p of probes.filter((x) => x.kind === kind)) {
      const outs = counted.runs[p.name].filter((r) => !r.timedOut).map((r) => JSON.parse(r.stdout));
      const countMs = median(outs.map((o) => o.countMs));
      const row = {
        case: kind === 'cjk' ? `CJK without spaces, ${p.chars.toLocaleString('en-US')} chars` : `base64, ${(p.chars / 1024).toLocaleString('en-US')} KB`,
        kind,
        chars: p.chars,
        tokens: outs[0]?.tokens ?? null,
        countMs: round1(countMs),
        msPer1kChars: countMs === null ? null : round3(countMs / (p.chars / 1000)),
        growthPerDoubling: prev?.countMs && countMs ? round3(countMs / prev.countMs) : null,
        timedOut: counted.summary[p.name].timedOut,
      };
      rows.push(row);
      prev = row;
    }
  }

  const long = ctx.corpus.ensureLong({ root: outsideRoot() });
  const files = ['prompts/cjk-nospace-20k.prompt.md', 'prompts/base64-1mb.prompt.md'];
  const cliCommands = [
    { name: 'node -e 0', cmd: node, args: ['-e', '0'] },
    ...files.map((f) => ({ name: `promptlint ${f}`, cmd: node, args: [cliBin(ctx), '--format', 'json', f], cwd: long.dir, okCodes: [0, 1] })),
  ];
  const cli = await alternate(rounds, cliCommands, { timeoutMs, log });

  log(`\ncore's o200k_base count of one long text, in process (median of ${rounds}; growth per doubling: 2.0 = linear, 4.0 = quadratic)`);
  log(
    textTable(
      ['text', 'tokens', 'count ms', 'ms / 1,000 chars', 'growth per doubling'],
      rows.map((r) => [r.case, r.tokens?.toLocaleString('en-US') ?? '-', r.timedOut ? 'timed out' : fmtMs(r.countMs), r.msPer1kChars ?? '-', r.growthPerDoubling ?? '-']),
    ),
  );
  log(`\nthe CLI on a prompt file holding each text (median of ${rounds} alternated rounds)`);
  log(textTable(['command', 'wall ms', 'peak RSS MB'], cliCommands.map((c) => [c.name, fmtMs(cli.summary[c.name].wallMs), fmtMb(cli.summary[c.name].peakRssKb)])));
  return { ...header(ctx, 'node bench/run.mjs --only long'), rounds, timeoutMs, count: rows, cli: cli.summary };
}

export default { name: 'long', order: 50, run };
