/**
 * Build step (`npm run build` in packages/core, after tsc): writes `dist/bpe/<encoding>.bin`, the
 * compact rank tables (bpe-table.ts) made from gpt-tokenizer's own rank data, so that counts made
 * with them are gpt-tokenizer's. Without them core counts with gpt-tokenizer directly (slower to
 * load, same counts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildTableBytes, tableUrl } from './bpe-table.js';

const require = createRequire(import.meta.url);

export function writeTables(encodings: readonly string[] = ['o200k_base', 'cl100k_base']): string[] {
  const written: string[] = [];
  for (const encoding of encodings) {
    const ranks = (require(`gpt-tokenizer/bpeRanks/${encoding}`) as { default: (string | number[])[] }).default;
    const path = fileURLToPath(tableUrl(encoding));
    mkdirSync(fileURLToPath(new URL('.', tableUrl(encoding))), { recursive: true });
    writeFileSync(path, buildTableBytes(ranks));
    written.push(path);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const p of writeTables()) console.log(`wrote ${p}`);
}
