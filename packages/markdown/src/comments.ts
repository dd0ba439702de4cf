/** HTML comments and the inline directives written in them (`<!-- promptlint-disable RULE -->`). */
import type { Directive, Range } from '@promptlint/core';

export interface HtmlComment {
  /** The text between `<!--` and `-->`. */
  value: string;
  range: [number, number];
}

/** Every complete `<!-- ... -->` in `text[from, to)`, in order (linear: one pass with indexOf). */
export function findComments(text: string, from: number, to: number): HtmlComment[] {
  const out: HtmlComment[] = [];
  let i = from;
  while (i < to) {
    const open = text.indexOf('<!--', i);
    if (open < 0 || open >= to) break;
    // `<!-->` and `<!--->` are complete, empty comments (CommonMark 0.31).
    const empty = text.startsWith('>', open + 4) ? 5 : text.startsWith('->', open + 4) ? 6 : 0;
    if (empty && open + empty <= to) {
      out.push({ value: '', range: [open, open + empty] });
      i = open + empty;
      continue;
    }
    const close = text.indexOf('-->', open + 4);
    if (close < 0 || close + 3 > to) break;
    out.push({ value: text.slice(open + 4, close), range: [open, close + 3] });
    i = close + 3;
  }
  return out;
}

const DIRECTIVE = /^\s*promptlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)([\s\S]*)$/;
/** Comments that are directives to a linter rather than text for the model. */
const ANY_DIRECTIVE = /^\s*(?:promptlint|eslint)(?:-[a-z-]+)?(?=\s|$)/;

/** The directive a comment holds, if any. Rule lists are separated by commas or spaces; `-- why` ends them. */
export function directiveOf(comment: HtmlComment): Directive | undefined {
  const m = DIRECTIVE.exec(comment.value);
  if (!m) return undefined;
  const list = m[2]!.split(/\s--\s|\s--$/, 1)[0]!;
  const rules = list.split(/[\s,]+/).filter((r) => r !== '');
  return { type: m[1] as Directive['type'], rules, range: comment.range };
}

/** True for comments that configure a linter (promptlint or ESLint): not sent as prompt text. */
export function isLinterDirective(comment: HtmlComment): boolean {
  return ANY_DIRECTIVE.test(comment.value);
}

/**
 * The range a directive comment takes out of the prompt text: the comment, or its whole line
 * (with the line end) when nothing else is on that line.
 */
export function exclusionRange(text: string, range: Range): Range {
  let s = range[0];
  while (s > 0 && (text.charCodeAt(s - 1) === 32 || text.charCodeAt(s - 1) === 9)) s--;
  const atLineStart = s === 0 || text.charCodeAt(s - 1) === 10 || text.charCodeAt(s - 1) === 13;
  let e = range[1];
  while (e < text.length && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e++;
  const atLineEnd = e === text.length || text.charCodeAt(e) === 10 || text.charCodeAt(e) === 13;
  if (!atLineStart || !atLineEnd) return range;
  if (e < text.length) e += text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1;
  return [s, e];
}
