/**
 * no-redundant-whitespace: runs of spaces inside lines, trailing whitespace and piles of blank lines
 * are billed as input tokens where they do not merge into neighbouring tokens.
 */
import type { PromptDocument, PromptRequest, Range, StaticPart } from '../model.js';
import type { RuleFinding } from '../rule.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings, type Pricing } from '../savings.js';
import { canEdit, FenceTracker, isBlankRange, jsonBlocks, reportRange, splitLines, staticParts, type Line } from '../scan.js';

export interface Options {
  /** Also report whitespace whose removal saves no token (BPE often merges it into a neighbour). */
  reportZeroSavings: boolean;
}

/** One edit inside a line: `[start, end)` offsets into the part text, replaced by `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
  kind: 'trailing' | 'run';
}

/** What to do with one line: edits to its content, or (for a blank-line pile) a replacement of lines. */
interface LineIssue {
  start: number;
  end: number;
  text: string;
  tokens: number;
  describe: string;
}

/** Replacement of a run of 2+ spaces/tabs between words: one space, or its tabs alone (tab-separated data). */
function collapseRun(run: string): string | undefined {
  if (!/ /.test(run)) return undefined; // tabs only: cells of tab-separated data, left alone
  const tabs = run.replace(/ /g, '');
  return tabs === '' ? ' ' : tabs;
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

function isLineEnd(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/**
 * Whether the part starts at the beginning of a line, and ends at the end of one: at the edges of its
 * message, or (exact parts) where the source has a line break. In prompt files an exact part's
 * edges are the source's alone: a template tag the front end leaves out of the parts
 * (`Hello {{/each}}`) may follow it on the line, and the space before it is not trailing.
 */
function partEdges(doc: PromptDocument, part: StaticPart, index: number, count: number): { startsLine: boolean; endsLine: boolean } {
  let startsLine = index === 0;
  let endsLine = index === count - 1;
  if (canEdit(part)) {
    const [s, e] = part.range;
    const sourceStarts = s === 0 || isLineEnd(doc.text[s - 1]);
    const sourceEnds = e >= doc.text.length || isLineEnd(doc.text[e]);
    if (doc.kind === 'code') {
      startsLine ||= sourceStarts;
      endsLine ||= sourceEnds;
    } else {
      startsLine = sourceStarts;
      endsLine = sourceEnds;
    }
  }
  return { startsLine, endsLine };
}

/** The edits of one line's content (no blank-line piles). */
const BOX_DRAWING = /[\u2500-\u257f]/;

function lineEdits(text: string, line: Line, opts: { partial: boolean; open: boolean; inFence: boolean }): Edit[] {
  // offsets are into `text`; the line's content is text[ls, le)
  const ls = line.start;
  const le = line.end;
  const edits: Edit[] = [];
  let first = ls;
  while (first < le && isSpaceOrTab(text.charCodeAt(first))) first++;
  let last = le;
  while (last > first && isSpaceOrTab(text.charCodeAt(last - 1))) last--;
  if (first === le) {
    // whitespace only: trailing, unless the line continues after the part
    if (!opts.open) {
      if (le > ls) edits.push({ start: ls, end: le, text: '', kind: 'trailing' });
    } else if (opts.partial && !opts.inFence && le - ls >= 2) {
      // between two slots on one line: a run between words
      const r = collapseRun(text.slice(ls, le));
      if (r !== undefined) edits.push({ start: ls, end: le, text: r, kind: 'run' });
    }
    return edits;
  }
  // A line of an ASCII diagram (box-drawing characters: `│   ├── src`) is aligned on purpose: its
  // runs are the drawing, left alone (trailing whitespace is not).
  const aligned = BOX_DRAWING.test(text.slice(first, last));
  if (!opts.inFence && !aligned) {
    // a leading run is indentation, unless the part began mid-line (after a slot)
    if (opts.partial && first - ls >= 2) {
      const r = collapseRun(text.slice(ls, first));
      if (r !== undefined) edits.push({ start: ls, end: first, text: r, kind: 'run' });
    }
    // runs of 2+ spaces/tabs between `first` and `last` (what /[ \t]{2,}/g finds there)
    for (let i = first; i < last; i++) {
      if (!isSpaceOrTab(text.charCodeAt(i))) continue;
      let j = i + 1;
      while (j < last && isSpaceOrTab(text.charCodeAt(j))) j++;
      if (j - i >= 2) {
        const r = collapseRun(text.slice(i, j));
        if (r !== undefined) edits.push({ start: i, end: j, text: r, kind: 'run' });
      }
      i = j;
    }
  }
  if (last < le) {
    if (!opts.open) edits.push({ start: last, end: le, text: '', kind: 'trailing' });
    else if (!opts.inFence && le - last >= 2) {
      // spaces before a slot on the same line: a run between words
      const r = collapseRun(text.slice(last, le));
      if (r !== undefined) edits.push({ start: last, end: le, text: r, kind: 'run' });
    }
  }
  return edits;
}

function describeEdits(edits: Edit[]): string {
  const runs = edits.filter((e) => e.kind === 'run').length;
  const trailing = edits.some((e) => e.kind === 'trailing');
  const parts: string[] = [];
  if (runs) parts.push(runs === 1 ? 'a run of spaces' : `${runs} runs of spaces`);
  if (trailing) parts.push('trailing whitespace');
  return parts.join(' and ');
}

/**
 * `[start, end)` spans of the multi-line JSON blocks of a part: their layout (indentation, runs,
 * trailing spaces, blank lines) is no-verbose-json's, whose saving already counts it.
 */
function jsonLayoutSpans(text: string): Range[] {
  if (!/[{[]/.test(text)) return [];
  return jsonBlocks(text)
    .filter((b) => b.multiline)
    .map((b) => [b.start, b.end] as const);
}

function within(spans: readonly Range[], start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}

/** The issues of one static part, in order; each is line-local (counted on its own line). */
function partIssues(text: string, edges: { startsLine: boolean; endsLine: boolean }, fence: FenceTracker, pricing: Pricing): LineIssue[] {
  const lines = splitLines(text);
  const issues: LineIssue[] = [];
  const json = jsonLayoutSpans(text);
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const partial = i === 0 && !edges.startsLine;
    const open = line.eol === '' && !edges.endsLine;
    // a pile: 2+ consecutive whole blank lines, each ended by a line break
    let j = i;
    while (j < lines.length && !(j === 0 && partial) && lines[j]!.eol !== '' && isBlankRange(text, lines[j]!.start, lines[j]!.end)) j++;
    if (j - i >= 2 && !within(json, lines[i]!.start, lines[j - 1]!.end)) {
      const first = lines[i]!;
      const lastLine = lines[j - 1]!;
      const prevEol = i > 0 ? lines[i - 1]!.eol : '';
      const original = text.slice(first.start, lastLine.end + lastLine.eol.length);
      const tokens = pricing.count(prevEol + original) - pricing.count(prevEol + first.eol);
      issues.push({ start: first.start, end: lastLine.end + lastLine.eol.length, text: first.eol, tokens, describe: `${j - i} blank lines in a row: keep one` });
      i = j;
      continue;
    }
    // a line continued from before a slot is not a fence line; it is inside the fence it continues
    const inFence = partial ? fence.inside : fence.feedRange(text, line.start, line.end) !== 'outside';
    let edits = lineEdits(text, line, { partial, open, inFence });
    i++;
    if (edits.length === 0) continue;
    if (json.length > 0) edits = edits.filter((e) => !within(json, e.start, e.end));
    if (edits.length === 0) continue;
    const content = text.slice(line.start, line.end);
    let fixed = '';
    let from = line.start;
    for (const e of edits) {
      fixed += text.slice(from, e.start) + e.text;
      from = e.end;
    }
    fixed += text.slice(from, line.end);
    const tokens = pricing.count(content + line.eol) - pricing.count(fixed + line.eol);
    const start = edits[0]!.start;
    const end = edits[edits.length - 1]!.end;
    // the replacement of [start, end): the fixed line without the untouched head and tail
    const head = start - line.start;
    const tail = line.end - end;
    issues.push({ start, end, text: fixed.slice(head, fixed.length - tail), tokens, describe: `${describeEdits(edits)}: ${edits.every((e) => e.kind === 'trailing') ? 'remove it' : 'collapse it'}` });
  }
  return issues;
}

function savingsOf(pricing: Pricing, tokens: number, what: string) {
  return makeSavings(pricing, {
    tokens,
    tokenKind: 'input',
    pricePerMTok: (e) => e.input,
    confidence: 'exact',
    basis: `count(${what} as written) - count(${what} with whitespace collapsed) = ${formatTokens(tokens)} x input price`,
  });
}

function checkRequest(document: PromptDocument, request: PromptRequest, pricing: Pricing, options: Options): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const keep = (tokens: number): boolean => tokens > 0 || (options.reportZeroSavings && tokens === 0);
  let fence = new FenceTracker();
  let lastMessage = -1;
  for (const { part, messageIndex, partIndex, siblings } of staticParts(request)) {
    if (messageIndex !== lastMessage) {
      fence = new FenceTracker();
      lastMessage = messageIndex;
    }
    const edges = partEdges(document, part, partIndex, siblings.length);
    const issues = partIssues(part.text, edges, fence, pricing);
    if (canEdit(part)) {
      for (const issue of issues) {
        if (!keep(issue.tokens)) continue;
        const savings = savingsOf(pricing, issue.tokens, issue.describe.includes('blank lines') ? 'the blank lines' : 'the line');
        const range: [number, number] = [part.range[0] + issue.start, part.range[0] + issue.end];
        findings.push({
          message: `Redundant whitespace, ${issue.describe}${issue.tokens > 0 ? `; ${describeSavings(savings)}` : ' (no token saved)'}.`,
          range,
          savings,
          fix: { range, text: issue.text },
        });
      }
    } else {
      const relevant = issues.filter((x) => keep(x.tokens));
      if (relevant.length === 0) continue;
      const tokens = relevant.reduce((n, x) => n + x.tokens, 0);
      const savings = savingsOf(pricing, tokens, 'each line');
      findings.push({
        message: `Redundant whitespace on ${relevant.length} line${relevant.length === 1 ? '' : 's'} of this text (runs of spaces, trailing whitespace or blank lines)${tokens > 0 ? `; ${describeSavings(savings)}` : ''}.`,
        range: reportRange(part, 0, part.text.length, request),
        savings,
      });
    }
  }
  return findings;
}

export default defineRule<Options>({
  meta: {
    id: 'no-redundant-whitespace',
    family: 'verbose-format',
    description: 'Disallow runs of spaces, trailing whitespace and piles of blank lines in prompt text where they cost tokens.',
    recommended: true,
    strict: true,
    defaultSeverity: 'warn',
    fixable: true,
    defaultOptions: { reportZeroSavings: false },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reportZeroSavings: { type: 'boolean', description: 'Also report whitespace whose removal saves no token.' },
      },
    },
  },
  check({ document, request, pricing, options }) {
    return checkRequest(document, request, pricing, options);
  },
});
