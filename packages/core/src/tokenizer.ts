/**
 * Token counting behind one small interface.
 *
 * OpenAI models are counted exactly with their BPE (o200k_base for GPT-4o and later, cl100k_base for
 * older models) from the compact rank tables core ships in `dist/bpe/` (bpe-table.ts, written at
 * build time from gpt-tokenizer's rank data: the counts are gpt-tokenizer's and js-tiktoken's),
 * loaded lazily (on the first count) and once per process. No tokenizer package is loaded at run time.
 * Other providers publish no offline tokenizer for their current models; they are approximated from
 * the o200k_base count times a per-provider factor measured in docs/savings.md, and every figure
 * built on them says `confidence: "estimate"`.
 */
import { boundaryIndex, countPieces, OddPieces, TablePieces, type PieceCounter, type PieceScanner, type PieceTable } from './bpe-count.js';
import { splitRegex } from './bpe-split.js';
import { loadTable, tableUrl, type BpeTable } from './bpe-table.js';
import { O200K_SOURCE, o200kPieceEnd } from './pretokenize.js';
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
  /** `count(text.slice(start, end))`, cheaper when `text` itself was counted just before (optional). */
  countSlice?(text: string, start: number, end: number): number;
}

const tables = new Map<EncodingName, BpeTable>();

/** The compact table shipped in dist (bpe-table.ts); a package without it is broken: say so. */
function shippedTable(name: EncodingName): BpeTable {
  let t = tables.get(name);
  if (!t) {
    t = loadTable(name);
    if (!t) throw new Error(`@promptlint/core: the ${name} rank table ${tableUrl(name).pathname} is missing or damaged; reinstall @promptlint/core`);
    tables.set(name, t);
  }
  return t;
}

const MEMO_MAX_ENTRIES = 20_000;
/**
 * Texts of any length are memoized (several rules count the same long message), up to this many
 * characters of keys in all; then the memo starts afresh.
 */
const MEMO_MAX_CHARS = 4_000_000;
/** Piece tables (for countSlice) are kept for this many of the texts counted last, each up to TABLE_MAX_CHARS. */
const TABLES_KEPT = 64;
const TABLE_MAX_CHARS = 1_000_000;

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

/** UTF-8 length of a text (lone surrogates as the 3 bytes of U+FFFD, as TextEncoder writes them). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Index of the last of the sorted `starts` that is <= `offset` (starts[0] is 0). */
function lastBoundaryAtOrBefore(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a character is whitespace for the pre-tokenizers' `\s`. */
const isSpace = (c: string): boolean => /\s/u.test(c);

class BpeCounter implements TokenCounter {
  readonly exact = true;
  readonly description: string;
  private readonly memo = new Map<string, number>();
  private memoChars = 0;
  private readonly tables = new Map<string, PieceTable>();
  private split: RegExp | undefined;
  private scan: PieceScanner | undefined;
  private pieceCounter: PieceCounter | undefined;

  constructor(readonly encoding: EncodingName) {
    this.description = `${encoding} BPE`;
  }

  private pieces(): PieceCounter {
    if (!this.pieceCounter) {
      const table = shippedTable(this.encoding);
      let odd: PieceCounter | undefined;
      const base: PieceCounter = new TablePieces(table, () => (odd ??= new OddPieces(table)));
      this.pieceCounter = {
        countPiece: (piece) => this.countPiece(base, piece),
        countRange: (text, start, end) =>
          end - start <= MAX_PIECE_LENGTH && base.countRange ? base.countRange(text, start, end) : this.countPiece(base, text.slice(start, end)),
      };
    }
    return this.pieceCounter;
  }

  /** One piece; a piece of over MAX_EXACT_PIECE_BYTES is counted in slices (approximate). */
  private countPiece(base: PieceCounter, piece: string): number {
    if (piece.length <= MAX_PIECE_LENGTH || utf8Length(piece) <= MAX_EXACT_PIECE_BYTES) return base.countPiece(piece);
    let total = 0;
    for (let i = 0; i < piece.length;) {
      let end = Math.min(i + PIECE_SLICE_LENGTH, piece.length);
      if (end < piece.length && (piece.charCodeAt(end) & 0xfc00) === 0xdc00) end--; // never split a surrogate pair
      total += this.bpe(piece.slice(i, end), false).count;
      i = end;
    }
    return total;
  }

  private bpe(text: string, record: boolean): { count: number; table: PieceTable | undefined } {
    if (!this.split) {
      this.split = splitRegex(this.encoding);
      // the hand-written scanner only for the exact regex it reproduces
      if (this.encoding === 'o200k_base' && this.split.source === O200K_SOURCE && this.split.flags === 'gu') this.scan = o200kPieceEnd;
    }
    return countPieces(text, this.split, this.pieces(), record, this.scan);
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const hit = this.memo.get(text);
    if (hit !== undefined) return hit;
    const { count: n, table } = this.bpe(text, text.length <= TABLE_MAX_CHARS);
    if (this.memo.size >= MEMO_MAX_ENTRIES || this.memoChars + text.length > MEMO_MAX_CHARS) {
      this.memo.clear();
      this.memoChars = 0;
    }
    if (text.length <= MEMO_MAX_CHARS) {
      this.memo.set(text, n);
      this.memoChars += text.length;
    }
    if (table) {
      if (this.tables.size >= TABLES_KEPT) this.tables.delete(this.tables.keys().next().value!);
      this.tables.set(text, table);
    }
    return n;
  }

  /**
   * `count(text.slice(start, end))`, from the pieces of `text` when `start` is a piece boundary
   * there. The pre-tokenizer regex has no lookbehind, and the only parts of it that look past what
   * they match are `\s+(?!\S)` (and cl100k_base's `\s+$`), which can see the slice's end only from
   * inside a run of whitespace that reaches it. So the slice splits into the same pieces as `text`
   * up to the last piece boundary that is at or before `end` and not inside such a trailing run; the
   * rest (part of one piece, plus that run) is counted on its own.
   */
  countSlice(text: string, start: number, end: number): number {
    start = Math.max(0, Math.min(start, text.length));
    end = Math.max(start, Math.min(end, text.length));
    if (start === 0 && end === text.length) return this.count(text);
    if (end === start) return 0;
    if (text.charCodeAt(0) === 0xfeff || text.charCodeAt(start) === 0xfeff) return this.count(text.slice(start, end));
    let table = this.tables.get(text);
    if (!table && !this.memo.has(text) && text.length <= TABLE_MAX_CHARS) {
      this.count(text); // the whole text is counted anyway by the rules that sum a request's parts
      table = this.tables.get(text);
    }
    if (!table) return this.count(text.slice(start, end));
    const { starts, before } = table;
    const from = boundaryIndex(starts, start);
    if (from < 0) return this.count(text.slice(start, end));
    let w = end;
    if (end < text.length) while (w > start && isSpace(text[w - 1]!)) w--;
    let k = lastBoundaryAtOrBefore(starts, end);
    while (k > from && starts[k - 1]! >= w) k--; // no piece before k starts in the trailing whitespace
    return before[k]! - before[from]! + (starts[k]! < end ? this.count(text.slice(starts[k]!, end)) : 0);
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

  countSlice(text: string, start: number, end: number): number {
    return Math.round(countSlice(this.base, text, start, end) * this.factor);
  }
}

/** `counter.count(text.slice(start, end))`, through the counter's countSlice when it has one. */
export function countSlice(counter: TokenCounter, text: string, start: number, end: number): number {
  return counter.countSlice ? counter.countSlice(text, start, end) : counter.count(text.slice(start, end));
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
