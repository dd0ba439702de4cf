import { describe, expect, it } from 'vitest';
import { bpeCounter, ConfigError, presetRules, type Finding, type PromptDocument } from '../../src/index.js';
import { FILLER_PHRASES } from '../../src/rules/no-filler-phrases.js';
import { lintWith, makeDocument } from '../helpers.js';

const RULE = 'no-filler-phrases';
const o200k = bpeCounter('o200k_base');
const saved = (before: string, after: string): number => o200k.count(before) - o200k.count(after);

const userDoc = (body: string): PromptDocument => makeDocument({ model: 'gpt-4o', messages: [['user', body]] });

/** Applies the first suggestion of each finding (what an editor would do on request). */
function applySuggestions(text: string, findings: Finding[]): string {
  const fixes = findings.flatMap((f) => (f.suggestions ? [f.suggestions[0]!.fix] : [])).sort((a, b) => b.range[0] - a.range[0]);
  for (const f of fixes) text = text.slice(0, f.range[0]) + f.text + text.slice(f.range[1]);
  return text;
}

describe(RULE, () => {
  it("flags the seed's English framing (strategy 15) and suggests Q:/A:", () => {
    const q = 'The user asked the following question: "What is the weather today?"';
    const a = 'The system responded as follows: "It is sunny."';
    const doc = userDoc(`${q}\n${a}`);
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(2);
    expect(findings[0]!.savings).toMatchObject({ tokens: saved(q, 'Q: "What is the weather today?"'), tokenKind: 'input', confidence: 'exact', model: 'gpt-4o' });
    expect(findings[0]!.savings.usdPerCall).toBeCloseTo((findings[0]!.savings.tokens! * 2.5) / 1e6, 12);
    expect(findings[1]!.savings.tokens).toBe(saved(a, 'A: "It is sunny."'));
    expect(findings[0]!.range).toEqual([0, 'The user asked the following question:'.length]);
    expect(findings[0]!.message).toMatch(/^Filler phrase "The user asked the following question:": write "Q:"; saves ~\d+ input tokens\/call/);
    expect(findings.every((f) => f.fix === undefined)).toBe(true);
    expect(applySuggestions(doc.text, findings)).toBe('Q: "What is the weather today?"\nA: "It is sunny."\n');
  });

  it("flags the seed's Korean framing", () => {
    const q = '사용자가 다음과 같이 질문했습니다: "오늘 날씨는 어때요?"';
    const a = '시스템이 다음과 같이 응답했습니다: "오늘은 맑습니다."';
    const doc = userDoc(`${q}\n${a}`);
    const findings = lintWith(RULE, doc);
    expect(findings.map((f) => f.savings.tokens)).toEqual([saved(q, 'Q: "오늘 날씨는 어때요?"'), saved(a, 'A: "오늘은 맑습니다."')]);
    expect(applySuggestions(doc.text, findings)).toBe('Q: "오늘 날씨는 어때요?"\nA: "오늘은 맑습니다."\n');
  });

  it('Korean phrases attach to the word before them', () => {
    const doc = userDoc('규칙은 다음과 같습니다:\n- 정확하게 답변하는 것이 중요합니다.\n- 표를 사용해 주시기 바랍니다.');
    const findings = lintWith(RULE, doc);
    expect(findings.map((f) => f.savings.tokens)).toEqual([
      saved('규칙은 다음과 같습니다:', '규칙:'),
      saved('- 정확하게 답변하는 것이 중요합니다.', '- 정확하게 답변하세요.'),
      saved('- 표를 사용해 주시기 바랍니다.', '- 표를 사용해 주세요.'),
    ]);
    expect(applySuggestions(doc.text, findings)).toBe('규칙:\n- 정확하게 답변하세요.\n- 표를 사용해 주세요.\n');
  });

  it('is case-insensitive in English, respects word boundaries and keeps the case of the text', () => {
    const line = 'Answer in order to help. IN ORDER TO test. Inorder to x. Reorder to y. It has the ability to search.';
    const findings = lintWith(RULE, userDoc(line));
    expect(findings.map((f) => f.suggestions![0]!.fix.text)).toEqual(['to', 'To', 'can']);
    expect(findings[0]!.savings.tokens).toBe(saved(line, line.replace('in order to', 'to')));
    expect(findings[2]!.savings.tokens).toBe(saved(line, line.replace('has the ability to', 'can')));
  });

  it('drops a phrase with the space after it, capitalising the start of a sentence only', () => {
    const body = 'Please note that the answer must be short.\nCheck twice, and I would like you to cite sources.\n- It is important to note that dates matter.';
    const doc = userDoc(body);
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(3);
    expect(findings[0]!.savings.tokens).toBe(saved('Please note that the answer must be short.', 'The answer must be short.'));
    expect(findings[0]!.message).toMatch(/"Please note that": drop it/);
    expect(applySuggestions(doc.text, findings)).toBe('The answer must be short.\nCheck twice, and cite sources.\n- Dates matter.\n');
  });

  it('matches phrases across runs of spaces and tabs', () => {
    const [f] = lintWith(RULE, userDoc('Due  to the\tfact that prices change, check the date.'));
    expect(f!.message).toMatch(/"Due to the fact that": write "Because"/);
    expect(f!.savings.tokens).toBe(saved('Due  to the\tfact that prices change, check the date.', 'Because prices change, check the date.'));
  });

  it('takes extraPhrases (new or overriding) and ignore', () => {
    const body = 'Kindly make sure to cite sources. Please note that dates matter. In order to help, be brief.';
    const extra = lintWith(RULE, userDoc(body), {
      extraPhrases: [
        { phrase: 'Kindly make sure to', replacement: '' },
        { phrase: 'in order to', replacement: 'To' },
      ],
      ignore: ['PLEASE NOTE THAT'],
    });
    expect(extra.map((f) => body.slice(f.range[0], f.range[1]))).toEqual(['Kindly make sure to', 'In order to']);
    expect(extra[0]!.savings.tokens).toBe(saved(body, body.replace('Kindly make sure to c', 'C')));
    // a replacement that saves nothing is not reported
    expect(lintWith(RULE, userDoc('Say hello.'), { extraPhrases: [{ phrase: 'hello', replacement: 'hello' }] })).toHaveLength(0);
  });

  it('rejects malformed options with a one-line configuration error', () => {
    expect(() => lintWith(RULE, userDoc('x'), { extraPhrases: 'Please note that' })).toThrow(ConfigError);
    expect(() => lintWith(RULE, userDoc('x'), { ignore: [1] })).toThrow(/options\.ignore\[0\]: expected a string, got 1/);
  });

  it('does not flag plain, direct text', () => {
    const body = 'Q: What is the weather today?\nA: Sunny.\nTo find the price, use the table. Because prices change, check the date.\n오늘 날씨를 간단히 답하세요.';
    expect(lintWith(RULE, userDoc(body))).toHaveLength(0);
  });

  it('reports at the part range without a suggestion when the part is not exact', () => {
    const content = 'Please note that "quotes" matter.';
    const text = `const p = ${JSON.stringify(content)};`;
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [{ range: [0, text.length], model: { value: 'gpt-4o' }, messages: [{ role: 'system', parts: [{ type: 'static', text: content, range: [10, text.length - 1], exact: false }] }] }],
    };
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.range).toEqual([10, text.length - 1]);
    expect(f!.suggestions).toBeUndefined();
    expect(f!.savings.tokens).toBe(saved(content, '"Quotes" matter.'));
  });

  it('every built-in phrase saves tokens in a plain sentence', () => {
    for (const { phrase, replacement } of FILLER_PHRASES) {
      const korean = /[\p{Script=Hangul}]/u.test(phrase);
      const sentence = korean ? `${phrase} 확인` : `${phrase} the report is ready.`;
      const [f] = lintWith(RULE, userDoc(sentence));
      expect(f, phrase).toBeDefined();
      expect(f!.savings.tokens, phrase).toBeGreaterThan(0);
      if (replacement !== '') expect(f!.suggestions![0]!.fix.text.toLowerCase(), phrase).toBe(replacement.toLowerCase());
    }
    expect(FILLER_PHRASES.length).toBeGreaterThanOrEqual(20);
  });

  it('counts a very long line in a window around each phrase, with the same result as the whole line', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`);
    const line = `${words.slice(0, 700).join(' ')}. Please note that the value is set. ${words.slice(700).join(' ')}`;
    expect(line.length).toBeGreaterThan(2000);
    const [f] = lintWith(RULE, userDoc(line));
    expect(f!.savings.tokens).toBe(saved(line, line.replace('Please note that the', 'The')));
    expect(f!.savings.basis).toMatch(/^count\(text around the phrase with the phrase\)/);
  });

  it('is in strict, not in recommended', () => {
    expect(presetRules('strict')[RULE]).toBe('warn');
    expect(presetRules('recommended')[RULE]).toBeUndefined();
  });
});
