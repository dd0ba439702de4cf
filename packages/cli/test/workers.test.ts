/** How many worker threads a run starts (the rule; the threads themselves are tested end to end in test/cli). */
import { describe, expect, it } from 'vitest';
import { AUTO_BYTES_PER_WORKER, AUTO_FILES_PER_WORKER, workerCount } from '../src/workers.js';

const MB = 1024 * 1024;
const bytes = (n: number) => () => n;

describe('workerCount with a number (--concurrency N)', () => {
  it('none with --concurrency 1, or for a single file', () => {
    expect(workerCount(1, 5000, bytes(100 * MB), 64)).toBe(0);
    expect(workerCount(8, 1, bytes(20 * MB), 64)).toBe(0);
  });

  it('as many as asked, whatever the size of the run, but never more than the files or the cores', () => {
    expect(workerCount(2, 2, bytes(0), 4)).toBe(2);
    expect(workerCount(4, 3, bytes(0), 64)).toBe(3);
    expect(workerCount(64, 2000, bytes(0), 64)).toBe(64);
    // --concurrency 1000 on 102 files of a 2-core machine started 51 threads (1.5 GB)
    expect(workerCount(1000, 102, bytes(0), 2)).toBe(2);
    expect(workerCount(64, 2000, bytes(0), 8)).toBe(8);
    expect(workerCount(2, 2, bytes(0), 1)).toBe(0); // one core: the main thread
  });
});

describe('workerCount with auto (the default)', () => {
  it('uses at most half the cores: none on a machine of 2 or 3 cores', () => {
    expect(workerCount('auto', 100_000, bytes(1000 * MB), 2)).toBe(0);
    expect(workerCount('auto', 100_000, bytes(1000 * MB), 3)).toBe(0);
    expect(workerCount('auto', 100_000, bytes(1000 * MB), 4)).toBe(2);
    expect(workerCount('auto', 100_000, bytes(1000 * MB), 17)).toBe(8);
  });

  it(`one worker per ${AUTO_FILES_PER_WORKER} files or per MB, whichever asks more; one worker is none`, () => {
    expect(AUTO_FILES_PER_WORKER).toBe(100);
    expect(AUTO_BYTES_PER_WORKER).toBe(MB);
    expect(workerCount('auto', 100, bytes(0), 16)).toBe(0); // one worker's worth
    expect(workerCount('auto', 101, bytes(0), 16)).toBe(2);
    expect(workerCount('auto', 450, bytes(0), 16)).toBe(5);
    expect(workerCount('auto', 5000, bytes(0), 16)).toBe(8);
    expect(workerCount('auto', 3, bytes(MB), 16)).toBe(0);
    expect(workerCount('auto', 3, bytes(MB + 1), 16)).toBe(2);
    expect(workerCount('auto', 3, bytes(30 * MB), 16)).toBe(3); // never more than the files
  });
});
