import { getEncoding } from 'js-tiktoken';
import { describe, expect, it } from 'vitest';
import { defaultPriceTable } from '../../src/index.js';
import { filler, lintWith, makeDocument, slot } from '../helpers.js';

const RULE = 'max-prompt-tokens';
// An independent tokenizer implementation (js-tiktoken), not the one the rule uses (gpt-tokenizer).
const o200k = getEncoding('o200k_base');
const cl100k = getEncoding('cl100k_base');
const count = (enc: typeof o200k, ...texts: string[]) => texts.reduce((n, t) => n + enc.encode(t).length, 0);
const table = defaultPriceTable();

const DOCUMENT = filler(1390, 'The contract clause'); // ~10,000 tokens
const QUESTION = 'Which clauses limit liability?';

describe(RULE, () => {
  it('flags a ~10,000-token prompt against the default budget of 8,000; saving = (T - 8,000) x input price', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', DOCUMENT], ['user', QUESTION]] });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    const total = count(o200k, DOCUMENT, QUESTION);
    expect(total).toBeGreaterThan(9500);
    expect(total).toBeLessThan(10500);
    expect(f.savings).toMatchObject({ tokens: total - 8000, tokenKind: 'input', confidence: 'exact', model: 'gpt-4o' });
    expect(f.savings.usdPerCall).toBeCloseTo(((total - 8000) * 2.5) / 1e6, 12);
    expect(f.range).toEqual(doc.requests[0]!.range);
    expect(f.message).toContain(`This prompt is ${total.toLocaleString('en-US')} input tokens, ${(total - 8000).toLocaleString('en-US')} over its budget of 8,000`);
    expect(f.message).toMatch(/for example a 50,000-token PDF summarised/);
    expect(f.message).toMatch(/getting down to the budget saves ~[\d,]+ input tokens\/call, ~\$0\.00\d+\/call/);
  });

  it('honours a custom budget, and 0 turns the budget check off', () => {
    const text = filler(300); // ~2,400 tokens
    const doc = makeDocument({ model: 'gpt-4o-mini', callsPerDay: 2000, messages: [['user', text]] });
    const total = count(o200k, text);
    expect(lintWith(RULE, doc)).toHaveLength(0);
    const [f] = lintWith(RULE, doc, { budget: 2000 });
    expect(f!.savings.tokens).toBe(total - 2000);
    // gpt-4o-mini: $0.15 input per 1M.
    expect(f!.savings.usdPerCall).toBeCloseTo(((total - 2000) * 0.15) / 1e6, 12);
    expect(f!.savings.usdPerMonth).toBeCloseTo((((total - 2000) * 0.15) / 1e6) * 2000 * 30, 9);
    expect(lintWith(RULE, makeDocument({ model: 'gpt-4o', messages: [['system', DOCUMENT]] }), { budget: 0 })).toHaveLength(0);
  });

  it('says "at least" and estimate when the prompt has dynamic slots', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', DOCUMENT], ['user', slot('question', 'input')]] });
    const [f] = lintWith(RULE, doc);
    expect(f!.savings.confidence).toBe('estimate');
    expect(f!.savings.tokens).toBe(count(o200k, DOCUMENT) - 8000);
    expect(f!.message).toMatch(/at least [\d,]+ input tokens \(dynamic slots not counted\)/);
  });

  it("flags a smaller prompt that, with its output limit, does not fit gpt-4's 8,192-token context window", () => {
    const gpt4 = table.resolve('gpt-4')!;
    expect(gpt4.contextWindow).toBe(8192);
    const text = filler(850); // ~6,800 tokens: under the 8,000 budget
    const total = count(cl100k, text);
    expect(total).toBeLessThan(8000);
    const doc = makeDocument({ model: 'gpt-4', outputLimit: { state: 'set', value: 2000, name: 'max_tokens' }, messages: [['user', text]] });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    const excess = total + 2000 - 8192;
    expect(excess).toBeGreaterThan(0);
    expect(f.savings).toMatchObject({ tokens: excess, tokenKind: 'input', confidence: 'exact', model: 'gpt-4' });
    // gpt-4: $30 input per 1M; counted with cl100k_base.
    expect(f.savings.usdPerCall).toBeCloseTo((excess * 30) / 1e6, 12);
    expect(f.message).toContain(`${total.toLocaleString('en-US')} input tokens + 2,000 output tokens (\`max_tokens\`) exceed gpt-4's context window of 8,192: the request cannot be sent as is`);
    expect(f.message).toContain('(or lower `max_tokens`)');
    // Without the output limit it fits.
    expect(lintWith(RULE, makeDocument({ model: 'gpt-4', messages: [['user', text]] }))).toHaveLength(0);
  });

  it('reports one finding, the context window one, when a prompt is over both; its saving is T - context window', () => {
    const doc = makeDocument({ model: 'gpt-4', messages: [['system', DOCUMENT], ['user', QUESTION]] });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const total = count(cl100k, DOCUMENT, QUESTION);
    expect(findings[0]!.savings.tokens).toBe(total - 8192);
    expect(findings[0]!.message).toContain(`cannot be sent as is (and ${(total - 8000).toLocaleString('en-US')} over the budget of 8,000)`);
  });

  it('applies contextWindowRatio', () => {
    const text = filler(850);
    const total = count(cl100k, text);
    const limit = Math.floor(8192 * 0.5);
    const [f] = lintWith(RULE, makeDocument({ model: 'gpt-4', messages: [['user', text]] }), { contextWindowRatio: 0.5 });
    expect(f!.savings.tokens).toBe(total - limit);
    expect(f!.message).toContain(`exceed 50% of gpt-4's context window (4,096 of 8,192)`);
    expect(f!.message).not.toContain('cannot be sent');
  });

  it('does not flag a prompt under budget and within the window', () => {
    const doc = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'set', value: 1000, name: 'max_tokens' }, messages: [['system', filler(500)], ['user', QUESTION]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
    expect(lintWith(RULE, makeDocument({ model: 'gpt-4o', messages: [['user', slot('everything', 'document')]] }))).toHaveLength(0);
  });

  it('still checks the budget for an unknown model, without a price and without a context window check', () => {
    const doc = makeDocument({ model: 'in-house-llm', messages: [['system', DOCUMENT]] });
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.savings).toMatchObject({ tokens: count(o200k, DOCUMENT) - 8000, usdPerCall: null, model: null, confidence: 'estimate' });
    expect(f!.savings.basis).toMatch(/unknown model "in-house-llm"/);
  });

  it('rejects bad options with a clear error', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['user', 'x']] });
    expect(() => lintWith(RULE, doc, { budget: 'big' })).toThrow(/budget: expected a number, got "big"/);
    expect(() => lintWith(RULE, doc, { contextWindowRatio: 2 })).toThrow(/contextWindowRatio: expected a number <= 1/);
  });
});
