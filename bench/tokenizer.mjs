#!/usr/bin/env node
/**
 * gpt-tokenizer (what core counts with) vs js-tiktoken (the test oracle), o200k_base:
 *  - start-up: a whole process that loads the encoding and counts "hello world", vs an empty `node`;
 *  - 5 MB of mixed prompt text (English, Korean, JSON, markdown): same counts chunk by chunk?
 *    count time, throughput, whole-process wall time and peak RSS;
 *  - the long single-piece cases: CJK without spaces (2,000 to 20,000 characters; js-tiktoken has
 *    been reported quadratic there, 19 s for 16,000 characters) and a 1 MB base64 blob, each run
 *    capped by a timeout so the bench always ends; a run that hits it is reported as timed out.
 * Medians of `--runs` whole-process runs (long cases: one run each). Not a test: nothing asserts times.
 *
 *   node bench/tokenizer.mjs [--runs 5] [--timeout-ms 30000]
 * Writes the "tokenizer" key of bench/results.json (other keys kept). `node bench/run.mjs` runs it
 * as the "tokenizer" section.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { base64Blob, cjkNoSpaces, mixedText } from './lib/generate.mjs';
import { measureRuns, median } from './lib/measure.mjs';
import { mergeResults } from './lib/results.mjs';
import { textTable } from './lib/table.mjs';

const WORKER = fileURLToPath(new URL('./lib/tokenize-worker.mjs', import.meta.url));
const LIBS = ['gpt-tokenizer', 'js-tiktoken'];
const ENCODING = 'o200k_base';
const MIXED_BYTES = 5 * 1024 * 1024;
const CJK_SIZES = [1_000, 2_000, 4_000, 8_000, 16_000, 20_000];
const BASE64_BYTES = 1024 * 1024;

export function machine() {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** Other work on the machine skews every figure: recorded so a reader can tell. */
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** Writes the inputs (NUL-separated chunks) and returns their paths. */
function writeInputs(dir) {
  mkdirSync(dir, { recursive: true });
  const write = (name, chunks) => {
    const p = join(dir, name);
    writeFileSync(p, chunks.join('\u0000'));
    return p;
  };
  const mixed = mixedText(42, MIXED_BYTES);
  return {
    mixed: { path: write('mixed-5mb.txt', mixed), chunks: mixed.length, bytes: mixed.reduce((a, c) => a + Buffer.byteLength(c), 0) },
    long: [
      ...CJK_SIZES.map((n) => ({ name: `CJK, no spaces, ${n.toLocaleString('en-US')} chars`, chars: n, cjk: true, path: write(`cjk-nospace-${n}.txt`, [cjkNoSpaces(1, n)]) })),
      { name: 'base64 blob, 1 MB', chars: BASE64_BYTES, path: write('base64-1mb.txt', [base64Blob(1, BASE64_BYTES)]) },
    ],
  };
}

const parse = (r) => r.results.filter((x) => !x.timedOut).map((x) => JSON.parse(x.stdout));
const ms = (x) => (x === null || x === undefined ? '-' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const mb = (kb) => (kb === null || kb === undefined ? '-' : (kb / 1024).toFixed(0));

/** The section: `ctx` = { runs, timeoutMs, log, corpusRoot }. Returns the figures for results.json. */
export async function run(ctx) {
  const log = ctx.log ?? console.log;
  const inputs = writeInputs(join(ctx.corpusRoot, 'tokenizer'));
  const node = process.execPath;

  log(`start-up (${ctx.runs} runs each)`);
  const empty = await measureRuns(ctx.runs, node, ['-e', '']);
  const startup = { emptyNode: { wallMs: empty.wallMs, peakRssKb: empty.peakRssKb } };
  for (const lib of LIBS) {
    const r = await measureRuns(ctx.runs, node, [WORKER, lib, ENCODING, '--hello']);
    startup[lib] = { wallMs: r.wallMs, loadMs: median(parse(r).map((x) => x.loadMs)), peakRssKb: r.peakRssKb };
  }

  log(`5 MB mixed text (${ctx.runs} runs each)`);
  const mixed = {};
  const countsByLib = {};
  for (const lib of LIBS) {
    const r = await measureRuns(ctx.runs, node, [WORKER, lib, ENCODING, inputs.mixed.path], { timeoutMs: Math.max(ctx.timeoutMs, 300_000) });
    const out = parse(r);
    countsByLib[lib] = out[0]?.counts;
    const countMs = median(out.map((x) => x.countMs));
    mixed[lib] = {
      tokens: out[0]?.tokens ?? null,
      countMs,
      mbPerSecond: countMs ? Math.round((inputs.mixed.bytes / 1024 / 1024 / (countMs / 1000)) * 100) / 100 : null,
      wallMs: r.wallMs,
      peakRssKb: r.peakRssKb,
      timedOut: r.timedOut,
    };
  }
  const [a, b] = LIBS.map((l) => countsByLib[l]);
  const differing = a && b ? a.filter((c, i) => c !== b[i]).length : null;

  log(`long single-piece texts (one run each, timeout ${ctx.timeoutMs / 1000} s; after a timeout, longer CJK cases but the last are skipped)`);
  const long = [];
  /** Per library, the CJK size that timed out: larger ones are skipped, except the 20,000-character case. */
  const cjkTimedOut = {};
  for (const c of inputs.long) {
    const row = { name: c.name, chars: c.chars };
    for (const lib of LIBS) {
      if (c.cjk && cjkTimedOut[lib] !== undefined && c.chars !== CJK_SIZES.at(-1)) {
        row[lib] = { skipped: true, reason: `${cjkTimedOut[lib].toLocaleString('en-US')} chars already timed out` };
        continue;
      }
      const r = await measureRuns(1, node, [WORKER, lib, ENCODING, c.path], { timeoutMs: ctx.timeoutMs });
      if (r.timedOut && c.cjk) cjkTimedOut[lib] = c.chars;
      const out = parse(r)[0];
      row[lib] = r.timedOut ? { timedOut: true, afterMs: ctx.timeoutMs } : { tokens: out.tokens, countMs: out.countMs, wallMs: r.wallMs, peakRssKb: r.peakRssKb };
    }
    long.push(row);
  }

  // ---- tables ----
  log('\nStart-up: a whole process that loads o200k_base and counts "hello world" (median)');
  log(
    textTable(
      ['process', 'wall ms', 'load ms (in process)', 'peak RSS MB'],
      [['node -e "" (baseline)', ms(startup.emptyNode.wallMs), '-', mb(startup.emptyNode.peakRssKb)], ...LIBS.map((l) => [l, ms(startup[l].wallMs), ms(startup[l].loadMs), mb(startup[l].peakRssKb)])],
    ),
  );
  log(`\n${(inputs.mixed.bytes / 1024 / 1024).toFixed(1)} MB of mixed prompt text in ${inputs.mixed.chunks} chunks (median)`);
  log(
    textTable(
      ['library', 'tokens', 'count ms', 'MB/s', 'process wall ms', 'peak RSS MB'],
      LIBS.map((l) => [l, mixed[l].tokens?.toLocaleString('en-US') ?? '-', ms(mixed[l].countMs), mixed[l].mbPerSecond ?? '-', ms(mixed[l].wallMs), mb(mixed[l].peakRssKb)]),
    ),
  );
  log(differing === 0 ? `same counts: all ${inputs.mixed.chunks} chunks agree` : `counts differ on ${differing} of ${inputs.mixed.chunks} chunks`);
  log(`\nLong texts without a break (count ms in process; timeout ${ctx.timeoutMs / 1000} s)`);
  const cell = (x) => (x.skipped ? 'skipped (a shorter one timed out)' : x.timedOut ? `timed out (> ${x.afterMs / 1000} s)` : `${ms(x.countMs)} ms, ${x.tokens.toLocaleString('en-US')} tok`);
  log(textTable(['text', ...LIBS], long.map((r) => [r.name, ...LIBS.map((l) => cell(r[l]))])));

  return {
    command: 'node bench/tokenizer.mjs',
    date: new Date().toISOString().slice(0, 10),
    machine: { ...machine(), rssMethod: empty.rssMethod },
    runs: ctx.runs,
    timeoutMs: ctx.timeoutMs,
    encoding: ENCODING,
    startup,
    mixed: { bytes: inputs.mixed.bytes, chunks: inputs.mixed.chunks, sameCounts: differing === 0, differingChunks: differing, ...mixed },
    long,
  };
}

export const DEFAULTS = { runs: 5, timeoutMs: 30_000 };

/** Parses `--runs N` and `--timeout-ms N`. */
export function parseOptions(argv, known = []) {
  const o = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs' || a === '--timeout-ms') {
      const v = argv[++i];
      if (!/^\d+$/.test(v ?? '') || Number(v) < 1) throw new Error(`${a}: expected a positive integer, got ${v === undefined ? 'nothing' : `"${v}"`}`);
      o[a === '--runs' ? 'runs' : 'timeoutMs'] = Number(v);
    } else if (known.includes(a)) {
      o[a] = argv[++i];
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(`tokenizer bench: ${e.message} (options: --runs N, --timeout-ms N)`);
    process.exit(2);
  }
  const corpusRoot = fileURLToPath(new URL('./.corpus/', import.meta.url));
  const result = await run({ ...options, corpusRoot, log: console.log });
  console.log(`\nwrote ${mergeResults('tokenizer', result)} (key "tokenizer")`);
}
