/**
 * `JSON.stringify(value, null, 2) + '\n'` in pieces, for reports too large to hold as one string
 * (2 bytes a character once any finding quotes a non-Latin-1 letter): the one array that grows with
 * the run is written an item at a time, from an iterable that makes each item when it is written.
 * The pieces joined are byte for byte the text `JSON.stringify` gives for the whole value, passed
 * through inertJson (sanitize.ts: control and bidi characters as \u escapes, the same value).
 */
import { inertJson } from '../sanitize.js';

/** Put this string where the streamed array goes in `value`. */
export const ITEMS = '\u0000promptlint: the streamed items';

/**
 * The text of `value` (which holds ITEMS once, as a property value, in place of the array) with
 * `items` written in its place, `batch` items a piece (each made only when its piece is written). JSON strings never hold a raw newline, so an item indented by its
 * depth is exactly what the whole stringify writes for it.
 */
export function* jsonChunks(value: unknown, items: Iterable<unknown>, batch = 64): Generator<string> {
  const text = JSON.stringify(value, null, 2);
  const hole = JSON.stringify(ITEMS);
  const at = text.indexOf(hole);
  if (at < 0) throw new Error('jsonChunks: the value holds no ITEMS placeholder');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0];
  const itemIndent = `${indent}  `;
  yield inertJson(text.slice(0, at));
  // Items are stringified a batch at a time inside (depth - 1) wrapping arrays, so JSON.stringify
  // itself indents them as the whole text would: no second pass over their text to indent it.
  const depth = itemIndent.length / 2;
  let prefix = '';
  let suffix = '';
  for (let l = 0; l < depth; l++) {
    prefix += `${' '.repeat(2 * l)}[\n`;
    suffix = `\n${' '.repeat(2 * l)}]${suffix}`;
  }
  const wrapped: unknown[] = [];
  let innermost = wrapped;
  for (let l = 1; l < depth; l++) {
    const inner: unknown[] = [];
    innermost.push(inner);
    innermost = inner;
  }
  const items0 = innermost;
  let first = true;
  const flush = (): string => {
    const json = JSON.stringify(wrapped, null, 2);
    const out = `${first ? '[\n' : ',\n'}${inertJson(json.slice(prefix.length, json.length - suffix.length))}`;
    items0.length = 0;
    first = false;
    return out;
  };
  for (const item of items) {
    items0.push(item);
    if (items0.length >= batch) yield flush();
  }
  if (items0.length > 0) yield flush();
  yield `${first ? '[]' : `\n${indent}]`}${inertJson(text.slice(at + hole.length))}\n`;
}

/** Joins pieces into strings of at least `size` characters (fewer, larger writes). */
export function* batched(chunks: Iterable<string>, size = 1 << 16): Generator<string> {
  let buffer: string[] = [];
  let length = 0;
  for (const c of chunks) {
    buffer.push(c);
    length += c.length;
    if (length >= size) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (length > 0) yield buffer.join('');
}
