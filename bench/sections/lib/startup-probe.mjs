/**
 * Where a one-file lint's start-up goes, measured inside one process (for the "startup" section):
 *
 *   node startup-probe.mjs <repoRoot> <file>
 *
 * Imports, one after the other, what `promptlint <file>` loads: the CLI's entry (all --version
 * needs), core, the markdown front end, the tokenizer (o200k_base, loaded by the first count), then
 * lints the file with the in-process API. Prints one JSON line of milliseconds; `processStartMs` is
 * the time from the process's start to the probe's first line (Node's own start-up).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const processStartMs = performance.now();
const [root, file] = process.argv.slice(2);
const url = (p) => pathToFileURL(join(root, p)).href;
const times = { processStartMs };
const step = async (name, fn) => {
  const t0 = performance.now();
  const r = await fn();
  times[name] = performance.now() - t0;
  return r;
};

await step('cliEntryMs', () => import(url('packages/cli/dist/main.js')));
const core = await step('coreMs', () => import(url('packages/core/dist/index.js')));
await step('markdownMs', () => import(url('packages/markdown/dist/index.js')));
await step('tokenizerLoadMs', () => core.bpeCounter('o200k_base').count('hello world'));
const api = await step('cliLintModulesMs', () => import(url('packages/cli/dist/api.js')));
const text = readFileSync(file, 'utf8');
await step('lintFirstFileMs', async () => (await api.createLinter({ cwd: root, noConfig: true })).lint(text, 'prompts/support.prompt.md'));
times.totalMs = performance.now();
console.log(JSON.stringify(times));
