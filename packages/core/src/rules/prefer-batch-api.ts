/**
 * prefer-batch-api: requests made once per item of a collection, none needing the previous answer,
 * are work the providers' Batch APIs bill at a discount (50% off input and output, 24 h window).
 */
import { hasSlots, partsInOrder, setOutputLimit, staticTokens } from '../analysis.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings, priceGap } from '../savings.js';

const BATCH_APIS = 'OpenAI `batches.create`, Anthropic `messages.batches.create`, Google `batches.create`';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'prefer-batch-api',
    family: 'batching',
    description: "Prefer the providers' Batch APIs (or an array input for embeddings) over one request per item of a collection.",
    recommended: true,
    strict: true,
    defaultSeverity: 'warn',
    appliesTo: ['code'],
    defaultOptions: {},
    schema: { type: 'object', additionalProperties: false, properties: {} },
  },
  check({ request, pricing }) {
    const loop = request.loop;
    if (!loop || loop.dependsOnPrevious) return [];
    const entry = pricing.entry;
    // A model with no batch API, or one you host yourself: no discount to take.
    if (entry && (entry.batchDiscount === null || entry.selfHosted)) return [];

    const input = staticTokens(partsInOrder(request), pricing.count);
    const partial = hasSlots(request);
    const limit = setOutputLimit(request);
    const output = loop.embeddings ? 0 : (limit?.value ?? 0);
    const inputText = `${partial ? 'at least ' : ''}${formatTokens(input)} input tokens${partial ? ' (dynamic slots not counted)' : ''}`;
    const outputText = loop.embeddings
      ? 'embeddings have no output tokens'
      : limit
        ? `${formatTokens(output)} output tokens (the output limit \`${limit.name}\`, an upper bound)`
        : 'output not counted (no output limit set)';
    const savings = makeSavings(pricing, {
      tokens: null,
      tokenKind: 'input',
      pricePerMTok: (e) => e.input,
      usdPerCall: (e) => (e.batchDiscount === null || input + output === 0 ? null : (e.batchDiscount * (input * e.input + output * e.output)) / 1e6),
      confidence: 'estimate',
      basis: `the same tokens at the batch discount: ${entry?.batchDiscount ?? 'discount'} x (${inputText} x input price + ${outputText}${output > 0 ? ' x output price' : ''}) per call`,
    });
    const discount = entry?.batchDiscount ?? null;
    const off = discount === null ? 'a discount' : `${Math.round(discount * 100)}% off`;
    const over = loop.collection ? `once per item of \`${loop.collection}\`` : 'once per item of a collection';
    const how = loop.style === 'sequential' ? 'awaited one by one' : 'fanned out concurrently';
    const worth = describeSavings(savings);
    const tail = worth ? `; ${worth}` : ` (${priceGap(pricing) ?? 'size unknown: the request text is all dynamic'})`;
    if (loop.embeddings) {
      return [
        {
          message: `This embeddings request runs ${over} (${how}): the endpoint takes an array of inputs, so send them in one call instead of one per item, and the Batch API (${BATCH_APIS}) takes ${off} for work that can wait 24 h${tail}.`,
          range: request.range,
          savings,
        },
      ];
    }
    return [
      {
        message: `This request runs ${over} (${how}) and no call needs the previous answer: the Batch API (${BATCH_APIS}) takes ${off} for work that can wait 24 h${tail}.`,
        range: request.range,
        savings,
      },
    ];
  },
});
