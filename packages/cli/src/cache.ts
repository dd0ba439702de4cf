/**
 * `--cache`: remembers each file's findings and call estimates under a hash of its content, as
 * ESLint's `--cache --cache-strategy content` does, so the next run skips files that did not change.
 *
 * - An entry is used only when the file's SHA-256, its prompt-file kind and its reported path are
 *   the same, and the whole cache only when its key is: a hash of the effective engine
 *   configuration (rules, options, default model, call rate, model overrides), the CLI's and its
 *   engines' versions and the price table. Anything else that changes a result changes one of these.
 * - The file (default `.promptlintcache` in the working directory) is JSON, written to a temp file
 *   in the same folder and renamed over the old one, so a reader never sees half of it.
 * - A missing, unreadable, corrupt or foreign cache file is ignored: the run lints everything and
 *   writes a fresh one. Entries of files that no longer exist are dropped on save.
 * - The cache is only ever a regular file. A location that is a folder holds `.promptlintcache`
 *   (as ESLint's --cache-location); one that is something else (`/dev/null`, a FIFO, `/dev/zero`)
 *   is never read (reading could block or never end) and never replaced: a character device such
 *   as `/dev/null` takes nothing (the run simply keeps no cache), anything else is reported as a
 *   cache that cannot be written. A cache file larger than MAX_CACHE_BYTES is not read.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from './bounded-read.js';
import type { CallEstimate } from './estimate.js';
import type { CliFinding } from './report.js';
import { replaceAtomically } from './safe-write.js';
import type { TextFacts } from './text-facts.js';

export const DEFAULT_CACHE_FILE = '.promptlintcache';
/** A cache file larger than this is ignored (a miss for every file), never read. */
export const MAX_CACHE_BYTES = 1 << 30;
/**
 * 3: entries carry their text facts, so a hit needs no decoding of the file (1 had none), and the
 * file is ASCII (other characters as \u escapes), so it loads as a one-byte string (2 did not).
 * 4: every entry carries a digest of its content, and is checked field by field when loaded.
 */
const FORMAT = 'promptlint-cache/4';

/** JSON text with every character past ASCII written as a \u escape (same value when parsed). */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface CachedResult {
  findings: CliFinding[];
  estimates: CallEstimate[];
  /** The bytes are not a UTF-8 text file (the one finding says why). */
  notText?: true;
  /** What output needs of the text (text-facts.ts): with it, a hit needs only the file's hash. */
  facts?: TextFacts;
}

interface Entry extends CachedResult {
  hash: string;
  kind: string;
  rel: string;
  /** entryDigest of the rest. */
  digest: string;
}

interface CacheFile {
  format: typeof FORMAT;
  key: string;
  files: Record<string, Entry>;
}

/** SHA-256 of a file's bytes, hex. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stable JSON text (object keys sorted), so equal configurations hash equally. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );
}

/** The key a cache is valid for: configuration, versions and price table, hashed. */
export function cacheKey(parts: { engine: unknown; versions: Record<string, string>; prices: unknown }): string {
  return contentHash(stableJson(parts));
}

type Check = (v: unknown) => boolean;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): boolean => typeof v === 'string';
const orNull = (check: Check): Check => (v) => v === null || check(v);
const oneOf = (...values: unknown[]): Check => (v) => values.includes(v);
const isRange = (v: unknown): boolean => Array.isArray(v) && v.length === 2 && isCount(v[0]) && isCount(v[1]) && (v[0] as number) <= (v[1] as number);
const isArrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);

function isSavings(v: unknown): boolean {
  return (
    isObject(v) &&
    orNull(isFiniteNumber)(v.tokens) &&
    isString(v.tokenKind) &&
    orNull(isFiniteNumber)(v.usdPerCall) &&
    orNull(isFiniteNumber)(v.usdPerMonth) &&
    orNull(isString)(v.model) &&
    isString(v.confidence) &&
    isString(v.basis)
  );
}

function isFinding(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (!(v.ruleId === null || isString(v.ruleId)) || !oneOf('error', 'warning')(v.severity) || !isString(v.message)) return false;
  if (![v.line, v.column, v.endLine, v.endColumn].every(isCount) || (v.line as number) < 1 || (v.endLine as number) < (v.line as number)) return false;
  if (!(v.savings === null || isSavings(v.savings))) return false;
  if (v.fatal !== undefined && v.fatal !== true) return false;
  return v.fix === undefined || (isObject(v.fix) && isRange(v.fix.range) && isString(v.fix.text));
}

function isEstimate(v: unknown): boolean {
  return (
    isObject(v) &&
    isRange(v.range) &&
    orNull(isString)(v.model) &&
    oneOf('request', 'default', 'none')(v.modelSource) &&
    isCount(v.inputTokens) &&
    isCount(v.unknownSlots) &&
    isCount(v.outputTokens) &&
    oneOf('limit', 'model-max', 'host', 'unknown')(v.outputSource) &&
    orNull(isFiniteNumber)(v.usdPerCall) &&
    (v.gap === undefined || isString(v.gap)) &&
    typeof v.exactTokens === 'boolean'
  );
}

const isPosition = (v: unknown): boolean => isObject(v) && [v.line, v.column, v.endLine, v.endColumn].every(isCount);

function isFacts(v: unknown, estimates: number): boolean {
  if (!isObject(v) || !isObject(v.lines) || !Array.isArray(v.estimateAt) || v.estimateAt.length !== estimates) return false;
  return Object.entries(v.lines).every(([k, line]) => /^[1-9]\d*$/.test(k) && isString(line)) && v.estimateAt.every(isPosition);
}

/**
 * A cache entry as this version writes it, every field checked (a damaged entry, such as
 * `findings: [null]`, `message: null` or `savings.tokens: "x"`, is a miss, never a crash), and its
 * digest matching: an entry edited by hand (`findings: []` for a file with errors) is a miss too.
 */
function isEntry(v: unknown, key: string): v is Entry {
  if (!isObject(v) || !isString(v.hash) || !isString(v.kind) || !isString(v.rel) || !isString(v.digest)) return false;
  if (!isArrayOf(isFinding)(v.findings) || !isArrayOf(isEstimate)(v.estimates)) return false;
  if (v.notText !== undefined && v.notText !== true) return false;
  if (v.facts !== undefined && !isFacts(v.facts, (v.estimates as unknown[]).length)) return false;
  return v.digest === entryDigest(key, v);
}

/**
 * The SHA-256 of an entry's content (every field but the digest, in the order written) and the
 * cache key: damage or a hand edit changes it. Not a defence against someone who can write the
 * project's files (they could as well change the code), as for ESLint's cache.
 */
function entryDigest(key: string, e: Record<string, unknown>): string {
  const { digest: _digest, ...content } = e;
  return contentHash(`${key}\u0000${JSON.stringify(content)}`);
}

export class LintCache {
  private readonly entries = new Map<string, Entry>();
  private readonly touched = new Set<string>();
  /** Whether anything differs from the file as loaded. */
  private dirty = false;
  hits = 0;

  private constructor(
    readonly path: string,
    readonly key: string,
  ) {}

  /** What the location is: a regular file or nothing yet, or something never read nor replaced. */
  private target: 'file' | 'discard' | 'refuse' = 'file';

  /** The cache at `path` when it is valid for `key`; otherwise an empty one (never an error). */
  static load(location: string, key: string): LintCache {
    let path = location;
    let target: LintCache['target'] = 'file';
    try {
      const st = statSync(location);
      if (st.isDirectory()) path = join(location, DEFAULT_CACHE_FILE);
      else if (st.isCharacterDevice()) target = 'discard';
      else if (!st.isFile()) target = 'refuse';
    } catch {
      // nothing there yet
    }
    const cache = new LintCache(path, key);
    cache.target = target;
    cache.dirty = true; // until a valid file is read
    if (target !== 'file') return cache;
    let data: Partial<CacheFile> | null;
    try {
      // Read as Latin-1: a one-byte string, which JSON.parse reads faster; a byte past ASCII means
      // the file is not one this version wrote.
      const text = readBounded(path, MAX_CACHE_BYTES).toString('latin1');
      if (/[^\x00-\x7f]/.test(text)) return cache;
      data = JSON.parse(text) as Partial<CacheFile> | null;
    } catch {
      return cache; // none yet, unreadable or corrupt: start afresh
    }
    if (!data || data.format !== FORMAT || data.key !== key || !data.files || typeof data.files !== 'object') return cache;
    cache.dirty = false;
    for (const [abs, entry] of Object.entries(data.files)) {
      if (isEntry(entry, key)) cache.entries.set(abs, entry);
      else cache.dirty = true; // a miss: linted again and written afresh
    }
    return cache;
  }

  /** The remembered result of a file, when its content, kind and path are unchanged. */
  get(abs: string, hash: string, kind: string, rel: string): CachedResult | undefined {
    const e = this.entries.get(abs);
    if (!e || e.hash !== hash || e.kind !== kind || e.rel !== rel) return undefined;
    this.touched.add(abs);
    this.hits++;
    return { findings: e.findings, estimates: e.estimates, ...(e.notText ? { notText: true as const } : {}), ...(e.facts ? { facts: e.facts } : {}) };
  }

  set(abs: string, hash: string, kind: string, rel: string, result: CachedResult): void {
    const entry: Omit<Entry, 'digest'> = {
      hash,
      kind,
      rel,
      findings: result.findings,
      estimates: result.estimates,
      ...(result.notText ? { notText: true as const } : {}),
      ...(result.facts ? { facts: result.facts } : {}),
    };
    // JSON.stringify of the entry is the text it is read back from (undefined fields dropped alike).
    this.entries.set(abs, { ...entry, digest: entryDigest(this.key, entry as unknown as Record<string, unknown>) });
    this.touched.add(abs);
    this.dirty = true;
  }

  /**
   * Writes the cache atomically (temp file + rename), unless nothing changed. Keeps this run's
   * entries and those of other files that still exist. Returns why it could not, or `undefined`.
   */
  save(): string | undefined {
    const files: Record<string, Entry> = {};
    for (const [abs, e] of this.entries) {
      if (this.touched.has(abs) || existsSync(abs)) files[abs] = e;
      else this.dirty = true;
    }
    if (!this.dirty || this.target === 'discard') return undefined;
    if (this.target === 'refuse') return `${this.path} is not a regular file (a cache is kept only in a regular file or a folder)`;
    const data: CacheFile = { format: FORMAT, key: this.key, files };
    try {
      replaceAtomically(this.path, asciiJson(data), this.path);
      return undefined;
    } catch (e) {
      return ((e as Error)?.message ?? String(e)).replace(/^cannot write /, '');
    }
  }
}
