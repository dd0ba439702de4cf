#!/usr/bin/env node
// promptlint's executable: everything lives in dist/main.js; this only wires the process to it.
import { ownProcess } from '../dist/heap.js';
import { main } from '../dist/main.js';

ownProcess(); // this process is promptlint's: it may tune V8's heap growth (dist/heap.js)

let settled = false;

// Once the run is over the process exits with its code as soon as stdout and stderr have taken
// everything written to them: nothing left running (a timer, a handle from a configuration or a
// dependency) can keep it alive after the report, nor cut the report short.
function finish(code) {
  settled = true;
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of [process.stdout, process.stderr]) {
    try {
      stream.write('', done);
    } catch {
      done();
    }
  }
}

// process.stdin is made only when --stdin reads it.
const lazyStdin = { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() };

main({ argv: process.argv.slice(2), cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: lazyStdin }).then(finish, (error) => {
  process.stderr.write(`promptlint: internal error: ${error?.message ?? error}\n`);
  if (process.argv.includes('--debug') && error?.stack) process.stderr.write(`${error.stack}\n`);
  finish(2);
});

// Nothing left to run but the lint never finished: without this the process would exit 0 with no
// output, and CI would pass.
process.once('beforeExit', () => {
  if (settled) return;
  process.stderr.write('promptlint: internal error: the run ended before it finished\n');
  process.exitCode = 2;
});
