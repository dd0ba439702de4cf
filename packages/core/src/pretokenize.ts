/**
 * o200k_base's pre-tokenizer for ASCII text, without the regex: where each piece ends.
 *
 * The split regex (O200K_SOURCE below) spends most of its time on plain ASCII words, spaces and
 * punctuation. `o200kPieceEnd` walks the same alternatives by hand for a piece that starts at an
 * ASCII character and whose end is decided by ASCII characters only, and returns -1 (ask the regex)
 * as soon as it would have to classify a character past U+007F (a letter, digit, space or symbol
 * outside ASCII could change the piece). Alternatives, first match wins:
 *
 *   1. [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+CONTRACTION?
 *   2. [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*CONTRACTION?
 *   3. \p{N}{1,3}
 *   4. " ?[^\s\p{L}\p{N}]+[\r\n/]*"
 *   5. \s*[\r\n]+    6. \s+(?!\S)    7. \s+
 *
 * In ASCII: upper case is A-Z, lower case a-z, \p{N} 0-9, \s tab, LF, VT, FF, CR and space.
 */

/** The regex source this scanner reproduces (gpt-tokenizer's O200K_TOKEN_SPLIT_REGEX, flags gu). */
export const O200K_SOURCE =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

const OTHER = 0; // past ASCII: unknown here
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
const SPACE = 4; // tab, VT, FF, space
const NEWLINE = 5; // CR, LF
const PUNCT = 6; // any other ASCII character (punctuation, symbols, control characters)
const END = 7;

const CLASS = new Uint8Array(128).fill(PUNCT);
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LOWER;
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = UPPER;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
for (const c of [0x09, 0x0b, 0x0c, 0x20]) CLASS[c] = SPACE;
CLASS[0x0a] = CLASS[0x0d] = NEWLINE;

function classAt(text: string, k: number): number {
  if (k >= text.length) return END;
  const c = text.charCodeAt(k);
  return c < 128 ? CLASS[c]! : OTHER;
}

/** `'s 'd 'm 't 'll 've 're` (either case, per letter) at k: its end, else k. */
function contraction(text: string, k: number): number {
  if (text.charCodeAt(k) !== 0x27) return k;
  const a = text.charCodeAt(k + 1) | 0x20;
  if (a === 0x73 || a === 0x64 || a === 0x6d || a === 0x74) return k + 2; // s d m t
  const b = text.charCodeAt(k + 2) | 0x20;
  if ((a === 0x6c && b === 0x6c) || ((a === 0x76 || a === 0x72) && b === 0x65)) return k + 3; // ll ve re
  return k;
}

/** Lower-case letters from k, then a contraction (alternative 1's tail). */
function lowerTail(text: string, k: number): number {
  let d: number;
  while ((d = classAt(text, k)) === LOWER) k++;
  return d === OTHER ? -1 : contraction(text, k);
}

/**
 * Upper-case letters from k: followed by lower case, alternative 1 (upper then lower); otherwise
 * alternative 1 fails (an upper-case letter is never lower case in ASCII) and 2 takes the upper case.
 */
function upperTail(text: string, k: number): number {
  let d: number;
  while ((d = classAt(text, k)) === UPPER) k++;
  if (d === OTHER) return -1;
  return d === LOWER ? lowerTail(text, k) : contraction(text, k);
}

/** Alternative 4 from k (at a character of `[^\s\p{L}\p{N}]`): the run, then CR, LF and slashes. */
function punctuation(text: string, k: number): number {
  let d: number;
  while ((d = classAt(text, k)) === PUNCT) k++;
  if (d === OTHER) return -1;
  for (let c = text.charCodeAt(k); c === 0x0a || c === 0x0d || c === 0x2f; c = text.charCodeAt(++k));
  return k;
}

/** Alternatives 5 to 7 at whitespace: through the run's last CR/LF; else the run, less one before a non-space. */
function whitespace(text: string, i: number): number {
  let k = i;
  let lastNewline = -1;
  let d: number;
  while ((d = classAt(text, k)) === SPACE || d === NEWLINE) {
    if (d === NEWLINE) lastNewline = k;
    k++;
  }
  if (d === OTHER) return -1; // the run may go on (U+00A0, U+3000, ...)
  if (lastNewline >= 0) return lastNewline + 1;
  if (d === END || k - i === 1) return k;
  return k - 1;
}

/**
 * The end of the piece of o200k_base's split regex that starts at `i` (which must be where the
 * previous piece ended), or -1 when characters past ASCII decide it (then ask the regex).
 */
export function o200kPieceEnd(text: string, i: number): number {
  const c = classAt(text, i);
  switch (c) {
    case LOWER:
      return lowerTail(text, i + 1);
    case UPPER:
      return upperTail(text, i + 1);
    case DIGIT: {
      let k = i + 1;
      while (k < i + 3) {
        const d = classAt(text, k);
        if (d === OTHER) return -1;
        if (d !== DIGIT) break;
        k++;
      }
      return k;
    }
    case PUNCT:
    case SPACE: {
      // alternatives 1 and 2 with this character as their optional first one
      const n = classAt(text, i + 1);
      if (n === OTHER) return -1;
      if (n === LOWER) return lowerTail(text, i + 2);
      if (n === UPPER) return upperTail(text, i + 2);
      if (c === PUNCT) return punctuation(text, i);
      if (n === PUNCT && text.charCodeAt(i) === 0x20) return punctuation(text, i + 1);
      return whitespace(text, i);
    }
    case NEWLINE:
      return whitespace(text, i);
    default:
      return -1;
  }
}
