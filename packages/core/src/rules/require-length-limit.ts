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

/**
 * What may follow a number to make it a length: `(?:\s+|-)(?:short\s+)?unit` ("500 words", "a
 * 100-word summary"), or a Korean unit (`\s*단어`, "500단어", "3 문장"). Sticky: tried once at the end
 * of each number (see `numberBound`).
 */
const AFTER_NUMBER_EN = new RegExp(String.raw`(?:\s+|-)(?:short\s+)?${UNIT_EN}\b`, 'iuy');
const AFTER_NUMBER_KO = /\s*(?:단어|글자|자|문장|개|줄|문단|단락|토큰|항목)/uy;
/** `\w` as `\b` reads it under the `iu` flags (which add U+017F and U+212A). */
const WORD_CHAR_IU = /\w/iu;

/**
 * A number followed by a length unit: "500 words", "under 200 words", "5 bullet points", "a
 * 100-word summary" (English: the number starts at a word boundary), "500단어 이내", "300자", "3문장",
 * "5개", "10줄" (Korean). Equal to testing `\b\d[\d,]*(?:\s+|-)(?:short\s+)?UNIT\b` and
 * `\d[\d,]*\s*(?:단어|...)`, without their backtracking: tried at every digit after a comma, those
 * read the rest of the run each time (`1,1,1,...` was quadratic: 100 KB took ~10 s). Here each
 * maximal run of digits and commas is read once and the unit is tried once at its end, the only
 * place a match can continue (a shorter prefix of the run is followed by a digit or a comma).
 */
function numberBound(text: string): boolean {
  const run = /\d[\d,]*/gu;
  for (let m = run.exec(text); m; m = run.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    AFTER_NUMBER_KO.lastIndex = end;
    if (AFTER_NUMBER_KO.test(text)) return true;
    // English: some digit of the run starts at a word boundary (after a non-word character or a comma).
    const atBoundary = start === 0 || !WORD_CHAR_IU.test(text[start - 1]!) || /,\d/u.test(m[0]);
    if (!atBoundary) continue;
    AFTER_NUMBER_EN.lastIndex = end;
    if (AFTER_NUMBER_EN.test(text)) return true;
  }
  return false;
}

/** Statements of a bound on the answer's length. */
const BOUNDS: readonly ((text: string) => boolean)[] = [
  // "500 words", "under 200 words", "5 bullet points", "a 100-word summary", "500단어 이내", "3문장"
  numberBound,
  // "one paragraph", "two sentences", "a few bullet points"
  regexBound(new RegExp(String.raw`\b${NUMBER_WORD_EN}\s+(?:short\s+)?${UNIT_EN}\b`, 'iu')),
  regexBound(/\b(?:briefly|brief|concise(?:ly)?|succinct(?:ly)?|short answer|tl;?dr)\b/iu),
  // "한 문장", "세 줄", "다섯 가지"
  regexBound(/(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:문장|줄|문단|단락|단어|가지)/u),
  regexBound(/이내로|이내|간단히|간단하게|간략히|간략하게|짧게|요약해서\s*\d/u),
];

function regexBound(re: RegExp): (text: string) => boolean {
  return (text) => re.test(text);
}

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
  return BOUNDS.some((bound) => bound(text));
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
