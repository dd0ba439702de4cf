/**
 * Token counting behind one small interface.
 *
 * OpenAI models are counted exactly with their BPE (o200k_base for GPT-4o and later, cl100k_base for
 * older models) using `gpt-tokenizer`, loaded lazily (on the first count) and once per process.
 * Other providers publish no offline tokenizer for their current models; they are approximated from
 * the o200k_base count times a per-provider factor measured in docs/savings.md, and every figure
 * built on them says `confidence: "estimate"`.
 */
import { createRequire } from 'node:module';
import { mergeCount } from './bpe-merge.js';
import type { Provider } from './model.js';

export type EncodingName = 'o200k_base' | 'cl100k_base';

export interface TokenCounter {
  /** The BPE the count is made with (for approximations: the one scaled). */
  readonly encoding: EncodingName;
  /** True when counts are the model's real token counts. */
  readonly exact: boolean;
  /** How the count is made, for a finding's `basis`. */
  readonly description: string;
  count(text: string): number;
}

interface Encoder {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

const require = createRequire(import.meta.url);
const encoders = new Map<EncodingName, Encoder>();
/** Special tokens such as `<|endoftext|>` in a prompt are plain text to us, as to the API. */
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

function loadEncoder(name: EncodingName): Encoder {
  let enc = encoders.get(name);
  if (!enc) {
    enc = require(`gpt-tokenizer/encoding/${name}`) as Encoder;
    encoders.set(name, enc);
  }
  return enc;
}

/** Whether an encoder has been loaded in this process (for start-up measurements and tests). */
export function isEncoderLoaded(name: EncodingName): boolean {
  return encoders.has(name);
}

const MEMO_MAX_ENTRIES = 20_000;
/**
 * Texts of any length are memoized (several rules count the same long message), up to this many
 * characters of keys in all; then the memo starts afresh.
 */
const MEMO_MAX_CHARS = 4_000_000;

/**
 * BPE merging is quadratic in the length of one pre-tokenizer piece (a run of letters, of
 * punctuation or of whitespace): 20,000 CJK letters without a space take seconds, a 20 MB line of
 * one character hours. Pieces longer than MAX_PIECE_LENGTH are merged exactly in O(n log n)
 * (bpe-merge.ts: the same merges in the same order) up to MAX_EXACT_PIECE_BYTES; only beyond that
 * (a single unbroken run of over a megabyte, which no natural text has) are they counted in slices
 * of PIECE_SLICE_LENGTH characters, where the count may differ from the API's by about one token
 * per slice.
 */
export const MAX_PIECE_LENGTH = 4096;
const PIECE_SLICE_LENGTH = 512;
export const MAX_EXACT_PIECE_BYTES = 1024 * 1024;

interface BpeCore {
  getBpeRankFromString(text: string): number | undefined;
  getBpeRankFromBytes(bytes: Uint8Array): number | undefined;
}

const utf8 = new TextEncoder();

/** The exact token count of one long piece, or `undefined` when the encoder's internals are not there. */
function exactPieceCount(enc: Encoder, piece: string): number | undefined {
  const core = (enc as { default?: { bytePairEncodingCoreProcessor?: Partial<BpeCore> } }).default?.bytePairEncodingCoreProcessor;
  if (typeof core?.getBpeRankFromBytes !== 'function' || typeof core.getBpeRankFromString !== 'function') return undefined;
  if (core.getBpeRankFromString(piece) !== undefined) return 1;
  const bytes = utf8.encode(piece);
  if (bytes.length > MAX_EXACT_PIECE_BYTES) return undefined;
  return mergeCount(bytes, (b) => core.getBpeRankFromBytes!(b));
}
/** Whether a text has a run of more than MAX_PIECE_LENGTH characters all ASCII whitespace or all not (a scan: a regex overflows on 20 MB). */
function hasLongRun(text: string): boolean {
  let run = 0;
  let wasSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13);
    run = space === wasSpace ? run + 1 : 1;
    wasSpace = space;
    if (run > MAX_PIECE_LENGTH) return true;
  }
  return false;
}

const SPLIT_REGEX_NAMES: Record<EncodingName, string> = { o200k_base: 'O200K_TOKEN_SPLIT_REGEX', cl100k_base: 'CL100K_TOKEN_SPLIT_REGEX' };

/** Counts the pieces of the encoding's own pre-tokenizer, whole runs between long pieces at once. */
function countWithLongPieces(enc: Encoder, encoding: EncodingName, text: string): number {
  const split = (require('gpt-tokenizer/encodingParams/constants') as Record<string, RegExp>)[SPLIT_REGEX_NAMES[encoding]]!;
  const pieces = new RegExp(split.source, split.flags);
  let total = 0;
  let segmentStart = 0;
  for (const m of text.matchAll(pieces)) {
    const piece = m[0];
    if (piece.length <= MAX_PIECE_LENGTH) continue;
    if (m.index > segmentStart) total += enc.countTokens(text.slice(segmentStart, m.index), NO_SPECIAL);
    segmentStart = m.index + piece.length;
    const exact = exactPieceCount(enc, piece);
    if (exact !== undefined) {
      total += exact;
      continue;
    }
    for (let i = 0; i < piece.length; ) {
      let end = Math.min(i + PIECE_SLICE_LENGTH, piece.length);
      if (end < piece.length && (piece.charCodeAt(end) & 0xfc00) === 0xdc00) end--; // never split a surrogate pair
      total += enc.countTokens(piece.slice(i, end), NO_SPECIAL);
      i = end;
    }
  }
  if (segmentStart < text.length) total += enc.countTokens(text.slice(segmentStart), NO_SPECIAL);
  return total;
}

class BpeCounter implements TokenCounter {
  readonly exact = true;
  readonly description: string;
  private readonly memo = new Map<string, number>();
  private memoChars = 0;

  constructor(readonly encoding: EncodingName) {
    this.description = `${encoding} BPE`;
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const hit = this.memo.get(text);
    if (hit !== undefined) return hit;
    const n = hasLongRun(text) ? countWithLongPieces(loadEncoder(this.encoding), this.encoding, text) : loadEncoder(this.encoding).countTokens(text, NO_SPECIAL);
    if (this.memo.size >= MEMO_MAX_ENTRIES || this.memoChars + text.length > MEMO_MAX_CHARS) {
      this.memo.clear();
      this.memoChars = 0;
    }
    if (text.length <= MEMO_MAX_CHARS) {
      this.memo.set(text, n);
      this.memoChars += text.length;
    }
    return n;
  }
}

class ScaledCounter implements TokenCounter {
  readonly exact = false;
  readonly encoding: EncodingName;
  readonly description: string;

  constructor(
    private readonly base: TokenCounter,
    private readonly factor: number,
    provider: string,
  ) {
    this.encoding = base.encoding;
    this.description = `${provider} approximated as ${base.encoding} x ${factor}`;
  }

  count(text: string): number {
    return Math.round(this.base.count(text) * this.factor);
  }
}

const bpe = new Map<EncodingName, BpeCounter>();

/** The exact BPE counter for an encoding (shared and memoized per process). */
export function bpeCounter(encoding: EncodingName): TokenCounter {
  let c = bpe.get(encoding);
  if (!c) {
    c = new BpeCounter(encoding);
    bpe.set(encoding, c);
  }
  return c;
}

/**
 * Tokens of the provider's tokenizer per o200k_base token, measured on the mixed corpus described in
 * docs/savings.md ("Approximate tokenizers": method, the tokenizers used, error per text category);
 * reproduce with `node bench/tokenizer-approximation.mjs`. anthropic is measured with the public
 * Claude 2-era tokenizer (Claude 3 and later publish none), google with Gemma 3's, meta with Llama
 * 3.1's, deepseek with DeepSeek V3's. `other` has no tokenizer to measure: 1.0 (o200k_base as is).
 * docs/savings.md's table and these values are kept equal by packages/core/test/approximation.test.ts.
 */
export const APPROXIMATION_FACTORS: Record<Exclude<Provider, 'openai'>, number> = {
  anthropic: 1.22,
  google: 1.0,
  meta: 1.0,
  deepseek: 1.02,
  other: 1.0,
};

const scaled = new Map<string, TokenCounter>();

/** The counter for a provider and (for OpenAI) an encoding. */
export function counterFor(provider: Provider | undefined, encoding: EncodingName = 'o200k_base'): TokenCounter {
  if (provider === 'openai' || provider === undefined) return bpeCounter(encoding);
  let c = scaled.get(provider);
  if (!c) {
    c = new ScaledCounter(bpeCounter('o200k_base'), APPROXIMATION_FACTORS[provider], provider);
    scaled.set(provider, c);
  }
  return c;
}
