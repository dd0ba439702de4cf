/**
 * A file's bytes -> its text, or why it is not a text prompt: a NUL byte (a binary file such as an
 * image) or bytes that are not UTF-8. Such a file is reported as a fatal finding and never fixed:
 * decoding it with replacement characters and writing it back would destroy the original bytes.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LineIndex } from '@promptlint/core';
import { describeBytes } from './bounded-read.js';
import { describeFsError } from './errors.js';
import type { CliFinding } from './report.js';

/**
 * The largest prompt file read: its text must fit in one JavaScript string (V8: 2^29 - 24
 * characters), and no prompt is near this. A larger file is a fatal finding, whatever its size
 * (1.9 GB as 3 GB), never a read that fails half-way.
 */
export const MAX_PROMPT_FILE_BYTES = 500 * 1024 * 1024;

/**
 * A prompt file's bytes, or the fatal finding that says why there are none: it cannot be read
 * (deleted since it was found, permissions, an I/O error), it is too large, or it is no longer a
 * regular file (opened without blocking, so a FIFO put in its place cannot hang the run).
 * `buffer` may be given to read into (grown as needed; the result is a view of it).
 */
export function readPromptBytes(abs: string, rel: string, buffer?: Buffer): { bytes: Buffer } | { problem: CliFinding } {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { problem: unreadable(abs, rel, e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: fatalAt(1, 1, 'cannot read: not a regular file (it was replaced since it was found)') };
    if (st.size > MAX_PROMPT_FILE_BYTES) return { problem: tooLarge(st.size) };
    let buf = buffer && buffer.length > st.size ? buffer : Buffer.allocUnsafe(Math.max(st.size + 1, 1024));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > MAX_PROMPT_FILE_BYTES) return { problem: tooLarge(n) };
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > MAX_PROMPT_FILE_BYTES) return { problem: tooLarge(n) };
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    return { problem: unreadable(abs, rel, e) };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number): CliFinding {
  return fatalAt(1, 1, `file too large to lint (${describeBytes(size)}; the limit is ${describeBytes(MAX_PROMPT_FILE_BYTES)})`);
}

function unreadable(abs: string, _rel: string, e: unknown): CliFinding {
  const code = (e as NodeJS.ErrnoException)?.code;
  // A name that is not UTF-8 reaches us with replacement characters: no file has that name.
  if (code === 'ENOENT' && abs.includes('\ufffd')) return fatalAt(1, 1, 'cannot read: the file name is not valid UTF-8, so the file cannot be opened by the name shown');
  return fatalAt(1, 1, `cannot read: ${describeFsError(e)}${code === 'ENOENT' ? ' (deleted since it was found?)' : ''}`);
}

function fatalAt(line: number, column: number, message: string): CliFinding {
  return { ruleId: null, severity: 'error', message, line, column, endLine: line, endColumn: column, savings: null, fatal: true };
}

export interface DecodedFile {
  text: string;
  /** Set when the bytes are not a UTF-8 text file. */
  problem?: CliFinding;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

export function decodeTextFile(bytes: Uint8Array): DecodedFile {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const before = lenient.decode(bytes.subarray(0, nul));
    return { text: lenient.decode(bytes), problem: fatal(before, 'binary file (a NUL byte): not a text prompt file') };
  }
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = strict.decode(bytes.subarray(0, bad));
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    return { text: lenient.decode(bytes), problem: fatal(before, `not UTF-8 text (byte 0x${hex}): save the file as UTF-8 to lint it`) };
  }
}

/** A fatal finding at the end of `before` (the text up to the bad byte). */
function fatal(before: string, message: string): CliFinding {
  const body = before.charCodeAt(0) === 0xfeff ? before.slice(1) : before; // positions are in the text without its BOM
  const { line, column } = new LineIndex(body).position(body.length);
  return fatalAt(line, column, message);
}

/** Byte offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    const d = b[i + 1]!;
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d >= 0xa0) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d >= 0x90)) return i;
    i += n + 1;
  }
  return b.length;
}
