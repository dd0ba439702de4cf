/**
 * no-dynamic-prefix: a value that changes between calls (a date, an id, a retrieved document) placed
 * before a static block moves every later token out of the cacheable prefix, so a block that could
 * be read at the cached-input price is billed in full on every call.
 */
import { firstSlotIndex, partsInOrder, type LocatedPart, slotLabel, slotVolatility, staticTokens } from '../analysis.js';
import type { SlotPart } from '../model.js';
import { defineRule } from '../rule.js';
import { DAYS_PER_MONTH, describeSavings, formatTokens, makeSavings, roundUsd, usd } from '../savings.js';

export interface Options {
  /** Stay silent unless at least this many static tokens follow the slot (on top of the provider minimum). */
  minStaticTokens: number;
}

export default defineRule<Options>({
  meta: {
    id: 'no-dynamic-prefix',
    family: 'cacheability',
    description: 'Disallow content that changes between calls before a static block big enough to be cached.',
    recommended: true,
    strict: true,
    defaultSeverity: 'error',
    defaultOptions: { minStaticTokens: 128 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minStaticTokens: {
          type: 'integer',
          minimum: 0,
          description: 'Report only when at least this many static tokens follow the dynamic slot.',
        },
      },
    },
  },
  check({ document, request, pricing, options }) {
    const entry = pricing.entry;
    if (request.sharedPrefix === false) return [];
    if (!entry || entry.cachedInput === null || entry.minCacheableTokens === null) return [];
    const parts = partsInOrder(request);
    const i = firstSlotIndex(parts);
    if (i < 0) return [];
    const before = staticTokens(parts.slice(0, i), pricing.count);
    const after = staticTokens(parts.slice(i + 1), pricing.count);
    // Only whitespace after the slot (a trailing newline) is no static block.
    const onlyWhitespaceAfter = parts.slice(i + 1).every(({ part }) => part.type === 'slot' || part.text.trim() === '');
    if (after === 0 || onlyWhitespaceAfter || after < options.minStaticTokens) return [];
    // A prompt that could never reach the provider's minimum is never cached: nothing is lost.
    if (before + after < entry.minCacheableTokens) return [];

    const located = parts[i]!;
    const slot = located.part as SlotPart;
    const label = slotLabel(document, slot);
    const laterSlots = countSlotsBeforeStatic(parts.slice(i + 1), pricing.count);
    const alsoMove = laterSlots === 0 ? '' : ` (and the ${laterSlots} later dynamic slot${laterSlots === 1 ? '' : 's'} before static text)`;
    const cachedPrice = entry.cachedInput;
    const range = slot.range ?? located.message.range ?? request.range;
    const staticText = `${formatTokens(after)} static tokens`;

    if (slot.kind === 'user-data') {
      // Per user: one user's calls share the cached prefix, another user's miss it. How many users
      // call, and how often each, is not known: the worst case is every call from a new user.
      const savings = makeSavings(pricing, {
        tokens: after,
        tokenKind: 'cached-input',
        pricePerMTok: (e) => e.input - (e.cachedInput ?? e.input),
        confidence: 'upper-bound',
        basis: `worst case, every call from a different user: ${formatTokens(after)} static tokens after the slot x (input - cached input price)`,
      });
      return [
        {
          message: `${label} (user data) changes per user and comes before ${staticText}, so each user's first call (and each after the cache expires) misses the cache for all of them: move it${alsoMove} after the static block (or into the last user turn) so every user shares them; at worst ${describeSavings(savings)}.`,
          range,
          savings,
        },
      ];
    }

    if (slotVolatility(slot.kind) === 'per-call') {
      // The front end could not classify the value: it may be a deployment constant that never changes.
      const unknown = slot.kind === 'unknown';
      const basis = `${formatTokens(after)} static tokens after the slot x (input - cached input price): they miss the cache on every call`;
      const savings = makeSavings(pricing, {
        tokens: after,
        tokenKind: 'cached-input',
        pricePerMTok: (e) => e.input - (e.cachedInput ?? e.input),
        confidence: unknown ? 'upper-bound' : 'exact',
        basis: unknown ? `worst case, the value differs on every call: ${basis}` : basis,
      });
      const what = unknown
        ? `${label} (unknown value) may change between calls: if it does, it comes before ${staticText}`
        : `${label} (${slot.kind}) changes on every call and comes before ${staticText}`;
      return [
        {
          message: `${what}: move it${alsoMove} after the static block (or into the last user turn) so they can be cached; ${unknown ? 'at worst ' : ''}${describeSavings(savings)}.`,
          range,
          savings,
        },
      ];
    }

    // A date changes once a day: the prefix is still cached within the day, so the loss is about
    // one cache miss a day, whatever the call rate.
    const perMiss = (e: { input: number }): number => e.input - cachedPrice;
    const calls = pricing.callsPerDay !== undefined && Number.isFinite(pricing.callsPerDay) && pricing.callsPerDay >= 0 ? pricing.callsPerDay : undefined;
    const rateKnown = calls !== undefined && calls > 0;
    // Fewer than one call a day: every call is the day's first and misses.
    const missesPerDay = calls === undefined ? 1 : Math.min(1, calls);
    const savings = makeSavings(pricing, {
      tokens: after,
      tokenKind: 'cached-input',
      pricePerMTok: (e) => (rateKnown ? (perMiss(e) * missesPerDay) / calls : perMiss(e)),
      confidence: rateKnown ? 'estimate' : 'upper-bound',
      basis: rateKnown
        ? `one cache miss a day: ${formatTokens(after)} static tokens x (input - cached input price) / ${calls} calls a day; per month: one miss a day x ${DAYS_PER_MONTH}`
        : `one cache miss a day: per call, the worst case (a miss on every call: ${formatTokens(after)} static tokens x (input - cached input price)); per month: one miss a day x ${DAYS_PER_MONTH} (assumes at least one call a day)`,
      usdPerMonth: (e) => roundUsd(usd(after, perMiss(e)) * missesPerDay * DAYS_PER_MONTH),
    });
    return [
      {
        message: `${label} (date) changes daily and comes before ${staticText}, so the first call each day misses the cache for all of them: move it${alsoMove} after the static block (or into the last user turn) so they stay cached; ${describeSavings(savings)} (${rateKnown ? `one miss a day shared by ${calls} calls` : 'per call at worst; per month one miss a day'}).`,
        range,
        savings,
      },
    ];
  },
});

/** How many slots among `parts` have static text (with tokens) somewhere after them. */
function countSlotsBeforeStatic(parts: readonly LocatedPart[], count: (text: string) => number): number {
  let n = 0;
  let staticSeen = false;
  for (let k = parts.length - 1; k >= 0; k--) {
    const part = parts[k]!.part;
    if (part.type === 'static') staticSeen ||= count(part.text) > 0;
    else if (staticSeen) n++;
  }
  return n;
}
