/**
 * no-filler-phrases: wordy framing with a short equivalent ("The user asked the following
 * question:" -> "Q:", "It is important to note that" -> nothing), in English and Korean.
 */
import type { RuleFinding } from '../rule.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings } from '../savings.js';
import { canEdit, escapeRegExp, reportRange, splitLines, staticParts } from '../scan.js';

export interface Phrase {
  phrase: string;
  /** The shorter equivalent; `''` drops the phrase. */
  replacement: string;
}

export interface Options {
  /** More phrases to flag (a phrase already listed takes the new replacement). */
  extraPhrases: Phrase[];
  /** Phrases not to flag (case-insensitive). */
  ignore: string[];
}

/**
 * The built-in list. Each entry saves tokens in a typical sentence on o200k_base (measured; see
 * docs/rules/no-filler-phrases.md); a match is still reported only when it saves tokens in its line.
 */
export const FILLER_PHRASES: readonly Phrase[] = [
  // framing of dialogue
  { phrase: 'The user asked the following question:', replacement: 'Q:' },
  { phrase: 'The system responded as follows:', replacement: 'A:' },
  { phrase: 'The assistant responded as follows:', replacement: 'A:' },
  // throat-clearing
  { phrase: 'Please note that', replacement: '' },
  { phrase: 'It is important to note that', replacement: '' },
  { phrase: 'It should be noted that', replacement: '' },
  { phrase: 'It is worth noting that', replacement: '' },
  { phrase: 'As previously mentioned,', replacement: '' },
  { phrase: 'I would like you to', replacement: '' },
  { phrase: 'I want you to', replacement: '' },
  // wordy connectives
  { phrase: 'In order to', replacement: 'To' },
  { phrase: 'Due to the fact that', replacement: 'Because' },
  { phrase: 'Owing to the fact that', replacement: 'Because' },
  { phrase: 'Despite the fact that', replacement: 'Although' },
  { phrase: 'In spite of the fact that', replacement: 'Although' },
  { phrase: 'At this point in time', replacement: 'Now' },
  { phrase: 'At the present time', replacement: 'Now' },
  { phrase: 'In the event that', replacement: 'If' },
  { phrase: 'For the purpose of', replacement: 'For' },
  { phrase: 'Until such time as', replacement: 'Until' },
  { phrase: 'A large number of', replacement: 'Many' },
  { phrase: 'Has the ability to', replacement: 'Can' },
  { phrase: 'In a timely manner', replacement: 'Promptly' },
  { phrase: 'With regard to', replacement: 'About' },
  // Korean
  { phrase: '사용자가 다음과 같이 질문했습니다:', replacement: 'Q:' },
  { phrase: '시스템이 다음과 같이 응답했습니다:', replacement: 'A:' },
  { phrase: '어시스턴트가 다음과 같이 응답했습니다:', replacement: 'A:' },
  { phrase: '은 다음과 같습니다', replacement: '' },
  { phrase: '는 다음과 같습니다', replacement: '' },
  { phrase: '하는 것이 중요합니다', replacement: '하세요' },
  { phrase: '하는 것이 좋습니다', replacement: '하세요' },
  { phrase: '할 수 있도록 해 주세요', replacement: '하세요' },
  { phrase: '해 주시기 바랍니다', replacement: '해 주세요' },
  { phrase: '참고로 말씀드리자면', replacement: '' },
  { phrase: '다시 한 번 말씀드리지만', replacement: '' },
  { phrase: '그럼에도 불구하고', replacement: '그래도' },
];

/** Scripts written without spaces between words, or with particles attached: no word boundaries. */
const NO_BOUNDARY_SCRIPT = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{N}_]/u;

function normalise(phrase: string): string {
  return phrase.trim().replace(/\s+/g, ' ').toLowerCase();
}

function needsBoundary(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch) && !NO_BOUNDARY_SCRIPT.test(ch);
}

interface Matcher {
  re: RegExp;
  phrases: Phrase[];
}

/** One regular expression over all phrases, longest first, each in its own group. */
function buildMatcher(options: Options): Matcher | undefined {
  const byKey = new Map<string, Phrase>();
  for (const p of [...FILLER_PHRASES, ...(options.extraPhrases ?? [])]) {
    if (typeof p?.phrase !== 'string' || typeof p.replacement !== 'string') continue;
    const key = normalise(p.phrase);
    if (key !== '') byKey.set(key, { phrase: p.phrase.trim().replace(/\s+/g, ' '), replacement: p.replacement });
  }
  for (const i of options.ignore ?? []) if (typeof i === 'string') byKey.delete(normalise(i));
  const phrases = [...byKey.values()].sort((a, b) => b.phrase.length - a.phrase.length);
  if (phrases.length === 0) return undefined;
  const alternatives = phrases.map((p) => {
    const body = p.phrase.split(' ').map(escapeRegExp).join('[ \\t]+');
    const before = needsBoundary(p.phrase[0]) ? '(?<![\\p{L}\\p{N}_])' : '';
    const after = needsBoundary(p.phrase[p.phrase.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
    return `${before}(${body})${after}`;
  });
  return { re: new RegExp(alternatives.join('|'), 'giu'), phrases };
}

/** The replacement in the case of the match: "In order to" -> "To", "in order to" -> "to". */
function matchCase(matched: string, replacement: string): string {
  if (replacement.length < 2 || !/\p{Ll}/u.test(replacement[1]!)) return replacement;
  const first = matched[0]!;
  if (first === first.toUpperCase() && first !== first.toLowerCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  if (first === first.toLowerCase() && first !== first.toUpperCase()) return replacement[0]!.toLowerCase() + replacement.slice(1);
  return replacement;
}

/** Text before a match that puts it at the start of a line, a list item or a heading. */
const LINE_START = /^\s*(?:(?:[-*+>]|\d+[.)]|#{1,6})\s+)?$/u;
/** ... or after the end of a sentence. */
const AFTER_SENTENCE = /[.!?:]["')\]]?\s+$/u;

/** Whether a match at `start` begins a sentence (looks at a bounded window: linear over a line). */
function startsSentenceAt(line: string, start: number): boolean {
  if (start <= 40 && LINE_START.test(line.slice(0, start))) return true;
  return AFTER_SENTENCE.test(line.slice(Math.max(0, start - 40), start));
}

/** The edit for one match inside a line: `[start, end)` of the line text and its new text. */
function editFor(line: string, start: number, end: number, replacement: string): { start: number; end: number; text: string } {
  const matched = line.slice(start, end);
  if (replacement !== '') return { start, end, text: matchCase(matched, replacement) };
  // dropping the phrase: take the spaces after it too, and capitalise what now starts the sentence
  let e = end;
  while (e < line.length && (line[e] === ' ' || line[e] === '\t')) e++;
  const next = line[e];
  const startsSentence = /\p{Lu}/u.test(matched[0]!) && startsSentenceAt(line, start);
  if (startsSentence && next !== undefined && /\p{Ll}/u.test(next) && next.toUpperCase().length === 1) {
    return { start, end: e + 1, text: next.toUpperCase() };
  }
  return { start, end: e, text: '' };
}

/** Lines longer than this are counted in a window around the phrase (keeps many matches linear). */
const MAX_COUNTED_LINE = 2000;
const WINDOW = 300;

/** The part of a line counted for a match: the whole line, or a window cut at spaces on a long one. */
function countWindow(line: string, start: number, end: number): [number, number] {
  if (line.length <= MAX_COUNTED_LINE) return [0, line.length];
  let from = Math.max(0, start - WINDOW);
  let to = Math.min(line.length, end + WINDOW);
  const space = line.lastIndexOf(' ', from);
  if (from > 0 && space >= 0 && space > from - WINDOW) from = space;
  const next = line.indexOf(' ', to);
  if (to < line.length && next >= 0 && next < to + WINDOW) to = next;
  return [from, to];
}

export default defineRule<Options>({
  meta: {
    id: 'no-filler-phrases',
    family: 'verbose-format',
    description: 'Disallow wordy framing that has a shorter equivalent ("The user asked the following question:" -> "Q:"), in English and Korean.',
    recommended: false,
    strict: true,
    defaultSeverity: 'warn',
    hasSuggestions: true,
    defaultOptions: { extraPhrases: [], ignore: [] },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        extraPhrases: {
          type: 'array',
          description: 'More phrases to flag, each with its shorter equivalent ("" drops it).',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: { phrase: { type: 'string' }, replacement: { type: 'string' } },
          },
        },
        ignore: { type: 'array', items: { type: 'string' }, description: 'Phrases not to flag (case-insensitive).' },
      },
    },
  },
  check({ request, pricing, options }) {
    const matcher = buildMatcher(options);
    if (!matcher) return [];
    const findings: RuleFinding[] = [];
    for (const { part } of staticParts(request)) {
      for (const line of splitLines(part.text)) {
        const text = part.text.slice(line.start, line.end);
        matcher.re.lastIndex = 0;
        for (let m = matcher.re.exec(text); m; m = matcher.re.exec(text)) {
          const group = m.findIndex((g, i) => i > 0 && g !== undefined);
          const phrase = matcher.phrases[group - 1];
          if (!phrase) continue;
          const edit = editFor(text, m.index, m.index + m[0].length, phrase.replacement);
          const [from, to] = countWindow(text, edit.start, edit.end);
          const context = text.slice(from, to);
          const fixed = text.slice(from, edit.start) + edit.text + text.slice(edit.end, to);
          const before = pricing.count(context);
          const after = pricing.count(fixed);
          const what = from === 0 && to === text.length ? 'line' : 'text around the phrase';
          const tokens = before - after;
          if (tokens <= 0) continue;
          const savings = makeSavings(pricing, {
            tokens,
            tokenKind: 'input',
            pricePerMTok: (e) => e.input,
            confidence: 'exact',
            basis: `count(${what} with the phrase) ${formatTokens(before)} - count(${what} with "${phrase.replacement}") ${formatTokens(after)} x input price`,
          });
          const shown = m[0].replace(/[ \t]+/g, ' ');
          const advice = phrase.replacement === '' ? 'drop it' : `write "${matchCase(m[0], phrase.replacement)}"`;
          const finding: RuleFinding = {
            message: `Filler phrase "${shown}": ${advice}; ${describeSavings(savings)}.`,
            range: reportRange(part, line.start + m.index, line.start + m.index + m[0].length, request),
            savings,
          };
          if (canEdit(part)) {
            const base = part.range[0] + line.start;
            finding.suggestions = [
              {
                desc: phrase.replacement === '' ? `Remove "${shown}".` : `Replace "${shown}" with "${matchCase(m[0], phrase.replacement)}".`,
                fix: { range: [base + edit.start, base + edit.end], text: edit.text },
              },
            ];
          }
          findings.push(finding);
        }
      }
    }
    return findings;
  },
});
