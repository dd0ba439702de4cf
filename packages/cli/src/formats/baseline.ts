/**
 * The `--baseline` comparison in words: a section after the stylish summary, a table for the
 * markdown (pull-request comment) format, and the line that explains a failed --max-cost-increase.
 */
import { formatTokens, formatUsd } from '@promptlint/core';
import type { BaselineComparison, FileDelta } from '../baseline.js';
import type { FileCost } from '../file-cost.js';
import { cell } from './markdown.js';

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

function tokensChange(d: FileDelta): string {
  if (!d.before || !d.after) return '';
  const parts: string[] = [];
  const di = d.after.inputTokens - d.before.inputTokens;
  const dout = d.after.outputTokens - d.before.outputTokens;
  if (di) parts.push(`${di > 0 ? '+' : '-'}${formatTokens(Math.abs(di))} input`);
  if (dout) parts.push(`${dout > 0 ? '+' : '-'}${formatTokens(Math.abs(dout))} output`);
  if (d.before.model !== d.after.model) parts.push(`model ${d.before.model ?? 'unknown'} -> ${d.after.model ?? 'unknown'}`);
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
    .map((d) => `${d.path} (${d.status === 'added' ? `new, ${formatUsd(d.deltaUsd!)}` : d.deltaPercent === null ? signedUsd(d.deltaUsd!) : `${signedUsd(d.deltaUsd!)}, ${signedPercent(d.deltaPercent)}`})`);
  const pct = cmp.deltaPercent === null ? `from $0 to ${formatUsd(cmp.after)}` : `by ${signedPercent(cmp.deltaPercent).slice(1)} (from ${formatUsd(cmp.before)} to ${formatUsd(cmp.after)})`;
  const overLimit = cmp.deltaPercent === null ? cmp.after > 0 : cmp.deltaPercent > cmp.maxIncreasePercent!;
  const parts: string[] = [];
  if (overLimit) parts.push(`estimated cost per call grew ${pct}, over ${limit}${grew.length ? `; grew: ${grew.join(', ')}` : ''}`);
  if (cmp.unpriced.length) parts.push(`cannot check ${limit}: no price for ${cmp.unpriced.join(', ')}`);
  return `promptlint: ${parts.join('; ')}.`;
}

/** The stylish section: totals, then each changed file with its token change. */
export function stylishBaseline(cmp: BaselineComparison): string[] {
  const changed = changedFiles(cmp);
  const head = `Cost per call vs baseline (${cmp.file}):`;
  if (changed.length === 0) return [`${head} no change (${formatUsd(cmp.after)}/call over ${plural(cmp.files.length, 'file')}).`];
  const lines = [`${head} ${formatUsd(cmp.before)} -> ${formatUsd(cmp.after)} (${totalChange(cmp)})`];
  const rows = changed.map((d) => {
    const [b, a] = beforeAfter(d);
    return [d.path, `${b} -> ${a}`, d.deltaUsd === null ? 'no price' : changeText(d), tokensChange(d)];
  });
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  const w2 = Math.max(...rows.map((r) => r[2]!.length));
  for (const r of rows) lines.push(`  ${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]!.padEnd(w2)}  ${r[3]}`.trimEnd());
  const same = cmp.files.length - changed.length;
  if (same) lines.push(`  ${plural(same, 'file')} unchanged.`);
  return lines;
}

/** The markdown section: a delta table fit for a pull-request comment. */
export function markdownBaseline(cmp: BaselineComparison): string[] {
  const changed = changedFiles(cmp);
  const out = ['', '### Cost per call vs baseline', ''];
  if (changed.length === 0) {
    out.push(`No change: ${formatUsd(cmp.after)}/call over ${plural(cmp.files.length, 'prompt file')}.`);
  } else {
    out.push('| file | before | after | change | tokens |', '|---|--:|--:|--:|---|');
    for (const d of changed) {
      const [b, a] = beforeAfter(d);
      out.push(`| \`${cell(d.path)}\` | ${b} | ${a} | ${cell(changeText(d))} | ${cell(tokensChange(d)) || '-'} |`);
    }
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
