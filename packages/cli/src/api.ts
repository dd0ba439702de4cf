/**
 * The CLI's linting and fixing as functions, for tests and tools that want them in-process:
 * the same configuration loading, engine, front end and fix passes as the binary.
 */
import { resolve } from 'node:path';
import { ConfigError, Engine, rules, stripBom } from '@promptlint/core';
import { detectKind, parsePromptFile } from '@promptlint/markdown';
import { ConfigResolver, displayPath, type LoadedConfig } from './config.js';
import { kindForExplicit } from './discover.js';
import { CliError } from './errors.js';
import { fixUntilStable } from './fix.js';
import { Linter, type ParsePromptFile } from './lint.js';
import type { CliFinding } from './report.js';
import { buildEngineConfig } from './settings.js';

export interface CreateLinterOptions {
  /** What paths are relative to; each path's configuration is the nearest above it. */
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

/**
 * Throws CliError for configuration problems (the binary prints them and exits 2). Each text is
 * linted with the configuration nearest to its path (from `cwd`), as the binary does.
 */
export async function createLinter(options: CreateLinterOptions): Promise<InProcessLinter> {
  const resolver = new ConfigResolver({ cwd: options.cwd, config: options.config, noConfig: options.noConfig ?? false });
  const linters = new Map<LoadedConfig, Linter>();
  const linterFor = (path: string): Linter => {
    const loaded = resolver.forFile(resolve(options.cwd, path));
    let linter = linters.get(loaded);
    if (!linter) {
      const settings = buildEngineConfig(loaded, { model: options.model, callsPerDay: options.callsPerDay });
      let engine: Engine;
      try {
        engine = new Engine(settings.engine, rules);
      } catch (e) {
        if (e instanceof ConfigError) throw new CliError(`${loaded.path ? displayPath(options.cwd, loaded.path) : 'configuration'}: ${e.message}`);
        throw e;
      }
      linter = new Linter(engine, parsePromptFile as ParsePromptFile);
      linters.set(loaded, linter);
    }
    return linter;
  };
  linterFor('.'); // the working directory's configuration is checked now
  const kindOf = (path: string) => kindForExplicit(path, detectKind);
  return {
    lint: (text, path) => linterFor(path).lintText(stripBom(text), path, kindOf(path)).findings,
    fix: (text, path) => {
      const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
      const kind = kindOf(path);
      const linter = linterFor(path);
      const r = fixUntilStable(stripBom(text), (t) => linter.fixesOf(t, path, kind));
      return { ...r, text: bom + r.text };
    },
  };
}
