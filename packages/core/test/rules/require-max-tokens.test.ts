import { describe, expect, it } from 'vitest';
import { defaultPriceTable } from '../../src/index.js';
import { lintWith, makeDocument } from '../helpers.js';

const RULE = 'require-max-tokens';
const gpt4o = defaultPriceTable().resolve('gpt-4o')!;

describe(RULE, () => {
  it('flags a request with no output limit; the exposure is the model maximum output x output price', () => {
    const doc = makeDocument({ model: 'gpt-4o', outputLimitName: 'max_completion_tokens', outputLimit: { state: 'absent' }, messages: [['user', 'Summarise this.']] });
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.message).toMatch(/set `max_completion_tokens`/);
    // gpt-4o: 16,384 max output tokens x $10 / 1M = $0.16384
    expect(gpt4o.maxOutput).toBe(16384);
    expect(f!.savings).toMatchObject({ tokens: 16384, tokenKind: 'output', confidence: 'upper-bound', model: 'gpt-4o' });
    expect(f!.savings.usdPerCall).toBeCloseTo(0.16384, 12);
  });

  it("Anthropic Messages: max_tokens is required, so the message says the request is rejected, not that it bills the maximum", () => {
    const doc = makeDocument({ model: 'claude-sonnet-4-5', api: 'anthropic-messages', outputLimitName: 'max_tokens', outputLimit: { state: 'absent' }, messages: [['user', 'Hi']] });
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.message).not.toMatch(/runaway answer/);
    expect(f!.message).toMatch(/^`max_tokens` is missing: the Anthropic Messages API requires it and rejects a request without it\. Set it sized to the answer, not to the model's maximum output \(worst case ~64,000 output tokens\/call, ~\$0\.960\/call\)\.$/);
    // claude-sonnet-4-5: 64,000 max output tokens x $15 / 1M = $0.96 (the exposure of a cap set to the maximum)
    expect(f!.savings).toMatchObject({ tokens: 64000, tokenKind: 'output', confidence: 'upper-bound', model: 'claude-sonnet-4-5' });
    expect(f!.savings.usdPerCall).toBeCloseTo((64000 * 15) / 1e6, 12);
  });

  it('gives a per-month figure when calls per day are known', () => {
    const doc = makeDocument({ model: 'gpt-4o', callsPerDay: 1000, outputLimit: { state: 'absent' }, messages: [['user', 'x']] });
    const [f] = lintWith(RULE, doc);
    expect(f!.savings.usdPerMonth).toBeCloseTo(0.16384 * 1000 * 30, 9);
  });

  it('names a limit under an ignored name specifically', () => {
    const doc = makeDocument({
      model: 'gpt-4o',
      outputLimitName: 'maxOutputTokens',
      outputLimit: { state: 'absent', ignored: { name: 'maxTokens', reason: 'the ai SDK ignores it from v5 on' } },
      messages: [['user', 'x']],
    });
    expect(lintWith(RULE, doc)[0]!.message).toMatch(/`maxTokens` is not an output limit here: the ai SDK ignores it from v5 on\. Set `maxOutputTokens`/);
  });

  it('flags a cap at or above the model maximum as no cap', () => {
    const doc = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'set', value: 100000, name: 'max_tokens' }, messages: [['user', 'x']] });
    expect(lintWith(RULE, doc)[0]!.message).toMatch(/caps nothing/);
  });

  it('does not flag a bounded request', () => {
    const doc = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'set', value: 500, name: 'max_tokens' }, messages: [['user', 'x']] });
    expect(lintWith(RULE, doc)).toHaveLength(0);
  });

  it('stays silent when the limit is unknown, opaque, or cannot be set (agent instruction files)', () => {
    const unknown = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'unknown', reason: 'spread' }, messages: [['user', 'x']] });
    const opaque = makeDocument({ model: 'gpt-4o', outputLimit: { state: 'absent' }, opaque: ['...options'], messages: [['user', 'x']] });
    const notApplicable = makeDocument({ model: 'gpt-4o', messages: [['system', 'x']] }, 'agent-instructions');
    expect(lintWith(RULE, unknown)).toHaveLength(0);
    expect(lintWith(RULE, opaque)).toHaveLength(0);
    expect(lintWith(RULE, notApplicable)).toHaveLength(0);
  });
});
