import { describe, expect, it } from 'vitest';
import { callCost, defaultPriceTable, PriceTable } from '../src/index.js';

describe('price table', () => {
  const prices = defaultPriceTable();

  it("reproduces the seed's scenario: 1,000 calls of 5,000 in + 500 out", () => {
    // Hand computation: 5e6 input tokens and 5e5 output tokens at each model's price per 1M.
    const expected: Record<string, number> = {
      'gpt-4o': 5 * 2.5 + 0.5 * 10, // 17.50
      'gpt-4o-mini': 5 * 0.15 + 0.5 * 0.6, // 1.05
      'claude-3-7-sonnet': 5 * 3 + 0.5 * 15, // 22.50
      'gemini-1.5-flash': 5 * 0.075 + 0.5 * 0.3, // 0.525
    };
    expect(expected).toEqual({ 'gpt-4o': 17.5, 'gpt-4o-mini': 1.05, 'claude-3-7-sonnet': 22.5, 'gemini-1.5-flash': 0.525 });
    for (const [model, total] of Object.entries(expected)) {
      const entry = prices.resolve(model);
      expect(entry, model).toBeDefined();
      expect(callCost(entry!, 5000, 500, 1000).totalUsd).toBeCloseTo(total, 10);
    }
  });

  it("reproduces the seed's first example: GPT-4o, 1,000 in + 500 out = $0.0075", () => {
    expect(callCost(prices.resolve('GPT-4o')!, 1000, 500).usdPerCall).toBeCloseTo(0.0075, 12);
  });

  it("resolves every name in the seed's model table", () => {
    const seedNames = ['GPT-4o', 'GPT-4o-mini', 'Claude 3.7 Opus', 'Claude 3.7 Sonnet', 'Claude 3.7 Haiku', 'Gemini 3 Pro', 'Gemini 3 Flash', 'Llama 4 (405B)', 'DeepSeek V4'];
    for (const n of seedNames) expect(prices.resolve(n), n).toBeDefined();
    expect(prices.resolve('Claude 3.7 Opus')!.note).toMatch(/names no real model/);
    expect(prices.resolve('Llama 4 (405B)')!.input).toBe(0);
  });

  it('resolves aliases: dated snapshots, provider prefixes, Bedrock and Vertex ids', () => {
    expect(prices.resolve('gpt-4o-2024-08-06')!.id).toBe('gpt-4o');
    expect(prices.resolve('openai/gpt-4o')!.id).toBe('gpt-4o');
    expect(prices.resolve('models/gemini-2.5-pro')!.id).toBe('gemini-2.5-pro');
    expect(prices.resolve('claude-3-7-sonnet-latest')!.id).toBe('claude-3-7-sonnet');
    expect(prices.resolve('anthropic.claude-3-7-sonnet-20250219-v1:0')!.id).toBe('claude-3-7-sonnet');
    expect(prices.resolve('claude-3-7-sonnet@20250219')!.id).toBe('claude-3-7-sonnet');
    expect(prices.resolve('gpt-5-mini-2025-08-07')!.id).toBe('gpt-5-mini');
  });

  it('never prices an unknown model: resolve returns undefined', () => {
    expect(prices.resolve('my-finetune-xyz')).toBeUndefined();
    expect(prices.resolve('')).toBeUndefined();
  });

  it('has every field for every entry, with a date and a source', () => {
    for (const e of prices.entries()) {
      expect(typeof e.input, e.id).toBe('number');
      expect(typeof e.output, e.id).toBe('number');
      expect(e.asOf, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(e.source, e.id).toBeTruthy();
      expect(['openai', 'anthropic', 'google', 'meta', 'deepseek', 'other']).toContain(e.provider);
      if (e.cachedInput !== null) expect(e.cachedInput).toBeLessThanOrEqual(e.input);
    }
  });

  it('takes user overrides and additions', () => {
    const t = PriceTable.withOverrides({
      'gpt-4o': { input: 2.0 },
      'acme-llm': { provider: 'other', input: 1, output: 2 },
      'my-ft': { extends: 'gpt-4o-mini', input: 0.3 },
    });
    expect(t.resolve('gpt-4o')!.input).toBe(2.0);
    expect(t.resolve('gpt-4o')!.output).toBe(10);
    expect(t.resolve('gpt-4o-2024-08-06')!.input).toBe(2.0);
    expect(t.resolve('acme-llm')!.output).toBe(2);
    expect(t.resolve('my-ft')!.output).toBe(0.6);
    expect(t.resolve('my-ft')!.input).toBe(0.3);
    expect(() => PriceTable.withOverrides({ nothing: { input: 1 } })).toThrow(/missing provider, output/);
  });
});
