import { describe, expect, it } from 'vitest';
import { APPROXIMATION_FACTORS, bpeCounter, defaultPriceTable } from '../../src/index.js';
import { filler, lintWith, makeDocument, slot, type RequestSpec } from '../helpers.js';

const RULE = 'no-dynamic-prefix';
const o200k = bpeCounter('o200k_base');
const table = defaultPriceTable();
const gpt4o = table.resolve('gpt-4o')!;
const opus45 = table.resolve('claude-opus-4-5')!;

/** Static instructions of a known size, counted here independently of the rule. */
const INSTRUCTIONS = filler(300); // ~2,400 tokens
const INSTRUCTIONS_TOKENS = o200k.count(INSTRUCTIONS);

describe(RULE, () => {
  it('flags a per-call slot before a static block; saving = static tokens after it x (input - cached input)', () => {
    const tail = 'Answer in one paragraph.';
    const doc = makeDocument({
      model: 'gpt-4o',
      messages: [
        ['system', 'Request id: ', slot('requestId', 'identifier'), '\n', INSTRUCTIONS],
        ['user', tail],
      ],
    });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    const after = o200k.count('\n') + INSTRUCTIONS_TOKENS + o200k.count(tail);
    expect(INSTRUCTIONS_TOKENS).toBeGreaterThan(2000);
    expect(f.savings).toMatchObject({ tokens: after, tokenKind: 'cached-input', confidence: 'exact', model: 'gpt-4o', usdPerMonth: null });
    // gpt-4o: $2.50 input, $1.25 cached input per 1M tokens.
    expect(gpt4o.input).toBe(2.5);
    expect(gpt4o.cachedInput).toBe(1.25);
    expect(f.savings.usdPerCall).toBeCloseTo((after * (2.5 - 1.25)) / 1e6, 12);
    // Reported at the slot itself, and the message carries the savings text.
    expect(doc.text.slice(f.range[0], f.range[1])).toBe('{{requestId}}');
    expect(f.message).toContain('`{{requestId}}` (identifier) changes on every call');
    expect(f.message).toContain(`before ${after.toLocaleString('en-US')} static tokens`);
    expect(f.message).toMatch(/saves ~[\d,]+ input tokens\/call, ~\$0\.00\d+\/call/);
  });

  it('an unknown slot may not change at all (a deployment constant): worst case, said as such, confidence upper-bound', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', 'You work for ', slot('COMPANY'), '.\n', INSTRUCTIONS]] });
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    const after = o200k.count('.\n') + INSTRUCTIONS_TOKENS;
    expect(f!.savings).toMatchObject({ tokens: after, tokenKind: 'cached-input', confidence: 'upper-bound', model: 'gpt-4o' });
    expect(f!.savings.usdPerCall).toBeCloseTo((after * (2.5 - 1.25)) / 1e6, 12);
    expect(f!.savings.basis).toMatch(/^worst case, the value differs on every call: /);
    expect(f!.message).not.toContain('changes on every call');
    expect(f!.message).toContain('`{{COMPANY}}` (unknown value) may change between calls: if it does, it comes before');
    expect(f!.message).toMatch(/; at worst saves ~[\d,]+ input tokens\/call/);
  });

  it('a user-data slot changes per user: worst case every call from a new user, confidence upper-bound, said as such', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', 'The user is ', slot('user_name', 'user-data'), '.\n', INSTRUCTIONS]] });
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    const after = o200k.count('.\n') + INSTRUCTIONS_TOKENS;
    expect(f!.savings).toMatchObject({ tokens: after, tokenKind: 'cached-input', confidence: 'upper-bound' });
    expect(f!.savings.usdPerCall).toBeCloseTo((after * (2.5 - 1.25)) / 1e6, 12);
    expect(f!.savings.basis).toMatch(/^worst case, every call from a different user: /);
    expect(f!.message).toContain('`{{user_name}}` (user data) changes per user');
    expect(f!.message).not.toContain('changes on every call');
  });

  it('gives a per-month figure for a per-call slot when the call rate is known', () => {
    const doc = makeDocument({ model: 'gpt-4o', callsPerDay: 1000, messages: [['system', slot('user_name', 'user-data'), INSTRUCTIONS]] });
    const [f] = lintWith(RULE, doc);
    expect(f!.savings.usdPerMonth).toBeCloseTo(((INSTRUCTIONS_TOKENS * 1.25) / 1e6) * 1000 * 30, 9);
  });

  it('does not flag a date after the static block (the seed: put the cacheable part first)', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', INSTRUCTIONS, 'Today is ', slot('today', 'date')]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
    // A trailing newline after the slot is no static block either.
    const newline = makeDocument({ model: 'gpt-4o', messages: [['system', INSTRUCTIONS, 'Today is ', slot('today', 'date'), '\n\n']] });
    expect(lintWith(RULE, newline)).toHaveLength(0);
  });

  it('ignores a tail shorter than one 128-token cache step by default; minStaticTokens sets the floor', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', INSTRUCTIONS, 'Today is ', slot('today', 'date'), '.']] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
    const [crumb, ...rest] = lintWith(RULE, doc, { minStaticTokens: 0 });
    expect(rest).toHaveLength(0);
    expect(crumb!.savings.tokens).toBe(o200k.count('.'));
  });

  it('takes the cacheable minimum from the price table: 1,024 for gpt-4o, 4,096 for claude-opus-4-5', () => {
    expect(gpt4o.minCacheableTokens).toBe(1024);
    expect(opus45.minCacheableTokens).toBe(4096);
    const block = filler(250); // ~2,000 tokens: cacheable on gpt-4o, not on Opus 4.5
    const blockTokens = o200k.count(block);
    expect(blockTokens).toBeGreaterThan(1024);
    expect(Math.round(blockTokens * APPROXIMATION_FACTORS.anthropic)).toBeLessThan(4096);
    const onGpt = makeDocument({ model: 'gpt-4o', messages: [['system', slot('now', 'timestamp'), block]] });
    const onOpus = makeDocument({ model: 'claude-opus-4-5', messages: [['system', slot('now', 'timestamp'), block]] });
    expect(lintWith(RULE, onGpt)).toHaveLength(1);
    expect(lintWith(RULE, onOpus)).toHaveLength(0);
  });

  it('does not flag a prompt whose static text could never be cached (below the minimum in total)', () => {
    const small = filler(100); // ~800 tokens < 1,024
    expect(o200k.count(small)).toBeLessThan(1024);
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', slot('now', 'timestamp'), small]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('counts static tokens before the slot towards the minimum (B + A)', () => {
    const before = filler(80); // ~640
    const after = filler(80, 'Cite the source'); // ~640
    expect(o200k.count(before)).toBeLessThan(1024);
    expect(o200k.count(after)).toBeLessThan(1024);
    expect(o200k.count(before) + o200k.count(after)).toBeGreaterThanOrEqual(1024);
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', before, slot('docs', 'document'), after]] });
    const [f] = lintWith(RULE, doc);
    expect(f!.savings.tokens).toBe(o200k.count(after));
  });

  it('flags a date before the static block as one cache miss a day', () => {
    // The seed's bad example: "오늘 날짜는 {today}입니다..." at the top of the system prompt.
    const head = '오늘 날짜는 ';
    const rest = `입니다.\n${INSTRUCTIONS}`;
    const spec: RequestSpec = { model: 'gpt-4o', messages: [['system', head, slot('today', 'date'), rest]] };
    const after = o200k.count(rest);
    const perMiss = (after * (2.5 - 1.25)) / 1e6;

    // Call rate unknown: per call, the worst case (every call a miss); per month one miss a day.
    const [unknownRate] = lintWith(RULE, makeDocument(spec));
    expect(unknownRate!.savings).toMatchObject({ tokens: after, tokenKind: 'cached-input', confidence: 'upper-bound' });
    expect(unknownRate!.savings.usdPerCall).toBeCloseTo(perMiss, 12);
    expect(unknownRate!.savings.usdPerMonth).toBeCloseTo(perMiss * 30, 12);
    expect(unknownRate!.savings.basis).toMatch(/one cache miss a day/);
    expect(unknownRate!.message).toMatch(/`\{\{today\}\}` \(date\) changes daily/);
    expect(unknownRate!.message).toMatch(/one miss a day/);

    // 500 calls a day: the miss is shared by the day's calls; the month is still 30 misses.
    const [known] = lintWith(RULE, makeDocument({ ...spec, callsPerDay: 500 }));
    expect(known!.savings.confidence).toBe('estimate');
    expect(known!.savings.usdPerCall).toBeCloseTo(perMiss / 500, 12);
    expect(known!.savings.usdPerMonth).toBeCloseTo(perMiss * 30, 12);

    // Fewer than one call a day: every call is a miss.
    const [rare] = lintWith(RULE, makeDocument({ ...spec, callsPerDay: 0.5 }));
    expect(rare!.savings.usdPerCall).toBeCloseTo(perMiss, 12);
    expect(rare!.savings.usdPerMonth).toBeCloseTo(perMiss * 0.5 * 30, 12);
  });

  it('reports only the first slot, counting all later static text, and says the later slots must move too', () => {
    const a = filler(100);
    const b = filler(100, 'Use the glossary');
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', slot('today', 'date'), a, slot('userName', 'user-data'), b], ['user', slot('question', 'input')]] });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.savings.tokens).toBe(o200k.count(a) + o200k.count(b));
    expect(findings[0]!.message).toMatch(/and the 1 later dynamic slot before static text/);
  });

  it('stays silent when the input slot is last (nothing after it to cache)', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', INSTRUCTIONS], ['user', slot('question', 'input')]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('stays silent when the text is not a shared prefix (sharedPrefix: false)', () => {
    const doc = makeDocument({ model: 'gpt-4o', sharedPrefix: false, messages: [['user', slot('selection', 'input'), INSTRUCTIONS]] }, 'vscode-prompt');
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('stays silent for an unknown model, no model, or a model without caching', () => {
    const messages: RequestSpec['messages'] = [['system', slot('now', 'timestamp'), INSTRUCTIONS]];
    const unknown = makeDocument({ model: 'my-private-model', messages });
    const none = makeDocument({ messages });
    const gpt4 = makeDocument({ model: 'gpt-4', messages });
    expect(table.resolve('gpt-4')!.cachedInput).toBeNull();
    expect(lintWith(RULE, unknown)).toHaveLength(0);
    expect(lintWith(RULE, none)).toHaveLength(0);
    expect(lintWith(RULE, gpt4)).toHaveLength(0);
    // The default model from the configuration counts as a named model.
    expect(lintWith(RULE, none, undefined, { defaultModel: 'gpt-4o' })).toHaveLength(1);
  });

  it('uses the approximate tokenizer for Anthropic models and says estimate', () => {
    const big = filler(600); // ~4,800 tokens, over Opus 4.5's 4,096
    const doc = makeDocument({ model: 'claude-opus-4-5', messages: [['system', slot('now', 'timestamp'), big]] });
    const [f] = lintWith(RULE, doc);
    const tokens = Math.round(o200k.count(big) * APPROXIMATION_FACTORS.anthropic);
    expect(f!.savings).toMatchObject({ tokens, confidence: 'estimate', model: 'claude-opus-4-5' });
    // Opus 4.5: $5 input, $0.50 cache read.
    expect(f!.savings.usdPerCall).toBeCloseTo((tokens * (5 - 0.5)) / 1e6, 12);
  });

  it('rejects bad options with a clear error', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', 'x']] });
    expect(() => lintWith(RULE, doc, { minStaticTokens: -1 })).toThrow(/minStaticTokens: expected a number >= 0/);
  });
});
