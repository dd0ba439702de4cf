/**
 * One in-process count with core's counter, for the "long" section:
 *
 *   node count-probe.mjs <repoRoot> <cjk|base64> <chars>
 *
 * Generates the text (bench/lib/generate.mjs: CJK letters without a space, or a base64 blob), loads
 * core's o200k_base counter, counts once (loading the tokenizer with a first count of "hello"
 * beforehand, so the figure is the count alone) and prints one JSON line: chars, tokens, countMs.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { base64Blob, cjkNoSpaces } from '../../lib/generate.mjs';

const [root, kind, n] = process.argv.slice(2);
const chars = Number(n);
const text = kind === 'cjk' ? cjkNoSpaces(1, chars) : kind === 'base64' ? base64Blob(1, chars) : undefined;
if (text === undefined || !(chars > 0)) {
  console.error('usage: count-probe.mjs <repoRoot> <cjk|base64> <chars>');
  process.exit(2);
}
const core = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
const counter = core.bpeCounter('o200k_base');
counter.count('hello');
const t0 = performance.now();
const tokens = counter.count(text);
const countMs = performance.now() - t0;
console.log(JSON.stringify({ kind, chars: text.length, tokens, countMs }));
