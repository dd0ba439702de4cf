/**
 * The fast path of the markdown front end: one linear pass over the lines that finds what the prompt
 * model needs (code blocks and code spans, headings, HTML comments) for the markdown most prompt
 * files are written in, without building a syntax tree.
 *
 * It follows CommonMark (and GFM where GFM differs) for the subset it accepts: paragraphs, ATX and
 * setext headings, fenced and indented code, HTML blocks, thematic breaks, and lists whose items hold
 * paragraphs and nested lists; inline, code spans, raw HTML, autolinks and backslash escapes. For
 * anything outside that subset, or where it cannot be sure (block quotes, tables, link reference
 * definitions, tabs in indentation, code or headings inside list items, a backtick or `<` inside a
 * link destination or after a URL), it gives up and returns `undefined`, and the caller parses the
 * file with remark. A test compares its result with remark's on every fixture, the bench corpus and
 * thousands of generated documents.
 */
import { FenceTracker, type Range } from '@promptlint/core';
import { htmlBlockNames, htmlRawNames } from 'micromark-util-html-tag-name';
import { findComments, type HtmlComment } from './comments.js';
import { isSpace as isWhitespace, lineAt } from './lines.js';

export interface FastHeading {
  /** The heading node's range, as remark gives it. */
  range: Range;
  /** Its text content, or `undefined` when it holds inline syntax (the caller asks remark for that line). */
  text: string | undefined;
  /** The heading's own lines, to parse alone when `text` is undefined. */
  source: Range;
}

export interface FastStructure {
  code: Range[];
  headings: FastHeading[];
  comments: HtmlComment[];
}

/** Thrown inside the scanner when the document leaves the subset; caught by `fastStructure`. */
const BAIL = new Error('outside the fast subset');

const NONE = 0;
const PARAGRAPH = 1;
const FENCE = 2;
const INDENTED = 3;
const HTML = 4;

const BLOCK_NAMES = new Set(htmlBlockNames);
const RAW_NAMES = new Set(htmlRawNames);
/** Closing markers of HTML blocks of kinds 1-5. */
const HTML_END: Record<number, RegExp> = { 1: /<\/(?:script|pre|style|textarea)>/i, 2: /-->/, 3: /\?>/, 4: />/, 5: /\]\]>/ };
/** Characters that make a heading's text differ from its source (emphasis, escapes, entities, links, code, HTML). */
const INLINE_SYNTAX = /[\\`*_&[\]<!~]/;
const EMAIL_LOCAL = /[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]/;
/** A GFM table's delimiter row; the trailing `(?:\|[ \t]*)?$` cannot trade spaces with the last cell's `[ \t]*` (`\|?[ \t]*$` could: quadratic in a run of spaces). */
const TABLE_DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

class Scanner {
  readonly code: Range[] = [];
  readonly headings: FastHeading[] = [];
  readonly comments: HtmlComment[] = [];

  /** Content indents (absolute columns) of the open list items, outermost first. */
  private items: number[] = [];
  private tip = NONE;
  // The open paragraph: first content character, end of its last line's content.
  private pStart = 0;
  private pEnd = 0;
  private pLines = 0;
  // The open fenced code block: where it starts, and the tracker that sees it close.
  private fStart = 0;
  private readonly fence = new FenceTracker();
  // The open indented code block: its start and the end of its last non-blank line.
  private iStart = 0;
  private iEnd = 0;
  // The open HTML block.
  private hStart = 0;
  private hKind = 0;
  private hEnd = 0;
  /** `indexOf` answers per needle, reused while searches move forward (keeps unclosed constructs linear). */
  private readonly found = new Map<string, [from: number, at: number]>();

  constructor(private readonly text: string) {}

  run(from: number): FastStructure {
    const text = this.text;
    if (text.indexOf(']:', from) >= 0) throw BAIL; // a link reference or footnote definition may be there
    for (let ls = from; ls < text.length; ) {
      const line = lineAt(text, ls);
      this.line(ls, line.end);
      ls = line.next;
    }
    this.finish();
    return { code: this.code, headings: this.headings, comments: this.comments };
  }

  private indexFrom(needle: string, from: number): number {
    const memo = this.found.get(needle);
    if (memo && from >= memo[0] && (memo[1] < 0 || memo[1] >= from)) return memo[1];
    const at = this.text.indexOf(needle, from);
    this.found.set(needle, [from, at]);
    return at;
  }

  private line(ls: number, le: number): void {
    const text = this.text;
    if (this.tip === FENCE) {
      if (this.fence.feedRange(text, ls, le) === 'close') {
        this.code.push([this.fStart, le]);
        this.tip = NONE;
      }
      return;
    }
    let s = ls;
    while (s < le && text.charCodeAt(s) === 32) s++;
    let w = s;
    while (w < le && isSpaceOrTab(text.charCodeAt(w))) w++;
    const blank = w === le;
    if (this.tip === HTML) {
      if (this.hKind <= 5) {
        if (HTML_END[this.hKind]!.test(text.slice(ls, le))) this.endHtml(le);
        return;
      }
      if (blank) this.endHtml(this.hEnd);
      else this.hEnd = le;
      return;
    }
    const indent = s - ls;
    if (this.tip === INDENTED) {
      if (blank) {
        for (let k = ls; k < le; k++) if (text.charCodeAt(k) === 9) throw BAIL; // is a tab past the indent code? (micromark: yes)
        if (s - ls >= 4) this.iEnd = le; // spaces past the indent are code (remark ends the block after them)
        return;
      }
      if (indent >= 4) {
        this.iEnd = le;
        return;
      }
      this.code.push([this.iStart, this.iEnd]);
      this.tip = NONE;
    }
    if (blank) {
      this.closeParagraph();
      return;
    }
    // A tab in the indentation: columns would need tab stops (and list content indents with them).
    if (text.charCodeAt(s) === 9 && (indent < 4 || this.items.length > 0)) throw BAIL;

    const items = this.items;
    let matched = 0;
    while (matched < items.length && items[matched]! <= indent) matched++;
    const allMatched = matched === items.length;
    const base = matched > 0 ? items[matched - 1]! : 0;
    const paragraph = this.tip === PARAGRAPH;

    if (indent - base >= 4) {
      if (paragraph) return this.continueParagraph(le);
      if (items.length > 0) throw BAIL; // indented code inside or just after a list item

      this.tip = INDENTED;
      this.iStart = ls;
      this.iEnd = le;
      return;
    }

    const c = text.charCodeAt(s);
    if (c === 62) throw BAIL; // block quote

    // From `s`, past the indent: a fence inside a list item is seen too (and declined).
    if ((c === 96 || c === 126) && this.fence.feedRange(text, s, le) === 'open') {
      if (matched > 0) throw BAIL;
      this.closeParagraph();
      items.length = 0;
      this.tip = FENCE;
      this.fStart = s;
      return;
    }

    if (c === 35 && this.atxHeading(s, le, matched)) return;

    if (c === 60) {
      const kind = this.htmlBlockStart(s, le);
      if (kind > 0 && paragraph && !allMatched) throw BAIL; // micromark puts HTML on a lazy line into the list item
      if (kind > 0 && (kind < 7 || !paragraph)) {
        if (matched > 0) throw BAIL;
        this.closeParagraph();
        items.length = 0;
        this.tip = HTML;
        this.hKind = kind;
        this.hStart = s;
        this.hEnd = le;
        if (kind <= 5 && HTML_END[kind]!.test(text.slice(s + 2, le))) this.endHtml(le);
        return;
      }
    }

    if (c === 61 || c === 45) {
      if (paragraph && this.isSetextUnderline(s, le, c)) {
        if (items.length > 0) throw BAIL;
        this.setextHeading(le);
        return;
      }
    }
    if ((c === 42 || c === 45 || c === 95) && this.isThematicBreak(s, le, c)) {
      if (matched > 0) throw BAIL;
      this.closeParagraph();
      items.length = 0;
      return;
    }

    const marker = this.listMarker(s, le);
    if (marker > 0) {
      const ordered = c >= 48 && c <= 57;
      let k = s + marker;
      let spaces = 0;
      while (k < le && text.charCodeAt(k) === 32) {
        k++;
        spaces++;
      }
      if (k === le || text.charCodeAt(k) === 9) throw BAIL; // an empty item, or a tab after the marker
      const interrupts = paragraph && allMatched;
      const startsAtOne = !ordered || (marker === 2 && c === 49);
      if (!(interrupts && !startsAtOne)) {
        if (spaces >= 5) throw BAIL; // indented code as the item's first block
        if (this.startsBlock(k, le)) throw BAIL; // a heading, fence, quote, HTML, break or list inside the item
        this.closeParagraph();
        items.length = matched;
        items.push(indent + marker + spaces);
        this.openParagraph(k, le);
        return;
      }
    }

    const pipe = this.indexFrom('|', s);
    if (pipe >= 0 && pipe < le && TABLE_DELIMITER_ROW.test(text.slice(ls, le))) throw BAIL; // a GFM table

    if (paragraph) return this.continueParagraph(le);
    items.length = matched;
    this.openParagraph(s, le);
  }

  private openParagraph(start: number, le: number): void {
    this.tip = PARAGRAPH;
    this.pStart = start;
    this.pEnd = le;
    this.pLines = 1;
  }

  private continueParagraph(le: number): void {
    this.pEnd = le;
    this.pLines++;
  }

  private closeParagraph(): void {
    if (this.tip !== PARAGRAPH) return;
    this.tip = NONE;
    this.inline(this.pStart, this.pEnd);
  }

  private endHtml(end: number): void {
    for (const c of findComments(this.text, this.hStart, end)) this.comments.push(c);
    this.tip = NONE;
  }

  private finish(): void {
    const end = this.text.length;
    switch (this.tip) {
      case PARAGRAPH:
        this.closeParagraph();
        break;
      case FENCE:
        this.code.push([this.fStart, end]);
        break;
      case INDENTED:
        this.code.push([this.iStart, this.iEnd]);
        break;
      case HTML:
        this.endHtml(end);
        break;
    }
    this.tip = NONE;
  }

  /** An ATX heading at `s`: records it and returns true; false when the line is not one. */
  private atxHeading(s: number, le: number, matched: number): boolean {
    const text = this.text;
    let j = s;
    while (j < le && text.charCodeAt(j) === 35) j++;
    const level = j - s;
    if (level > 6 || (j < le && !isSpaceOrTab(text.charCodeAt(j)))) return false;
    if (matched > 0) throw BAIL; // a heading inside a list item
    this.closeParagraph();
    this.items.length = 0;
    let cs = j;
    while (cs < le && isSpaceOrTab(text.charCodeAt(cs))) cs++;
    let ce = le;
    while (ce > cs && isSpaceOrTab(text.charCodeAt(ce - 1))) ce--;
    // A closing sequence: #s preceded by a space or tab (or the whole content).
    let h = ce;
    while (h > cs && text.charCodeAt(h - 1) === 35) h--;
    if (h < ce && (h === cs || isSpaceOrTab(text.charCodeAt(h - 1)))) {
      ce = h;
      while (ce > cs && isSpaceOrTab(text.charCodeAt(ce - 1))) ce--;
    }
    this.inline(cs, ce);
    const content = text.slice(cs, ce);
    this.headings.push({ range: [s, le], text: INLINE_SYNTAX.test(content) ? undefined : content, source: [s, le] });
    return true;
  }

  private isSetextUnderline(s: number, le: number, c: number): boolean {
    const text = this.text;
    let j = s;
    while (j < le && text.charCodeAt(j) === c) j++;
    for (; j < le; j++) if (!isSpaceOrTab(text.charCodeAt(j))) return false;
    return true;
  }

  private setextHeading(le: number): void {
    const text = this.text;
    const start = this.pStart;
    let ce = this.pEnd;
    while (ce > start && isSpaceOrTab(text.charCodeAt(ce - 1))) ce--;
    this.tip = NONE;
    this.inline(start, ce);
    const content = text.slice(start, ce);
    const plain = this.pLines === 1 && !INLINE_SYNTAX.test(content);
    let lineStart = start;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) === 32) lineStart--;
    this.headings.push({ range: [start, le], text: plain ? content : undefined, source: [lineStart, le] });
  }

  private isThematicBreak(s: number, le: number, c: number): boolean {
    const text = this.text;
    let count = 0;
    for (let j = s; j < le; j++) {
      const d = text.charCodeAt(j);
      if (d === c) count++;
      else if (!isSpaceOrTab(d)) return false;
    }
    return count >= 3;
  }

  /** Width of a list marker at `s` (`-`, `+`, `*`, `1.`, `10)`) followed by a space, tab or the line end; 0 if none. */
  private listMarker(s: number, le: number): number {
    const text = this.text;
    const c = text.charCodeAt(s);
    let j = s;
    if (c === 45 || c === 43 || c === 42) j = s + 1;
    else if (isDigit(c)) {
      while (j < le && j - s < 10 && isDigit(text.charCodeAt(j))) j++;
      if (j - s > 9) return 0;
      const d = text.charCodeAt(j);
      if (d !== 46 && d !== 41) return 0;
      j++;
    } else return 0;
    if (j < le && !isSpaceOrTab(text.charCodeAt(j))) return 0;
    return j - s;
  }

  /** Whether the content at `k` (a list item's first line) starts a block other than a paragraph. */
  private startsBlock(k: number, le: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(k);
    if (c === 62 || c === 35 || c === 60) return true;
    if ((c === 96 || c === 126) && new FenceTracker().feedRange(text, k, le) === 'open') return true;
    if ((c === 42 || c === 45 || c === 95) && this.isThematicBreak(k, le, c)) return true;
    if (c === 61) return true;
    if (this.listMarker(k, le) > 0) return true;
    return false;
  }

  /** The HTML block kind (1-7, CommonMark) a line starting with `<` at `s` opens, or 0. */
  private htmlBlockStart(s: number, le: number): number {
    const text = this.text;
    const c1 = text.charCodeAt(s + 1);
    if (c1 === 33) {
      if (text.startsWith('<!--', s)) return 2;
      if (text.startsWith('<![CDATA[', s)) return 5;
      return isLetter(text.charCodeAt(s + 2)) ? 4 : 0;
    }
    if (c1 === 63) return 3;
    const closing = c1 === 47;
    let j = s + (closing ? 2 : 1);
    if (!isLetter(text.charCodeAt(j))) return 0;
    const nameStart = j;
    while (j < le && (isLetter(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 45)) j++;
    const name = text.slice(nameStart, j).toLowerCase();
    const after = j < le ? text.charCodeAt(j) : -1;
    if (!(after === -1 || after === 47 || after === 62 || isSpaceOrTab(after))) return 0;
    // As micromark: raw names open kind 1 (not when closing or self-closing), block names kind 6, any other tag kind 7.
    if (!closing && after !== 47 && RAW_NAMES.has(name)) return 1;
    if (BLOCK_NAMES.has(name)) return after !== 47 || text.charCodeAt(j + 1) === 62 ? 6 : 0;
    const end = closing ? this.closingTag(s, le) : this.openTag(s, le);
    if (end < 0) return 0;
    for (let k = end; k < le; k++) if (!isSpaceOrTab(text.charCodeAt(k))) return 0;
    return 7;
  }

  /** End of a closing tag `</name ws? >` at `s` within `to`, or -1. */
  private closingTag(s: number, to: number): number {
    const text = this.text;
    let k = s + 2;
    if (!isLetter(text.charCodeAt(k))) return -1;
    while (k < to && (isLetter(text.charCodeAt(k)) || isDigit(text.charCodeAt(k)) || text.charCodeAt(k) === 45)) k++;
    while (k < to && isWhitespace(text.charCodeAt(k))) k++;
    return k < to && text.charCodeAt(k) === 62 ? k + 1 : -1;
  }

  /** End of an open tag (`<name attr="v" ... />`) at `s` within `to`, or -1. */
  private openTag(s: number, to: number): number {
    const text = this.text;
    let k = s + 1;
    if (!isLetter(text.charCodeAt(k))) return -1;
    while (k < to && (isLetter(text.charCodeAt(k)) || isDigit(text.charCodeAt(k)) || text.charCodeAt(k) === 45)) k++;
    for (;;) {
      const before = k;
      while (k < to && isWhitespace(text.charCodeAt(k))) k++;
      if (k >= to) return -1;
      const c = text.charCodeAt(k);
      if (c === 62) return k + 1;
      if (c === 47) return k + 1 < to && text.charCodeAt(k + 1) === 62 ? k + 2 : -1;
      if (k === before) return -1; // attributes are separated by whitespace
      if (!(isLetter(c) || c === 95 || c === 58)) return -1;
      k++;
      while (k < to) {
        const d = text.charCodeAt(k);
        if (isLetter(d) || isDigit(d) || d === 95 || d === 46 || d === 58 || d === 45) k++;
        else break;
      }
      let v = k;
      while (v < to && isWhitespace(text.charCodeAt(v))) v++;
      if (v < to && text.charCodeAt(v) === 61) {
        v++;
        while (v < to && isWhitespace(text.charCodeAt(v))) v++;
        if (v >= to) return -1;
        const q = text.charCodeAt(v);
        if (q === 34 || q === 39) {
          const close = this.indexFrom(q === 34 ? '"' : "'", v + 1);
          if (close < 0 || close >= to) return -1;
          k = close + 1;
        } else {
          const vs = v;
          while (v < to) {
            const d = text.charCodeAt(v);
            if (isWhitespace(d) || d === 34 || d === 39 || d === 61 || d === 60 || d === 62 || d === 96) break;
            v++;
          }
          if (v === vs) return -1;
          k = v;
        }
      }
    }
  }

  /** End of an autolink (`<scheme:...>` or `<user@host>`) at `s` within `to`, or -1. */
  private autolink(s: number, to: number): number {
    const text = this.text;
    let k = s + 1;
    if (isLetter(text.charCodeAt(k))) {
      let j = k + 1;
      while (j < to && j - k < 33) {
        const d = text.charCodeAt(j);
        if (isLetter(d) || isDigit(d) || d === 43 || d === 46 || d === 45) j++;
        else break;
      }
      if (j - k >= 2 && j - k <= 32 && text.charCodeAt(j) === 58) {
        let e = j + 1;
        while (e < to) {
          const d = text.charCodeAt(e);
          if (d === 62) return e + 1;
          if (d <= 32 || d === 60 || d === 127) break;
          e++;
        }
      }
    }
    // Email: local part, '@', labels of letters, digits and hyphens separated by dots.
    while (k < to && EMAIL_LOCAL.test(text[k]!)) k++;
    if (k === s + 1 || text.charCodeAt(k) !== 64) return -1;
    k++;
    for (;;) {
      const labelStart = k;
      while (k < to && k - labelStart < 64 && (isLetter(text.charCodeAt(k)) || isDigit(text.charCodeAt(k)) || text.charCodeAt(k) === 45)) k++;
      if (k === labelStart || text.charCodeAt(labelStart) === 45 || text.charCodeAt(k - 1) === 45 || k - labelStart > 63) return -1;
      const d = text.charCodeAt(k);
      if (d === 62) return k + 1;
      if (d !== 46) return -1;
      k++;
    }
  }

  /** End of inline raw HTML or an autolink at `s` (a `<`) within `to`, or -1. */
  private inlineHtml(s: number, to: number): number {
    const text = this.text;
    const c1 = text.charCodeAt(s + 1);
    if (c1 === 33) {
      if (text.startsWith('<!--', s)) {
        if (text.charCodeAt(s + 4) === 62) return s + 5 <= to ? s + 5 : -1;
        if (text.startsWith('->', s + 4)) return s + 6 <= to ? s + 6 : -1;
        const close = this.indexFrom('-->', s + 4);
        return close >= 0 && close + 3 <= to ? close + 3 : -1;
      }
      if (text.startsWith('<![CDATA[', s)) {
        const close = this.indexFrom(']]>', s + 9);
        return close >= 0 && close + 3 <= to ? close + 3 : -1;
      }
      if (isLetter(text.charCodeAt(s + 2))) {
        const close = this.indexFrom('>', s + 2);
        return close >= 0 && close + 1 <= to ? close + 1 : -1;
      }
      return -1;
    }
    if (c1 === 63) {
      const close = this.indexFrom('?>', s + 2);
      return close >= 0 && close + 2 <= to ? close + 2 : -1;
    }
    if (c1 === 47) return this.closingTag(s, to);
    const link = this.autolink(s, to);
    if (link >= 0) return link;
    return this.openTag(s, to);
  }

  /** `inUrlWord`'s state: the inline content it is in, how far it has read, whether the current word holds `://` or `www.`. */
  private urlFrom = -1;
  private urlPos = 0;
  private urlSeen = false;

  /**
   * Whether the word before `i` (back to the last whitespace, within the inline content starting at
   * `from`) holds `://` or `www.`: GFM may read it as a URL, which takes a backtick or backslash after
   * it along. Reads each character once per inline content (calls come in increasing `i`).
   */
  private inUrlWord(i: number, from: number): boolean {
    const text = this.text;
    if (this.urlFrom !== from || this.urlPos > i) {
      this.urlFrom = from;
      this.urlPos = from;
      this.urlSeen = false;
    }
    for (let k = this.urlPos; k < i; k++) {
      const c = text.charCodeAt(k);
      if (isWhitespace(c)) this.urlSeen = false;
      else if (!this.urlSeen) {
        if (c === 47 && k >= from + 2 && text.charCodeAt(k - 1) === 47 && text.charCodeAt(k - 2) === 58) this.urlSeen = true;
        else if (c === 46 && k >= from + 3 && (text.charCodeAt(k - 1) | 32) === 119 && (text.charCodeAt(k - 2) | 32) === 119 && (text.charCodeAt(k - 3) | 32) === 119) this.urlSeen = true;
      }
    }
    this.urlPos = i;
    return this.urlSeen;
  }

  /**
   * `checkLinkTail`'s memory, so that the destinations and titles it reads never overlap (`](` or
   * `[a](` repeated made each call read to the end of the paragraph: quadratic):
   * - `destFrom`/`destEnd`: the last destination read, from the `(` after its `]` to where it
   *   stopped (a space, a control character, its closing `)` or the end of the content);
   * - `titles[c]`: for titles closed by `c` (`"`, `'`, `)`), where the last one read opened and
   *   ended (its closing character, or the end of the content).
   * Calls come in increasing positions, and every earlier call passed (a failing one throws).
   */
  private destFrom = -1;
  private destEnd = -1;
  private readonly titles = new Map<number, [open: number, end: number]>();

  /** After `](` at `k`: gives up if a link destination or title there holds a backtick or `<`. */
  private checkLinkTail(k: number, to: number): void {
    const text = this.text;
    // A `](` inside the last destination read: its own destination ends at or before that one's
    // end (it starts at depth 0, and the same characters end both), with nothing that one did not
    // check; if it ends where that one did, the same title follows. (The inline loop and that read
    // agree on backslash escapes there: both skip `\` with the ASCII punctuation after it.)
    if (k - 1 > this.destFrom && k < this.destEnd) return;
    const skipSpace = (p: number): number => {
      let newlines = 0;
      while (p < to) {
        const d = text.charCodeAt(p);
        if (d === 10 || d === 13) {
          if (++newlines > 1) break;
          p += d === 13 && text.charCodeAt(p + 1) === 10 ? 2 : 1;
        } else if (isSpaceOrTab(d)) p++;
        else break;
      }
      return p;
    };
    let p = skipSpace(k);
    if (p < to && text.charCodeAt(p) === 60) throw BAIL;
    this.destFrom = k - 1;
    let depth = 0;
    while (p < to) {
      const d = text.charCodeAt(p);
      if (d <= 32 || d === 127) break;
      if (d === 92 && p + 1 < to && isAsciiPunctuation(text.charCodeAt(p + 1))) {
        p += 2;
        continue;
      }
      if (d === 96 || d === 60) throw BAIL;
      if (d === 40) depth++;
      else if (d === 41) {
        if (depth === 0) {
          this.destEnd = p;
          return;
        }
        depth--;
      }
      p++;
    }
    this.destEnd = p;
    p = skipSpace(p);
    if (p >= to) return;
    const q = text.charCodeAt(p);
    if (q !== 34 && q !== 39 && q !== 40) return;
    const close = q === 40 ? 41 : q;
    const open = p;
    // A title opening inside the last title read with the same closing character ends where that
    // one did, and that one checked every character between.
    const seen = this.titles.get(close);
    if (seen !== undefined && p > seen[0] && p < seen[1]) return;
    for (p++; p < to; p++) {
      const d = text.charCodeAt(p);
      if (d === 92) {
        p++;
        continue;
      }
      if (d === 96 || d === 60) throw BAIL;
      if (d === close) break;
    }
    this.titles.set(close, [open, Math.min(p, to)]);
  }

  /** Code spans and raw HTML (its comments) in the inline content `text[from, to)`. */
  private inline(from: number, to: number): void {
    const text = this.text;
    const tick = this.indexFrom('`', from);
    const angle = this.indexFrom('<', from);
    const bracket = this.indexFrom('](', from);
    const first = Math.min(tick < 0 ? Infinity : tick, angle < 0 ? Infinity : angle, bracket < 0 ? Infinity : bracket);
    if (first >= to) return;
    /** Lengths of backtick runs known to have no closer after a position. */
    const noCloser = new Map<number, number>();
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        if (this.inUrlWord(i, from)) throw BAIL; // a GFM URL takes the backslash along: no escape
        i += i + 1 < to && isAsciiPunctuation(text.charCodeAt(i + 1)) ? 2 : 1;
        continue;
      }
      if (c === 96) {
        let j = i;
        while (j < to && text.charCodeAt(j) === 96) j++;
        const size = j - i;
        if (this.inUrlWord(i, from)) throw BAIL;
        const failedFrom = noCloser.get(size);
        const close = failedFrom !== undefined && failedFrom <= j ? -1 : this.closer(j, to, size);
        if (close < 0) {
          noCloser.set(size, Math.min(j, failedFrom ?? j));
          i = j;
        } else {
          this.code.push([i, close + size]);
          i = close + size;
        }
        continue;
      }
      if (c === 60) {
        const end = this.inlineHtml(i, to);
        if (end > 0) {
          for (const cm of findComments(text, i, end)) this.comments.push(cm);
          i = end;
        } else i++;
        continue;
      }
      if (c === 93 && text.charCodeAt(i + 1) === 40) {
        if (this.inUrlWord(i, from)) throw BAIL;
        this.checkLinkTail(i + 2, to);
        i += 2;
        continue;
      }
      i++;
    }
  }

  /** Start of the first run of exactly `size` backticks in `text[from, to)`, or -1. */
  private closer(from: number, to: number, size: number): number {
    const text = this.text;
    let i = from;
    for (;;) {
      const at = this.indexFrom('`', i);
      if (at < 0 || at >= to) return -1;
      let j = at;
      while (j < to && text.charCodeAt(j) === 96) j++;
      if (j - at === size) return at;
      i = j;
    }
  }
}

/**
 * The structure of `text` from `bodyStart` (after front matter) when the document is within the
 * fast subset, else `undefined`. Linear in the text.
 */
export function fastStructure(text: string, bodyStart: number): FastStructure | undefined {
  try {
    return new Scanner(text).run(bodyStart);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}
