/**
 * `--concurrency N`: lints files on N worker threads (node:worker_threads), each with its own
 * engine, front end and tokenizer built from the same configuration, while the main thread only
 * hands out work and collects outcomes (a main thread that lints too answers its workers late and
 * holds a second full-size heap: measured slower and larger, docs/performance.md). Work is handed
 * out in small batches from one queue, so a slow file holds up one batch, not a thread's share;
 * every outcome carries its file's index, so the report is in the same order, with the same
 * findings, whatever the number of threads.
 *
 * A worker that cannot start or dies (even out of memory) is not fatal: its batches go back to the
 * queue, and when no worker is left the main thread lints what remains. Started with the module's
 * own file: in a worker it serves batches.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { EngineConfig } from '@promptlint/core';
import type { FileJob, FileOutcome } from './lint-file.js';

/**
 * `--concurrency auto` (the default) starts a worker per this many files, or per this many bytes,
 * whichever asks for more: a worker's start-up (its modules and tokenizer) and the copying of its
 * results cost about what linting 100 prompt files of the bench corpus costs on one thread
 * (docs/performance.md), so fewer would not pay for themselves.
 */
export const AUTO_FILES_PER_WORKER = 100;
export const AUTO_BYTES_PER_WORKER = 1024 * 1024;

/**
 * How many worker threads to start (0: lint on the main thread).
 *
 * A number (`--concurrency N`) is taken as asked, but never more workers than files or than the
 * machine's cores (availableParallelism), and 1 means none. `auto`, as ESLint's `--concurrency auto`, uses at most half the machine's cores (the main
 * thread, the OS and V8's own helper threads share them: two workers on two cores measured more
 * CPU and more time than one thread) and one worker per AUTO_FILES_PER_WORKER files or
 * AUTO_BYTES_PER_WORKER bytes; a single worker is no gain, so 1 becomes 0.
 */
export function workerCount(concurrency: number | 'auto', files: number, totalBytes: () => number, cores: number): number {
  if (concurrency === 'auto') {
    const most = Math.min(files, Math.floor(cores / 2));
    if (most < 2) return 0;
    const wanted = Math.max(Math.ceil(files / AUTO_FILES_PER_WORKER), Math.ceil(totalBytes() / AUTO_BYTES_PER_WORKER));
    const n = Math.min(most, wanted);
    return n < 2 ? 0 : n;
  }
  // Never more workers than cores or files: --concurrency 1000 on 102 files started 51 threads
  // (1.5 GB) on a 2-core machine, for no gain.
  const n = Math.min(concurrency, files, Math.max(1, cores));
  return n < 2 ? 0 : n;
}

const PROTOCOL = 'promptlint-lint-worker/1';

interface WorkerInit {
  protocol: typeof PROTOCOL;
  engine: EngineConfig;
}

/** Files per message: small enough to balance the last batches, large enough to amortise messages. */
function batchSize(jobs: number, threads: number): number {
  return Math.max(1, Math.min(8, Math.ceil(jobs / (threads * 32))));
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Lane {
  worker: Worker;
  inFlight: FileJob[][];
  alive: boolean;
}

/**
 * Lints `jobs` on `workers` worker threads (`lintHere`, on this thread, only when no worker is
 * left); one outcome per job, each with its job's index. Throws only what `lintHere` throws.
 */
export async function lintOnThreads(
  jobs: readonly FileJob[],
  workers: number,
  engine: EngineConfig,
  lintHere: (job: FileJob) => FileOutcome,
): Promise<{ outcomes: FileOutcome[]; workersUsed: number }> {
  /** By file index (the jobs may be any subset of the run's files). */
  const out = new Map<number, FileOutcome>();
  const size = batchSize(jobs.length, workers);
  const queue: FileJob[][] = [];
  for (let i = 0; i < jobs.length; i += size) queue.push(jobs.slice(i, i + size));

  let wake: (() => void) | undefined;
  const changed = (): void => {
    wake?.();
    wake = undefined;
  };
  let closing = false;
  const lanes: Lane[] = [];
  let workersUsed = 0;
  const feed = (lane: Lane): void => {
    while (lane.alive && lane.inFlight.length < 2 && queue.length > 0) {
      const batch = queue.shift()!;
      lane.inFlight.push(batch);
      lane.worker.postMessage(batch);
    }
  };
  const fail = (lane: Lane): void => {
    if (!lane.alive || closing) return;
    lane.alive = false;
    queue.unshift(...lane.inFlight); // another worker, or the main thread, lints them
    lane.inFlight = [];
    void lane.worker.terminate().catch(() => undefined);
    changed();
  };

  const init: WorkerInit = { protocol: PROTOCOL, engine };
  for (let i = 0; i < workers; i++) {
    let worker: Worker;
    try {
      worker = new Worker(new URL(import.meta.url), { workerData: init });
    } catch {
      break; // e.g. a configuration that cannot be copied to a thread: lint here
    }
    const lane: Lane = { worker, inFlight: [], alive: true };
    let answered = false;
    worker.on('message', (outcomes: FileOutcome[]) => {
      if (!answered) workersUsed++;
      answered = true;
      for (const o of outcomes) out.set(o.index, o);
      lane.inFlight.shift();
      feed(lane);
      changed();
    });
    worker.on('error', () => fail(lane));
    worker.on('exit', () => fail(lane));
    lanes.push(lane);
    feed(lane);
  }

  try {
    for (;;) {
      const alive = lanes.filter((l) => l.alive);
      for (const lane of alive) feed(lane); // batches a dead worker left behind
      if (alive.length === 0 && queue.length > 0) {
        const batch = queue.shift()!;
        for (const job of batch) out.set(job.index, lintHere(job));
        await nextTurn();
        continue;
      }
      if (queue.length === 0 && !alive.some((l) => l.inFlight.length > 0)) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    closing = true;
    await Promise.all(lanes.map((l) => l.worker.terminate().catch(() => undefined)));
  }
  return { outcomes: [...out.values()], workersUsed };
}

/** The worker side: build the linter once, then answer each batch with its outcomes. */
async function serve(init: WorkerInit): Promise<void> {
  const [{ Engine, rules }, { parsePromptFile }, { Linter }, { lintJob }] = await Promise.all([
    import('@promptlint/core'),
    import('@promptlint/markdown'),
    import('./lint.js'),
    import('./lint-file.js'),
  ]);
  const linter = new Linter(new Engine(init.engine, rules), parsePromptFile as ConstructorParameters<typeof Linter>[1]);
  parentPort!.on('message', (batch: FileJob[]) => {
    const outcomes = batch.map((job): FileOutcome => {
      try {
        return lintJob(linter, job);
      } catch (e) {
        return { index: job.index, internalError: (e as Error)?.message ?? String(e) };
      }
    });
    parentPort!.postMessage(outcomes);
  });
}

if (!isMainThread && (workerData as Partial<WorkerInit> | null)?.protocol === PROTOCOL) {
  void serve(workerData as WorkerInit);
}
