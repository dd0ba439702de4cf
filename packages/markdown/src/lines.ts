/** Line iteration over a text with LF, CRLF or lone CR line ends, by offsets (no copies). */

export interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, before the line end. */
  end: number;
  /** Offset just past the line end (`end` on the last line without one). */
  next: number;
}

/** The line that starts at `start` (must be a line start or `text.length`). */
export function lineAt(text: string, start: number): Line {
  let end = start;
  const n = text.length;
  while (end < n) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  let next = end;
  if (next < n) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
  return { start, end, next };
}

/** Every line of `text[from, to)`; `from` must be a line start. */
export function* linesOf(text: string, from = 0, to = text.length): Generator<Line> {
  let start = from;
  while (start < to) {
    const line = lineAt(text, start);
    yield line;
    if (line.next === start) break;
    start = line.next;
  }
}

/** Offset of the end of the line containing `offset`, including its line end. */
export function endOfLineWithBreak(text: string, offset: number): number {
  let i = offset;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    i++;
  }
  return n;
}

/** The start of the line when only spaces and tabs precede `offset` on it, else `offset`. */
export function startOfLineBounded(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  return i === 0 || text.charCodeAt(i - 1) === 10 || text.charCodeAt(i - 1) === 13 ? i : offset;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}
