/**
 * What one call of a prompt costs, for `--max-cost` and the per-file line of human reports:
 * input tokens counted from the file's static text x input price + output tokens (the file's output
 * limit, else the model's maximum output) x output price. Dynamic slots count as 0 tokens and are
 * reported as such.
 */
import { callCost, formatTokens, formatUsd, priceGap, requestSize, type Engine, type PromptRequest, type Range } from '@promptlint/core';

export interface CallEstimate {
  range: Range;
  /** The price table entry used; `null` when the model is unknown or none is named. */
  model: string | null;
  modelSource: 'request' | 'default' | 'none';
  inputTokens: number;
  /** Dynamic slots (template variables) whose size is unknown at lint time, counted as 0. */
  unknownSlots: number;
  outputTokens: number;
  /**
   * `limit`: the file's output limit; `model-max`: none set, so the model's maximum output;
   * `host`: the file cannot set one (agent instructions, VS Code prompt files): not counted;
   * `unknown`: none set and the model's maximum is unknown (counted as 0).
   */
  outputSource: 'limit' | 'model-max' | 'host' | 'unknown';
  usdPerCall: number | null;
  /** Why there is no price, when `usdPerCall` is null. */
  gap?: string;
  exactTokens: boolean;
}

export function estimateCall(engine: Engine, request: PromptRequest): CallEstimate {
  const pricing = engine.pricingFor(request);
  const size = requestSize(request, pricing);
  const entry = pricing.entry;
  let outputTokens = 0;
  let outputSource: CallEstimate['outputSource'] = 'unknown';
  if (size.outputLimit !== undefined) {
    outputTokens = size.outputLimit;
    outputSource = 'limit';
  } else if (request.outputLimit === undefined) {
    outputSource = 'host';
  } else if (entry?.maxOutput != null) {
    outputTokens = entry.maxOutput;
    outputSource = 'model-max';
  }
  const base = {
    range: request.range,
    model: entry?.id ?? null,
    modelSource: pricing.modelSource,
    inputTokens: size.staticTokens,
    unknownSlots: size.unknownSlots,
    outputTokens,
    outputSource,
    exactTokens: pricing.counter.exact,
  };
  if (!entry) return { ...base, usdPerCall: null, gap: priceGap(pricing) ?? 'no price' };
  return { ...base, usdPerCall: callCost(entry, size.staticTokens, outputTokens).usdPerCall };
}

/** "1,234 input + 16,384 output tokens (gpt-4o's maximum output: no limit set)". */
export function describeTokens(e: CallEstimate): string {
  const input = `${formatTokens(e.inputTokens)} input${e.unknownSlots ? ` (+${e.unknownSlots} variable${e.unknownSlots === 1 ? '' : 's'})` : ''}`;
  const output =
    e.outputSource === 'limit'
      ? `${formatTokens(e.outputTokens)} output (the file's limit)`
      : e.outputSource === 'model-max'
        ? `${formatTokens(e.outputTokens)} output (${e.model}'s maximum: no limit set)`
        : e.outputSource === 'host'
          ? ''
          : '0 output (no limit set and no known maximum)';
  return output ? `${input} + ${output} tokens` : `${input} tokens (the output limit is set by the host, not this file)`;
}

/** "~$0.1670/call on gpt-4o" or the reason there is no price. */
export function describeCost(e: CallEstimate): string {
  if (e.usdPerCall === null) return e.gap ?? 'no price';
  return `~${formatUsd(e.usdPerCall)}/call on ${e.model}`;
}
