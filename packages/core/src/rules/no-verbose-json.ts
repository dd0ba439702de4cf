/**
 * no-verbose-json: pretty-printed JSON sent to a model pays for every indentation space and line
 * break. Prompt text: indented JSON blocks (fenced or bare). Code: `JSON.stringify(x, null, 2)`.
 */
import type { SlotPart } from '../model.js';
import type { Fix, RuleFinding } from '../rule.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings, type Pricing } from '../savings.js';
import { canEdit, jsonBlocks, reportRange, roundTripsLosslessly, staticParts, stripJsonLayout } from '../scan.js';

export interface Options {
  /** Report a block only when minifying it saves at least this many tokens. */
  minTokens: number;
}

/** Measured on o200k_base over records, nested objects and arrays of records (see docs/rules/no-verbose-json.md). */
const TYPICAL_OVERHEAD = '50-90%';

export default defineRule<Options>({
  meta: {
    id: 'no-verbose-json',
    family: 'verbose-format',
    description: 'Disallow pretty-printed (indented) JSON in prompts: minified JSON carries the same data for fewer tokens.',
    recommended: true,
    strict: true,
    defaultSeverity: 'warn',
    fixable: true,
    defaultOptions: { minTokens: 10 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minTokens: { type: 'integer', minimum: 1, description: 'Report a block only when minifying it saves at least this many tokens.' },
      },
    },
  },
  check({ request, pricing, options }) {
    const findings: RuleFinding[] = [];
    for (const { part } of staticParts(request)) {
      for (const block of jsonBlocks(part.text)) {
        if (!block.multiline) continue;
        const minified = stripJsonLayout(block.text);
        const indented = pricing.countSlice ? pricing.countSlice(part.text, block.start, block.end) : pricing.count(block.text);
        const tokens = indented - pricing.count(minified);
        if (tokens < options.minTokens) continue;
        const lossless = roundTripsLosslessly(block.value, minified);
        const savings = makeSavings(pricing, {
          tokens,
          tokenKind: 'input',
          pricePerMTok: (e) => e.input,
          confidence: 'exact',
          basis: `count(indented JSON) ${formatTokens(indented)} - count(minified JSON) ${formatTokens(pricing.count(minified))} x input price`,
        });
        const where = block.fence ? 'JSON code block' : 'JSON block';
        const why = lossless ? '' : ' (no autofix: the JSON does not round-trip unchanged through JSON.parse/JSON.stringify)';
        const finding: RuleFinding = {
          message: `Indented ${where}: minify it, ${describeSavings(savings)}${why}.`,
          range: reportRange(part, block.start, block.end, request),
          savings,
        };
        if (lossless && canEdit(part)) {
          finding.fix = { range: [part.range[0] + block.start, part.range[0] + block.end], text: minified };
        }
        findings.push(finding);
      }
    }
    for (const message of request.messages) {
      for (const part of message.parts) {
        if (part.type === 'slot' && part.prettyJson) findings.push(slotFinding(part, request.range, pricing));
      }
    }
    return findings;
  },
});

function slotFinding(part: SlotPart, fallback: readonly [number, number], pricing: Pricing): RuleFinding {
  const savings = makeSavings(pricing, {
    tokens: null,
    tokenKind: 'input',
    pricePerMTok: (e) => e.input,
    confidence: 'estimate',
    basis: `size of ${part.name} unknown at lint time; indentation typically adds ${TYPICAL_OVERHEAD} to the tokens of the minified JSON`,
  });
  const indent = part.prettyJson!.indent === '\t' ? 'a tab' : JSON.stringify(part.prettyJson!.indent);
  const finding: RuleFinding = {
    message: `\`${part.name}\` is sent as indented JSON (indent ${indent}): drop the indentation argument; indentation typically adds ${TYPICAL_OVERHEAD} to the tokens of the data.`,
    range: part.range ?? fallback,
    savings,
  };
  const fix: Fix | undefined = part.prettyJson!.fix;
  if (fix) finding.fix = { range: fix.range, text: fix.text };
  return finding;
}
