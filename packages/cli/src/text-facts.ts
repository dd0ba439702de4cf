/**
 * What output needs of a file's text once the file is linted: the text of the lines its findings
 * start on (SARIF fingerprints quote the flagged line) and where its call estimates are (--max-cost
 * findings point there). Taken where the file is linted (a worker thread, or the main thread on a
 * cache hit), so a run keeps each file's findings and these few lines, never the whole text: its
 * memory follows the findings, not the size of the files.
 */
import { LineIndex } from '@promptlint/core';
import type { CallEstimate } from './estimate.js';
import { positionOf } from './lint.js';
import type { CliFinding } from './report.js';

export type Position = Pick<CliFinding, 'line' | 'column' | 'endLine' | 'endColumn'>;

export interface TextFacts {
  /**
   * By 1-based line number: the line's text, trimmed, for every line a finding or a call estimate
   * starts on. A line the text does not have is absent (it reads as '').
   */
  lines: Record<number, string>;
  /** Where each call estimate is (1-based lines and columns), in the order of the estimates. */
  estimateAt: Position[];
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * The trimmed text of lines `wanted` (1-based), split at CRLF, CR and LF as
 * `text.split(/\r\n|\r|\n/)` does. Reads the text only up to the last line wanted.
 */
export function linesOf(text: string, wanted: Iterable<number>): Record<number, string> {
  const want = new Set<number>();
  // A loop, not Math.max(...want): a spread over 100,000 lines overflows the stack.
  let last = 0;
  for (const n of wanted) {
    if (!Number.isInteger(n) || n < 1) continue;
    want.add(n);
    if (n > last) last = n;
  }
  const out: Record<number, string> = {};
  if (want.size === 0) return out;
  LINE_BREAK.lastIndex = 0;
  let line = 1;
  let start = 0;
  for (;;) {
    const m = LINE_BREAK.exec(text);
    const end = m ? m.index : text.length;
    if (want.has(line)) out[line] = detach(text.slice(start, end).trim());
    if (!m || line >= last) break;
    start = m.index + m[0].length;
    line++;
  }
  LINE_BREAK.lastIndex = 0;
  return out;
}

/** The trimmed text of `line`, or '' when the file has no such line. */
export function lineTextOf(lines: Readonly<Record<number, string>>, line: number): string {
  return Object.hasOwn(lines, line) ? lines[line]! : '';
}

/** The facts of a linted text: its findings' and estimates' lines, its estimates' positions. */
export function textFacts(text: string, findings: readonly CliFinding[], estimates: readonly CallEstimate[]): TextFacts {
  const index = estimates.length > 0 ? new LineIndex(text) : undefined;
  const estimateAt = estimates.map((e) => positionOf(index!, e.range));
  const wanted = [...findings.map((f) => f.line), ...estimateAt.map((p) => p.line)];
  return { lines: linesOf(text, wanted), estimateAt };
}

/**
 * A copy of `s` that does not point into the string it was cut from: V8 represents a slice of a
 * long string as a view of it, which would keep the whole file's text alive for one short line.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}
