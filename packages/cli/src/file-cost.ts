/**
 * One file's estimated cost per call: the sum of its requests' call estimates (estimate.ts, the
 * figure `--max-cost` checks). Carried by the JSON report as `files[].cost` and compared by
 * `--baseline`.
 */
import { roundUsd } from '@promptlint/core';
import type { CallEstimate } from './estimate.js';

export interface FileCost {
  inputTokens: number;
  outputTokens: number;
  /** `null` when a request of the file has no price (unknown model, or none named). */
  usdPerCall: number | null;
  /** The price table entry used (entries joined with ", " when requests differ); `null` when none is priced. */
  model: string | null;
}

/** `null` for a file with no request (it could not be parsed, or is not text). */
export function fileCost(estimates: readonly CallEstimate[]): FileCost | null {
  if (estimates.length === 0) return null;
  let inputTokens = 0;
  let outputTokens = 0;
  let usdPerCall: number | null = 0;
  const models: string[] = [];
  for (const e of estimates) {
    inputTokens += e.inputTokens;
    outputTokens += e.outputTokens;
    usdPerCall = usdPerCall === null || e.usdPerCall === null ? null : roundUsd(usdPerCall + e.usdPerCall);
    if (e.model !== null && !models.includes(e.model)) models.push(e.model);
  }
  return { inputTokens, outputTokens, usdPerCall, model: models.length ? models.join(', ') : null };
}
