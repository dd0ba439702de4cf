/**
 * One file, start to end: read, decode, lint. The unit of work of every path through the CLI: the
 * main thread, a worker thread (workers.ts) and a cache miss (cache.ts) all run this, so their
 * findings cannot differ. Plain data in and out (structured-cloneable), nothing kept: an outcome
 * carries the few lines of the text that output needs (text-facts.ts), not the text.
 */
import { stripBom } from '@promptlint/core';
import { contentHash } from './cache.js';
import type { PromptFileKind } from './discover.js';
import type { CallEstimate } from './estimate.js';
import type { Linter } from './lint.js';
import type { CliFinding } from './report.js';
import { textFacts, type TextFacts } from './text-facts.js';
import { decodeTextFile, readPromptBytes } from './text-file.js';

export interface FileJob {
  /** Position in the run's file list: results are reported in this order whoever lints them. */
  index: number;
  abs: string;
  rel: string;
  kind: PromptFileKind;
  /** The text, when the main thread has already read it (--fix); else the file is read. */
  text?: string;
  /** Return the SHA-256 of the bytes linted (--cache), so a file changed meanwhile is cached as what was linted. */
  hash?: boolean;
}

export type FileOutcome =
  | {
      index: number;
      /** What output needs of the text linted (without its BOM): never the whole text. */
      facts: TextFacts;
      findings: CliFinding[];
      estimates: CallEstimate[];
      /** True when the bytes are not a UTF-8 text file (the one finding says why). */
      notText?: true;
      /** With `job.hash`: the SHA-256 of the bytes read. */
      hash?: string;
    }
  /** Not produced any more (a file that cannot be read is a fatal finding); kept for callers that check. */
  | { index: number; readError: string }
  /** A bug of ours while linting it: reported as an internal error, as in-process. */
  | { index: number; internalError: string };

export type ReadText = { text: string; problem?: CliFinding; bytes?: Uint8Array };

/**
 * A file's text (BOM stripped) and whether it is text at all. A file that cannot be read (deleted
 * since it was found, too large, an I/O error) is a fatal finding for that file, as one that is
 * not text: the run goes on and reports the others.
 */
export function readFileText(abs: string, rel: string): ReadText {
  const read = readPromptBytes(abs, rel);
  if ('problem' in read) return { text: '', problem: read.problem };
  return { ...textOfBytes(read.bytes), bytes: read.bytes };
}

/** A file's bytes as text (BOM stripped), with the finding that says why when they are not text. */
export function textOfBytes(bytes: Uint8Array): { text: string; problem?: CliFinding } {
  const decoded = decodeTextFile(bytes as Buffer);
  return { text: stripBom(decoded.text), ...(decoded.problem ? { problem: decoded.problem } : {}) };
}

/** Lints a job's file (reading it unless the job carries its text). */
export function lintJob(linter: Linter, job: FileJob): FileOutcome {
  let text = job.text;
  let hash: string | undefined;
  if (text === undefined) {
    const read = readFileText(job.abs, job.rel);
    if (read.problem) return { index: job.index, facts: textFacts(read.text, [read.problem], []), findings: [read.problem], estimates: [], notText: true };
    text = read.text;
    if (job.hash) hash = contentHash(read.bytes!);
  }
  const linted = linter.lintText(text, job.rel, job.kind);
  const { findings, estimates } = linted;
  return { index: job.index, facts: textFacts(text, findings, estimates), findings, estimates, ...(hash ? { hash } : {}) };
}
