import { describe, expect, it } from 'vitest';
import type { PromptDocument, SlotPart } from '../../src/index.js';
import { lintWith, makeDocument, slot } from '../helpers.js';

const RULE = 'no-unbounded-input';

/** A request whose user turn holds one slot, marked unbounded (or not). */
function doc(unbounded: SlotPart['unbounded'] | undefined, model = 'gpt-4o'): PromptDocument {
  const d = makeDocument({ model, messages: [['system', 'Summarise the document.'], ['user', slot('contents', 'document')]] }, 'code');
  const part = d.requests[0]!.messages[1]!.parts[0] as SlotPart;
  if (unbounded) part.unbounded = unbounded;
  return d;
}

describe(RULE, () => {
  it('flags an unbounded slot; the saving is a typical 20,000-token input cut to 4,000 (estimate), the exposure the context window', () => {
    const d = doc({ source: 'file', origin: 'readFileSync(path)' });
    const findings = lintWith(RULE, d);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    // By hand: 20,000 - 4,000 = 16,000 input tokens x $2.50 / 1M (gpt-4o) = $0.04 per call.
    expect(f.savings).toMatchObject({ tokens: 16000, tokenKind: 'input', confidence: 'estimate', model: 'gpt-4o' });
    expect(f.savings.usdPerCall).toBeCloseTo((16000 * 2.5) / 1e6, 12);
    expect(d.text.slice(f.range[0], f.range[1])).toBe('{{contents}}');
    expect(f.message).toContain("puts a file's whole contents (readFileSync(path)) into the prompt with no cap or size check");
    expect(f.message).toContain('`.slice(0, 16000)`, ~4,000 tokens');
    expect(f.message).toContain('saves ~16,000 input tokens/call, ~$0.0400/call');
    // gpt-4o's context window: 128,000 tokens x $2.50 / 1M = $0.32
    expect(f.message).toContain("at worst it fills gpt-4o's 128,000-token context window (~$0.320/call)");
    expect(f.savings.basis).toContain("exposure: up to the model's 128,000-token context window per call");
  });

  it('follows the options', () => {
    const [f] = lintWith(RULE, doc({ source: 'fetch', origin: 'await res.text()' }, 'gpt-4o-mini'), { typicalTokens: 50000, capTokens: 2000 });
    // 50,000 - 2,000 = 48,000 tokens x $0.15 / 1M
    expect(f!.savings.tokens).toBe(48000);
    expect(f!.savings.usdPerCall).toBeCloseTo((48000 * 0.15) / 1e6, 12);
    expect(f!.message).toContain('a whole fetched response (await res.text())');
    expect(f!.message).toContain('`.slice(0, 8000)`');
  });

  it('names each kind of source', () => {
    const kinds: [NonNullable<SlotPart['unbounded']>['source'], string][] = [
      ['query', 'every row a query returns'],
      ['upload', 'a whole uploaded file'],
      ['collection', 'a whole collection serialised'],
    ];
    for (const [source, what] of kinds) expect(lintWith(RULE, doc({ source, origin: 'x' }))[0]!.message).toContain(what);
  });

  it('is silent on slots that are not marked (bounded, or of unknown size)', () => {
    expect(lintWith(RULE, doc(undefined))).toEqual([]);
  });

  it('an unknown model: the saving in tokens, no price, no exposure', () => {
    const [f] = lintWith(RULE, doc({ source: 'file', origin: 'readFile(p)' }, 'some-private-model'));
    expect(f!.savings.tokens).toBe(16000);
    expect(f!.savings.usdPerCall).toBeNull();
    expect(f!.message).not.toContain('context window');
  });
});
