/**
 * Keeps a lint run's heap near what it holds. Parsing prompt files makes a great deal of short-lived
 * garbage; V8 lets the old generation grow up to 4x its live size between full collections, so a
 * run over 2,000 files that holds 50 MB peaked at 350 MB resident. Capping growth at 1.5x per
 * collection (V8's --heap-growing-percent=50) measured 280 MB at the same CPU time
 * (docs/performance.md, "Memory"). V8 reads the flag at each collection, so setting it at run time
 * works; it is process-wide, so worker threads get it too.
 *
 * Process-wide is also why only promptlint's own executable may set it: `bin/promptlint.js` calls
 * `ownProcess()` first, and `main()` called from another program (an editor, a test runner, a
 * build tool) leaves that program's V8 flags alone. A value the user gave (NODE_OPTIONS or a node
 * flag) is kept.
 */
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

let owned = false;
let done = false;

/** Says the process is promptlint's own executable (bin/promptlint.js), whose V8 flags it may tune. */
export function ownProcess(): void {
  owned = true;
}

export function limitHeapGrowth(env: Record<string, string | undefined> = process.env): void {
  if (done || !owned) return;
  done = true;
  const given = [...process.execArgv, env.NODE_OPTIONS ?? ''].some((a) => /--heap[-_]growing[-_]percent/.test(a));
  if (given) return;
  try {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  } catch {
    // an engine without the flag: its default growth
  }
}
