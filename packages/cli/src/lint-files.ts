/**
 * The files of a run -> one outcome each, in the run's order: from the cache (--cache) when a file
 * is unchanged, else linted on this thread or on worker threads (--concurrency). Files are read
 * one at a time as they are linted, never all at once before linting starts.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { builtinModels, type EngineConfig } from '@promptlint/core';
import { cacheKey, contentHash, LintCache, type CachedResult } from './cache.js';
import type { DiscoveredFile } from './discover.js';
import { limitHeapGrowth } from './heap.js';
import type { Linter } from './lint.js';
import { lintJob, textOfBytes, type FileJob, type FileOutcome } from './lint-file.js';
import { version } from './package-info.js';
import { textFacts, type TextFacts } from './text-facts.js';
import { MAX_PROMPT_FILE_BYTES } from './text-file.js';
import { lintOnThreads, workerCount } from './workers.js';

export interface LintFilesOptions {
  linter: Linter;
  /** The engine configuration, for worker threads to build the same engine. */
  engine: EngineConfig;
  /** Threads to lint on (1: this one only). */
  /** `--concurrency`: a number of worker threads, or `auto` (workers.ts). */
  concurrency: number | 'auto';
  /** The --cache file (absolute), or `undefined` without --cache. */
  cacheFile?: string | undefined;
  /** Texts already read (raw, BOM included), by absolute path: --fix's results. */
  texts?: ReadonlyMap<string, string> | undefined;
  /** The cache's key when the run has several configurations (one per folder): the key of them all. */
  cacheKey?: string | undefined;
}

export interface LintFilesResult {
  outcomes: FileOutcome[];
  /** Files answered from the cache. */
  cached: number;
  /** Files linted (not from the cache). */
  linted: number;
  /** Worker threads that linted files (0: all on the main thread). */
  workers: number;
  /** Why the cache could not be written, when it could not. */
  cacheProblem?: string;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The cache key of a run: engine configuration, versions, price table. */
export function runCacheKey(engine: EngineConfig): string {
  return cacheKey({
    engine,
    versions: { cli: version(), core: packageVersion('@promptlint/core'), markdown: packageVersion('@promptlint/markdown') },
    prices: builtinModels(),
  });
}

export async function lintFiles(files: readonly DiscoveredFile[], o: LintFilesOptions): Promise<LintFilesResult> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const cache = o.cacheFile === undefined ? undefined : LintCache.load(o.cacheFile, o.cacheKey ?? runCacheKey(o.engine));
  const jobs: FileJob[] = [];
  /** Hashes of the texts the jobs carry (--fix with --cache). */
  const knownHash = new Map<number, string>();
  /** Files that are not text, judged while looking them up in the cache. */
  let notText = 0;

  files.forEach((f, index) => {
    const job: FileJob = { index, abs: f.abs, rel: f.rel, kind: f.kind };
    const given = o.texts?.get(f.abs);
    if (given !== undefined) job.text = given.charCodeAt(0) === 0xfeff ? given.slice(1) : given;
    if (cache) {
      // Read and hash to look it up; on a miss the text is dropped and read again by whoever lints it.
      let hash: string;
      let bytes: Buffer | undefined;
      if (given !== undefined) hash = contentHash(given);
      else {
        try {
          bytes = readBytes(f.abs);
        } catch {
          jobs.push(job); // reported by the lint step, exactly as without --cache
          return;
        }
        hash = contentHash(bytes);
      }
      const hit = cache.get(f.abs, hash, f.kind, f.rel);
      const fromCache = (r: CachedResult, facts: TextFacts): FileOutcome => ({ index, facts, findings: r.findings, estimates: r.estimates, ...(r.notText ? { notText: true as const } : {}) });
      // Same bytes, kind and path as when it was linted, with what output needs: no need to decode it.
      if (hit?.facts) {
        outcomes[index] = fromCache(hit, hit.facts);
        return;
      }
      let text = job.text!;
      if (bytes !== undefined) {
        const read = textOfBytes(bytes);
        text = read.text;
        if (read.problem) {
          // Not text: nothing to lint, the finding comes from the bytes alone.
          const findings = [read.problem];
          const result = { findings, estimates: [], notText: true as const, facts: textFacts(text, findings, []) };
          if (!hit) {
            cache.set(f.abs, hash, f.kind, f.rel, result);
            notText++;
          }
          outcomes[index] = { index, ...result };
          return;
        }
      }
      if (hit) {
        outcomes[index] = fromCache(hit, textFacts(text, hit.findings, hit.estimates));
        return;
      }
      if (given !== undefined) knownHash.set(index, hash);
      else job.hash = true;
    }
    jobs.push(job);
  });

  readBuffer = undefined;
  limitHeapGrowth();
  // A copy, as a worker's outcome is: the rules' strings may be slices of the file's text, which
  // V8 keeps whole for as long as a slice lives (the report holds outcomes until it is written).
  const lintHere = (job: FileJob): FileOutcome => structuredClone(lintJob(o.linter, job));
  let workers = workerCount(o.concurrency, jobs.length, () => totalBytes(jobs), availableParallelism());
  if (workers === 0) {
    for (const job of jobs) outcomes[job.index] = lintHere(job);
  } else {
    const threads = await lintOnThreads(jobs, workers, o.engine, lintHere);
    for (const r of threads.outcomes) outcomes[r.index] = r;
    workers = threads.workersUsed;
  }

  let cacheProblem: string | undefined;
  if (cache) {
    for (const job of jobs) {
      const r = outcomes[job.index]!;
      if (!('findings' in r) || r.notText) continue;
      const hash = r.hash ?? knownHash.get(job.index);
      if (hash !== undefined) cache.set(job.abs, hash, job.kind, job.rel, { findings: r.findings, estimates: r.estimates, facts: r.facts });
    }
    cacheProblem = cache.save();
  }
  return { outcomes, cached: cache?.hits ?? 0, linted: jobs.length + notText, workers, ...(cacheProblem !== undefined ? { cacheProblem } : {}) };
}

/** One buffer for the files looked up in the cache (hashed, decoded only on a miss); dropped after the lookups. */
let readBuffer: Buffer | undefined;

/** A file's bytes, in `readBuffer` (valid until the next call): no allocation per file. */
function readBytes(abs: string): Buffer {
  readBuffer ??= Buffer.allocUnsafe(1 << 20);
  const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    // Not a regular file any more, or too large: the lint step reads it again and reports why.
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_PROMPT_FILE_BYTES) throw new Error('left to the lint step');
    let n = 0;
    for (;;) {
      if (n === readBuffer.length) {
        const bigger: Buffer = Buffer.allocUnsafe(readBuffer.length * 2);
        readBuffer.copy(bigger, 0, 0, n);
        readBuffer = bigger;
      }
      const got = readSync(fd, readBuffer, n, readBuffer.length - n, null);
      if (got === 0) return readBuffer.subarray(0, n);
      n += got;
      if (n > MAX_PROMPT_FILE_BYTES) throw new Error('left to the lint step');
    }
  } finally {
    closeSync(fd);
  }
}

function totalBytes(jobs: readonly FileJob[]): number {
  let n = 0;
  for (const j of jobs) {
    if (j.text !== undefined) n += j.text.length;
    else {
      try {
        n += statSync(j.abs).size;
      } catch {
        // reported when it is read
      }
    }
    if (n > 2 ** 31) break;
  }
  return n;
}
