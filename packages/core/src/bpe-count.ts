/**
 * Counting a text as tiktoken does: split it with the encoding's pre-tokenizer regex, then count
 * each piece (one token when the piece is a token, else the number of parts BPE merging leaves).
 *
 * `TablePieces` counts pieces with the compact rank table (bpe-table.ts): UTF-8 bytes written into
 * one reused buffer, lookups by byte range, the reference merge (lowest rank first, leftmost among
 * equals) on typed arrays for short pieces and bpe-merge.ts's O(n log n) merge for long ones. Pieces
 * whose bytes gpt-tokenizer looks up differently (a lone surrogate, or U+FEFF, which its UTF-8
 * decoder drops) go to `fallback`, `OddPieces` below, which counts them as gpt-tokenizer does from
 * the same table, so counts are always gpt-tokenizer's (the package itself is needed only to build
 * the table and in tests).
 */
import type { BpeTable } from './bpe-table.js';
import { mergeCount } from './bpe-merge.js';
import { RangeMemo } from './piece-memo.js';

export interface PieceCounter {
  countPiece(piece: string): number;
  /** `countPiece(text.slice(start, end))`, without cutting the piece out when it can (optional). */
  countRange?(text: string, start: number, end: number): number;
}

/** Piece start offsets (plus the text's length) and the tokens before each piece. */
export interface PieceTable {
  starts: Int32Array;
  before: Int32Array;
}

/** Pieces up to this many bytes use the quadratic reference merge; longer ones the heap merge. */
const SHORT_PIECE_BYTES = 128;
/** Pieces remembered (a Map from piece to count; started afresh when full), as gpt-tokenizer's merge cache. */
const PIECE_CACHE_MAX = 100_000;

export class TablePieces implements PieceCounter {
  private buf = new Uint8Array(4096);
  private readonly starts = new Int32Array(SHORT_PIECE_BYTES + 1);
  private readonly ranks = new Int32Array(SHORT_PIECE_BYTES + 1);
  private readonly cache = new Map<string, number>();
  private memo: RangeMemo | undefined;

  constructor(
    private readonly table: BpeTable,
    private readonly fallback: () => PieceCounter,
  ) {}

  /** UTF-8 of `piece` into `buf`; -1 when it holds a lone surrogate or U+FEFF. */
  private encode(piece: string): number {
    if (this.buf.length < piece.length * 3) this.buf = new Uint8Array(piece.length * 3);
    const buf = this.buf;
    let n = 0;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (c < 0x80) buf[n++] = c;
      else if (c < 0x800) {
        buf[n++] = 0xc0 | (c >> 6);
        buf[n++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = piece.charCodeAt(i + 1);
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return -1;
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[n++] = 0xf0 | (cp >> 18);
        buf[n++] = 0x80 | ((cp >> 12) & 63);
        buf[n++] = 0x80 | ((cp >> 6) & 63);
        buf[n++] = 0x80 | (cp & 63);
        i++;
      } else {
        if (c === 0xfeff) return -1;
        buf[n++] = 0xe0 | (c >> 12);
        buf[n++] = 0x80 | ((c >> 6) & 63);
        buf[n++] = 0x80 | (c & 63);
      }
    }
    return n;
  }

  countPiece(piece: string): number {
    // Looked up by the piece itself first: most pieces are words seen before, and a string-keyed
    // hit skips the UTF-8 encoding, the table lookup and any merge.
    const hit = this.cache.get(piece);
    if (hit !== undefined) return hit;
    const n = this.encode(piece);
    const count =
      n < 0
        ? this.fallback().countPiece(piece)
        : this.table.rank(this.buf, 0, n) >= 0
          ? 1
          : n <= SHORT_PIECE_BYTES
            ? this.mergeShort(n)
            : mergeCount(this.buf.subarray(0, n), (b) => rankOrUndefined(this.table, b));
    if (this.cache.size >= PIECE_CACHE_MAX) this.cache.clear();
    this.cache.set(piece, count);
    return count;
  }

  countRange(text: string, start: number, end: number): number {
    const memo = (this.memo ??= new RangeMemo());
    const hit = memo.get(text, start, end);
    if (hit >= 0) return hit;
    const count = this.countPiece(text.slice(start, end));
    memo.set(text, start, end, count);
    return count;
  }

  /** The reference merge (tiktoken's `_byte_pair_merge`) on `buf[0, n)`: the number of parts left. */
  private mergeShort(n: number): number {
    const { buf, table, starts, ranks } = this;
    const NONE = 0x7fffffff;
    const rankAt = (i: number, m: number): number => {
      if (i + 2 > m) return NONE;
      const r = table.rank(buf, starts[i]!, starts[i + 2]!);
      return r < 0 ? NONE : r;
    };
    let m = n; // parts; starts[0..m] are their boundaries
    for (let i = 0; i <= n; i++) starts[i] = i;
    for (let i = 0; i < m; i++) ranks[i] = rankAt(i, m);
    while (m > 1) {
      let low = NONE;
      let at = -1;
      for (let i = 0; i < m - 1; i++) {
        if (ranks[i]! < low) {
          low = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      starts.copyWithin(at + 1, at + 2, m + 1);
      ranks.copyWithin(at, at + 1, m);
      m--;
      ranks[at] = rankAt(at, m);
      if (at > 0) ranks[at - 1] = rankAt(at - 1, m);
    }
    return m;
  }
}

function rankOrUndefined(table: BpeTable, b: Uint8Array): number | undefined {
  const r = table.rank(b, 0, b.length);
  return r < 0 ? undefined : r;
}

/**
 * A sticky regex that fails at once: testing it makes V8 flatten a text built by concatenation in
 * place (once), after which reading it character by character, as the scanner and the piece memo
 * do, is about 1.7x quicker. A V8 detail; where it does nothing, it costs nothing.
 */
const FLATTEN = /\u0000\u0001/y;

/** An idle global copy of each split regex, reused by the next countPieces (a nested call makes its own). */
const idle = new WeakMap<RegExp, RegExp>();

/** A growable Int32Array, reused across calls (`spareLists`). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Where the split regex's piece at `at` ends, or -1 to ask the regex (pretokenize.ts). */
export type PieceScanner = (text: string, at: number) => number;

/** Lists free for the next recording countPieces (a nested one makes its own). */
const spareLists: IntList[] = [];

function takeList(): IntList {
  const list = spareLists.pop() ?? new IntList();
  list.length = 0;
  return list;
}

/**
 * Sums the counts of the pieces of `text` under `split` (a global regex). With `record`, also
 * returns where each piece starts and the tokens before it (for countSlice); `undefined` table when
 * the pieces do not tile the text (they always do for tiktoken's patterns). `scan`, when given,
 * finds the pieces the regex would where it can, and the regex is asked for the others.
 */
export function countPieces(
  text: string,
  split: RegExp,
  pieces: PieceCounter,
  record: boolean,
  scan?: PieceScanner,
): { count: number; table: PieceTable | undefined } {
  let re = idle.get(split);
  if (re) idle.delete(split);
  else re = new RegExp(split.source, split.flags);
  if (scan) {
    FLATTEN.lastIndex = 0;
    FLATTEN.test(text);
  }
  let count = 0;
  const lists = record ? [takeList(), takeList()] : undefined;
  let starts: IntList | undefined = lists?.[0];
  let before: IntList | undefined = lists?.[1];
  let next = 0; // where the last piece ended
  try {
    for (;;) {
      let at = next;
      let end = scan && next < text.length ? scan(text, next) : -1;
      if (end < 0) {
        re.lastIndex = next;
        const m = re.exec(text);
        if (m === null) break;
        at = m.index;
        end = at + m[0].length;
        if (end === at) {
          // an empty match (no tiktoken pattern has one): no piece; step past it
          starts = before = undefined;
          next = at + 1;
          if (next > text.length) break;
          continue;
        }
      }
      if (starts) {
        if (at !== next) starts = before = undefined;
        else {
          starts.push(at);
          before!.push(count);
        }
      }
      count += pieces.countRange ? pieces.countRange(text, at, end) : pieces.countPiece(text.slice(at, end));
      next = end;
    }
    if (!starts || next !== text.length) return { count, table: undefined };
    starts.push(text.length);
    before!.push(count);
    return { count, table: { starts: starts.toArray(), before: before!.toArray() } };
  } finally {
    re.lastIndex = 0;
    idle.set(split, re);
    if (lists && spareLists.length < 4) spareLists.push(...lists);
  }
}

/** Index of `offset` in the sorted `starts`, or -1 when no piece starts there. */
export function boundaryIndex(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = starts[mid]!;
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether `b[start, end)` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
function isWellFormedUtf8(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end;) {
    const c = b[i]!;
    let n: number;
    let cp: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, cp] = [2, c & 0x1f];
    else if ((c & 0xf0) === 0xe0) [n, cp] = [3, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [n, cp] = [4, c & 0x07];
    else return false;
    if (i + n > end) return false;
    for (let j = 1; j < n; j++) {
      const d = b[i + j]!;
      if ((d & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((n === 3 && cp < 0x800) || (n === 4 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return false;
    i += n;
  }
  return true;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const startsWithBom = (b: Uint8Array, start: number, end: number): boolean =>
  end - start >= 3 && b[start] === 0xef && b[start + 1] === 0xbb && b[start + 2] === 0xbf;

/**
 * The pieces `TablePieces` hands to its fallback (a lone surrogate, or U+FEFF), counted as
 * gpt-tokenizer counts them, from the same rank table, so that counts never depend on which path a
 * piece took. gpt-tokenizer looks a piece up by its string (a lone surrogate matches nothing), then
 * merges its TextEncoder bytes (a lone surrogate becomes U+FFFD's three bytes), looking each byte
 * range up as the string TextDecoder makes of it when it is valid UTF-8: that drops a leading
 * U+FEFF, and the tokens whose bytes start with one are kept as bytes, so they are found by no
 * lookup. packages/core/test/bpe-table.test.ts compares these counts with gpt-tokenizer's.
 */
export class OddPieces implements PieceCounter {
  private readonly encoder = new TextEncoder();

  constructor(private readonly table: BpeTable) {}

  /** A rank as gpt-tokenizer's string lookup finds it: never for bytes that start with U+FEFF. */
  private stringRank(b: Uint8Array, start: number, end: number): number {
    return start === end || startsWithBom(b, start, end) ? -1 : this.table.rank(b, start, end);
  }

  /** gpt-tokenizer's `getBpeRankFromBytes`. */
  private bytesRank(b: Uint8Array): number | undefined {
    const r = isWellFormedUtf8(b, 0, b.length) ? this.stringRank(b, startsWithBom(b, 0, b.length) ? 3 : 0, b.length) : this.table.rank(b, 0, b.length);
    return r < 0 ? undefined : r;
  }

  countPiece(piece: string): number {
    const bytes = this.encoder.encode(piece);
    if (!LONE_SURROGATE.test(piece) && this.stringRank(bytes, 0, bytes.length) >= 0) return 1;
    return mergeCount(bytes, (b) => this.bytesRank(b));
  }
}
