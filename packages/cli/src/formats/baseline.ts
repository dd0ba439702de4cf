/**
 * The `--baseline` comparison in words: a section after the stylish summary, a table for the
 * markdown (pull-request comment) format, and the line that explains a failed --max-cost-increase.
 */
import { formatTokens, formatUsd } from '@promptlint/core';
import type { BaselineComparison, FileDelta } from '../baseline.js';
import type { FileCost } from '../file-cost.js';
import { markdownCode, markdownText as cell, plainText } from '../sanitize.js';

/** "+$0.0012" / "-$0.0012" / "$0". */
export function signedUsd(x: number): string {
  if (x === 0) return '$0';
  return `${x > 0 ? '+' : '-'}${formatUsd(Math.abs(x))}`;
}

/** "+12.5%" (one decimal; two when that would show 0.0). */
export function signedPercent(x: number): string {
  const digits = x !== 0 && Math.abs(x) < 0.05 ? 2 : 1;
  return `${x > 0 ? '+' : x < 0 ? '-' : ''}${Math.abs(x).toFixed(digits)}%`;
}

const costText = (c: FileCost | null): string => (c === null ? 'no estimate' : c.usdPerCall === null ? 'no price' : formatUsd(c.usdPerCall));

/** The token and model change; `text` makes model names (from files) safe for the format. */
function tokensChange(d: FileDelta, text: (s: string) => string): string {
  if (!d.before || !d.after) return '';
  const parts: string[] = [];
  const di = d.after.inputTokens - d.before.inputTokens;
  const dout = d.after.outputTokens - d.before.outputTokens;
  if (di) parts.push(`${di > 0 ? '+' : '-'}${formatTokens(Math.abs(di))} input`);
  if (dout) parts.push(`${dout > 0 ? '+' : '-'}${formatTokens(Math.abs(dout))} output`);
  if (d.before.model !== d.after.model) parts.push(`model ${text(d.before.model ?? 'unknown')} -> ${text(d.after.model ?? 'unknown')}`);
  return parts.length ? `${parts.join(', ')}${di || dout ? ' tokens' : ''}` : '';
}

function changeText(d: FileDelta): string {
  if (d.deltaUsd === null) return 'not comparable (no price)';
  return d.deltaPercent === null ? signedUsd(d.deltaUsd) : `${signedUsd(d.deltaUsd)} (${signedPercent(d.deltaPercent)})`;
}

function totalChange(cmp: BaselineComparison): string {
  return cmp.deltaPercent === null ? signedUsd(cmp.deltaUsd) : `${signedUsd(cmp.deltaUsd)}, ${signedPercent(cmp.deltaPercent)}`;
}

/** Files that changed, biggest increase first; new, deleted and unpriced ones included. */
export function changedFiles(cmp: BaselineComparison): FileDelta[] {
  return cmp.files
    .filter((d) => d.status !== 'unchanged')
    .sort((a, b) => (b.deltaUsd ?? Number.POSITIVE_INFINITY) - (a.deltaUsd ?? Number.POSITIVE_INFINITY) || a.path.localeCompare(b.path));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function beforeAfter(d: FileDelta): [string, string] {
  return [d.status === 'added' ? 'new' : costText(d.before), d.status === 'removed' ? 'deleted' : costText(d.after)];
}

/** The line that says why --max-cost-increase failed the run, or `undefined` when it did not. */
export function gateFailure(cmp: BaselineComparison): string | undefined {
  if (!cmp.failed) return undefined;
  const limit = `--max-cost-increase ${cmp.maxIncreasePercent}%`;
  const grew = changedFiles(cmp)
    .filter((d) => d.deltaUsd !== null && d.deltaUsd > 0)
    .map((d) => `${plainText(d.path)} (${d.status === 'added' ? `new, ${formatUsd(d.deltaUsd!)}` : d.deltaPercent === null ? signedUsd(d.deltaUsd!) : `${signedUsd(d.deltaUsd!)}, ${signedPercent(d.deltaPercent)}`})`);
  const pct = cmp.deltaPercent === null ? `from $0 to ${formatUsd(cmp.after)}` : `by ${signedPercent(cmp.deltaPercent).slice(1)} (from ${formatUsd(cmp.before)} to ${formatUsd(cmp.after)})`;
  const overLimit = cmp.deltaPercent === null ? cmp.after > 0 : cmp.deltaPercent > cmp.maxIncreasePercent!;
  const parts: string[] = [];
  if (overLimit) parts.push(`estimated cost per call grew ${pct}, over ${limit}${grew.length ? `; grew: ${grew.join(', ')}` : ''}`);
  if (cmp.unpriced.length) parts.push(`cannot check ${limit}: no price for ${cmp.unpriced.map(plainText).join(', ')}`);
  return `promptlint: ${parts.join('; ')}.`;
}

/** The stylish section: totals, then each changed file with its token change. */
export function stylishBaseline(cmp: BaselineComparison): string[] {
  const changed = changedFiles(cmp);
  const head = `Cost per call vs baseline (${plainText(cmp.file)}):`;
  if (changed.length === 0) return [`${head} no change (${formatUsd(cmp.after)}/call over ${plural(cmp.files.length, 'file')}).`];
  const lines = [`${head} ${formatUsd(cmp.before)} -> ${formatUsd(cmp.after)} (${totalChange(cmp)})`];
  const rows = changed.map((d) => {
    const [b, a] = beforeAfter(d);
    return [plainText(d.path), `${b} -> ${a}`, d.deltaUsd === null ? 'no price' : changeText(d), tokensChange(d, plainText)];
  });
  // A loop, not Math.max(...list): a spread over 100,000 rows overflows the stack.
  const width = (i: number): number => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0);
  const w0 = width(0);
  const w1 = width(1);
  const w2 = width(2);
  for (const r of rows) lines.push(`  ${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]!.padEnd(w2)}  ${r[3]}`.trimEnd());
  const same = cmp.files.length - changed.length;
  if (same) lines.push(`  ${plural(same, 'file')} unchanged.`);
  return lines;
}

/**
 * The markdown section: a delta table fit for a pull-request comment, in at most about `room`
 * characters: rows past that are counted in a line under the table (the total row counts them).
 */
export function markdownBaseline(cmp: BaselineComparison, room = Number.POSITIVE_INFINITY): string[] {
  const changed = changedFiles(cmp);
  const out = ['', '### Cost per call vs baseline', ''];
  if (changed.length === 0) {
    out.push(`No change: ${formatUsd(cmp.after)}/call over ${plural(cmp.files.length, 'prompt file')}.`);
  } else {
    out.push('| file | before | after | change | tokens |', '|---|--:|--:|--:|---|');
    // Room kept for the total row, the unchanged count and the verdict.
    let size = out.reduce((n, l) => n + l.length + 1, 0) + 600;
    let left = 0;
    for (const d of changed) {
      const [b, a] = beforeAfter(d);
      const row = `| ${markdownCode(d.path)} | ${b} | ${a} | ${changeText(d)} | ${tokensChange(d, cell) || '-'} |`;
      if (left > 0 || size + row.length + 1 > room) {
        left++;
        continue;
      }
      out.push(row);
      size += row.length + 1;
    }
    if (left > 0) out.push(`| _${plural(left, 'more changed file')} not shown_ | | | | |`);
    out.push(`| **total** | ${formatUsd(cmp.before)} | ${formatUsd(cmp.after)} | ${cmp.deltaPercent === null ? signedUsd(cmp.deltaUsd) : `${signedUsd(cmp.deltaUsd)} (${signedPercent(cmp.deltaPercent)})`} | |`);
    const same = cmp.files.length - changed.length;
    if (same) out.push('', `${plural(same, 'file')} unchanged.`);
  }
  if (cmp.maxIncreasePercent !== null) {
    const failure = gateFailure(cmp);
    out.push('', failure ? `**Over budget**: ${cell(failure.replace(/^promptlint: /, ''))}` : `Within \`--max-cost-increase ${cmp.maxIncreasePercent}%\`.`);
  }
  return out;
}
