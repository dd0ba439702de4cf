/**
 * The savings model: what a finding is worth, per call and per month, and how sure we are.
 * Formulas per rule are in docs/rules/<id>.md; the shared ones in docs/savings.md.
 */
import type { ModelEntry } from './prices.js';
import type { TokenCounter } from './tokenizer.js';

export type TokenKind = 'input' | 'cached-input' | 'output';
export type Confidence = 'exact' | 'estimate' | 'upper-bound';

export interface Savings {
  /**
   * Tokens per call saved (for worst-case rules, the exposure); `null` when the size is unknown at lint
   * time, or when the finding saves money without saving tokens (a discount such as the Batch API's).
   */
  tokens: number | null;
  tokenKind: TokenKind;
  /** `null` when no price applies (unknown model) or the size is unknown. */
  usdPerCall: number | null;
  /** `usdPerCall` x calls per day x 30, when a call rate is known. */
  usdPerMonth: number | null;
  /** The price table entry used, `null` for an unknown model. */
  model: string | null;
  confidence: Confidence;
  /** One line saying how the number was computed. */
  basis: string;
}

/** Days in the month that `usdPerMonth` assumes. */
export const DAYS_PER_MONTH = 30;

/** Everything a rule needs to count and price one request. */
export interface Pricing {
  /** The resolved entry; `undefined` for an unknown model or none named. */
  entry: ModelEntry | undefined;
  /** The model name as written in the source or configuration. */
  modelName: string | undefined;
  /** Where the model came from. */
  modelSource: 'request' | 'default' | 'none';
  counter: TokenCounter;
  callsPerDay: number | undefined;
  /** Token count of a text with the request's tokenizer (memoized). */
  count(text: string): number;
  /** `count(text.slice(start, end))`, cheaper when `text` was counted (optional: rules fall back to `count`). */
  countSlice?(text: string, start: number, end: number): number;
}

const MILLION = 1_000_000;

/** Rounds away binary noise (0.1 + 0.2) while keeping far more precision than any price has. */
export function roundUsd(x: number): number {
  return Math.round(x * 1e12) / 1e12;
}

/** USD for `tokens` at `pricePerMTok`. */
export function usd(tokens: number, pricePerMTok: number): number {
  return roundUsd((tokens * pricePerMTok) / MILLION);
}

/** Why no price is available for this request, or `undefined` when one is. */
export function priceGap(p: Pricing): string | undefined {
  if (p.entry) return undefined;
  if (p.modelName) return `unknown model "${p.modelName}": no price (add it under "models" in the configuration)`;
  return 'no model named (set one in the file, the configuration or --model)';
}

export interface SavingsInput {
  tokens: number | null;
  tokenKind: TokenKind;
  /** USD per 1M tokens saved per token (e.g. input - cachedInput); `null` when the entry lacks the price. */
  pricePerMTok: (entry: ModelEntry) => number | null;
  confidence: Confidence;
  basis: string;
  /** Overrides the per-month figure (a daily cache miss costs the same whatever the call rate). */
  usdPerMonth?: (entry: ModelEntry) => number | null;
  /** Overrides the per-call figure (a discount on tokens that are still sent, with `tokens: null`). */
  usdPerCall?: (entry: ModelEntry) => number | null;
}

/** Builds a savings record: prices it when the model is known, otherwise says why not. */
export function makeSavings(p: Pricing, s: SavingsInput): Savings {
  let confidence = s.confidence;
  if (confidence === 'exact' && (!p.counter.exact || !p.entry)) confidence = 'estimate';
  const gap = priceGap(p);
  if (!p.entry) {
    return {
      tokens: s.tokens,
      tokenKind: s.tokenKind,
      usdPerCall: null,
      usdPerMonth: null,
      model: null,
      confidence,
      basis: `${s.basis}; ${gap}`,
    };
  }
  const price = s.pricePerMTok(p.entry);
  const override = s.usdPerCall?.(p.entry);
  const usdPerCall = override !== undefined ? (override === null ? null : roundUsd(override)) : s.tokens === null || price === null ? null : usd(s.tokens, price);
  let usdPerMonth: number | null = null;
  if (s.usdPerMonth) usdPerMonth = s.usdPerMonth(p.entry);
  else if (usdPerCall !== null && p.callsPerDay !== undefined && Number.isFinite(p.callsPerDay)) usdPerMonth = roundUsd(usdPerCall * p.callsPerDay * DAYS_PER_MONTH);
  const counted = p.counter.exact ? p.counter.description : `${p.counter.description} (approximate)`;
  return {
    tokens: s.tokens,
    tokenKind: s.tokenKind,
    usdPerCall,
    usdPerMonth,
    model: p.entry.id,
    confidence,
    basis: `${s.basis}; ${p.entry.id}${p.modelSource === 'default' ? ' (default model)' : ''}, ${counted}`,
  };
}

// toLocaleString(locale, options) is new Intl.NumberFormat(locale, options).format(x): made once (on first use), not per call
let tokensFormat: Intl.NumberFormat | undefined;
let usdFormat: Intl.NumberFormat | undefined;

/** Formats a token count for messages: 2965 -> "2,965". */
export function formatTokens(n: number): string {
  const r = Math.round(n);
  // a safe integer (not -0) by hand, as en-US groups it: digits in threes from the right, commas between
  if (Number.isSafeInteger(r) && !Object.is(r, -0)) {
    const digits = String(Math.abs(r));
    let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
    for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
    return r < 0 ? `-${out}` : out;
  }
  return (tokensFormat ??= new Intl.NumberFormat('en-US')).format(r);
}

/** Formats dollars for messages: cents from $1 up, else three significant digits (0.0037 -> "$0.00370", at most 8 decimals). */
export function formatUsd(x: number): string {
  if (x === 0) return '$0';
  const abs = Math.abs(x);
  if (abs >= 1) return `${x < 0 ? '-' : ''}$${(usdFormat ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })).format(abs)}`;
  const digits = Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(abs)) + 1));
  return `$${x.toFixed(digits)}`;
}

/** "saves ~2,965 input tokens/call, ~$0.00370/call" (the text ESLint messages carry). */
export function describeSavings(s: Savings, verb = 'saves'): string {
  if (s.tokens === null) {
    if (s.usdPerCall === null) return '';
    return `${verb} ~${formatUsd(s.usdPerCall)}/call${s.usdPerMonth !== null ? `, ~${formatUsd(s.usdPerMonth)}/month` : ''}`;
  }
  const kind = s.tokenKind === 'cached-input' ? 'input' : s.tokenKind;
  let out = `${verb} ~${formatTokens(s.tokens)} ${kind} token${s.tokens === 1 ? '' : 's'}/call`;
  if (s.usdPerCall !== null) out += `, ~${formatUsd(s.usdPerCall)}/call`;
  if (s.usdPerMonth !== null) out += `, ~${formatUsd(s.usdPerMonth)}/month`;
  return out;
}
