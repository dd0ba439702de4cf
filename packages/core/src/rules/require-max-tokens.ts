/**
 * require-max-tokens: a request without an output-token limit can be billed for the model's
 * whole maximum output on every call.
 */
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings } from '../savings.js';

export interface Options {
  /** A cap at or above this fraction of the model's maximum output counts as no cap. */
  effectiveCapRatio: number;
}

export default defineRule<Options>({
  meta: {
    id: 'require-max-tokens',
    family: 'unbounded-output',
    description: 'Require an output-token limit on every request, under the name the API actually reads.',
    recommended: true,
    strict: true,
    defaultSeverity: 'error',
    defaultOptions: { effectiveCapRatio: 1 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        effectiveCapRatio: {
          type: 'number',
          minimum: 0.01,
          description: 'A cap at or above this fraction of the model maximum output is reported as no cap.',
        },
      },
    },
  },
  check({ request, pricing, options }) {
    const limit = request.outputLimit;
    if (!limit || limit.state === 'unknown') return [];
    if (limit.state === 'absent' && request.opaque?.length) return [];
    const max = pricing.entry?.maxOutput ?? null;
    const name = request.outputLimitName ?? 'max_tokens';
    if (limit.state === 'set') {
      if (max === null || limit.value < max * options.effectiveCapRatio) return [];
      const savings = makeSavings(pricing, {
        tokens: max,
        tokenKind: 'output',
        pricePerMTok: (e) => e.output,
        confidence: 'upper-bound',
        basis: `worst case: the model's maximum output (${formatTokens(max)} tokens) x output price`,
      });
      return [
        {
          message: `\`${limit.name}: ${limit.value}\` is at or above ${pricing.entry!.id}'s maximum output (${formatTokens(max)}), so it caps nothing: set a limit sized to the answer (exposure ${describeSavings(savings, '').trim()}).`,
          range: limit.range ?? request.range,
          savings,
        },
      ];
    }
    const exposure = max;
    const savings = makeSavings(pricing, {
      tokens: exposure,
      tokenKind: 'output',
      pricePerMTok: (e) => e.output,
      confidence: 'upper-bound',
      basis:
        exposure === null
          ? "worst case: the model's maximum output (unknown for this model)"
          : `worst case: the model's maximum output (${formatTokens(exposure)} tokens) x output price`,
    });
    const exposureText = exposure === null ? '' : ` (worst case ${describeSavings(savings, '').trim().replace(/^~/, '~')})`;
    if (limit.ignored) {
      return [
        {
          message: `\`${limit.ignored.name}\` is not an output limit here: ${limit.ignored.reason}. Set \`${name}\`${exposureText}.`,
          range: limit.ignored.range ?? request.range,
          savings,
        },
      ];
    }
    if (request.api === 'anthropic-messages') {
      // The API rejects a request without `max_tokens` (docs/providers.md): nothing runs away, the call fails.
      return [
        {
          message: `\`${name}\` is missing: the Anthropic Messages API requires it and rejects a request without it. Set it sized to the answer, not to the model's maximum output${exposureText}.`,
          range: request.range,
          savings,
        },
      ];
    }
    return [
      {
        message: `No output-token limit: set \`${name}\` so a runaway answer cannot bill the model's whole maximum output${exposureText}.`,
        range: request.range,
        savings,
      },
    ];
  },
});
