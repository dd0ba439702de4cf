/**
 * no-unbounded-input: runtime data of unbounded size (a file's contents, a fetched page, query
 * results, an upload, a serialised collection) interpolated into a prompt with no truncation,
 * chunking or size check: one large input bills up to the model's whole context window.
 */
import { partsInOrder, slotLabel } from '../analysis.js';
import type { SlotPart } from '../model.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, formatUsd, makeSavings, usd } from '../savings.js';

export interface Options {
  /** Tokens of a typical input of this kind when nothing bounds it (the estimate's size). */
  typicalTokens: number;
  /** The cap the message suggests, in tokens. */
  capTokens: number;
}

const WHAT: Record<NonNullable<SlotPart['unbounded']>['source'], string> = {
  file: "a file's whole contents",
  fetch: 'a whole fetched response',
  query: 'every row a query returns',
  upload: 'a whole uploaded file',
  collection: 'a whole collection serialised',
};

export default defineRule<Options>({
  meta: {
    id: 'no-unbounded-input',
    family: 'oversized-context',
    description: 'Disallow runtime data of unbounded size (files, fetched pages, query results, uploads) in a prompt with no cap or size check.',
    recommended: false,
    strict: true,
    defaultSeverity: 'warn',
    appliesTo: ['code'],
    defaultOptions: { typicalTokens: 20000, capTokens: 4000 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        typicalTokens: { type: 'integer', minimum: 1, description: 'Tokens of a typical unbounded input (the size the saving is estimated at).' },
        capTokens: { type: 'integer', minimum: 1, description: 'The cap the message suggests, in tokens (about 4 characters each).' },
      },
    },
  },
  check({ document, request, pricing, options }) {
    const out = [];
    const seen = new Set<string>();
    for (const { part, message } of partsInOrder(request)) {
      if (part.type !== 'slot' || !part.unbounded) continue;
      const key = `${part.range?.[0] ?? ''}:${part.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { typicalTokens, capTokens } = options;
      const tokens = Math.max(0, typicalTokens - capTokens);
      const window = pricing.entry?.contextWindow ?? null;
      const savings = makeSavings(pricing, {
        tokens,
        tokenKind: 'input',
        pricePerMTok: (e) => e.input,
        confidence: 'estimate',
        basis: `a typical input of ${formatTokens(typicalTokens)} tokens cut to ${formatTokens(capTokens)} tokens: ${formatTokens(typicalTokens)} - ${formatTokens(capTokens)} = ${formatTokens(tokens)} tokens x input price${window === null ? '' : `; exposure: up to the model's ${formatTokens(window)}-token context window per call`}`,
      });
      const exposure =
        window === null || !pricing.entry
          ? ''
          : `; at worst it fills ${pricing.entry.id}'s ${formatTokens(window)}-token context window (~${formatUsd(usd(window, pricing.entry.input))}/call)`;
      const chars = capTokens * 4;
      out.push({
        message: `${slotLabel(document, part)} puts ${WHAT[part.unbounded.source]} (${part.unbounded.origin}) into the prompt with no cap or size check: truncate it (\`.slice(0, ${chars})\`, ~${formatTokens(capTokens)} tokens), chunk it, or check its size first; at a typical ${formatTokens(typicalTokens)} tokens this ${describeSavings(savings)}${exposure}.`,
        range: part.range ?? message.range ?? request.range,
        savings,
      });
    }
    return out;
  },
});
