/**
 * A compact BPE rank table: every token's bytes in one blob and an open-addressing hash from bytes
 * to rank, all in typed arrays. Built once from gpt-tokenizer's rank data (at build time, into
 * `dist/bpe/<encoding>.bin`) and loaded with one file read: no 2.4 MB JavaScript array to evaluate
 * and no 200,000-entry Map to build. Lookups hash a byte range in place, with no string or array
 * made per lookup.
 *
 * File layout (little-endian 32-bit words): magic, token count n, slot count (a power of two), blob
 * length; n + 1 blob offsets (token r is blob[offsets[r], offsets[r + 1])); the slots (a rank, or
 * -1 for empty); the blob.
 */
import { readFileSync } from 'node:fs';

const MAGIC = 0x31455042; // "BPE1"
const HEADER_WORDS = 4;
const EMPTY = -1;

function fnv(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

export class BpeTable {
  private readonly mask: number;

  constructor(
    private readonly offsets: Uint32Array,
    private readonly slots: Int32Array,
    private readonly blob: Uint8Array,
  ) {
    this.mask = slots.length - 1;
  }

  /** Number of ranks (tokens) in the table. */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** The rank of `bytes[start, end)`, or -1 when those bytes are not a token. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const { offsets, slots, blob, mask } = this;
    for (let i = fnv(bytes, start, end) & mask; ; i = (i + 1) & mask) {
      const r = slots[i]!;
      if (r === EMPTY) return -1;
      const o = offsets[r]!;
      if (offsets[r + 1]! - o !== len) continue;
      let j = 0;
      while (j < len && blob[o + j] === bytes[start + j]) j++;
      if (j === len) return r;
    }
  }
}

const utf8 = new TextEncoder();

/**
 * Serialises gpt-tokenizer's rank data (index = rank; a string, or the bytes of a token that is not
 * valid UTF-8) into the file layout above. Throws when two ranks have the same bytes: lookups by
 * bytes would then be ambiguous.
 */
export function buildTableBytes(ranks: readonly (string | readonly number[] | undefined)[]): Uint8Array {
  const n = ranks.length;
  const tokens: Uint8Array[] = [];
  let blobLength = 0;
  for (const v of ranks) {
    const b = v === undefined ? new Uint8Array(0) : typeof v === 'string' ? utf8.encode(v) : Uint8Array.from(v);
    tokens.push(b);
    blobLength += b.length;
  }
  let slotCount = 1;
  while (slotCount < n * 2) slotCount *= 2;
  const words = HEADER_WORDS + n + 1 + slotCount;
  const out = new Uint8Array(words * 4 + blobLength);
  const view = new Uint32Array(out.buffer, 0, words);
  view.set([MAGIC, n, slotCount, blobLength]);
  const offsets = view.subarray(HEADER_WORDS, HEADER_WORDS + n + 1);
  const slots = new Int32Array(out.buffer, (HEADER_WORDS + n + 1) * 4, slotCount);
  const blob = out.subarray(words * 4);
  slots.fill(EMPTY);
  let o = 0;
  for (let r = 0; r < n; r++) {
    offsets[r] = o;
    blob.set(tokens[r]!, o);
    o += tokens[r]!.length;
  }
  offsets[n] = o;
  const table = new BpeTable(offsets, slots, blob);
  const mask = slotCount - 1;
  for (let r = 0; r < n; r++) {
    const b = tokens[r]!;
    if (ranks[r] === undefined) continue;
    if (table.rank(b, 0, b.length) !== -1) throw new Error(`rank ${r}: the same bytes as another rank`);
    let i = fnv(b, 0, b.length) & mask;
    while (slots[i] !== EMPTY) i = (i + 1) & mask;
    slots[i] = r;
  }
  return out;
}

/** Reads a table from its serialised bytes; `undefined` when they are not a well-formed table. */
export function tableFromBytes(bytes: Uint8Array): BpeTable | undefined {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  if (bytes.length < HEADER_WORDS * 4) return undefined;
  const [magic, n, slotCount, blobLength] = new Uint32Array(bytes.buffer, bytes.byteOffset, HEADER_WORDS);
  if (magic !== MAGIC || slotCount! === 0 || (slotCount! & (slotCount! - 1)) !== 0) return undefined;
  const words = HEADER_WORDS + n! + 1 + slotCount!;
  if (bytes.length !== words * 4 + blobLength!) return undefined;
  const offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + HEADER_WORDS * 4, n! + 1);
  if (offsets[n!] !== blobLength) return undefined;
  const slots = new Int32Array(bytes.buffer, bytes.byteOffset + (HEADER_WORDS + n! + 1) * 4, slotCount!);
  return new BpeTable(offsets, slots, bytes.subarray(words * 4));
}

/** Where the build writes the table of an encoding (resolves from both src/ and dist/). */
export function tableUrl(encoding: string): URL {
  return new URL(`../dist/bpe/${encoding}.bin`, import.meta.url);
}

/** The shipped table of an encoding, or `undefined` when it is missing or unreadable. */
export function loadTable(encoding: string): BpeTable | undefined {
  try {
    return tableFromBytes(readFileSync(tableUrl(encoding)));
  } catch {
    return undefined;
  }
}
