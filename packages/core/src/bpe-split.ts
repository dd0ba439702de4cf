/**
 * The pre-tokenizer regexes of the OpenAI encodings, as tiktoken publishes them (`pat_str` of
 * `o200k_base` and `cl100k_base`), with the flags JavaScript needs (`gu`). Core's own copy, so that
 * counting needs no tokenizer package at run time; packages/core/test/bpe-split.test.ts checks both
 * against gpt-tokenizer's (a development dependency).
 */
import { O200K_SOURCE } from './pretokenize.js';

export type SplitEncoding = 'o200k_base' | 'cl100k_base';

const CONTRACTIONS = "'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])";

/** cl100k_base's pattern. */
export const CL100K_SOURCE = `${CONTRACTIONS}|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s+$|\\s*[\\r\\n]|\\s+(?!\\S)|\\s`;

const SOURCES: Record<SplitEncoding, string> = { o200k_base: O200K_SOURCE, cl100k_base: CL100K_SOURCE };

/** A fresh global regex that splits a text into the encoding's pieces. */
export function splitRegex(encoding: SplitEncoding): RegExp {
  return new RegExp(SOURCES[encoding], 'gu');
}
