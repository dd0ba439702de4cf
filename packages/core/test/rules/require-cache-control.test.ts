import { describe, expect, it } from 'vitest';
import { APPROXIMATION_FACTORS, bpeCounter, defaultPriceTable } from '../../src/index.js';
import { filler, lintWith, makeDocument, slot, type RequestSpec } from '../helpers.js';

const RULE = 'require-cache-control';
const o200k = bpeCounter('o200k_base');
const table = defaultPriceTable();
/** Anthropic counts are approximated from o200k_base; computed here independently of the rule. */
const anthropicTokens = (...texts: string[]) => texts.reduce((n, t) => n + Math.round(o200k.count(t) * APPROXIMATION_FACTORS.anthropic), 0);

const SYSTEM = filler(190); // ~1,500 tokens: over Sonnet's 1,024, under Haiku 3.5's 2,048
const none = { state: 'none' } as const;

describe(RULE, () => {
  it("flags the seed's Sonnet example: a static system prompt without cache_control; saving = P x ($3 - $0.30) / 1M", () => {
    // The seed names the model "claude-3-7-sonnet" and prices it $3 input, $0.30 cache hit, $3.75 cache write.
    const question = 'Translate the attached text.';
    const doc = makeDocument({ model: 'claude-3-7-sonnet', api: 'anthropic-messages', cache: none, messages: [['system', SYSTEM], ['user', question, slot('doc', 'document')]] });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    const sonnet = table.resolve('claude-3-7-sonnet')!;
    expect([sonnet.input, sonnet.cachedInput, sonnet.cacheWrite]).toEqual([3, 0.3, 3.75]);
    // The leading static prefix runs across messages up to the first slot.
    const p = anthropicTokens(SYSTEM, question);
    expect(f.savings).toMatchObject({ tokens: p, tokenKind: 'cached-input', confidence: 'estimate', model: 'claude-3-7-sonnet' });
    expect(f.savings.usdPerCall).toBeCloseTo((p * 2.7) / 1e6, 12);
    expect(f.savings.basis).toMatch(/cache write at \$3\.75\/1M \(1\.25x input\) once per 5-minute TTL/);
    expect(f.range).toEqual(doc.requests[0]!.range);
    expect(f.message).toContain(`A ${p.toLocaleString('en-US')}-token static prefix is sent to claude-3-7-sonnet without \`cache_control\``);
    expect(f.message).toContain('`cache_control: { type: "ephemeral" }`');
    expect(f.message).toContain('10% of the input price');
    expect(f.message).toMatch(/saves ~[\d,]+ input tokens\/call, ~\$0\.00\d+\/call/);
  });

  it('resolves the seed name "Claude Sonnet" to the same entry and gives a monthly figure with a call rate', () => {
    const doc = makeDocument({ model: 'Claude Sonnet', callsPerDay: 100, cache: none, messages: [['system', SYSTEM]] });
    const [f] = lintWith(RULE, doc);
    const p = anthropicTokens(SYSTEM);
    expect(f!.savings.model).toBe('claude-3-7-sonnet');
    expect(f!.savings.usdPerMonth).toBeCloseTo(((p * 2.7) / 1e6) * 100 * 30, 9);
  });

  it('names the ai SDK option for ai SDK requests', () => {
    const doc = makeDocument({ model: 'claude-sonnet-4-5', api: 'ai-sdk', cache: none, messages: [['system', SYSTEM]] });
    expect(lintWith(RULE, doc)[0]!.message).toContain('providerOptions: { anthropic: { cacheControl: { type: "ephemeral" } } }');
  });

  it("takes the minimum from the price table: not flagged on Haiku 3.5 (2,048), flagged on Sonnet (1,024)", () => {
    const p = anthropicTokens(SYSTEM);
    expect(p).toBeGreaterThanOrEqual(1024);
    expect(p).toBeLessThan(2048);
    expect(table.resolve('claude-3-5-haiku')!.minCacheableTokens).toBe(2048);
    expect(table.resolve('claude-sonnet-4')!.minCacheableTokens).toBe(1024);
    const spec = (model: string): RequestSpec => ({ model, cache: none, messages: [['system', SYSTEM]] });
    expect(lintWith(RULE, makeDocument(spec('claude-3-5-haiku')))).toHaveLength(0);
    expect(lintWith(RULE, makeDocument(spec('claude-sonnet-4')))).toHaveLength(1);
  });

  it('counts only the prefix before the first slot', () => {
    const small = filler(60); // ~480 tokens before the slot, the big block after it
    const doc = makeDocument({ model: 'claude-sonnet-4', cache: none, messages: [['system', small, slot('today', 'date'), SYSTEM]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('does not flag an OpenAI model (automatic caching)', () => {
    const doc = makeDocument({ model: 'gpt-4o', cache: none, messages: [['system', SYSTEM]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('does not flag a request that is marked, unknown, or where caching markers do not apply', () => {
    const base = { model: 'claude-3-7-sonnet', messages: [['system', SYSTEM]] } satisfies RequestSpec;
    expect(lintWith(RULE, makeDocument({ ...base, cache: { state: 'marked' } }))).toHaveLength(0);
    expect(lintWith(RULE, makeDocument({ ...base, cache: { state: 'unknown', reason: 'spread' } }))).toHaveLength(0);
    expect(lintWith(RULE, makeDocument(base))).toHaveLength(0);
  });

  it('stays silent for an unknown model', () => {
    const doc = makeDocument({ model: 'claude-99-secret', provider: 'anthropic', cache: none, messages: [['system', SYSTEM]] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('rejects options it does not have', () => {
    const doc = makeDocument({ model: 'claude-3-7-sonnet', messages: [['system', 'x']] });
    expect(() => lintWith(RULE, doc, { budget: 1 })).toThrow(/unknown option "budget"/);
  });
});
