/**
 * `JSON.stringify(value, null, 2) + '\n'` in pieces, for reports too large to hold as one string
 * (2 bytes a character once any finding quotes a non-Latin-1 letter): the one array that grows with
 * the run is written an item at a time, from an iterable that makes each item when it is written.
 * The pieces joined are byte for byte the text `JSON.stringify` gives for the whole value.
 */

/** Put this string where the streamed array goes in `value`. */
export const ITEMS = '\u0000promptlint: the streamed items';

/**
 * The text of `value` (which holds ITEMS once, as a property value, in place of the array) with
 * `items` written in its place. JSON strings never hold a raw newline, so an item indented by its
 * depth is exactly what the whole stringify writes for it.
 */
export function* jsonChunks(value: unknown, items: Iterable<unknown>): Generator<string> {
  const text = JSON.stringify(value, null, 2);
  const hole = JSON.stringify(ITEMS);
  const at = text.indexOf(hole);
  if (at < 0) throw new Error('jsonChunks: the value holds no ITEMS placeholder');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart, at))![0];
  const itemIndent = `${indent}  `;
  let first = true;
  yield text.slice(0, at);
  for (const item of items) {
    const json = JSON.stringify(item, null, 2) ?? 'null';
    yield `${first ? '[\n' : ',\n'}${itemIndent}${json.replace(/\n/g, `\n${itemIndent}`)}`;
    first = false;
  }
  yield `${first ? '[]' : `\n${indent}]`}${text.slice(at + hole.length)}\n`;
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
