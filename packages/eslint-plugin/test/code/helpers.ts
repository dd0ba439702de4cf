/**
 * Runs the real extraction inside a real ESLint `Linter` run (espree for JS, typescript-eslint's
 * parser for TS), so scope analysis, parents and ranges are exactly what the rules see.
 */
import type { PromptDocument, PromptRequest } from '@promptlint/core';
import tsParser from '@typescript-eslint/parser';
import { Linter, type Rule } from 'eslint';
import { extractDocument, type CodeSource } from '../../src/code/extract.js';
import type { ExtractOptions } from '../../src/code/request.js';
import { auditPrefilter } from './prefilter-audit.js';

export interface ExtractRun {
  document: PromptDocument;
  /** The source text a range points at. */
  at(range: readonly [number, number] | undefined): string | undefined;
}

export function extract(code: string, opts: { ts?: boolean; options?: ExtractOptions } = {}): ExtractRun {
  let document: PromptDocument | undefined;
  let error: unknown;
  const capture: Rule.RuleModule = {
    meta: { type: 'problem', schema: [] },
    create(context) {
      return {
        'Program:exit'() {
          try {
            document = extractDocument(context.sourceCode as unknown as CodeSource, opts.options ?? {});
            auditPrefilter(context.sourceCode); // every extraction test also checks the prefilter
          } catch (e) {
            error = e;
          }
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        plugins: { t: { rules: { capture } } },
        rules: { 't/capture': 'error' },
        ...(opts.ts ? { languageOptions: { parser: tsParser } } : { languageOptions: { sourceType: 'module' } }),
      },
    ],
    opts.ts ? 'file.ts' : 'file.js',
  );
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (error) throw error;
  if (!document) throw new Error('extraction did not run');
  const doc = document;
  return { document: doc, at: (r) => (r ? doc.text.slice(r[0], r[1]) : undefined) };
}

/** The only request of a file (fails the test when there is not exactly one). */
export function onlyRequest(code: string, opts?: Parameters<typeof extract>[1]): { request: PromptRequest; at: ExtractRun['at'] } {
  const run = extract(code, opts);
  if (run.document.requests.length !== 1) throw new Error(`expected 1 request, got ${run.document.requests.length}`);
  return { request: run.document.requests[0]!, at: run.at };
}
