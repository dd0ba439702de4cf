/**
 * A file's bytes -> its text, or why it is not a text prompt: a NUL byte (a binary file such as an
 * image) or bytes that are not UTF-8. Such a file is reported as a fatal finding and never fixed:
 * decoding it with replacement characters and writing it back would destroy the original bytes.
 */
import { LineIndex } from '@promptlint/core';
import type { CliFinding } from './report.js';

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
  return { ruleId: null, severity: 'error', message, line, column, endLine: line, endColumn: column, savings: null, fatal: true };
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
