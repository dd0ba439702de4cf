import { describe, expect, it } from 'vitest';
import { APPROXIMATION_FACTORS, bpeCounter, defaultPriceTable, type LoopFact, type PromptDocument } from '../../src/index.js';
import { filler, lintWith, makeDocument, slot, type RequestSpec } from '../helpers.js';

const RULE = 'prefer-batch-api';
const o200k = bpeCounter('o200k_base');
const cl100k = bpeCounter('cl100k_base');
const table = defaultPriceTable();

const SYSTEM = filler(60); // ~480 tokens of fixed instructions
const ASK = 'Summarise this document in 5 bullet points:\n';

/** A code document whose single request sits in a loop; the loop fact spans the whole request text. */
function inLoop(spec: RequestSpec, loop: Omit<LoopFact, 'range'> | undefined, kind: PromptDocument['kind'] = 'code'): PromptDocument {
  const doc = makeDocument(spec, kind);
  if (loop) doc.requests[0]!.loop = { ...loop, range: [0, doc.text.length] };
  return doc;
}

const summarise = (model: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  model,
  outputLimit: { state: 'set', value: 500, name: 'max_completion_tokens' },
  messages: [['system', SYSTEM], ['user', ASK, slot('doc', 'document')]],
  ...extra,
});

describe(RULE, () => {
  it("flags one request per item of a collection; saving = 50% x (input x input price + output limit x output price)", () => {
    const doc = inLoop(summarise('gpt-4o'), { style: 'sequential', collection: 'docs' });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    const input = o200k.count(SYSTEM) + o200k.count(ASK);
    const gpt4o = table.resolve('gpt-4o')!;
    expect([gpt4o.input, gpt4o.output, gpt4o.batchDiscount]).toEqual([2.5, 10, 0.5]);
    // By hand: 0.5 x (input x $2.50 + 500 x $10) / 1M.
    expect(f.savings).toMatchObject({ tokens: null, tokenKind: 'input', confidence: 'estimate', model: 'gpt-4o' });
    expect(f.savings.usdPerCall).toBeCloseTo((0.5 * (input * 2.5 + 500 * 10)) / 1e6, 12);
    expect(f.savings.basis).toContain(`at least ${input.toLocaleString('en-US')} input tokens (dynamic slots not counted)`);
    expect(f.savings.basis).toContain('500 output tokens (the output limit `max_completion_tokens`, an upper bound)');
    expect(f.range).toEqual(doc.requests[0]!.range);
    expect(f.message).toContain('This request runs once per item of `docs` (awaited one by one) and no call needs the previous answer');
    expect(f.message).toContain('OpenAI `batches.create`, Anthropic `messages.batches.create`, Google `batches.create`');
    expect(f.message).toContain('takes 50% off for work that can wait 24 h');
    expect(f.message).toMatch(/; saves ~\$0\.00\d+\/call\.$/);
  });

  it("reproduces the seed's Anthropic batch on claude-3-7-sonnet with max_tokens 1024, and a monthly figure", () => {
    const doc = inLoop(
      { model: 'claude-3-7-sonnet', callsPerDay: 1000, outputLimit: { state: 'set', value: 1024, name: 'max_tokens' }, messages: [['user', 'Question ', slot('i', 'identifier')]] },
      { style: 'concurrent', collection: 'questions' },
    );
    const [f] = lintWith(RULE, doc);
    const input = Math.round(o200k.count('Question ') * APPROXIMATION_FACTORS.anthropic);
    // Sonnet: $3 input, $15 output, 50% batch discount.
    const perCall = (0.5 * (input * 3 + 1024 * 15)) / 1e6;
    expect(f!.savings.usdPerCall).toBeCloseTo(perCall, 12);
    expect(f!.savings.usdPerMonth).toBeCloseTo(perCall * 1000 * 30, 9);
    expect(f!.message).toContain('(fanned out concurrently)');
    expect(f!.message).toMatch(/saves ~\$[\d.]+\/call, ~\$[\d.]+\/month\.$/);
  });

  it('counts no output without an output limit, and says so', () => {
    const doc = inLoop({ ...summarise('gpt-4o-mini'), outputLimit: { state: 'absent' } }, { style: 'sequential', collection: 'docs' });
    const [f] = lintWith(RULE, doc);
    const input = o200k.count(SYSTEM) + o200k.count(ASK);
    // gpt-4o-mini: $0.15 input.
    expect(f!.savings.usdPerCall).toBeCloseTo((0.5 * input * 0.15) / 1e6, 12);
    expect(f!.savings.basis).toContain('output not counted (no output limit set)');
  });

  it('treats an output limit that is not a usable number as no limit (never NaN dollars)', () => {
    const doc = inLoop({ ...summarise('gpt-4o'), outputLimit: { state: 'set', value: Number.NaN, name: 'max_tokens' } }, { style: 'sequential' });
    const [f] = lintWith(RULE, doc);
    const input = o200k.count(SYSTEM) + o200k.count(ASK);
    expect(f!.savings.usdPerCall).toBeCloseTo((0.5 * input * 2.5) / 1e6, 12);
    expect(f!.message).not.toMatch(/NaN/);
  });

  it('tells embeddings calls to send an array; saving = 50% x input cost', () => {
    const text = 'Represent this passage for retrieval: ';
    const doc = inLoop(
      { model: 'text-embedding-3-small', api: 'embeddings', messages: [['user', text, slot('chunk', 'document')]] },
      { style: 'sequential', collection: 'chunks', embeddings: true },
    );
    const [f] = lintWith(RULE, doc);
    // text-embedding-3-small: cl100k_base, $0.02 input per 1M.
    expect(table.resolve('text-embedding-3-small')!.input).toBe(0.02);
    expect(f!.savings.usdPerCall).toBeCloseTo((0.5 * cl100k.count(text) * 0.02) / 1e6, 15);
    expect(f!.message).toContain('This embeddings request runs once per item of `chunks`');
    expect(f!.message).toContain('the endpoint takes an array of inputs, so send them in one call instead of one per item');
  });

  it('does not flag a loop where each call needs the previous answer, or a request outside a loop', () => {
    expect(lintWith(RULE, inLoop(summarise('gpt-4o'), { style: 'sequential', collection: 'steps', dependsOnPrevious: true }))).toHaveLength(0);
    expect(lintWith(RULE, inLoop(summarise('gpt-4o'), undefined))).toHaveLength(0);
  });

  it('applies to code only: a prompt file never carries a loop, and is skipped even if one did', () => {
    expect(lintWith(RULE, inLoop(summarise('gpt-4o'), { style: 'sequential', collection: 'docs' }, 'markdown-prompt'))).toHaveLength(0);
  });

  it('does not flag a model without a batch discount, or a self-hosted one', () => {
    const config = { models: { 'local-llm': { provider: 'other' as const, input: 1, output: 2 } } };
    expect(lintWith(RULE, inLoop(summarise('local-llm'), { style: 'sequential' }), undefined, config)).toHaveLength(0);
    expect(table.resolve('Llama 4 (405B)')!.selfHosted).toBe(true);
    expect(lintWith(RULE, inLoop(summarise('llama-4'), { style: 'sequential' }))).toHaveLength(0);
  });

  it('does not flag DeepSeek models: DeepSeek has no Batch API (PROVIDERS.md: OpenAI, Anthropic and Google take 50% off batches)', () => {
    for (const id of ['deepseek-chat', 'deepseek-v4']) {
      expect(table.resolve(id)!.batchDiscount).toBeNull();
      expect(lintWith(RULE, inLoop(summarise(id), { style: 'sequential', collection: 'docs' }))).toHaveLength(0);
    }
    // only the three providers whose Batch APIs the message names carry a discount
    const discounted = new Set(table.entries().filter((e) => e.batchDiscount !== null && !e.selfHosted).map((e) => e.provider));
    expect([...discounted].sort()).toEqual(['anthropic', 'google', 'openai']);
  });

  it('still flags for an unknown model, without a price, and says why', () => {
    const [f] = lintWith(RULE, inLoop(summarise('our-finetune'), { style: 'sequential' }));
    expect(f!.savings).toMatchObject({ tokens: null, usdPerCall: null, model: null });
    expect(f!.message).toContain('once per item of a collection');
    expect(f!.message).toContain('(unknown model "our-finetune": no price');
  });
});
