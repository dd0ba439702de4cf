import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { bpeCounter, counterFor, defaultPriceTable, encodingFor } from '../src/index.js';

const samples = [
  'Hello, world! This is a prompt.',
  '당신은 전문 번역가입니다. 이 책을 500단어 이내로 요약해줘.',
  '{\n  "user_name": "홍길동",\n  "user_age": 30,\n  "user_email": "hong@example.com"\n}',
  'function f(x) {\n\treturn x   *  2;   \n}\n\n\n\n',
  '<|endoftext|> is plain text in a prompt',
  '日本語のテキストと中文文本，混在しています。',
  'a'.repeat(3000),
  '   leading and trailing   ',
];

describe('tokenizer', () => {
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
    it(`agrees with js-tiktoken on ${encoding}`, () => {
      const oracle = getEncoding(encoding);
      const c = bpeCounter(encoding);
      for (const s of samples) {
        expect(c.count(s), s.slice(0, 30)).toBe(oracle.encode(s, [], []).length);
      }
    });
  }

  it('counts a BOM as nothing (gpt-tokenizer and tiktoken disagree on it)', () => {
    const c = bpeCounter('o200k_base');
    expect(c.count('\uFEFFhello')).toBe(c.count('hello'));
  });

  it('memoizes and stays exact on repeated counts', () => {
    const c = bpeCounter('o200k_base');
    const t = 'memo test '.repeat(50);
    expect(c.count(t)).toBe(c.count(t));
  });

  it('uses each OpenAI model its own encoding and approximates other providers', () => {
    const prices = defaultPriceTable();
    expect(encodingFor(prices.resolve('gpt-4o'))).toBe('o200k_base');
    expect(encodingFor(prices.resolve('gpt-4'))).toBe('cl100k_base');
    expect(counterFor('openai', 'cl100k_base').exact).toBe(true);
    const claude = counterFor('anthropic');
    expect(claude.exact).toBe(false);
    expect(claude.description).toMatch(/approximated/);
  });
});
