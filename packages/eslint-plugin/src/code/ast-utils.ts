/**
 * eslint-utils' ReferenceTracker and findVariable (through @typescript-eslint/utils/ast-utils, about
 * 12 CommonJS modules), loaded on the first file the prefilter admits: an ESLint run over code that
 * never imports an LLM SDK does not load them.
 */
import { createRequire } from 'node:module';

type AstUtils = typeof import('@typescript-eslint/utils/ast-utils');

let loaded: AstUtils | undefined;

export function astUtils(): AstUtils {
  loaded ??= createRequire(import.meta.url)('@typescript-eslint/utils/ast-utils') as AstUtils;
  return loaded;
}
