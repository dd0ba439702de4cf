/**
 * `--fix`: applies `finding.fix` (never suggestions) in passes of non-overlapping fixes until the
 * text is stable (at most 10 passes), and writes files atomically (a temp file in the same folder,
 * then rename) with their mode preserved.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Fix } from '@promptlint/core';
import { CliError, describeFsError } from './errors.js';
import { replaceAtomically } from './safe-write.js';

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
