import { describe, expect, it } from 'vitest';
import type { HistoryFact, PromptDocument } from '../../src/index.js';
import { lintWith, makeDocument, slot } from '../helpers.js';

const RULE = 'no-unbounded-history';

/** A chat request whose history slot is the growing array; the fact points at the slot. */
function chat(history: Omit<HistoryFact, 'range'> | undefined, model = 'gpt-4o', extra: { callsPerDay?: number } = {}): PromptDocument {
  const doc = makeDocument({ model, ...extra, messages: [['system', 'You are a helpful assistant.'], ['user', slot('messages', 'history')]] });
  if (history) {
    const slotPart = doc.requests[0]!.messages[1]!.parts[0]!;
    doc.requests[0]!.history = { ...history, range: slotPart.range! };
  }
  return doc;
}

describe(RULE, () => {
  it('flags a history that grows; 50 messages keeping the last 10 saves 1,640 tokens per call on average', () => {
    const doc = chat({ name: 'messages', state: 'grows', confidence: 'exact' });
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    // By hand: call i resends i messages; trimmed to the last 10 it sends min(i, 10). Saved messages
    // over 50 calls: sum_{i=11..50} (i - 10) = 1 + 2 + ... + 40 = 40 x 41 / 2 = 820; per call 820 / 50
    // = 16.4 messages x 100 tokens = 1,640 tokens.
    let saved = 0;
    for (let i = 1; i <= 50; i++) saved += Math.max(0, i - 10);
    expect(saved).toBe((40 * 41) / 2);
    expect((100 * saved) / 50).toBe(1640);
    expect(f.savings).toMatchObject({ tokens: 1640, tokenKind: 'input', confidence: 'estimate', model: 'gpt-4o' });
    // gpt-4o input: $2.50 per 1M.
    expect(f.savings.usdPerCall).toBeCloseTo((1640 * 2.5) / 1e6, 12);
    expect(doc.text.slice(f.range[0], f.range[1])).toBe('{{messages}}');
    expect(f.message).toContain('`messages` grows every turn and is resent whole');
    expect(f.message).toContain('`messages.slice(-10)`');
    expect(f.message).toContain('in Python `messages[-10:]`');
    expect(f.message).toMatch(/summarise older turns/);
    expect(f.message).toContain('saves ~1,640 input tokens/call, ~$0.00410/call');
  });

  it('follows the options: 30 messages of 250 tokens keeping the last 6', () => {
    const doc = chat({ name: 'chat_history', state: 'grows', confidence: 'exact' }, 'gpt-4o-mini', { callsPerDay: 10000 });
    const [f] = lintWith(RULE, doc, { turns: 30, keepLast: 6, tokensPerMessage: 250 });
    // sum_{i=7..30} (i - 6) = 1 + ... + 24 = 300; 250 x 300 / 30 = 2,500 tokens per call.
    expect(f!.savings.tokens).toBe(2500);
    // gpt-4o-mini input: $0.15 per 1M.
    expect(f!.savings.usdPerCall).toBeCloseTo((2500 * 0.15) / 1e6, 12);
    expect(f!.savings.usdPerMonth).toBeCloseTo(((2500 * 0.15) / 1e6) * 10000 * 30, 9);
    expect(f!.message).toContain('`chat_history.slice(-6)`');
  });

  it("keeps the front end's lower confidence (the minimum of the fact's and the model's)", () => {
    const [sure] = lintWith(RULE, chat({ name: 'messages', state: 'grows', confidence: 'exact' }));
    const [guess] = lintWith(RULE, chat({ name: 'messages', state: 'grows', confidence: 'estimate' }));
    expect(sure!.savings.confidence).toBe('estimate');
    expect(guess!.savings.confidence).toBe('estimate');
  });

  it('does not flag a trimmed history, or a request without a history fact', () => {
    expect(lintWith(RULE, chat({ name: 'messages', state: 'trimmed', confidence: 'exact' }))).toHaveLength(0);
    expect(lintWith(RULE, chat(undefined))).toHaveLength(0);
  });

  it('does not flag when the modelled conversation never exceeds what is kept (nothing to save)', () => {
    expect(lintWith(RULE, chat({ name: 'messages', state: 'grows', confidence: 'exact' }), { turns: 10, keepLast: 10 })).toHaveLength(0);
  });

  it('reports tokens without a price for an unknown model', () => {
    const [f] = lintWith(RULE, chat({ name: 'messages', state: 'grows', confidence: 'exact' }, 'my-model'));
    expect(f!.savings).toMatchObject({ tokens: 1640, usdPerCall: null, model: null });
    expect(f!.message).toContain('saves ~1,640 input tokens/call.');
  });

  it('rejects bad options with a clear error', () => {
    const doc = chat(undefined);
    expect(() => lintWith(RULE, doc, { keepLast: 0 })).toThrow(/keepLast: expected a number >= 1/);
    expect(() => lintWith(RULE, doc, { turns: 2.5 })).toThrow(/turns: expected an integer/);
  });
});
