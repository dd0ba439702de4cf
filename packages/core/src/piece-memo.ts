/**
 * Counts of short pieces looked up by a range of the text they sit in, without cutting the piece
 * out as a string first: an open-addressing hash on typed arrays whose keys' characters live in one
 * pool. Most pieces of a prompt are words and punctuation seen many times over; a hit costs a hash
 * and a compare of a few characters, with nothing allocated. Full (or its pool full): starts afresh.
 */

/** Pieces up to this many UTF-16 units are remembered here (longer ones are rare and go by string). */
export const MEMO_MAX_PIECE = 32;
const SLOT_BITS = 16;
const SLOTS = 1 << SLOT_BITS;
const MAX_ENTRIES = SLOTS >> 1;
const POOL_CHARS = MAX_ENTRIES * 8;

function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

export class RangeMemo {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly lengths = new Uint8Array(SLOTS); // 0: empty slot
  private readonly offsets = new Int32Array(SLOTS);
  private readonly counts = new Int32Array(SLOTS);
  private readonly pool = new Uint16Array(POOL_CHARS);
  private used = 0;
  private entries = 0;

  /** The count remembered for `text[start, end)`, or -1 (always for an empty range or one over MEMO_MAX_PIECE). */
  get(text: string, start: number, end: number): number {
    const len = end - start;
    if (len <= 0 || len > MEMO_MAX_PIECE) return -1;
    const h = hashRange(text, start, end);
    const { hashes, lengths, offsets, pool } = this;
    for (let s = (h ^ (h >>> SLOT_BITS)) & (SLOTS - 1); ; s = (s + 1) & (SLOTS - 1)) {
      const l = lengths[s]!;
      if (l === 0) return -1;
      if (l !== len || hashes[s] !== h) continue;
      const o = offsets[s]! - start;
      let i = start;
      while (i < end && pool[o + i] === text.charCodeAt(i)) i++;
      if (i === end) return this.counts[s]!;
    }
  }

  /** Remembers the count of `text[start, end)` (not already remembered: call after a miss of `get`). */
  set(text: string, start: number, end: number, count: number): void {
    const len = end - start;
    if (len <= 0 || len > MEMO_MAX_PIECE) return;
    if (this.entries >= MAX_ENTRIES || this.used + len > POOL_CHARS) {
      this.lengths.fill(0);
      this.entries = this.used = 0;
    }
    const h = hashRange(text, start, end);
    let s = (h ^ (h >>> SLOT_BITS)) & (SLOTS - 1);
    while (this.lengths[s] !== 0) s = (s + 1) & (SLOTS - 1);
    this.hashes[s] = h;
    this.lengths[s] = len;
    this.offsets[s] = this.used;
    this.counts[s] = count;
    for (let i = start; i < end; i++) this.pool[this.used++] = text.charCodeAt(i);
    this.entries++;
  }
}
