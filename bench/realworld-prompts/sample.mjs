#!/usr/bin/env node
/**
 * Draws the seeded random sample of findings judged by hand in verdicts.md from the last
 * prompts-realworld report (`realworld-prompts.report.json` beside the materialised corpus), and
 * prints each with the lines around it so that it can be judged.
 *
 *   node bench/realworld-prompts/sample.mjs [--seed 12] [--n 40] [--context 3]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Rng } from '../lib/prng.mjs';
import { defaultOut } from './materialise.mjs';

const argv = process.argv.slice(2);
const opt = (name, d) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const seed = opt('--seed', 12);
const n = opt('--n', 40);
const context = opt('--context', 3);
const dir = defaultOut();
const report = JSON.parse(readFileSync(join(dirname(dir), 'realworld-prompts.report.json'), 'utf8'));
const all = [];
for (const f of report.files) for (const x of f.findings) all.push({ path: f.path, ...x });
all.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId)));
const rng = new Rng(seed);
const picked = new Set();
while (picked.size < Math.min(n, all.length)) picked.add(Math.floor(rng.next() * all.length));
let k = 0;
for (const i of [...picked].sort((a, b) => a - b)) {
  const x = all[i];
  const lines = readFileSync(join(dir, x.path), 'utf8').split(/\r\n|\n|\r/);
  console.log(`\n#${++k} ${x.path}:${x.line}:${x.column}-${x.endLine}:${x.endColumn} ${x.ruleId ?? 'fatal'} (${x.savings ? `${x.savings.tokens} tokens` : 'no savings'})`);
  console.log(`   ${x.message}`);
  for (let l = Math.max(1, x.line - context); l <= Math.min(lines.length, x.line + context); l++) console.log(`   ${String(l).padStart(5)}| ${JSON.stringify(lines[l - 1]).slice(1, -1).slice(0, 200)}`);
}
console.log(`\n${k} of ${all.length} findings (seed ${seed})`);
