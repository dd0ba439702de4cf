/**
 * Core's own copies of the encodings' pre-tokenizer regexes (bpe-split.ts) are gpt-tokenizer's
 * (tiktoken's `pat_str`), character for character, with the same flags.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { splitRegex } from '../src/bpe-split.js';

const constants = createRequire(import.meta.url)('gpt-tokenizer/encodingParams/constants') as Record<string, RegExp>;

describe('split regexes', () => {
  it.each([
    ['o200k_base', 'O200K_TOKEN_SPLIT_REGEX'],
    ['cl100k_base', 'CL100K_TOKEN_SPLIT_REGEX'],
  ] as const)('%s is gpt-tokenizer %s', (encoding, name) => {
    const ours = splitRegex(encoding);
    expect(ours.source).toBe(constants[name]!.source);
    expect(ours.flags).toBe(constants[name]!.flags);
    expect(splitRegex(encoding)).not.toBe(ours); // a fresh regex each time: lastIndex is never shared
  });
});
