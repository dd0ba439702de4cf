/**
 * `--fix`: applies `finding.fix` (never suggestions) in passes of non-overlapping fixes until the
 * text is stable (at most 10 passes), then writes each changed file in place (writeInPlace).
 *
 * The write strategy: the file's own inode is rewritten (after a backup copy of its bytes next to
 * it), never replaced by a temp file and a rename. Only an in-place write keeps everything a file
 * is besides its bytes: owner and group (a rename by root leaves a root-owned file), mode, ACLs and
 * other extended attributes (which Node cannot read, so a rename could not even tell it loses
 * them), hard links (a rename splits them) and the identity editors and watchers hold. Safety
 * comes from the order: the backup is written and synced first, the file is written, truncated
 * and synced, then the backup is removed; so at every moment either the file or the backup holds
 * a whole version. A signal waits for the write in progress (writes are synchronous and SIGINT,
 * SIGTERM and SIGHUP are handled between them: safe-write.ts), then the backup is removed; only a
 * crash or SIGKILL in the middle of a write leaves the backup (`.NAME.PID.RANDOM.promptlint-backup`),
 * which holds the file as it was.
 *
 * Before writing, each file is read again and compared with the bytes that were fixed: a file
 * changed during the run (an editor, another tool) is left alone with a warning, never
 * overwritten with fixes of its old text. A file reached through a symlink to outside the project
 * is never written.
 */
import { accessSync, closeSync, constants, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, realpathSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, relative, isAbsolute } from 'node:path';
import { stripBom, type Fix } from '@promptlint/core';
import type { DiscoveredFile } from './discover.js';
import { CliError, describeFsError } from './errors.js';
import type { Linter } from './lint.js';
import { forgetTemp, openTemp, replaceAtomically, tempPathFor } from './safe-write.js';
import { decodeTextFile, readPromptBytes } from './text-file.js';

export const MAX_PASSES = 10;

/** Applies fixes that neither overlap nor touch (as ESLint does); the rest wait for the next pass. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const valid = fixes.filter((f) => f.range[0] >= 0 && f.range[1] >= f.range[0] && f.range[1] <= text.length);
  const sorted = [...valid].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const accepted: Fix[] = [];
  let lastEnd = -1;
  for (const f of sorted) {
    if (f.range[0] <= lastEnd) continue;
    accepted.push(f);
    lastEnd = f.range[1];
  }
  // One pass, in order: the text between fixes and each fix's text, joined once (rebuilding the
  // whole text per fix was quadratic: 30,000 fixes in 173 KB took 83 s).
  const pieces: string[] = [];
  let at = 0;
  for (const f of accepted) {
    pieces.push(text.slice(at, f.range[0]), f.text);
    at = f.range[1];
  }
  pieces.push(text.slice(at));
  return { text: accepted.length === 0 ? text : pieces.join(''), applied: accepted.length };
}

/**
 * Fixes a text until stable: `fixesOf` lints a text and returns its fixes (undefined when the text
 * cannot be parsed). Returns the final text and how many fixes were applied in all.
 */
export function fixUntilStable(text: string, fixesOf: (text: string) => readonly Fix[] | undefined): { text: string; applied: number; passes: number } {
  let current = text;
  let applied = 0;
  let passes = 0;
  while (passes < MAX_PASSES) {
    const fixes = fixesOf(current);
    if (!fixes || fixes.length === 0) break;
    const r = applyFixes(current, fixes);
    passes++;
    if (r.applied === 0 || r.text === current) break;
    applied += r.applied;
    current = r.text;
  }
  return { text: current, applied, passes };
}

/** Throws CliError unless the file can be replaced: read-only files are refused even for root. */
export function assertWritable(abs: string, shown: string): void {
  let mode: number;
  try {
    mode = statSync(abs).mode;
  } catch (e) {
    throw new CliError(`cannot fix ${shown}: ${describeFsError(e)}`);
  }
  if ((mode & 0o222) === 0) throw new CliError(`cannot fix ${shown}: the file is read-only (no file was changed)`);
  // The kernel's answer, which the mode bits do not give for root (an immutable file, a read-only
  // mount) nor for the folder, where the temp file and the rename happen.
  const target = resolveLink(abs);
  for (const [path, what] of [[target, 'the file'], [dirname(target), 'its folder']] as const) {
    try {
      accessSync(path, constants.W_OK);
    } catch (e) {
      throw new CliError(`cannot fix ${shown}: ${what} is not writable: ${describeFsError(e)} (no file was changed)`);
    }
  }
}

/** The file a path names, through any symlinks (the path itself when it does not exist yet). */
function resolveLink(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/**
 * Writes `content` to `path` through a temp file in the same folder and a rename; keeps the mode.
 * A symlink is written through (its target is replaced), so the link stays a link.
 */
export function writeAtomic(path: string, content: string | Iterable<string>, shown: string): void {
  replaceAtomically(resolveLink(path), content, shown);
}

export interface FixFilesOptions {
  /** The project's real path: files whose real path is outside it are never written. */
  root: string;
  /** One line for stderr (a file not fixed, and why). */
  warn: (message: string) => void;
  /** --fix-dry-run: nothing is written; each changed file's fixed text (BOM included) is put here and linted. */
  dryRun?: Map<string, string>;
}

/** Whether `path` is `dir` or inside it (both real paths). */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * `--fix` over a run's files: reads each (a file that cannot be read or is not text is left to the
 * lint step, which reports it), fixes it until stable, refuses read-only files before writing any
 * (CliError), then writes each changed file in place. Returns the texts to lint (raw, BOM included):
 * the fixed text of each file written, the text read of the others. With `dryRun` nothing is
 * written and the fixed texts are linted.
 */
export function fixFiles(files: readonly DiscoveredFile[], linter: Linter, o: FixFilesOptions): Map<string, string> {
  const texts = new Map<string, string>();
  const writes: { file: DiscoveredFile; real: string; before: Buffer; content: string }[] = [];
  for (const f of files) {
    const read = readPromptBytes(f.abs, f.rel);
    if ('problem' in read) continue; // cannot be read or too large: reported by the lint step
    const bytes = read.bytes;
    const decoded = decodeTextFile(bytes);
    if (decoded.problem) continue; // not text: reported, never fixed
    const raw = decoded.text;
    texts.set(f.abs, raw);
    const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const text = stripBom(raw);
    const fixed = fixUntilStable(text, (t) => linter.fixesOf(t, f.rel, f.kind));
    if (fixed.text === text) continue;
    if (o.dryRun) {
      texts.set(f.abs, bom + fixed.text);
      o.dryRun.set(f.abs, bom + fixed.text);
      continue;
    }
    const real = resolveLink(f.abs);
    if (!isWithin(real, o.root)) {
      o.warn(`not fixed: ${f.rel} is a link to ${real}, outside the project (${o.root})`);
      continue;
    }
    writes.push({ file: f, real, before: bytes, content: bom + fixed.text });
  }
  for (const w of writes) assertWritable(w.file.abs, w.file.rel);
  /** Files already written, by device and inode: a hard link or a second link to one is written once. */
  const written = new Map<string, string>();
  for (const w of writes) {
    const id = fileId(w.real);
    const same = id === undefined ? undefined : written.get(id);
    if (same !== undefined) {
      texts.set(w.file.abs, same);
      continue;
    }
    if (writeInPlace(w.real, w.content, w.before, w.file.rel) === 'changed') {
      o.warn(`not fixed: ${w.file.rel} changed while promptlint ran (its new content is linted as it is)`);
      texts.delete(w.file.abs); // lint what is there now
      continue;
    }
    texts.set(w.file.abs, w.content);
    if (id !== undefined) written.set(id, w.content);
  }
  return texts;
}

function fileId(path: string): string | undefined {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** Reads all of `fd` from offset 0 (the file's current bytes). */
function readAllAt(fd: number, size: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(size + 1, 4096));
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, n);
      buf = bigger;
    }
    const got = readSync(fd, buf, n, buf.length - n, n);
    if (got === 0) return buf.subarray(0, n);
    n += got;
  }
}

function writeAllAt(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, done);
}

/**
 * Rewrites the regular file `real` in place with `content`, unless its bytes are no longer
 * `expected` ('changed': nothing written). A backup of `expected` is written and synced next to
 * the file first and removed once the file is written and synced (see the top of this file).
 */
export function writeInPlace(real: string, content: string, expected: Buffer, shown: string): 'written' | 'changed' {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDWR | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    throw new CliError(`cannot fix ${shown}: ${describeFsError(e)}`);
  }
  let backup: string | undefined;
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new CliError(`cannot fix ${shown}: not a regular file`);
    if (st.size !== expected.length || !readAllAt(fd, st.size).equals(expected)) return 'changed';
    backup = tempPathFor(real, 'promptlint-backup');
    const b = openTemp(backup, 0o600);
    try {
      writeAllAt(b, expected);
      fsyncSync(b);
    } finally {
      closeSync(b);
    }
    const data = Buffer.from(content, 'utf8');
    try {
      writeAllAt(fd, data);
      ftruncateSync(fd, data.length);
      fsyncSync(fd);
    } catch (e) {
      // Put the old bytes back; if even that fails, the backup stays and the message names it.
      try {
        writeAllAt(fd, expected);
        ftruncateSync(fd, expected.length);
      } catch {
        forgetTemp(backup);
        const kept = backup;
        backup = undefined;
        throw new CliError(`cannot fix ${shown}: ${describeFsError(e)}; its previous content is in ${kept}`);
      }
      throw new CliError(`cannot fix ${shown}: ${describeFsError(e)} (the file was restored)`);
    }
    return 'written';
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot fix ${shown}: ${describeFsError(e)}`);
  } finally {
    closeSync(fd);
    if (backup !== undefined) {
      forgetTemp(backup);
      try {
        unlinkSync(backup);
      } catch {
        // already gone
      }
    }
  }
}
