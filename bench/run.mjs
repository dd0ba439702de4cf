#!/usr/bin/env node
/**
 * The benchmark runner behind `npm run bench` (which builds first): runs every section in
 * bench/sections/*.mjs and merges each one's figures into bench/results.json under its name.
 *
 *   node bench/run.mjs [--only a,b] [--skip a,b] [--runs N] [--timeout-ms N] [--list]
 *
 * A section is a module whose default export is `{ name, run(ctx), order? }`: `run` gets
 *   ctx = { runs, timeoutMs, log, machine, benchDir, repoRoot, corpusRoot, corpus }
 * (`corpus`: the generators of bench/corpus.mjs, `ensureCorpus`, `ensureLarge`, `ensureLong`) and
 * returns a JSON-serialisable object (or undefined to record nothing). Sections run one after the
 * other, by `order` (default 100) then name; a failing section is reported and the others still run
 * (exit code 1 at the end). Benchmarks are never tests: nothing here asserts a time.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as corpus from './corpus.mjs';
import { mergeResults } from './lib/results.mjs';
import { DEFAULTS, machine } from './tokenizer.mjs';

const benchDir = fileURLToPath(new URL('./', import.meta.url));
const sectionsDir = new URL('./sections/', import.meta.url);

function parseArgs(argv) {
  const o = { ...DEFAULTS, only: undefined, skip: [], list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--only') o.only = value().split(',').map((s) => s.trim());
    else if (a === '--skip') o.skip = value().split(',').map((s) => s.trim());
    else if (a === '--runs' || a === '--timeout-ms') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`${a}: expected a positive integer, got "${v}"`);
      o[a === '--runs' ? 'runs' : 'timeoutMs'] = Number(v);
    } else if (a === '--list') o.list = true;
    else throw new Error(`unknown option ${a} (options: --only a,b  --skip a,b  --runs N  --timeout-ms N  --list)`);
  }
  return o;
}

export async function loadSections() {
  const files = readdirSync(sectionsDir).filter((f) => f.endsWith('.mjs')).sort();
  const sections = [];
  for (const f of files) {
    const mod = await import(new URL(f, sectionsDir).href);
    const s = mod.default;
    if (!s || typeof s.name !== 'string' || typeof s.run !== 'function') {
      throw new Error(`bench/sections/${f}: the default export must be { name, run(ctx) }`);
    }
    sections.push({ order: 100, ...s, file: f });
  }
  return sections.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

async function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`bench: ${e.message}`);
    return 2;
  }
  const sections = await loadSections();
  if (o.list) {
    for (const s of sections) console.log(`${s.name}\t(bench/sections/${s.file})`);
    return 0;
  }
  const names = new Set(sections.map((s) => s.name));
  for (const n of [...(o.only ?? []), ...o.skip]) {
    if (!names.has(n)) {
      console.error(`bench: no section "${n}" (sections: ${[...names].join(', ')})`);
      return 2;
    }
  }
  const chosen = sections.filter((s) => (!o.only || o.only.includes(s.name)) && !o.skip.includes(s.name));
  const ctx = {
    runs: o.runs,
    timeoutMs: o.timeoutMs,
    log: console.log,
    machine: machine(),
    benchDir,
    repoRoot: fileURLToPath(new URL('../', import.meta.url)),
    corpusRoot: corpus.DEFAULT_ROOT,
    corpus,
  };
  console.log(`promptlint bench: ${chosen.map((s) => s.name).join(', ')} (${o.runs} runs, timeout ${o.timeoutMs / 1000} s) on ${ctx.machine.cpu}, ${ctx.machine.cores} cores, Node ${ctx.machine.node}`);
  let failed = 0;
  for (const s of chosen) {
    console.log(`\n== ${s.name} ==`);
    const t0 = performance.now();
    try {
      const result = await s.run(ctx);
      if (result !== undefined) mergeResults(s.name, result);
      console.log(`== ${s.name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s${result !== undefined ? ', figures in bench/results.json' : ''}`);
    } catch (e) {
      failed++;
      console.error(`== ${s.name}: failed: ${e.message}`);
    }
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => (process.exitCode = code),
    (e) => {
      console.error(`bench: ${e.message}`);
      process.exitCode = 1;
    },
  );
}
