/**
 * Text scanning shared by the verbose-format and length rules: lines with their endings, markdown
 * code fences, JSON blocks in prose, layout-only JSON minification, phrase matching helpers.
 * Everything here is linear in the text it is given and never recurses on input structure.
 */
import { subRange } from './analysis.js';
import type { Part, PromptRequest, Range, Role, StaticPart } from './model.js';

/** One line of a text: `[start, end)` is its content, `eol` the line ending that follows it. */
export interface Line {
  start: number;
  end: number;
  eol: '' | '\n' | '\r\n' | '\r';
}

/**
 * The lines of a text. A line is content followed by a line ending (LF, CRLF or a lone CR); the text
 * after the last line ending is a line only when it is not empty, so `"a\n"` has one line.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines.push({ start, end: i, eol: '\n' });
      start = i + 1;
    } else if (c === 13) {
      const crlf = text.charCodeAt(i + 1) === 10;
      lines.push({ start, end: i, eol: crlf ? '\r\n' : '\r' });
      if (crlf) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length, eol: '' });
  return lines;
}

export function isBlank(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

/** `isBlank(text.slice(start, end))` without the slice: only spaces and tabs in `[start, end)`. */
export function isBlankRange(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A markdown code fence opening (```` ```json ````, `~~~`): up to 3 spaces of indentation. */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([\s\S]*)$/; // [\s\S]: U+2028 in an info string is not a line end

/** False when `text[start, end)` cannot match FENCE_OPEN: its first character after up to 3 spaces is no backtick or tilde. */
function mayBeFence(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return i < end && (c === 96 || c === 126);
}

/**
 * Follows code fences line by line (CommonMark: a fence closes on a line of the same character at
 * least as long, with nothing but whitespace after it; an unclosed fence runs to the end).
 */
export class FenceTracker {
  marker: string | undefined;
  info = '';

  /** Feeds one line's content; says whether it opened a fence, closed one, or lies inside/outside. */
  feed(line: string): 'open' | 'close' | 'inside' | 'outside' {
    if (!mayBeFence(line, 0, line.length)) return this.marker !== undefined ? 'inside' : 'outside';
    if (this.marker !== undefined) {
      const m = FENCE_OPEN.exec(line);
      if (m && m[1]![0] === this.marker[0] && m[1]!.length >= this.marker.length && isBlank(m[2]!)) {
        this.marker = undefined;
        this.info = '';
        return 'close';
      }
      return 'inside';
    }
    const m = FENCE_OPEN.exec(line);
    if (m && !(m[1]![0] === '`' && m[2]!.includes('`'))) {
      this.marker = m[1]!;
      this.info = m[2]!.trim();
      return 'open';
    }
    return 'outside';
  }

  /** `feed(text.slice(start, end))`, slicing only a line that may be a fence line. */
  feedRange(text: string, start: number, end: number): 'open' | 'close' | 'inside' | 'outside' {
    if (!mayBeFence(text, start, end)) return this.marker !== undefined ? 'inside' : 'outside';
    return this.feed(text.slice(start, end));
  }

  get inside(): boolean {
    return this.marker !== undefined;
  }
}

export interface Fence {
  /** Offset of the opening fence line. */
  start: number;
  /** End of the closing fence line (without its line ending), or the end of the text when unclosed. */
  end: number;
  marker: string;
  info: string;
  /** `[contentStart, contentEnd)`: the lines between the fence lines. */
  contentStart: number;
  contentEnd: number;
}

/** The language of a fence's info string (`json` in ```` ```json title="x" ````), lowercased. */
export function fenceLanguage(info: string): string {
  return (info.split(/\s+/, 1)[0] ?? '').replace(/^\{\.?|\}$/g, '').toLowerCase();
}

const JSON_FENCE_LANGUAGES = new Set(['json', 'jsonc', 'json5']);

export interface JsonBlock {
  /** `[start, end)` of the JSON text (for fences: the content without surrounding whitespace). */
  start: number;
  end: number;
  text: string;
  /** The parsed value: always an object or an array. */
  value: object;
  /** Set when the block is the content of a fenced code block. */
  fence?: Fence;
  /** The JSON text has line breaks. */
  multiline: boolean;
}

function parseContainer(text: string): object | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? v : undefined;
  } catch {
    return undefined;
  }
}

function isLayoutWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Finds JSON objects and arrays in a text:
 * - the content of fenced blocks labelled `json`, `jsonc`, `json5` or unlabelled, when it parses;
 * - outside fences, a `{` or `[` that starts a line (after indentation) matched by a bracket that
 *   ends a line, when the text between parses.
 * Candidates outside fences come from one pass with a bracket stack (JSON strings cannot span lines,
 * so string state resets at each line end): linear time, no recursion, any nesting depth.
 */
export function findJsonBlocks(text: string): JsonBlock[] {
  // every block starts at a `{` or `[` (a fence's content too)
  if (text.indexOf('{') < 0 && text.indexOf('[') < 0) return [];
  const lines = splitLines(text);
  const blocks: JsonBlock[] = [];
  const tracker = new FenceTracker();
  let fence: { start: number; marker: string; info: string; contentStart: number } | undefined;
  const candidates: [number, number][] = [];
  let stack: { pos: number; open: number; lineInitial: boolean }[] = [];

  const closeFence = (end: number, contentEnd: number): void => {
    const f: Fence = { ...fence!, end, contentEnd: Math.max(fence!.contentStart, contentEnd) };
    fence = undefined;
    const lang = fenceLanguage(f.info);
    if (lang !== '' && !JSON_FENCE_LANGUAGES.has(lang)) return;
    let s = f.contentStart;
    let e = f.contentEnd;
    while (s < e && isLayoutWhitespace(text.charCodeAt(s))) s++;
    while (e > s && isLayoutWhitespace(text.charCodeAt(e - 1))) e--;
    const c = text.charCodeAt(s);
    if (c !== 123 && c !== 91) return; // { [
    const json = text.slice(s, e);
    const value = parseContainer(json);
    if (value) blocks.push({ start: s, end: e, text: json, value, fence: f, multiline: /[\r\n]/.test(json) });
  };

  for (const line of lines) {
    const state = tracker.feedRange(text, line.start, line.end);
    if (state === 'open') {
      stack = [];
      fence = { start: line.start, marker: tracker.marker!, info: tracker.info, contentStart: line.end + line.eol.length };
      continue;
    }
    if (state === 'close') {
      closeFence(line.end, line.start);
      continue;
    }
    if (state === 'inside') continue;
    let inString = false;
    let leading = true;
    for (let i = line.start; i < line.end; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++; // backslash: skip the escaped character
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) stack.push({ pos: i, open: c, lineInitial: leading });
      else if (c === 125 || c === 93) {
        const top = stack.pop();
        if (!top || top.open !== c - 2) {
          stack = [];
        } else if (top.lineInitial && isBlank(text.slice(i + 1, line.end))) {
          candidates.push([top.pos, i + 1]);
        }
      }
      if (c !== 32 && c !== 9) leading = false;
    }
  }
  if (fence) closeFence(text.length, text.length);

  // Candidates are nested or disjoint; try outer ones first and skip what an accepted block contains.
  candidates.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let coveredTo = -1;
  for (const [s, e] of candidates) {
    if (s < coveredTo) continue;
    const json = text.slice(s, e);
    const value = parseContainer(json);
    if (!value) continue;
    blocks.push({ start: s, end: e, text: json, value, multiline: /[\r\n]/.test(json) });
    coveredTo = e;
  }
  blocks.sort((a, b) => a.start - b.start);
  return blocks;
}

/** The texts whose JSON blocks were found last (several rules look at the same part's text). */
const jsonBlockMemo = new Map<string, readonly JsonBlock[]>();
const JSON_BLOCK_MEMO_ENTRIES = 64;

/** `findJsonBlocks(text)`, remembered for the last texts asked about: the blocks are shared, never modify them. */
export function jsonBlocks(text: string): readonly JsonBlock[] {
  let blocks = jsonBlockMemo.get(text);
  if (!blocks) {
    blocks = findJsonBlocks(text);
    if (jsonBlockMemo.size >= JSON_BLOCK_MEMO_ENTRIES) jsonBlockMemo.delete(jsonBlockMemo.keys().next().value!);
    jsonBlockMemo.set(text, blocks);
  }
  return blocks;
}

/** A JSON text with every whitespace character outside strings removed: a layout-only change. */
export function stripJsonLayout(json: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (isLayoutWhitespace(c)) {
      out += json.slice(from, i);
      from = i + 1;
    }
  }
  return out + json.slice(from);
}

/**
 * True when `JSON.stringify(JSON.parse(json))` reproduces the text up to layout: no duplicate keys,
 * no numbers or escapes rewritten, no keys reordered. False also when the value is too deep for
 * `JSON.stringify` (it recurses).
 */
export function roundTripsLosslessly(value: unknown, minified: string): boolean {
  try {
    return JSON.stringify(value) === minified;
  } catch {
    return false;
  }
}

/** A static part with where it sits, for reporting. */
export interface LocatedStatic {
  part: StaticPart;
  role: Role;
  messageIndex: number;
  partIndex: number;
  /** The message's parts (to look at neighbours). */
  siblings: Part[];
}

/** The static parts of a request in order, optionally only those of some roles. */
export function staticParts(request: PromptRequest, roles?: readonly Role[]): LocatedStatic[] {
  const out: LocatedStatic[] = [];
  request.messages.forEach((message, messageIndex) => {
    if (roles && !roles.includes(message.role)) return;
    message.parts.forEach((part, partIndex) => {
      if (part.type === 'static') out.push({ part, role: message.role, messageIndex, partIndex, siblings: message.parts });
    });
  });
  return out;
}

/**
 * Where to report characters `[from, to)` of a static part: the exact sub-range in an exact part,
 * else the part's range, else the request's.
 */
export function reportRange(part: StaticPart, from: number, to: number, request: PromptRequest): Range {
  return subRange(part, from, to) ?? request.range;
}

/** A fix or suggestion may only target an exact part with a range. */
export function canEdit(part: StaticPart): part is StaticPart & { range: Range } {
  return part.exact === true && part.range !== undefined;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
