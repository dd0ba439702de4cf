/**
 * Scores one promptlint run (`--format json`) over the real-prompt corpus: the noise counts of
 * issue "real prompt files: say only what is true, and say it once". Independent of promptlint's
 * own parsing: code spans are found here with a small CommonMark-style scanner (fences of three or
 * more backticks or tildes, inline code spans of matching backtick runs), and which files define a
 * request comes from the hand-set `requests` globs of corpus.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_FILE, globRegExp } from './materialise.mjs';

/** Rules that judge a model request (its parameters), not the prompt text. */
export const REQUEST_RULES = new Set(['require-max-tokens', 'require-cache-control', 'require-length-limit', 'no-unbounded-history', 'prefer-batch-api']);

/** Whether a corpus file (relative path `<collection>/<path>`) defines a request itself. */
export function requestMatcher() {
  const corpus = JSON.parse(readFileSync(CORPUS_FILE, 'utf8'));
  const byName = new Map(corpus.collections.map((c) => [c.name, (c.requests ?? []).map(globRegExp)]));
  return (rel) => {
    const slash = rel.indexOf('/');
    const res = byName.get(rel.slice(0, slash)) ?? [];
    const path = rel.slice(slash + 1);
    return res.some((r) => r.test(path));
  };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * For each line (0-based) of `text`: `fenced` (inside a fenced block, fence lines included) and
 * the [start, end) columns (0-based, UTF-16) of inline code spans on lines outside fences. A file
 * that is one outer fence (its first and last non-blank lines open and close the same fence) is
 * read as its inside, as promptlint's unwrapping does and as the author meant.
 */
export function codeMap(text) {
  const lines = text.split(/\r\n|\n|\r/);
  const fenced = new Array(lines.length).fill(false);
  const inline = new Array(lines.length).fill(null);
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && lines[first].trim() === '') first++;
  while (last >= first && lines[last].trim() === '') last--;
  let from = 0;
  let to = lines.length;
  const open = first < last ? FENCE.exec(lines[first]) : null;
  const close = open ? FENCE.exec(lines[last]) : null;
  if (open && close && close[1][0] === open[1][0] && close[1].length >= open[1].length && close[2].trim() === '') {
    // One outer fence: is it closed before the last line? Then it is not the outer wrapper.
    let inner = null;
    let outerClosedEarly = false;
    for (let i = first + 1; i < last; i++) {
      const m = FENCE.exec(lines[i]);
      if (!m) continue;
      if (inner) {
        if (m[1][0] === inner[0] && m[1].length >= inner.length && m[2].trim() === '') inner = null;
      } else if (m[1][0] === open[1][0] && m[1].length >= open[1].length && m[2].trim() === '') {
        outerClosedEarly = true;
        break;
      } else inner = m[1];
    }
    if (!outerClosedEarly) {
      from = first + 1;
      to = last;
    }
  }
  let fence = null;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    const m = FENCE.exec(line);
    if (fence) {
      fenced[i] = true;
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && m[2].trim() === '') fence = null;
      continue;
    }
    if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
      fence = m[1];
      fenced[i] = true;
      continue;
    }
    inline[i] = inlineSpans(line);
  }
  return { fenced, inline };
}

/** [start, end) columns of the code spans on one line (a backtick run closed by one as long). */
export function inlineSpans(line) {
  const spans = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`' || (i > 0 && line[i - 1] === '\\')) {
      i++;
      continue;
    }
    let n = 0;
    while (line[i + n] === '`') n++;
    let j = i + n;
    let closed = -1;
    while (j < line.length) {
      if (line[j] === '`') {
        let k = 0;
        while (line[j + k] === '`') k++;
        if (k === n) {
          closed = j;
          break;
        }
        j += k;
      } else j++;
    }
    if (closed < 0) {
      i += n;
      continue;
    }
    spans.push([i, closed + n]);
    i = closed + n;
  }
  return spans;
}

/** Whether 1-based (line, column) is inside fenced or inline code per `map`. */
export function inCode(map, line, column) {
  const l = line - 1;
  if (map.fenced[l]) return 'fenced';
  const c = column - 1;
  if ((map.inline[l] ?? []).some(([s, e]) => c >= s && c < e)) return 'inline';
  return null;
}

/** The counts of one JSON report over the corpus in `dir`. */
export function score(report, dir) {
  const isRequest = requestMatcher();
  const byRule = {};
  const out = {
    files: report.files.length,
    findings: 0,
    byRule,
    fatals: 0,
    fatalFiles: [],
    requestRulesOnNonRequestFiles: 0,
    nonRequestFilesWithRequestRules: 0,
    requestFilesWithoutRequestRules: 0,
    noDynamicPrefix: 0,
    noDynamicPrefixInCode: 0,
    noDynamicPrefixInCodeExamples: [],
    oneTokenFindings: 0,
  };
  const maps = new Map();
  const mapOf = (rel) => {
    if (!maps.has(rel)) maps.set(rel, codeMap(readFileSync(join(dir, rel), 'utf8').replace(/^\uFEFF/, '')));
    return maps.get(rel);
  };
  for (const f of report.files) {
    const request = isRequest(f.path);
    let requestHits = 0;
    for (const x of f.findings) {
      if (x.fatal) {
        out.fatals++;
        out.fatalFiles.push(`${f.path}: ${x.message}`);
        continue;
      }
      out.findings++;
      byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
      if (REQUEST_RULES.has(x.ruleId)) {
        requestHits++;
        if (!request) out.requestRulesOnNonRequestFiles++;
      }
      if (x.savings && typeof x.savings.tokens === 'number' && x.savings.tokens <= 1) out.oneTokenFindings++;
      if (x.ruleId === 'no-dynamic-prefix') {
        out.noDynamicPrefix++;
        const where = inCode(mapOf(f.path), x.line, x.column);
        if (where) {
          out.noDynamicPrefixInCode++;
          if (out.noDynamicPrefixInCodeExamples.length < 10) out.noDynamicPrefixInCodeExamples.push(`${f.path}:${x.line}:${x.column} (${where})`);
        }
      }
    }
    if (!request && requestHits) out.nonRequestFilesWithRequestRules++;
    if (request && !requestHits) out.requestFilesWithoutRequestRules++;
  }
  out.byRule = Object.fromEntries(Object.entries(byRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return out;
}
