/**
 * Writing the files the user names (`-o`, `--cache-location`) as other command-line tools do:
 *
 * - a regular file, or a path that does not exist yet: a temp file in the same folder, then a
 *   rename over it, so a reader never sees half a report (a symlink is written through: the link
 *   stays a link);
 * - a path that exists and is not a regular file is never replaced: a FIFO, a character device
 *   (`/dev/null`, a terminal) or a pipe named by `/dev/stdout` or `/dev/fd/N` (bash's `>(cmd)`) is
 *   opened and written directly, as `cmd > path` would (a FIFO waits for its reader);
 * - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` name a descriptor this process
 *   already holds: a regular file there (`> report.txt`, `>> log`) is written through that
 *   descriptor, at its offset and in its append mode; a socket there (which cannot be reopened by
 *   name) is written through the descriptor too;
 * - a folder, a block device or a socket file is refused with a one-line error.
 *
 * Temp files are registered while they exist: SIGINT, SIGTERM and SIGHUP remove them before the
 * process ends by the same signal (`guardSignals`).
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError, describeFsError } from './errors.js';

export type Content = string | Iterable<string>;

/** Writes `content` to the file the user named (`shown` is the name as given, for messages). */
export function writeUserFile(path: string, content: Content, shown: string): void {
  const fd = ownDescriptor(path);
  if (fd !== undefined) {
    writeToOwnDescriptor(fd, path, content, shown);
    return;
  }
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') {
      replaceAtomically(path, content, shown); // a new file (or a dangling link: replaced by a file)
      return;
    }
    throw new CliError(`cannot write ${shown}: ${describeFsError(e)}`);
  }
  if (st.isFile()) {
    replaceAtomically(realpathOr(path), content, shown);
    return;
  }
  const refused = notWritableKind(st);
  if (refused) throw new CliError(`cannot write ${shown}: ${refused}`);
  // A FIFO or a character device: write to it, never replace it.
  let out: number;
  try {
    out = openSync(path, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new CliError(`cannot write ${shown}: ${describeWriteError(e)}`);
  }
  try {
    writeAll(out, content, shown);
  } finally {
    closeQuietly(out);
  }
}

/** Why a path that exists cannot take a report, or `undefined` when it can be written directly. */
function notWritableKind(st: Stats): string | undefined {
  if (st.isDirectory()) return 'is a directory';
  if (st.isBlockDevice()) return 'is a block device (refusing to write a report to it)';
  if (st.isSocket()) return 'is a socket';
  return undefined;
}

/** The descriptor number a path names in this process (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/3`). */
export function ownDescriptor(path: string): number | undefined {
  if (process.platform === 'win32') return undefined;
  if (path === '/dev/stdin') return 0;
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(path);
  if (!m || (m[1] !== undefined && Number(m[1]) !== process.pid)) return undefined;
  return Number(m[2]);
}

/**
 * Whether this process holds the reading end of the pipe descriptor `fd` writes to (Linux: by the
 * pipe's name in /proc/self/fd): the runtime's own wake-up pipes are such pairs, and a report
 * written there would be read by nobody but the runtime. A pipe given by the shell (`| cmd`,
 * `>(cmd)`) is read by another process.
 */
function readByThisProcess(fd: number): boolean {
  let name: string;
  let fds: string[];
  try {
    name = readlinkSync(`/proc/self/fd/${fd}`);
    fds = readdirSync('/proc/self/fd');
  } catch {
    return false; // no /proc (macOS): cannot tell
  }
  for (const other of fds) {
    try {
      if (readlinkSync(`/proc/self/fd/${other}`) === name && readOnly(Number(other))) return true;
    } catch {
      // closed meanwhile
    }
  }
  return false;
}

/** Whether descriptor `fd` is open for reading only (Linux: /proc/self/fdinfo; elsewhere: unknown, false). */
function readOnly(fd: number): boolean {
  try {
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
    return flags !== null && (parseInt(flags[1]!, 8) & 3) === constants.O_RDONLY;
  } catch {
    return false;
  }
}

function writeToOwnDescriptor(fd: number, path: string, content: Content, shown: string): void {
  let st: Stats;
  try {
    st = fstatSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new CliError(`cannot write ${shown}: ${code === 'EBADF' ? `no descriptor ${fd} is open` : describeFsError(e)}`);
  }
  if (readOnly(fd)) throw new CliError(`cannot write ${shown}: descriptor ${fd} is open for reading only`);
  if (st.isFile() || st.isSocket()) {
    // A file the shell opened for us (keeps its offset and append mode), or a socket (cannot be reopened).
    writeAll(fd, content, shown);
    return;
  }
  if (st.isDirectory()) throw new CliError(`cannot write ${shown}: is a directory`);
  // Descriptors of the runtime's own (an eventfd, an epoll set) are none of these: never write there.
  if (!st.isFIFO() && !st.isCharacterDevice()) throw new CliError(`cannot write ${shown}: not a file, pipe or device`);
  if (st.isFIFO() && readByThisProcess(fd)) throw new CliError(`cannot write ${shown}: a pipe that promptlint itself reads (not one given to it)`);
  // A pipe, a terminal, a character device: reopen it by name, which gives a blocking descriptor
  // of our own (the inherited one may be non-blocking); write through the inherited one if not.
  let out: number | undefined;
  try {
    out = openSync(path, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
  } catch {
    out = undefined;
  }
  try {
    writeAll(out ?? fd, content, shown);
  } finally {
    if (out !== undefined) closeQuietly(out);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes every piece to `fd`, waiting when a non-blocking pipe is full (EAGAIN). */
function writeAll(fd: number, content: Content, shown: string): void {
  const pieces = typeof content === 'string' ? [content] : content;
  for (const piece of pieces) {
    const buf = Buffer.from(piece, 'utf8');
    let done = 0;
    while (done < buf.length) {
      try {
        done += writeSync(fd, buf, done, buf.length - done);
      } catch (e) {
        if ((e as NodeJS.ErrnoException)?.code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 2); // the reader has not caught up: wait a little
          continue;
        }
        throw new CliError(`cannot write ${shown}: ${describeWriteError(e)}`);
      }
    }
  }
}

function describeWriteError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EPIPE') return 'the reader closed the pipe';
  if (code === 'ENXIO') return 'no reader, or not a file that can be opened for writing';
  if (code === 'ENOSPC') return 'no space left on the device';
  return describeFsError(e);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed or never fully opened
  }
}

/** The file a path names, through any symlinks (the path itself when it does not resolve). */
export function realpathOr(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/** A fresh temp path next to `abs` (same folder, so the rename stays on one file system). */
export function tempPathFor(abs: string, tag = 'tmp'): string {
  return join(dirname(abs), `.${basename(abs)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.${tag}`);
}

/**
 * Writes `content` to a temp file next to `abs` and renames it over `abs`, keeping the mode of the
 * file it replaces. For regular files and new paths only (writeUserFile decides).
 */
export function replaceAtomically(abs: string, content: Content, shown: string): void {
  let mode: number | undefined;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new CliError(`cannot write ${shown}: not a regular file`);
    mode = st.mode & 0o7777;
  } catch (e) {
    if (e instanceof CliError) throw e;
    mode = undefined; // a new file
  }
  const tmp = tempPathFor(abs);
  let fd: number | undefined;
  try {
    fd = openTemp(tmp, mode);
    writeAll(fd, content, shown);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, abs);
    forgetTemp(tmp);
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd);
    removeTemp(tmp);
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot write ${shown}: ${describeFsError(e)}`);
  }
}

/** Creates a temp file (never an existing one) registered for removal on signals. */
export function openTemp(tmp: string, mode: number | undefined): number {
  guardSignals();
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o666);
  temps.add(tmp);
  try {
    // The umask applies at creation: the mode of the file replaced is kept exactly.
    if (mode !== undefined) fchmodSync(fd, mode);
  } catch (e) {
    closeQuietly(fd);
    throw e;
  }
  return fd;
}

/** Temp files that exist now, removed on SIGINT/SIGTERM/SIGHUP. */
const temps = new Set<string>();

export function forgetTemp(tmp: string): void {
  temps.delete(tmp);
}

export function removeTemp(tmp: string): void {
  temps.delete(tmp);
  try {
    unlinkSync(tmp);
  } catch {
    // never made, or already gone
  }
}

let guarded = false;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * From the first write on, SIGINT, SIGTERM and SIGHUP remove the temp files that exist and then
 * end the process by the same signal (exit status 128 + n, as without a handler). A write is
 * synchronous, so a signal is handled between writes, never in the middle of one: no file is
 * left half-written and no temp file is left behind. The handlers stay for the rest of the run,
 * so a signal that arrives during the writes is acted on as soon as they end.
 */
export function guardSignals(): void {
  if (guarded) return;
  guarded = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const t of [...temps]) removeTemp(t);
    for (const s of SIGNALS) process.off(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.once(s, onSignal);
}
