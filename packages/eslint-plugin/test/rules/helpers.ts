/**
 * RuleTester (typescript-eslint's, under vitest) over the code-side rules, plus what the tests need to
 * compute expected savings independently: the o200k_base tokenizer and list prices written by hand.
 */
import { bpeCounter, formatTokens, formatUsd } from '@promptlint/core';
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { auditPrefilter } from '../code/prefilter-audit.js';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester();

export type Valid = ValidTestCase<unknown[]> | string;
/** An expected error: the message (a string or pattern) and where (1-based line and column). */
export interface Expected {
  message: string | RegExp;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  suggestions?: { desc: string; output: string }[];
}
export interface Invalid extends Omit<InvalidTestCase<string, unknown[]>, 'errors'> {
  errors: Expected[];
}

/** Runs one rule's cases; every file is TypeScript unless the case names another filename. */
export function run(ruleId: string, cases: { valid: Valid[]; invalid: Invalid[] }): void {
  const rule = rules[ruleId];
  if (!rule) throw new Error(`no code rule ${ruleId}`);
  // Every case (and every fix or suggestion output the tester lints again) also checks the
  // prefilter against the full import tracking on the same SourceCode: a case it would wrongly
  // turn away fails here with the reason, before its findings go missing.
  const audit = { files: 0, tracked: 0 };
  const audited = {
    meta: rule.meta,
    create(context: Parameters<typeof rule.create>[0]) {
      const verdict = auditPrefilter(context.sourceCode, `a ${ruleId} case (${context.filename})`);
      audit.files++;
      if (verdict.tracked > 0) audit.tracked++;
      return rule.create(context);
    },
  };
  // typescript-eslint's types want messageIds; ESLint accepts `message` (string or RegExp) too.
  tester.run(ruleId, audited as never, named(cases) as never);
  describe(`${ruleId}: prefilter`, () => {
    it('was checked against the import tracking on every case', () => {
      expect(audit.files).toBeGreaterThanOrEqual(cases.valid.length + cases.invalid.length);
      // a code finding needs a request, so every invalid case is a file the tracking finds calls in
      expect(audit.tracked).toBeGreaterThanOrEqual(cases.invalid.length);
    });
  });
}

/**
 * A short test name for a case that has none (RuleTester names a case by its whole code
 * otherwise): its number and its code without imports, on one line, cut at 72 characters.
 */
export function caseName(kind: 'valid' | 'invalid', index: number, code: string): string {
  const body = code
    .replace(/\bimport\b[^;]*?\bfrom\s*(['"])[^'"]*\1;?|\b(const|let|var)\s+\w+\s*=\s*require\([^)]*\);?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return `${kind} #${index + 1}: ${body.length > 72 ? `${body.slice(0, 71)}…` : body}`;
}

function named(cases: { valid: Valid[]; invalid: Invalid[] }): { valid: Valid[]; invalid: Invalid[] } {
  return {
    valid: cases.valid.map((c, i) => (typeof c === 'string' ? { code: c, name: caseName('valid', i, c) } : { ...c, name: c.name ?? caseName('valid', i, c.code) })),
    invalid: cases.invalid.map((c, i) => ({ ...c, name: c.name ?? caseName('invalid', i, c.code) })),
  };
}

/** The real tokenizer, called directly (never through the rule). */
export const o200k = bpeCounter('o200k_base');

/** "~N input tokens/call, ~$X/call" as describeSavings writes it, for a count and a price per 1M. */
export function perCall(tokens: number, pricePerMTok: number, kind = 'input'): string {
  return `~${formatTokens(tokens)} ${kind} token${tokens === 1 ? '' : 's'}/call, ~${formatUsd((tokens * pricePerMTok) / 1e6)}/call`;
}

/** Escapes text for use in a RegExp. */
export function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A long static prompt: numbered sentences (BPE cannot merge across them), `n` of them. */
export function longRules(n: number, word = 'Follow the support style guide'): string {
  return Array.from({ length: n }, (_, i) => `${word} rule ${i}.`).join(' ');
}

/** 1-based line and column of the first occurrence of `needle` in `code`. */
export function at(code: string, needle: string, nth = 0): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = code.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`not found: ${needle}`);
  }
  const before = code.slice(0, i);
  const line = before.split('\n').length;
  return { line, column: i - before.lastIndexOf('\n') };
}
