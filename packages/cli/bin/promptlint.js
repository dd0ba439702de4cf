#!/usr/bin/env node
// promptlint's executable: everything lives in dist/main.js; this only wires the process to it.
import { loadingConfig } from '../dist/config.js';
import { ownProcess } from '../dist/heap.js';
import { main } from '../dist/main.js';

ownProcess(); // this process is promptlint's: it may tune V8's heap growth (dist/heap.js)

let settled = false;
main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    settled = true;
    process.exitCode = code;
  },
  (error) => {
    settled = true;
    process.stderr.write(`promptlint: internal error: ${error?.message ?? error}\n`);
    if (process.argv.includes('--debug') && error?.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);

// Nothing left to run but the lint never finished (a JS configuration awaiting a promise that never
// settles): without this the process would exit 0 with no output, and CI would pass.
process.once('beforeExit', () => {
  if (settled) return;
  const what = loadingConfig ? `${loadingConfig}: failed to load: it never finished loading (a top-level await that never settles?)` : 'internal error: the run ended before it finished';
  process.stderr.write(`promptlint: ${what}\n`);
  process.exitCode = 2;
});
