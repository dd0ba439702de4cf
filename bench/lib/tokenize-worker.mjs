/**
 * One whole-process tokenizer run for bench/tokenizer.mjs:
 *
 *   node lib/tokenize-worker.mjs <gpt-tokenizer|js-tiktoken> <o200k_base|cl100k_base> <file | --hello>
 *
 * Loads the library and its encoding, counts the tokens of each NUL-separated chunk of the file
 * (or of "hello world" with --hello) and prints one JSON line: load and count times measured in
 * process, the total and per-chunk counts. Special-token text counts as plain text, as in core.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const t0 = performance.now();
const [lib, encoding, input] = process.argv.slice(2);
const require = createRequire(import.meta.url);

function load() {
  if (lib === 'gpt-tokenizer') {
    const enc = require(`gpt-tokenizer/encoding/${encoding}`);
    const opts = { disallowedSpecial: new Set() };
    return (text) => enc.countTokens(text, opts);
  }
  if (lib === 'js-tiktoken') {
    const { getEncoding } = require('js-tiktoken');
    const enc = getEncoding(encoding);
    return (text) => enc.encode(text, [], []).length;
  }
  console.error(`tokenize-worker: unknown library "${lib}" (gpt-tokenizer or js-tiktoken)`);
  process.exit(2);
}

const count = load();
const loadMs = performance.now() - t0;
const chunks = input === '--hello' ? ['hello world'] : readFileSync(input, 'utf8').split('\u0000');
const t1 = performance.now();
const counts = chunks.map((c) => count(c));
const countMs = performance.now() - t1;
const chars = chunks.reduce((a, c) => a + c.length, 0);
const bytes = chunks.reduce((a, c) => a + Buffer.byteLength(c), 0);
console.log(JSON.stringify({ lib, encoding, loadMs, countMs, chunks: chunks.length, chars, bytes, tokens: counts.reduce((a, b) => a + b, 0), counts }));
