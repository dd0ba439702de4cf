/**
 * The CLI's linting and fixing as functions, for tests and tools that want them in-process:
 * the same configuration loading, engine, front end and fix passes as the binary.
 */
import { ConfigError, Engine, rules, stripBom } from '@promptlint/core';
import { detectKind, parsePromptFile } from '@promptlint/markdown';
import { displayPath, loadConfig } from './config.js';
import { kindForExplicit } from './discover.js';
import { CliError } from './errors.js';
import { fixUntilStable } from './fix.js';
import { Linter, type ParsePromptFile } from './lint.js';
import type { CliFinding } from './report.js';
import { buildEngineConfig } from './settings.js';

export interface CreateLinterOptions {
  /** Where configuration discovery starts. */
  cwd: string;
  config?: string;
  noConfig?: boolean;
  model?: string;
  callsPerDay?: number;
}

export interface InProcessLinter {
  /** Findings for a text as if it were the file at `path` (relative, '/'-separated: decides the kind). */
  lint(text: string, path: string): CliFinding[];
  /** The text after --fix's passes (autofixes only, until stable, at most 10 passes). */
  fix(text: string, path: string): { text: string; applied: number; passes: number };
}

/** Throws CliError for configuration problems (the binary prints them and exits 2). */
export async function createLinter(options: CreateLinterOptions): Promise<InProcessLinter> {
  const loaded = await loadConfig({ cwd: options.cwd, config: options.config, noConfig: options.noConfig ?? false });
  const settings = buildEngineConfig(loaded, { model: options.model, callsPerDay: options.callsPerDay });
  let engine: Engine;
  try {
    engine = new Engine(settings.engine, rules);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`${loaded.path ? displayPath(options.cwd, loaded.path) : 'configuration'}: ${e.message}`);
    throw e;
  }
  const linter = new Linter(engine, parsePromptFile as ParsePromptFile);
  const kindOf = (path: string) => kindForExplicit(path, detectKind);
  return {
    lint: (text, path) => linter.lintText(stripBom(text), path, kindOf(path)).findings,
    fix: (text, path) => {
      const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
      const kind = kindOf(path);
      const r = fixUntilStable(stripBom(text), (t) => linter.fixesOf(t, path, kind));
      return { ...r, text: bom + r.text };
    },
  };
}
