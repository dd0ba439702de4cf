#!/usr/bin/env node
// promptlint's executable: everything lives in dist/main.js; this only wires the process to it.
import { main } from '../dist/main.js';

main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`promptlint: internal error: ${error?.message ?? error}\n`);
    if (process.argv.includes('--debug') && error?.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  },
);
