/**
 * require-length-limit: a prompt that asks for open-ended length ("in detail", "자세히") with no
 * bound stated anywhere (words, sentences, points, "briefly", "500단어 이내") and no tight output cap
 * invites the longest answer the model will give.
 */
import { setOutputLimit } from '../analysis.js';
import type { PromptRequest, Role } from '../model.js';
import type { RuleFinding } from '../rule.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings } from '../savings.js';
import { reportRange, staticParts } from '../scan.js';

export interface Options {
  /** An output limit at or below this many tokens is a bound: no finding. */
  maxBoundedOutput: number;
  /** Tokens of a typical answer once a length is stated (about 1,000 instead of 10,000). */
  typicalBoundedOutput: number;
}

/** Requests for open-ended length. */
const OPEN_ENDED: readonly RegExp[] = [
  /\bin (?:great |full |more |much |extensive |exhaustive )?detail\b/giu,
  /\bas much detail as possible\b/giu,
  /\b(?:detailed|comprehensive(?:ly)?|thorough(?:ly)?|exhaustive(?:ly)?)\b/giu,
  /\bas (?:much|long) as possible\b/giu,
  /\belaborate on\b/giu,
  /\bexplain everything\b/giu,
  /\bin[- ]depth\b/giu,
  /\bat length\b/giu,
  /자세히|자세하게|상세히|상세하게|길게|최대한 많이|빠짐없이/gu,
];

const UNIT_EN = String.raw`(?:words?|sentences?|paragraphs?|bullet points?|bullets?|points?|characters?|chars|tokens?|lines?|items?)`;
const NUMBER_WORD_EN = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|a single|a few|a couple of)`;

/** Statements of a bound on the answer's length. */
const BOUNDS: readonly RegExp[] = [
  // "500 words", "under 200 words", "5 bullet points", "in 3 sentences", "a 100-word summary"
  new RegExp(String.raw`\b\d[\d,]*(?:\s+|-)(?:short\s+)?${UNIT_EN}\b`, 'iu'),
  // "one paragraph", "two sentences", "a few bullet points"
  new RegExp(String.raw`\b${NUMBER_WORD_EN}\s+(?:short\s+)?${UNIT_EN}\b`, 'iu'),
  /\b(?:briefly|brief|concise(?:ly)?|succinct(?:ly)?|short answer|tl;?dr)\b/iu,
  // "500단어 이내", "300자 이내", "3문장", "5개", "10줄"
  /\d[\d,]*\s*(?:단어|글자|자|문장|개|줄|문단|단락|토큰|항목)/u,
  // "한 문장", "세 줄", "다섯 가지"
  /(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:문장|줄|문단|단락|단어|가지)/u,
  /이내로|이내|간단히|간단하게|간략히|간략하게|짧게|요약해서\s*\d/u,
];

/** Negations just before an English phrase ("do not go into exhaustive ...", "without detailed"). */
const NEGATED_BEFORE = /\b(?:not|no|don't|never|without|avoid)\s+(?:\S+\s+){0,2}$/iu;
/** Negations just after a Korean phrase ("길게 쓰지 마세요", "자세히 설명하지 않아도"). */
const NEGATED_AFTER = /^\s*\S{0,6}지\s*(?:마|말|않)/u;

/** Roles whose text asks for an answer (few-shot assistant turns and tool output do not). */
const ASKING_ROLES: readonly Role[] = ['system', 'developer', 'user', 'unknown'];

function hasBound(request: PromptRequest): boolean {
  const text = staticParts(request)
    .map(({ part }) => part.text)
    .join('\n');
  return BOUNDS.some((re) => re.test(text));
}

interface OpenMatch {
  partIndex: number;
  start: number;
  end: number;
  phrase: string;
}

function openEndedMatches(request: PromptRequest): OpenMatch[] {
  const out: OpenMatch[] = [];
  staticParts(request, ASKING_ROLES).forEach(({ part }, partIndex) => {
    for (const re of OPEN_ENDED) {
      re.lastIndex = 0;
      for (let m = re.exec(part.text); m; m = re.exec(part.text)) {
        const start = m.index;
        const end = start + m[0].length;
        if (NEGATED_BEFORE.test(part.text.slice(Math.max(0, start - 30), start))) continue;
        if (NEGATED_AFTER.test(part.text.slice(end, end + 12))) continue;
        out.push({ partIndex, start, end, phrase: m[0] });
      }
    }
  });
  out.sort((a, b) => a.partIndex - b.partIndex || a.start - b.start);
  return out;
}

export default defineRule<Options>({
  meta: {
    id: 'require-length-limit',
    family: 'unbounded-output',
    description: 'Require a stated length ("in 500 words", "5 bullet points") when a prompt asks for open-ended detail ("in detail", "자세히").',
    recommended: false,
    strict: true,
    defaultSeverity: 'warn',
    appliesTo: ['markdown-prompt', 'prompty', 'dotprompt', 'vscode-prompt', 'code'],
    defaultOptions: { maxBoundedOutput: 2000, typicalBoundedOutput: 1000 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxBoundedOutput: { type: 'integer', minimum: 1, description: 'An output limit at or below this many tokens counts as a bound.' },
        typicalBoundedOutput: { type: 'integer', minimum: 0, description: 'Tokens of a typical answer once a length is stated.' },
      },
    },
  },
  check({ request, pricing, options }) {
    const limit = setOutputLimit(request);
    if (limit && limit.value <= options.maxBoundedOutput) return [];
    // a limit the front end could not resolve may well be a bound
    if (!limit && request.outputLimit?.state === 'unknown') return [];
    const matches = openEndedMatches(request);
    if (matches.length === 0 || hasBound(request)) return [];

    const cap = limit ? limit.value : (pricing.entry?.maxOutput ?? null);
    const tokens = cap === null ? null : cap - options.typicalBoundedOutput;
    if (tokens !== null && tokens <= 0) return [];
    const capText = limit ? `the output limit \`${limit.name}: ${formatTokens(limit.value)}\`` : "the model's maximum output";
    const savings = makeSavings(pricing, {
      tokens,
      tokenKind: 'output',
      pricePerMTok: (e) => e.output,
      confidence: 'upper-bound',
      basis:
        cap === null
          ? `worst case: the model's maximum output (unknown for this model) - a bounded answer (${formatTokens(options.typicalBoundedOutput)} tokens)`
          : `worst case: ${capText} (${formatTokens(cap)} tokens) - a bounded answer (${formatTokens(options.typicalBoundedOutput)} tokens) x output price`,
    });
    const first = matches[0]!;
    const located = staticParts(request, ASKING_ROLES)[first.partIndex]!;
    const more = matches.length > 1 ? ` (and ${matches.length - 1} more such phrase${matches.length > 2 ? 's' : ''})` : '';
    const worth = tokens === null ? '' : `; worst case ${describeSavings(savings, 'costs').replace(/tokens\/call/, 'tokens/call more than a bounded answer')}`;
    const finding: RuleFinding = {
      message: `"${first.phrase}" asks for open-ended length${more} and the prompt states no bound: say how long ("in 500 words", "5 bullet points", "500단어 이내")${worth}.`,
      range: reportRange(located.part, first.start, first.end, request),
      savings,
    };
    return [finding];
  },
});
