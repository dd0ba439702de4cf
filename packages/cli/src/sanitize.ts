/**
 * The one layer every output format passes text from files through before printing it: file
 * names, front-matter values (`model:`), template slot text and prompt text quoted in messages
 * can hold anything, and a report must show it, never act on it.
 *
 * - `plainText` (stylish, github, stderr notes): every control character is shown as an escape
 *   (`\n`, `\r`, `\t`, `\x1b`, `\u0085`) instead of being printed: C0 (U+0000-U+001F), DEL, C1
 *   (U+0080-U+009F, which some terminals read as CSI or OSC), the line and paragraph separators
 *   (U+2028, U+2029) and the bidirectional overrides and isolates (U+202A-U+202E,
 *   U+2066-U+2069, which reorder what a terminal shows). With no ESC character left, no escape
 *   sequence (colours, window title, clear screen, hyperlinks) reaches the terminal; with no line
 *   break left, a finding is one line, so a `::error` or `::stop-commands::` workflow command can
 *   never start a line of the log a GitHub Actions runner reads.
 * - `markdownText` (the markdown pull-request report): plainText, then what GitHub would act on
 *   is neutralised: HTML (`<`, `>`, `&` as entities), link and image syntax and emphasis
 *   (`[ ] ( ) ! * _ ~` and backticks backslash-escaped, `|` too for tables), `@mentions` and
 *   `#123` references (a zero-width space after the `@` or `#`, so nobody is notified and no
 *   issue is cross-referenced), and bare URLs (`https://`, `www.`), which GitHub would autolink.
 *
 * - `inertJson` (json, sarif): the exact text once parsed (a consumer needs the real file name to
 *   find the file, and `--baseline` matches paths), but written so that the raw output is inert
 *   as well: JSON itself escapes C0 controls, and inertJson writes DEL, C1, the separators and the
 *   bidi characters as `\u` escapes too (JSON.stringify leaves them raw), so `cat report.json` in
 *   a terminal shows them as text.
 */

/** Characters that are shown as escapes in text output (see above). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` on one line with no control character: each is shown as its escape (`\n`, `\x1b`...). */
export function plainText(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

const ZWSP = '&#8203;';
const MARKDOWN_ACTIVE = /[\\`*_[\]()!|~]/g;

/**
 * `s` as inert text for GitHub-flavoured markdown, inside a table cell, a `<code>` element or a
 * paragraph: one line, no HTML, no link, image, emphasis, mention, issue reference or autolink.
 */
export function markdownText(s: string): string {
  return plainText(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_ACTIVE, (c) => `\\${c}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`) // before any entity with a # is inserted
    .replace(/@(?=[\w-])/g, `@${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`);
}

/** Characters JSON.stringify leaves raw that a terminal may act on (C0 is escaped by JSON itself). */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with DEL, C1, U+2028/U+2029 and the bidi characters as `\u` escapes: the same value
 * when parsed. Outside strings JSON text is ASCII, so only string contents change.
 */
export function inertJson(json: string): string {
  JSON_UNSAFE.lastIndex = 0;
  return JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

/**
 * `s` as a markdown code span (inside a table cell): literal text, so no mention, link or HTML
 * can happen inside it; one line; a fence longer than any run of backticks in it, and `|`
 * escaped, which GitHub's tables need even inside code.
 */
export function markdownCode(s: string): string {
  const text = plainText(s).replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.trim() === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
