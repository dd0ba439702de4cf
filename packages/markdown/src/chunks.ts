/**
 * Cutting markdown into chunks that parse the same alone as in the whole document, so that parsing
 * stays linear (micromark's cost and memory grow faster than the size on large documents).
 *
 * A chunk may end before a line that starts a new top-level block for certain:
 * - a line at column 0 that is not blank, after a blank line, outside a fenced code block and
 *   outside an HTML block that blank lines do not end (`<!--`, `<script>`, `<pre>`...);
 * - a bullet list item at column 0 (`- text`), which closes every open block, outside those too and
 *   outside any HTML block.
 * Neither can continue a paragraph, a list item, a block quote or an indented code block.
 */
import { FenceTracker } from '@promptlint/core';
import { linesOf } from './lines.js';

/** Chunks are cut at the first safe line after this many characters. */
export const TARGET_CHUNK = 64 * 1024;
/** With no safe line for this long, cut at any line outside code (may split a paragraph). */
const MAX_CHUNK = 256 * 1024;

/** HTML blocks that only end at a closing marker (CommonMark kinds 1-5), by their opening. */
const HTML_UNTIL_MARKER: readonly [opening: RegExp, closing: RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
const BULLET_ITEM = /^[-*+][ \t]+\S/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

export interface Chunks {
  /** Offsets where chunks start, plus the text length at the end: `[0, ..., text.length]`. */
  bounds: number[];
  /**
   * Chunk starts that continue a fenced code block (`code`) or an HTML block (`html`) still open
   * after MAX_CHUNK characters: such a chunk runs to the end of that block and is not parsed.
   */
  continued: Map<number, 'code' | 'html'>;
  /** For each `html` chunk start in `continued`: the line where that HTML block began. */
  htmlStarts: Map<number, number>;
}

/** Where to cut `text` into chunks. No cut happens before `bodyStart` (front matter stays in the first chunk). */
export function chunkBoundaries(text: string, bodyStart: number, target = TARGET_CHUNK): Chunks {
  const bounds = [0];
  const continued = new Map<number, 'code' | 'html'>();
  const htmlStarts = new Map<number, number>();
  if (text.length - bodyStart <= target) {
    bounds.push(text.length);
    return { bounds, continued, htmlStarts };
  }
  const fence = new FenceTracker();
  let htmlEnd: RegExp | undefined;
  let htmlStart = 0;
  /** Inside an HTML block that a blank line ends (kinds 6 and 7): no cut without a blank line. */
  let htmlUntilBlank = false;
  let prevBlank = true;
  let chunkStart = 0;
  /** In a chunk that continues a long code or HTML block: no cut until the block ends. */
  let continuing = false;
  const cut = (at: number): void => {
    bounds.push(at);
    chunkStart = at;
  };
  for (const line of linesOf(text, bodyStart)) {
    const head = text.slice(line.start, Math.min(line.end, line.start + 16));
    const blank = isBlankLine(text, line.start, line.end);
    const size = line.start - chunkStart;
    const inBlock = fence.inside || htmlEnd !== undefined;
    if (!continuing && line.start > bodyStart) {
      if (inBlock && size >= MAX_CHUNK) {
        cut(line.start);
        continued.set(line.start, fence.inside ? 'code' : 'html');
        if (!fence.inside) htmlStarts.set(line.start, htmlStart);
        continuing = true;
      } else if (!inBlock && size >= target) {
        const c = text.charCodeAt(line.start);
        const atColumn0 = !blank && c !== 32 && c !== 9;
        const lineText = (): string => text.slice(line.start, Math.min(line.end, line.start + 256));
        const safe =
          (atColumn0 && prevBlank) ||
          (atColumn0 && !htmlUntilBlank && BULLET_ITEM.test(head) && !THEMATIC_BREAK.test(lineText())) ||
          size >= MAX_CHUNK;
        if (safe) cut(line.start);
      }
    }
    // State after this line.
    if (htmlEnd !== undefined) {
      if (htmlEnd.test(text.slice(line.start, line.end))) htmlEnd = undefined;
    } else {
      const wasOpen = fence.inside;
      fence.feedRange(text, line.start, line.end);
      if (!wasOpen && !fence.inside) {
        const opener = HTML_UNTIL_MARKER.find(([re]) => re.test(head));
        if (opener) {
          // The block ends on its first line when the closing marker follows the opening there.
          const lineText = text.slice(line.start, line.end);
          // `<!-->` and `<!--->` are complete comments (CommonMark 0.31, micromark).
          const afterOpening = lineText.indexOf('<') + 2;
          if (!opener[1].test(lineText.slice(afterOpening))) {
            htmlEnd = opener[1];
            htmlStart = line.start;
          }
        } else if (/^ {0,3}</.test(head)) htmlUntilBlank = true;
      }
    }
    if (continuing && !fence.inside && htmlEnd === undefined) {
      // The long block ended on this line: the next line starts a new block.
      continuing = false;
      if (line.next < text.length && line.next > line.start) cut(line.next);
    }
    if (blank) htmlUntilBlank = false;
    prevBlank = blank;
  }
  bounds.push(text.length);
  return { bounds, continued, htmlStarts };
}

/**
 * Above this, a paragraph's closing brackets are a hazard (see `isHazardous`): the number of `]`
 * without an open `[` before them, plus `](`, times the characters of the paragraph. micromark
 * looks back over the paragraph's events for the opening of each `]` (all of them when there is
 * none) and reads a link destination from each `](` until it ends, so such a paragraph costs about
 * that product: `a] ` or `](` repeated over 40 KB took 5 to 30 s. 20,000,000 is 1,000 of them in a
 * 20 KB paragraph, far beyond prose (a paragraph with 50 links in 5 KB scores 250,000).
 */
const BRACKET_BUDGET = 20_000_000;

/**
 * A chunk that micromark would parse slowly or overflow on: lines opening hundreds of nested
 * containers (`>>>>...`, `- - - ...`), thousands of emphasis delimiters (`*`, `~`), whose
 * resolution is quadratic within a paragraph, or a paragraph with many unmatched `]` or `](` (see
 * BRACKET_BUDGET). Paragraphs are approximated by the text between blank lines.
 */
export function isHazardous(chunk: string): boolean {
  let delimiters = 0;
  let brackets = 0;
  let lineStart = true;
  let prefix = 0;
  // The current block (text since the last blank line): where it starts, its open `[`, and its
  // closing brackets that cost micromark a search (unmatched `]`, `](`).
  let blockStart = 0;
  let open = 0;
  let closers = 0;
  let lineBlank = true;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (closers > 0 && closers * (i - blockStart) > BRACKET_BUDGET) return true;
      if (lineBlank) {
        blockStart = i;
        open = 0;
        closers = 0;
      }
      lineStart = true;
      lineBlank = true;
      prefix = 0;
      continue;
    }
    if (c !== 32 && c !== 9) lineBlank = false;
    if (lineStart) {
      // Container prefix: spaces, `>`, list markers and ordinal digits.
      if (c === 32 || c === 9 || c === 62 || c === 45 || c === 42 || c === 43 || c === 46 || c === 41 || (c >= 48 && c <= 57)) {
        if (++prefix > 200) return true;
      } else lineStart = false;
    }
    if (c === 42 || c === 126) {
      if (++delimiters > 5000) return true;
    } else if (c === 91) {
      if (++brackets > 20000) return true;
      open++;
    } else if (c === 93) {
      const link = chunk.charCodeAt(i + 1) === 40;
      if (open > 0) open--;
      else if (!link) closers++;
      if (link) closers++;
    }
  }
  return closers > 0 && closers * (chunk.length - blockStart) > BRACKET_BUDGET;
}

/**
 * Whether the HTML block in `text[start, end)` (a top-level block starting at `start`) has not met
 * its end condition: kinds 1-5 end at a closing marker; kinds 6-7 end at a blank line, so they are
 * open only when no blank line follows (a cut without one).
 */
export function htmlBlockOpen(text: string, start: number, end: number): boolean {
  const head = text.slice(start, Math.min(end, start + 16));
  const opener = HTML_UNTIL_MARKER.find(([re]) => re.test(head));
  if (!opener) {
    // Kinds 6-7: closed by the blank line that must follow before a cut at column 0.
    let i = end;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i < text.length && (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13)) {
      i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      return !(i >= text.length || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13);
    }
    return i < text.length;
  }
  const body = text.slice(start, end);
  return !opener[1].test(body.slice(body.indexOf('<') + 2));
}
