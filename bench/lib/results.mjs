/**
 * bench/results.json: one object, one key per section. Writers merge their key into what is
 * there (never clobbering other sections) and write atomically (temp file + rename).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS_FILE = fileURLToPath(new URL('../results.json', import.meta.url));

export function readResults(file = RESULTS_FILE) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return {};
    throw new Error(`${file}: not valid JSON (${e.message}); fix or delete it`);
  }
}

/** Sets `results[section] = value`, keeping every other section. */
export function mergeResults(section, value, file = RESULTS_FILE) {
  const all = readResults(file);
  all[section] = value;
  const sorted = Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]]));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(sorted, null, 2) + '\n');
  renameSync(tmp, file);
  return file;
}
