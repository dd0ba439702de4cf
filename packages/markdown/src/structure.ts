/**
 * The markdown structure the prompt model needs: code (fenced, indented, inline), headings and
 * HTML comments, found by unified + remark-parse (+ remark-frontmatter, remark-gfm).
 *
 * To stay linear on large files, the text is cut into chunks at lines where a new top-level block
 * certainly starts (see `chunks.ts`) and each chunk is parsed on its own; a chunk that would make
 * micromark slow (very deep nesting, thousands of emphasis delimiters) or that overflows the stack is
 * read by a light line scanner instead (fences, ATX headings, comments).
 */
import type { Range } from '@promptlint/core';
import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { chunkBoundaries, FenceTracker, isHazardous } from './chunks.js';
import { findComments, type HtmlComment } from './comments.js';
import { linesOf } from './lines.js';

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

const withFrontMatter = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const plain = unified().use(remarkParse).use(remarkGfm);

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

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** The light scanner: fenced code, ATX headings and comments outside fences, line by line. */
function lightScan(text: string, from: number, to: number, into: MarkdownStructure): void {
  const fence = new FenceTracker();
  let fenceStart = -1;
  let proseStart = from;
  const flushProse = (end: number): void => {
    if (end > proseStart) append(into.comments, findComments(text, proseStart, end));
  };
  for (const line of linesOf(text, from, to)) {
    const wasOpen = fence.open;
    fence.feed(text, line.start, line.end);
    if (!wasOpen && fence.open) {
      flushProse(line.start);
      fenceStart = line.start;
      continue;
    }
    if (wasOpen) {
      if (!fence.open) {
        into.code.push([fenceStart, line.end]);
        proseStart = line.next;
      }
      continue;
    }
    if (line.end - line.start <= 1024 && /^ {0,3}#/.test(text.slice(line.start, line.start + 4))) {
      const m = ATX.exec(text.slice(line.start, line.end));
      if (m) into.headings.push({ range: [line.start + m[0].indexOf('#'), line.end], text: (m[2] ?? '').trim(), topLevel: true });
    }
  }
  if (fence.open) into.code.push([fenceStart, to]);
  else flushProse(to);
}

/**
 * The structure from one remark parse of the whole text, without chunks or the light scanner: the
 * reference that tests compare `markdownStructure` with. Throws where remark throws.
 */
export function wholeStructure(text: string): MarkdownStructure {
  const out: MarkdownStructure = { code: [], headings: [], comments: [], lightChunks: 0 };
  collectFromTree(withFrontMatter.parse(text), text, 0, out);
  return out;
}

/**
 * Parses the markdown of `text` (front matter allowed at the start) into the structure the
 * prompt model needs. Never throws.
 */
export function markdownStructure(text: string, bodyStart: number): MarkdownStructure {
  const out: MarkdownStructure = { code: [], headings: [], comments: [], lightChunks: 0 };
  const bounds = chunkBoundaries(text, bodyStart);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const from = bounds[i]!;
    const to = bounds[i + 1]!;
    if (from === to) continue;
    const chunk = text.slice(from, to);
    let parsed = false;
    if (!isHazardous(chunk)) {
      try {
        const part: MarkdownStructure = { code: [], headings: [], comments: [], lightChunks: 0 };
        collectFromTree((from === 0 ? withFrontMatter : plain).parse(chunk), text, from, part);
        append(out.code, part.code);
        append(out.headings, part.headings);
        append(out.comments, part.comments);
        if (part.yaml) out.yaml = part.yaml;
        parsed = true;
      } catch {
        // remark overflowed the stack (or failed otherwise): read this chunk with the light scanner.
      }
    }
    if (!parsed) {
      out.lightChunks++;
      lightScan(text, from === 0 ? bodyStart : from, to, out);
    }
  }
  const byStart = (a: { range: Range } | Range, b: { range: Range } | Range): number =>
    ('range' in a ? a.range[0] : a[0]) - ('range' in b ? b.range[0] : b[0]);
  out.code.sort(byStart);
  out.headings.sort(byStart);
  out.comments.sort(byStart);
  return out;
}
