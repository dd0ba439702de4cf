/**
 * no-unbounded-history: a conversation array appended to every turn and sent whole makes each call
 * pay again for every earlier message.
 */
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings, type Confidence } from '../savings.js';

export interface Options {
  /** Messages in the modelled conversation (N). */
  turns: number;
  /** Messages kept when trimming (K). */
  keepLast: number;
  /** Average tokens per message (t). */
  tokensPerMessage: number;
}

/**
 * Average input tokens saved per call over a conversation of `turns` messages where call i resends i
 * messages, when only the last `keepLast` are sent: t x sum_{i=1..N} max(0, i - K) / N.
 */
function historySavingsPerCall({ turns, keepLast, tokensPerMessage }: Options): number {
  const over = Math.max(0, turns - keepLast);
  return (tokensPerMessage * ((over * (over + 1)) / 2)) / turns;
}

export default defineRule<Options>({
  meta: {
    id: 'no-unbounded-history',
    family: 'oversized-context',
    description: 'Disallow a conversation history that grows every turn and is resent whole.',
    recommended: true,
    strict: true,
    defaultSeverity: 'error',
    defaultOptions: { turns: 50, keepLast: 10, tokensPerMessage: 100 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        turns: { type: 'integer', minimum: 1, description: 'Messages in the modelled conversation (N).' },
        keepLast: { type: 'integer', minimum: 1, description: 'Messages kept when trimming (K), as in `messages.slice(-K)`.' },
        tokensPerMessage: { type: 'number', minimum: 1, description: 'Average tokens per message (t).' },
      },
    },
  },
  check({ request, pricing, options }) {
    const history = request.history;
    if (!history || history.state !== 'grows') return [];
    const perCall = historySavingsPerCall(options);
    if (perCall <= 0) return [];
    const { turns, keepLast, tokensPerMessage } = options;
    const tokens = Math.round(perCall);
    // The conversation model is an estimate; the front end's own confidence can only lower it.
    const confidence: Confidence = weaker(history.confidence, 'estimate');
    const savings = makeSavings(pricing, {
      tokens,
      tokenKind: 'input',
      pricePerMTok: (e) => e.input,
      confidence,
      basis: `model of a ${turns}-message conversation of ~${formatTokens(tokensPerMessage)}-token messages where call i resends i messages; keeping the last ${keepLast} saves ${formatTokens(tokensPerMessage)} x sum(max(0, i - ${keepLast})) / ${turns} = ${formatTokens(tokens)} tokens per call on average, x input price`,
    });
    return [
      {
        message: `\`${history.name}\` grows every turn and is resent whole, so each call pays again for every earlier message: send only the last ${keepLast} (\`${history.name}.slice(-${keepLast})\`, in Python \`messages[-${keepLast}:]\`) or summarise older turns into one message once the history passes a limit (say 20 messages); over ${turns} messages of ~${formatTokens(tokensPerMessage)} tokens this ${describeSavings(savings)}.`,
        range: history.range,
        savings,
      },
    ];
  },
});

const RANK: Record<'exact' | 'estimate', number> = { exact: 1, estimate: 0 };

function weaker(a: 'exact' | 'estimate', b: 'exact' | 'estimate'): 'exact' | 'estimate' {
  return RANK[a] <= RANK[b] ? a : b;
}
