/** What one request costs: input x input price + output x output price. */
import { partsInOrder, setOutputLimit, staticTokens } from './analysis.js';
import type { PromptRequest } from './model.js';
import type { ModelEntry } from './prices.js';
import { roundUsd, usd, type Pricing } from './savings.js';

export interface CallCost {
  inputTokens: number;
  outputTokens: number;
  usdPerCall: number;
  inputUsd: number;
  outputUsd: number;
}

/** Cost of `calls` calls with the given token counts on a model. */
export function callCost(entry: ModelEntry, inputTokens: number, outputTokens: number, calls = 1): CallCost & { totalUsd: number } {
  const inputUsd = usd(inputTokens, entry.input);
  const outputUsd = usd(outputTokens, entry.output);
  const usdPerCall = roundUsd(inputUsd + outputUsd);
  return { inputTokens, outputTokens, inputUsd, outputUsd, usdPerCall, totalUsd: roundUsd(usdPerCall * calls) };
}

export interface RequestSize {
  /** Tokens of the static text the request sends. */
  staticTokens: number;
  /** Dynamic slots whose size is unknown at lint time (counted as 0 tokens). */
  unknownSlots: number;
  /** The output limit, when one is set. */
  outputLimit: number | undefined;
}

/** Input tokens a request sends, counted from its static text; slots add nothing but are counted. */
export function requestSize(request: PromptRequest, pricing: Pricing): RequestSize {
  const parts = partsInOrder(request);
  return {
    staticTokens: staticTokens(parts, pricing.count),
    unknownSlots: parts.filter(({ part }) => part.type === 'slot').length,
    outputLimit: setOutputLimit(request)?.value,
  };
}
