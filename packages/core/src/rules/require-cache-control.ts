/**
 * require-cache-control: Anthropic caches a prompt only when asked (`cache_control` breakpoints), so a
 * large static prefix sent without one is billed at the full input price on every call.
 */
import { firstSlotIndex, partsInOrder, staticTokens } from '../analysis.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings } from '../savings.js';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'require-cache-control',
    family: 'cacheability',
    description: 'Require a cache breakpoint on a cacheable static prefix sent to a provider that caches only when asked (Anthropic).',
    recommended: true,
    strict: true,
    defaultSeverity: 'error',
    defaultOptions: {},
    schema: { type: 'object', additionalProperties: false, properties: {} },
  },
  check({ request, pricing }) {
    const entry = pricing.entry;
    if (!entry || entry.provider !== 'anthropic') return [];
    if (request.cache?.state !== 'none') return [];
    if (entry.cachedInput === null || entry.minCacheableTokens === null) return [];
    const parts = partsInOrder(request);
    const firstSlot = firstSlotIndex(parts);
    const prefix = staticTokens(firstSlot < 0 ? parts : parts.slice(0, firstSlot), pricing.count);
    if (prefix === 0 || prefix < entry.minCacheableTokens) return [];

    const writeNote =
      entry.cacheWrite === null
        ? 'cache writes cost nothing extra'
        : `plus a cache write at $${entry.cacheWrite}/1M (${round2(entry.cacheWrite / entry.input)}x input) once per 5-minute TTL, not counted`;
    const savings = makeSavings(pricing, {
      tokens: prefix,
      tokenKind: 'cached-input',
      pricePerMTok: (e) => e.input - (e.cachedInput ?? e.input),
      confidence: 'estimate',
      basis: `steady state, every call a cache hit: ${formatTokens(prefix)} static prefix tokens x (input - cache read price); ${writeNote}`,
    });
    const how = request.api === 'ai-sdk' ? '`providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } }`' : '`cache_control: { type: "ephemeral" }`';
    const readShare = Math.round((entry.cachedInput / entry.input) * 100);
    return [
      {
        message: `A ${formatTokens(prefix)}-token static prefix is sent to ${entry.id} without \`cache_control\`: mark the end of the static block with ${how} so later calls read it at ${readShare}% of the input price; ${describeSavings(savings)}.`,
        range: request.range,
        savings,
      },
    ];
  },
});

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
