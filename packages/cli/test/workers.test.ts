/** How many worker threads a run starts (the rule; the threads themselves are tested end to end in test/cli). */
import { describe, expect, it } from 'vitest';
import { FILES_PER_WORKER, MIN_BYTES_FOR_WORKERS, MIN_FILES_FOR_WORKERS, workerCount } from '../src/workers.js';

const MB = 1024 * 1024;
const bytes = (n: number) => () => n;

describe('workerCount', () => {
  it('none with --concurrency 1, or for a single file', () => {
    expect(workerCount(1, 5000, bytes(100 * MB))).toBe(0);
    expect(workerCount(8, 1, bytes(20 * MB))).toBe(0);
  });

  it('none for a run too small to pay for the start-up: under 50 files and at most 2 MB', () => {
    expect(MIN_FILES_FOR_WORKERS).toBe(50);
    expect(workerCount(4, 49, bytes(MIN_BYTES_FOR_WORKERS))).toBe(0);
    expect(workerCount(4, 49, bytes(MIN_BYTES_FOR_WORKERS + 1))).toBe(2);
    expect(workerCount(4, 50, bytes(0))).toBe(2);
  });

  it('the size is only looked at when the file count does not decide', () => {
    let asked = 0;
    workerCount(4, 500, () => (asked++, 0));
    expect(asked).toBe(0);
  });

  it('up to --concurrency, at most one per 25 files (at least 2), never more than the files', () => {
    expect(FILES_PER_WORKER).toBe(25);
    expect(workerCount(64, 60, bytes(0))).toBe(2);
    expect(workerCount(64, 100, bytes(0))).toBe(4);
    expect(workerCount(3, 100, bytes(0))).toBe(3);
    expect(workerCount(64, 2000, bytes(0))).toBe(64);
    expect(workerCount(8, 3, bytes(30 * MB))).toBe(2);
    expect(workerCount(2, 3, bytes(30 * MB))).toBe(2);
  });
});
