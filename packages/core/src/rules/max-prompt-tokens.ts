/**
 * max-prompt-tokens: a prompt over its token budget costs more on every call than the team agreed to
 * pay; one over the model's context window cannot be sent at all.
 */
import { hasSlots, partsInOrder, setOutputLimit, staticTokens } from '../analysis.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings } from '../savings.js';

export interface Options {
  /** Input tokens a request may use; 0 turns the budget check off. */
  budget: number;
  /** The share of the model's context window a request (input + output limit) may fill. */
  contextWindowRatio: number;
}

const ADVICE =
  'trim it, or summarise long documents with a cheap model first and send the summary (for example a 50,000-token PDF summarised to 5,000 tokens by gpt-4o-mini, then analysed by gpt-4o)';

export default defineRule<Options>({
  meta: {
    id: 'max-prompt-tokens',
    family: 'oversized-context',
    description: "Disallow prompts over their token budget or over the model's context window.",
    recommended: true,
    strict: true,
    defaultSeverity: 'error',
    defaultOptions: { budget: 8000, contextWindowRatio: 1 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        budget: { type: 'integer', minimum: 0, description: 'Input tokens a request may use; 0 turns the budget check off.' },
        contextWindowRatio: {
          type: 'number',
          minimum: 0.01,
          maximum: 1,
          description: "The share of the model's context window that input plus the output limit may fill.",
        },
      },
    },
  },
  check({ request, pricing, options }) {
    const total = staticTokens(partsInOrder(request), pricing.count);
    if (total === 0) return [];
    const partial = hasSlots(request);
    const confidence = partial ? 'estimate' : 'exact';
    const size = `${partial ? 'at least ' : ''}${formatTokens(total)} input tokens${partial ? ' (dynamic slots not counted)' : ''}`;
    const overBudget = options.budget > 0 && total > options.budget ? total - options.budget : 0;

    const entry = pricing.entry;
    const window = entry?.contextWindow ?? null;
    const limitSet = setOutputLimit(request);
    const output = limitSet?.value ?? 0;
    if (entry && window !== null && window > 0) {
      const limit = Math.floor(window * options.contextWindowRatio);
      const excess = total + output - limit;
      if (excess > 0) {
        const outputText = limitSet && output > 0 ? ` + ${formatTokens(output)} output tokens (\`${limitSet.name}\`)` : '';
        const savings = makeSavings(pricing, {
          tokens: excess,
          tokenKind: 'input',
          pricePerMTok: (e) => e.input,
          confidence,
          basis: `input tokens over the limit: (${formatTokens(total)} input${output > 0 ? ` + ${formatTokens(output)} output limit` : ''} - ${formatTokens(limit)} context window${options.contextWindowRatio < 1 ? ` x ${options.contextWindowRatio}` : ''}) x input price`,
        });
        const overWindow = total + output > window;
        const where = overWindow
          ? `exceed ${entry.id}'s context window of ${formatTokens(window)}: the request cannot be sent as is`
          : `exceed ${Math.round(options.contextWindowRatio * 100)}% of ${entry.id}'s context window (${formatTokens(limit)} of ${formatTokens(window)})`;
        const lowerLimit = limitSet && output > 0 ? ` (or lower \`${limitSet.name}\`)` : '';
        const budgetText = overBudget > 0 ? ` (and ${formatTokens(overBudget)} over the budget of ${formatTokens(options.budget)})` : '';
        return [
          {
            message: `${capitalise(size)}${outputText} ${where}${budgetText}; ${ADVICE}${lowerLimit}; ${describeSavings(savings, 'cutting the excess saves')}.`,
            range: request.range,
            savings,
          },
        ];
      }
    }

    if (overBudget === 0) return [];
    const savings = makeSavings(pricing, {
      tokens: overBudget,
      tokenKind: 'input',
      pricePerMTok: (e) => e.input,
      confidence,
      basis: `input tokens over the budget: (${formatTokens(total)} - ${formatTokens(options.budget)}) x input price`,
    });
    return [
      {
        message: `This prompt is ${size}, ${formatTokens(overBudget)} over its budget of ${formatTokens(options.budget)}: ${ADVICE}; ${describeSavings(savings, 'getting down to the budget saves')}.`,
        range: request.range,
        savings,
      },
    ];
  },
});

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
