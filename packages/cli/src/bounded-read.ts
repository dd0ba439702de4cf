/**
 * Reading a file the user names (`--baseline`, `--cache-location`, ...) with a size limit: a
 * device that never ends (`/dev/zero`, `/dev/urandom`) or a file far larger than any report is a
 * one-line error after `limit` bytes, never a read that runs until memory is gone. Pipes
 * (`--baseline <(cat report.json)`) and FIFOs are read to their end like files.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export class TooLargeError extends Error {
  override name = 'TooLargeError';
  constructor(readonly limit: number) {
    super(`larger than ${describeBytes(limit)}`);
  }
}

/** "512 MB", "64 KB". */
export function describeBytes(n: number): string {
  if (n >= 1 << 30) return `${Number((n / (1 << 30)).toFixed(1))} GB`;
  if (n >= 1 << 20) return `${Math.round(n / (1 << 20))} MB`;
  if (n >= 1 << 10) return `${Math.round(n / (1 << 10))} KB`;
  return `${n} bytes`;
}

/**
 * The bytes of `path`, at most `limit` of them: throws TooLargeError past that, and what the file
 * system throws otherwise (ENOENT, EACCES, EISDIR...).
 */
export function readBounded(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR' });
    if (st.isFile() && st.size > limit) throw new TooLargeError(limit);
    // A regular file's size is known (though /proc files say 0); anything else is read in steps.
    let buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(st.isFile() ? st.size + 1 : 0, 64 * 1024)));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > limit) throw new TooLargeError(limit);
        const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > limit) throw new TooLargeError(limit);
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
