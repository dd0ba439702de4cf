import { describe, expect, it } from 'vitest';
import { defaultPriceTable, presetRules, type PromptDocument } from '../../src/index.js';
import { lintWith, makeDocument, type RequestSpec } from '../helpers.js';

const RULE = 'require-length-limit';
const gpt4o = defaultPriceTable().resolve('gpt-4o')!;

const ask = (body: string, extra: Partial<RequestSpec> = {}, kind: PromptDocument['kind'] = 'markdown-prompt'): PromptDocument =>
  makeDocument({ model: 'gpt-4o', outputLimit: { state: 'absent' }, messages: [['user', body]], ...extra }, kind);

describe(RULE, () => {
  it('flags the seed\'s "이 책을 자세히 요약해줘": exposure = max output - a bounded answer, at the output price', () => {
    const doc = ask('이 책을 자세히 요약해줘');
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    // gpt-4o: 16,384 max output tokens - 1,000 = 15,384 output tokens x $10 / 1M = $0.15384
    expect(gpt4o.maxOutput).toBe(16384);
    expect(gpt4o.output).toBe(10);
    expect(f!.savings).toMatchObject({ tokens: 15384, tokenKind: 'output', confidence: 'upper-bound', model: 'gpt-4o' });
    expect(f!.savings.usdPerCall).toBeCloseTo(0.15384, 12);
    expect(f!.savings.basis).toMatch(/^worst case: the model's maximum output \(16,384 tokens\) - a bounded answer \(1,000 tokens\) x output price/);
    // reported at the phrase
    const at = doc.text.indexOf('자세히');
    expect(f!.range).toEqual([at, at + 3]);
    expect(f!.message).toMatch(/^"자세히" asks for open-ended length and the prompt states no bound/);
  });

  it('does not flag the seed\'s bounded version ("500단어 이내로 ... 핵심 포인트 5개")', () => {
    expect(lintWith(RULE, ask('이 책을 500단어 이내로 요약해줘.\n- 핵심 포인트 5개\n- 각 포인트당 100단어'))).toHaveLength(0);
  });

  it('flags English open-ended requests, once per request at the first phrase', () => {
    const body = 'Summarise the report. Explain the risks in detail and be thorough.';
    const [f, ...rest] = lintWith(RULE, ask(body));
    expect(rest).toHaveLength(0);
    expect(body.slice(f!.range[0], f!.range[1])).toBe('in detail');
    expect(f!.message).toMatch(/\(and 1 more such phrase\)/);
    for (const phrase of ['a detailed answer', 'a comprehensive review', 'as much as possible', 'an exhaustive list', 'Elaborate on each step', 'explain everything', 'an in-depth analysis', 'In Detail']) {
      expect(lintWith(RULE, ask(`Write ${phrase}.`)), phrase).toHaveLength(1);
    }
    for (const phrase of ['상세히', '상세하게', '자세하게', '길게', '최대한 많이', '빠짐없이']) {
      expect(lintWith(RULE, ask(`이 문서를 ${phrase} 설명해줘`)), phrase).toHaveLength(1);
    }
  });

  it('a bound stated anywhere in the request silences it', () => {
    const bounded = [
      'Explain in detail, in under 200 words.',
      'Explain in detail. At most 5 bullet points.',
      'Explain in detail in 3 sentences.',
      'Give a detailed answer in one paragraph.',
      'Be detailed but concise.',
      'Briefly explain everything.',
      'Write a detailed 300-word summary.',
      '자세히 설명하되 300자 이내로.',
      '자세히 설명해줘. 3문장으로.',
      '자세히 세 줄로 설명해줘.',
      '자세히, 하지만 간단히 답해줘.',
    ];
    for (const body of bounded) expect(lintWith(RULE, ask(body)), body).toHaveLength(0);
    // the bound may sit in another message of the request (the system prompt)
    const doc = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'absent' }, messages: [['system', 'Answer in at most 100 words.'], ['user', 'Explain it in detail.']] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('negated requests are not open-ended', () => {
    for (const body of ['Do not write a detailed answer.', "Don't be exhaustive.", '길게 쓰지 마세요.', '자세히 설명하지 않아도 됩니다.']) {
      expect(lintWith(RULE, ask(body)), body).toHaveLength(0);
    }
  });

  it('an output limit at or below maxBoundedOutput is a bound; a higher one is the cap of the exposure', () => {
    expect(lintWith(RULE, ask('Explain in detail.', { outputLimit: { state: 'set', value: 2000, name: 'max_tokens' } }))).toHaveLength(0);
    expect(lintWith(RULE, ask('Explain in detail.', { outputLimit: { state: 'set', value: 4000, name: 'max_tokens' } }), { maxBoundedOutput: 4000 })).toHaveLength(0);
    const [f] = lintWith(RULE, ask('Explain in detail.', { outputLimit: { state: 'set', value: 8000, name: 'max_tokens' } }));
    expect(f!.savings.tokens).toBe(8000 - 1000);
    expect(f!.savings.usdPerCall).toBeCloseTo((7000 * 10) / 1e6, 12);
    expect(f!.savings.basis).toMatch(/the output limit `max_tokens: 8,000` \(8,000 tokens\)/);
  });

  it('stays silent when the output limit is unknown (it may be a bound)', () => {
    expect(lintWith(RULE, ask('Explain in detail.', { outputLimit: { state: 'unknown', reason: 'spread' } }))).toHaveLength(0);
  });

  it('typicalBoundedOutput sets the bounded answer the exposure is measured against', () => {
    const [f] = lintWith(RULE, ask('자세히 요약해줘'), { typicalBoundedOutput: 500 });
    expect(f!.savings.tokens).toBe(16384 - 500);
  });

  it('an unknown model gives no token figure and no price, and says why', () => {
    const [f] = lintWith(RULE, ask('Explain in detail.', { model: 'my-private-model' }));
    expect(f!.savings).toMatchObject({ tokens: null, usdPerCall: null, model: null, confidence: 'upper-bound' });
    expect(f!.savings.basis).toMatch(/unknown model "my-private-model"/);
  });

  it('ignores assistant turns and agent instruction files', () => {
    const fewShot = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'absent' }, messages: [['user', 'Summarise the report.'], ['assistant', 'Here is a detailed summary.']] });
    expect(lintWith(RULE, fewShot)).toHaveLength(0);
    expect(lintWith(RULE, ask('Explain every change in detail.', {}, 'agent-instructions'))).toHaveLength(0);
  });

  it('reports at the part range when the part is not exact', () => {
    const content = 'Explain "this" in detail.';
    const text = `const p = ${JSON.stringify(content)};`;
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [{ range: [0, text.length], model: { value: 'gpt-4o' }, outputLimit: { state: 'absent' }, messages: [{ role: 'user', parts: [{ type: 'static', text: content, range: [10, text.length - 1], exact: false }] }] }],
    };
    expect(lintWith(RULE, doc)[0]!.range).toEqual([10, text.length - 1]);
  });

  it('reads a number followed by a unit as a bound exactly as the plain patterns do (differential, seeded)', () => {
    // The patterns the rule used before it scanned numbers itself (they backtrack on `1,1,1,...`).
    const UNIT = String.raw`(?:words?|sentences?|paragraphs?|bullet points?|bullets?|points?|characters?|chars|tokens?|lines?|items?)`;
    const english = new RegExp(String.raw`\b\d[\d,]*(?:\s+|-)(?:short\s+)?${UNIT}\b`, 'iu');
    const korean = /\d[\d,]*\s*(?:단어|글자|자|문장|개|줄|문단|단락|토큰|항목)/u;
    // Pieces that make numbers, separators, units, word characters before a number (K: U+212A, a word character under `iu`).
    const pieces = ['1', '23', ',', ',5', 'a1,5', 'b2,', ' ', '  ', '\t', '\n', '-', 'words', 'Word', 'wordsmith', 'short ', 'bullet points', 'x', '_', '\u212a', '\u017f', '단어', '개', '자', '.'];
    let seed = 0x5eed;
    const next = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let bounded = 0;
    for (let n = 0; n < 3000; n++) {
      let tail = '';
      const len = 1 + Math.floor(next() * 8);
      for (let k = 0; k < len; k++) tail += pieces[Math.floor(next() * pieces.length)];
      const body = `Explain in detail: ${tail}`;
      const expected = english.test(body) || korean.test(body) ? 0 : 1;
      bounded += 1 - expected;
      expect(lintWith(RULE, ask(body)), JSON.stringify(body)).toHaveLength(expected);
    }
    // both outcomes are well represented
    expect(bounded).toBeGreaterThan(200);
    expect(bounded).toBeLessThan(2700);
  });

  it('long runs of digits and commas: a unit only at the end of the run is a bound', () => {
    const ones = '1,'.repeat(20_000);
    expect(lintWith(RULE, ask(`Explain in detail: ${ones}`))).toHaveLength(1);
    expect(lintWith(RULE, ask(`Explain in detail: [${ones}1]`))).toHaveLength(1);
    expect(lintWith(RULE, ask(`Explain in detail: ${ones}1 words`))).toHaveLength(0);
    expect(lintWith(RULE, ask(`Explain in detail: ${ones}1-word answer`))).toHaveLength(0);
    expect(lintWith(RULE, ask(`자세히 설명해줘: ${ones}1개`))).toHaveLength(0);
    // after a letter, only a digit that follows a comma starts at a word boundary
    expect(lintWith(RULE, ask('Explain in detail: a1,5 words'))).toHaveLength(0);
    expect(lintWith(RULE, ask('Explain in detail: a15 words'))).toHaveLength(1);
    expect(lintWith(RULE, ask(`Explain in detail: ${ones.replace(/,/g, '')} words`))).toHaveLength(0);
    expect(lintWith(RULE, ask(`Explain in detail: x${ones.replace(/,/g, '')} words`))).toHaveLength(1);
  });

  it('is in strict, not in recommended', () => {
    expect(presetRules('strict')[RULE]).toBe('warn');
    expect(presetRules('recommended')[RULE]).toBeUndefined();
  });
});
