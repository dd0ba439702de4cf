/**
 * The markdown structure the prompt model needs: code (fenced, indented, inline), headings and
 * HTML comments, found by unified + remark-parse (+ remark-frontmatter, remark-gfm).
 *
 * To stay linear on large files, the text is cut into chunks at lines where a new top-level block
 * certainly starts (see `chunks.ts`) and each chunk is parsed on its own; a chunk that would make
 * micromark slow (very deep nesting, thousands of emphasis delimiters) or that overflows the stack is
 * read by a light line scanner instead (fences, ATX headings, comments).
 */
import { createRequire } from 'node:module';
import { FenceTracker, type Range } from '@promptlint/core';
import type { Nodes, Root } from 'mdast';
import type { Processor } from 'unified';
import { chunkBoundaries, htmlBlockOpen, isHazardous } from './chunks.js';
import { findComments, type HtmlComment } from './comments.js';
import { fastStructure, type FastStructure } from './fast.js';
import { isSpace, linesOf, startOfLineBounded } from './lines.js';

/** An open block is parsed again with the next chunk until the merged chunk is this long. */
const MAX_MERGE = 1024 * 1024;

export interface Heading {
  /** The heading node's range (from its first `#` or text to its end). */
  range: Range;
  /** Its text content (markdown syntax removed). */
  text: string;
  /** A direct child of the document (not inside a list or block quote). */
  topLevel: boolean;
}

export interface MarkdownStructure {
  /** Code blocks and code spans, sorted by start, not overlapping. */
  code: Range[];
  headings: Heading[];
  comments: HtmlComment[];
  /** The front matter node remark found, if any. */
  yaml?: Range;
  /** Chunks read by the light scanner instead of remark (for diagnostics and tests). */
  lightChunks: number;
}

type Parser = Pick<Processor<Root>, 'parse'>;
let processors: { withFrontMatter: Parser; plain: Parser } | undefined;

/**
 * remark (unified + remark-parse + GFM + front matter), loaded on first use: most prompt files take
 * the fast path (`fast.ts`) and never need its ~250 modules.
 */
function remark(): { withFrontMatter: Parser; plain: Parser } {
  if (!processors) {
    const require = createRequire(import.meta.url);
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
    const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
    processors = {
      withFrontMatter: unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm) as unknown as Parser,
      plain: unified().use(remarkParse).use(remarkGfm) as unknown as Parser,
    };
  }
  return processors;
}

/** Text content of a heading: its text and inline code, iteratively (headings can nest emphasis). */
function headingText(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text' || n.type === 'inlineCode') out += n.value;
    else if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Nodes);
  }
  return out;
}

function collectFromTree(tree: Root, text: string, offset: number, into: MarkdownStructure): void {
  const stack: Nodes[] = [tree];
  const top = new Set<Nodes>(tree.children);
  while (stack.length) {
    const node = stack.pop()!;
    const pos = node.position;
    const start = (pos?.start.offset ?? 0) + offset;
    const end = (pos?.end.offset ?? 0) + offset;
    switch (node.type) {
      case 'code':
      case 'inlineCode':
        into.code.push([start, end]);
        continue;
      case 'yaml':
        into.yaml = [start, end];
        continue;
      case 'html':
        append(into.comments, findComments(text, start, end));
        continue;
      case 'heading':
        into.headings.push({ range: [start, end], text: headingText(node), topLevel: top.has(node) });
        break;
      default:
        break;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}

/** `a.push(...b)` without spreading (a spread of 100k items overflows the stack). */
function append<T>(a: T[], b: readonly T[]): void {
  for (const x of b) a.push(x);
}

/**
 * An ATX heading in `text[start, end)`: the offset of its first `#` and its text (closing `#`s and
 * surrounding spaces out), or undefined. By hand: the pattern it replaces
 * (`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`) was cubic in a run of spaces.
 */
function atxHeading(text: string, start: number, end: number): { at: number; text: string } | undefined {
  const spaceOrTab = (i: number): boolean => text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9;
  let at = start;
  while (at < end && at - start < 3 && text.charCodeAt(at) === 32) at++;
  let j = at;
  while (j < end && text.charCodeAt(j) === 35) j++;
  if (j === at || j - at > 6 || (j < end && !spaceOrTab(j))) return undefined;
  let ce = end;
  while (ce > j && spaceOrTab(ce - 1)) ce--;
  let h = ce;
  while (h > j && text.charCodeAt(h - 1) === 35) h--;
  if (h < ce && h > j && spaceOrTab(h - 1)) ce = h; // a closing sequence
  return { at, text: text.slice(j, ce).trim() };
}

/** The light scanner: fenced code, ATX headings and comments outside fences, line by line. */
function lightScan(text: string, from: number, to: number, into: MarkdownStructure): void {
  const fence = new FenceTracker();
  let fenceStart = -1;
  let proseStart = from;
  const flushProse = (end: number): void => {
    if (end > proseStart) append(into.comments, findComments(text, proseStart, end));
  };
  for (const line of linesOf(text, from, to)) {
    const wasOpen = fence.inside;
    fence.feedRange(text, line.start, line.end);
    if (!wasOpen && fence.inside) {
      flushProse(line.start);
      fenceStart = line.start;
      continue;
    }
    if (wasOpen) {
      if (!fence.inside) {
        into.code.push([fenceStart, line.end]);
        proseStart = line.next;
      }
      continue;
    }
    if (line.end - line.start <= 1024) {
      const h = atxHeading(text, line.start, line.end);
      if (h) into.headings.push({ range: [h.at, line.end], text: h.text, topLevel: true });
    }
  }
  if (fence.inside) into.code.push([fenceStart, to]);
  else flushProse(to);
}

/**
 * The structure from one remark parse of the whole text, without chunks or the light scanner: the
 * reference that tests compare `markdownStructure` with. Throws where remark throws.
 */
export function wholeStructure(text: string, hasFrontMatter: boolean): MarkdownStructure {
  const out: MarkdownStructure = { code: [], headings: [], comments: [], lightChunks: 0 };
  const { withFrontMatter, plain } = remark();
  collectFromTree((hasFrontMatter ? withFrontMatter : plain).parse(text), text, 0, out);
  return out;
}

/**
 * Where the chunk's last top-level block is still open at the chunk's end (an unclosed fenced
 * code block, or an HTML block whose end condition was not met), so that the cut after it may have
 * split it: the block's line start, to parse again with the next chunk. `undefined` when closed.
 */
function openTail(tree: Root, text: string, from: number, to: number): number | undefined {
  const last = tree.children[tree.children.length - 1];
  if (!last?.position) return undefined;
  const start = from + (last.position.start.offset ?? 0);
  const end = from + (last.position.end.offset ?? 0);
  let rest = end;
  while (rest < to && isSpace(text.charCodeAt(rest))) rest++;
  if (rest < to) return undefined; // something else follows it in this chunk
  const lineStart = startOfLineBounded(text, start);
  if (last.type === 'code') {
    const fence = new FenceTracker();
    for (const line of linesOf(text, lineStart, end)) fence.feedRange(text, line.start, line.end);
    return fence.inside ? lineStart : undefined;
  }
  if (last.type === 'html') return htmlBlockOpen(text, lineStart, end) ? lineStart : undefined;
  return undefined;
}

/** Parses one chunk into `out`; returns where an open tail starts (see `openTail`), or undefined. */
function parseChunk(text: string, from: number, to: number, bodyStart: number, out: MarkdownStructure, last: boolean): number | undefined {
  const chunk = text.slice(from, to);
  if (!isHazardous(chunk)) {
    try {
      // remark-frontmatter only where there is front matter: after an unclosed `---` at the start,
      // micromark-extension-frontmatter leaves the rest misparsed (block quotes read as paragraphs).
      const { withFrontMatter, plain } = remark();
      const tree = (from === 0 && bodyStart > 0 ? withFrontMatter : plain).parse(chunk);
      const tail = last ? undefined : openTail(tree, text, from, to);
      const part: MarkdownStructure = { code: [], headings: [], comments: [], lightChunks: 0 };
      collectFromTree(tree, text, from, part);
      const keep = <T>(xs: T[], at: (x: T) => number): T[] => (tail === undefined ? xs : xs.filter((x) => at(x) < tail));
      append(out.code, keep(part.code, (r) => r[0]));
      append(out.headings, keep(part.headings, (h) => h.range[0]));
      append(out.comments, keep(part.comments, (c) => c.range[0]));
      if (part.yaml) out.yaml = part.yaml;
      return tail;
    } catch {
      // remark overflowed the stack (or failed otherwise): read this chunk with the light scanner.
    }
  }
  out.lightChunks++;
  lightScan(text, from === 0 ? bodyStart : from, to, out);
  return undefined;
}

/** The fast scanner's result as a structure; a heading with inline syntax gets its text from remark (that line alone). */
function fromFast(text: string, fast: FastStructure): MarkdownStructure {
  const headings = fast.headings.map((h): Heading => {
    if (h.text !== undefined) return { range: h.range, text: h.text, topLevel: true };
    const tree = remark().plain.parse(text.slice(h.source[0], h.source[1]));
    const node = tree.children.find((n) => n.type === 'heading');
    return { range: h.range, text: node ? headingText(node) : '', topLevel: true };
  });
  return { code: fast.code, headings, comments: fast.comments, lightChunks: 0 };
}

/**
 * Parses the markdown of `text` into the structure the prompt model needs; `bodyStart` is where
 * the body starts after front matter (`findFrontMatter`), 0 without. Never throws. Documents within
 * the fast scanner's subset (most prompt files) never reach remark; `targetChunk` (tests) forces
 * the remark path with chunks of that size.
 */
export function markdownStructure(text: string, bodyStart: number, targetChunk?: number): MarkdownStructure {
  if (targetChunk === undefined) {
    const fast = fastStructure(text, bodyStart);
    if (fast) return fromFast(text, fast);
  }
  return remarkStructure(text, bodyStart, targetChunk);
}

/**
 * The structure from remark, parsing `text` in chunks.
 *
 * A chunk whose last block is still open at its end (the line scanner that chose the cut was
 * wrong, e.g. a fence-like line inside an HTML block) is parsed again from that block's start
 * together with the next chunk, up to MAX_MERGE characters, so cuts never change the result.
 */
export function remarkStructure(text: string, bodyStart: number, targetChunk?: number): MarkdownStructure {
  const out: MarkdownStructure = { code: [], headings: [], comments: [], lightChunks: 0 };
  const { bounds, continued, htmlStarts } = chunkBoundaries(text, bodyStart, targetChunk);
  /** In an HTML block cut into chunks: where the next search for comments starts (a comment may span chunks). */
  let htmlScan = 0;
  let from = 0;
  for (let i = 1; i < bounds.length; i++) {
    const to = bounds[i]!;
    if (to <= from) continue;
    const continues = continued.get(from);
    if (continues === 'code') {
      out.code.push([from, to]);
      from = to;
      continue;
    }
    if (continues === 'html') {
      const blockStart = htmlStarts.get(from);
      if (blockStart !== undefined) htmlScan = blockStart;
      // Comments wholly before `from` were found with the chunk before; one may have begun there.
      const found = findComments(text, htmlScan, to);
      for (const c of found) if (c.range[1] > from) out.comments.push(c);
      if (found.length) htmlScan = found[found.length - 1]!.range[1];
      from = to;
      continue;
    }
    // No second parse of an open tail at the end, before a continued block, or past MAX_MERGE.
    const final = i === bounds.length - 1 || continued.has(to) || to - from > MAX_MERGE;
    const tail = parseChunk(text, from, to, bodyStart, out, final);
    from = tail ?? to;
  }
  const byStart = (a: { range: Range } | Range, b: { range: Range } | Range): number =>
    ('range' in a ? a.range[0] : a[0]) - ('range' in b ? b.range[0] : b[0]);
  out.code.sort(byStart);
  out.headings.sort(byStart);
  out.comments.sort(byStart);
  return out;
}
