/**
 * Preloaded into Node.js children (NODE_OPTIONS=--import) by lib/measure.mjs when GNU time is not
 * available: on exit, appends "<pid> <peak RSS in KB>" to the file named by BENCH_RSS_FILE.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the measurement is lost, the command is not disturbed
    }
  });
}
