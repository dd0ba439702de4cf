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
 */
const FORMAT = 'promptlint-cache/3';

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

function isEntry(v: unknown): v is Entry {
  const e = v as Partial<Entry> | null;
  if (!e || typeof e !== 'object' || typeof e.hash !== 'string' || typeof e.kind !== 'string' || typeof e.rel !== 'string') return false;
  if (!Array.isArray(e.findings) || !Array.isArray(e.estimates)) return false;
  const f = e.facts as Partial<TextFacts> | undefined;
  return f === undefined || (!!f && typeof f === 'object' && !!f.lines && typeof f.lines === 'object' && Array.isArray(f.estimateAt));
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
      if (isEntry(entry)) cache.entries.set(abs, entry);
      else cache.dirty = true;
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
    this.entries.set(abs, {
      hash,
      kind,
      rel,
      findings: result.findings,
      estimates: result.estimates,
      ...(result.notText ? { notText: true as const } : {}),
      ...(result.facts ? { facts: result.facts } : {}),
    });
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
