/** Savings in words for human formats: "saves ~120 input tokens/call, ~$0.0003/call (estimate)". */
import { formatTokens, formatUsd, type Savings } from '@promptlint/core';

export function savingsText(s: Savings | null): string {
  if (!s) return '';
  const parts: string[] = [];
  if (s.tokens !== null) parts.push(`~${formatTokens(s.tokens)} ${s.tokenKind === 'cached-input' ? 'input' : s.tokenKind} tokens/call`);
  if (s.usdPerCall !== null) parts.push(`~${formatUsd(s.usdPerCall)}/call`);
  if (s.usdPerMonth !== null) parts.push(`~${formatUsd(s.usdPerMonth)}/month`);
  const gap = priceGapOf(s);
  if (parts.length === 0) return gap ? `not priced: ${gap}` : '';
  const lead = s.confidence === 'upper-bound' ? 'exposure up to' : 'saves';
  const tail = s.confidence === 'estimate' ? ' (estimate)' : s.confidence === 'upper-bound' ? ' (worst case)' : '';
  return `${lead} ${parts.join(', ')}${tail}${gap ? ` (not priced: ${gap})` : ''}`;
}

/** Why a finding has no dollar figure (an unknown model, no model): the last clause of its basis. */
export function priceGapOf(s: Savings | null): string {
  if (!s || s.model !== null) return '';
  return s.basis.slice(s.basis.lastIndexOf('; ') + 2);
}


/** "$0.0123" or "-" for a missing figure (tables). */
export function usdCell(x: number | null): string {
  return x === null ? '-' : formatUsd(x);
}

/** The message with its saving appended, unless the message already states one (most rules do). */
export function withSavings(message: string, s: Savings | null, join: (message: string, saved: string) => string): string {
  if (message.includes('/call')) {
    const gap = priceGapOf(s);
    return gap ? join(message, `not priced: ${gap}`) : message;
  }
  const saved = savingsText(s);
  return saved ? join(message, saved) : message;
}
