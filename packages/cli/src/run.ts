/** The lint command: configuration, discovery, --fix, linting, budgets, formatting, exit code. */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { ConfigError, Engine, formatUsd, rules, stripBom, type EngineConfig } from '@promptlint/core';
import { detectKind, parsePromptFile } from '@promptlint/markdown';
import type { LintOptions } from './args.js';
import { compareWithBaseline, loadBaseline } from './baseline.js';
import { DEFAULT_CACHE_FILE } from './cache.js';
import { ConfigResolver, displayPath, type LoadedConfig } from './config.js';
import { CODE_FILE_POINTER, discover, isCodeFile, isIgnoredFile, kindForExplicit, projectRoot, reportPath, type DiscoveredFile } from './discover.js';
import { CliError, describeFsError } from './errors.js';
import { describeTokens } from './estimate.js';
import { fileCost } from './file-cost.js';
import { fixFiles, fixUntilStable } from './fix.js';
import { gateFailure } from './formats/baseline.js';
import { formatReportChunks } from './formats/index.js';
import { batched } from './formats/json-chunks.js';
import { Linter, type ParsePromptFile } from './lint.js';
import { lintJob, type FileOutcome } from './lint-file.js';
import { lintFiles, runCacheKey } from './lint-files.js';
import { GlobError, GlobSet } from './glob.js';
import type { MainOptions, Output } from './main.js';
import { summarize, type CliFinding, type FileResult, type Report } from './report.js';
import { writeUserFile } from './safe-write.js';
import { homepage, version } from './package-info.js';
import { buildEngineConfig, type Settings } from './settings.js';
import { textFacts, type Position } from './text-facts.js';
import { decodeTextFile } from './text-file.js';

/** Everything that follows from one configuration file: settings, engine, linter, ignores. */
interface ConfigContext {
  loaded: LoadedConfig;
  settings: Settings;
  engine: Engine;
  linter: Linter;
  maxCost: number | undefined;
  ignores: GlobSet;
}

/** ESLint's words for a file named explicitly that is ignored. */
export const IGNORED_FILE_MESSAGE = 'File ignored because of a matching ignore pattern. Use "--no-ignore" to disable file ignore settings or use "--no-warn-ignored" to suppress this warning.';

interface Linted {
  file: DiscoveredFile;
  ctx: ConfigContext | undefined;
  outcome: FileOutcome;
  output?: string;
}

export async function runLint(opts: LintOptions, io: MainOptions): Promise<number> {
  const { cwd } = io;
  if (opts.rules) checkFlagRules(opts.rules);
  const resolver = new ConfigResolver({ cwd, config: opts.config, noConfig: opts.noConfig, log: (text) => io.stderr.write(text) });
  const flags = { model: opts.model, callsPerDay: opts.callsPerDay, rules: opts.rules, reportUnusedDisableDirectives: opts.reportUnusedDisableDirectives };
  const contexts = new Map<LoadedConfig, ConfigContext>();
  const contextOf = (loaded: LoadedConfig): ConfigContext => {
    let ctx = contexts.get(loaded);
    if (!ctx) {
      const settings = buildEngineConfig(loaded, flags);
      const engine = makeEngine(settings.engine, loaded, cwd);
      checkModel(engine, settings.engine.defaultModel, settings.modelFrom, loaded, cwd);
      ctx = {
        loaded,
        settings,
        engine,
        linter: new Linter(engine, parsePromptFile as ParsePromptFile),
        maxCost: opts.maxCost ?? loaded.config.maxCost,
        ignores: configIgnores(loaded, cwd),
      };
      contexts.set(loaded, ctx);
    }
    return ctx;
  };
  // The working directory's configuration is read (and checked) first, as before any file is.
  const runCtx = contextOf(resolver.forRun());

  if (opts.printConfig !== undefined) {
    const target = resolve(cwd, opts.printConfig);
    const ctx = contextOf(resolver.forFile(target));
    io.stdout.write(`${JSON.stringify(printedConfig(ctx, cwd), null, 2)}\n`);
    return 0;
  }

  // Read before anything is linted or fixed: a bad baseline stops the run with exit 2.
  const baseline = opts.baseline === undefined ? undefined : loadBaseline(cwd, opts.baseline);
  let ignorePatterns: GlobSet;
  try {
    ignorePatterns = new GlobSet(opts.ignorePatterns);
  } catch (e) {
    throw e instanceof GlobError ? new CliError(`--ignore-pattern: ${e.message}`) : e;
  }
  const isIgnored = (abs: string): boolean => {
    const fromCwd = toPosix(relative(cwd, abs));
    if (ignorePatterns.size > 0 && !fromCwd.startsWith('..') && ignorePatterns.matches(fromCwd)) return true;
    const ctx = contextOf(resolver.forFile(abs));
    if (ctx.ignores.size === 0) return false;
    const rel = toPosix(relative(ctx.loaded.dir, abs));
    return !rel.startsWith('..') && ctx.ignores.matches(rel);
  };

  const items: Linted[] = [];
  const ignoredFile = (file: DiscoveredFile): void => {
    if (!opts.warnIgnored) return;
    const finding: CliFinding = { ruleId: 'ignored-file', severity: 'warning', message: IGNORED_FILE_MESSAGE, line: 1, column: 1, endLine: 1, endColumn: 1, savings: null };
    items.push({ file, ctx: undefined, outcome: { index: -1, facts: { lines: {}, estimateAt: [] }, findings: [finding], estimates: [] } });
  };

  let linted: { cached: number; linted: number; workers: number; files: number };
  if (opts.stdin) {
    const text = await readStdin(io);
    const abs = resolve(cwd, opts.stdinFilename ?? '<text>');
    const rel = opts.stdinFilename === undefined ? '<text>' : reportPath(cwd, abs);
    if (isCodeFile(abs)) throw new CliError(`${opts.stdinFilename}: a code file: ${CODE_FILE_POINTER}`);
    const file: DiscoveredFile = { abs, rel, kind: kindForExplicit(rel, detectKind) };
    if (opts.stdinFilename !== undefined && opts.ignore && isIgnoredFile(abs, cwd, isIgnored)) ignoredFile(file);
    else {
      const ctx = contextOf(resolver.forFile(abs));
      const decoded = decodeTextFile(Buffer.from(text));
      const item: Linted = { file, ctx, outcome: { index: 0, readError: '' } };
      let linting = stripBom(decoded.text);
      if (opts.fixDryRun && !decoded.problem) {
        const fixed = fixUntilStable(linting, (t) => ctx.linter.fixesOf(t, rel, file.kind));
        if (fixed.text !== linting) item.output = (decoded.text.charCodeAt(0) === 0xfeff ? '\ufeff' : '') + fixed.text;
        linting = fixed.text;
      }
      item.outcome = decoded.problem
        ? { index: 0, facts: textFacts(linting, [decoded.problem], []), findings: [decoded.problem], estimates: [], notText: true }
        : lintJob(ctx.linter, { index: 0, abs, rel, kind: file.kind, text: linting });
      items.push(item);
    }
    linted = { cached: 0, linted: items.length, workers: 0, files: 1 };
  } else {
    const warn = (m: string): void => void io.stderr.write(`promptlint: ${m}\n`);
    const files = discover({ cwd, patterns: opts.patterns, ignores: [], ignoresDir: cwd, detectKind, isIgnored, noIgnore: !opts.ignore, onIgnored: ignoredFile, onSkip: warn });
    // One group of files per configuration (the nearest to each file), in the run's order.
    const groups = new Map<ConfigContext, number[]>();
    const ctxOf = files.map((f) => contextOf(resolver.forFile(f.abs)));
    ctxOf.forEach((ctx, i) => (groups.get(ctx) ?? groups.set(ctx, []).get(ctx)!).push(i));
    const cacheFile = opts.cache ? resolve(cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined;
    const cacheKey = groups.size > 1 ? runCacheKey({ byConfig: [...groups.keys()].map((c) => c.settings.engine) } as EngineConfig) : undefined;
    const outcomes: FileOutcome[] = new Array(files.length);
    const outputs = new Map<string, string>();
    linted = { cached: 0, linted: 0, workers: 0, files: files.length };
    for (const [ctx, indices] of groups) {
      const groupFiles = indices.map((i) => files[i]!);
      // --fix and --fix-dry-run read and fix every file first (fix.ts: --fix refuses read-only files
      // before writing any); a plain run reads each file as it is linted (lint-files.ts).
      const texts = opts.fix || opts.fixDryRun ? fixFiles(groupFiles, ctx.linter, { root: projectRoot(cwd), warn, ...(opts.fix ? {} : { dryRun: outputs }) }) : undefined;
      const r = await lintFiles(groupFiles, { linter: ctx.linter, engine: ctx.settings.engine, concurrency: opts.concurrency ?? 'auto', cacheFile, cacheKey, texts });
      r.outcomes.forEach((o, k) => (outcomes[indices[k]!] = o));
      if (r.cacheProblem !== undefined) io.stderr.write(`promptlint: cannot write the cache: ${r.cacheProblem}\n`);
      linted.cached += r.cached;
      linted.linted += r.linted;
      linted.workers = Math.max(linted.workers, r.workers);
    }
    files.forEach((file, i) => items.push({ file, ctx: ctxOf[i], outcome: outcomes[i]!, ...(outputs.has(file.abs) ? { output: outputs.get(file.abs)! } : {}) }));
  }
  if (opts.debug) {
    const where = linted.workers > 0 ? `on ${linted.workers} worker thread${linted.workers === 1 ? '' : 's'}` : 'on the main thread';
    const configs = contexts.size > 1 ? ` in ${contexts.size} configurations` : '';
    io.stderr.write(`promptlint: debug: ${linted.files} files${configs}: ${linted.cached} from the cache, ${linted.linted} linted ${where}\n`);
  }

  const results: FileResult[] = [];
  let defaultUsed = false;
  for (const { file: f, ctx, outcome: r, output } of items) {
    if ('readError' in r) throw new CliError(r.readError);
    if ('internalError' in r) throw new Error(r.internalError);
    const { facts, estimates } = r;
    if (estimates.some((e) => e.modelSource === 'default')) defaultUsed = true;
    const findings = [...r.findings];
    const maxCost = ctx?.maxCost;
    if (maxCost !== undefined && !r.notText) findings.push(...budgetFindings(estimates, facts.estimateAt, maxCost, opts.maxCost !== undefined));
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    results.push({ path: f.rel, abs: f.abs, lines: facts.lines, findings, estimates, ...(output !== undefined ? { output } : {}) });
  }

  const all = summarize(results);
  const shown = opts.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const notes: string[] = [];
  const tooManyWarnings = opts.maxWarnings >= 0 && all.warnings > opts.maxWarnings;
  if (tooManyWarnings) notes.push(`promptlint found too many warnings (maximum: ${opts.maxWarnings}).`);
  const comparison = baseline && compareWithBaseline(baseline, new Map(results.map((r) => [r.path, fileCost(r.estimates)])), opts.maxCostIncrease);
  const costGrew = comparison ? gateFailure(comparison) : undefined;
  if (costGrew) notes.push(costGrew);
  const settings = runCtx.settings;
  const report: Report = {
    cwd,
    files: shown,
    summary: opts.quiet ? summarize(shown) : all,
    defaultModel: { name: settings.engine.defaultModel, implicit: settings.modelFrom === 'builtin', used: defaultUsed },
    notes,
    ...(comparison ? { baseline: comparison } : {}),
  };

  const color = opts.outputFile === undefined && useColor(opts.color, io);
  // In pieces: a large run's JSON or SARIF report is never one string (formats/json-chunks.ts).
  const out = batched(formatReportChunks(opts.format, report, { color, rules, version: version(), homepage: homepage() }));
  if (opts.outputFile !== undefined) {
    const target = resolve(cwd, opts.outputFile);
    writeUserFile(target, out, opts.outputFile);
  } else {
    // A pipe takes the report as fast as its reader reads: wait when it is full, or the whole
    // report would pile up in memory as pending writes (a 16,000-file JSON report: +350 MB).
    for (const piece of out) if (io.stdout.write(piece) === false) await drained(io.stdout);
  }
  for (const n of notes) io.stderr.write(`${n}\n`);

  return all.errors > 0 || tooManyWarnings || costGrew ? 1 : 0;
}

function configIgnores(loaded: LoadedConfig, cwd: string): GlobSet {
  try {
    return new GlobSet(loaded.config.ignores ?? []);
  } catch (e) {
    if (e instanceof GlobError) throw new CliError(`${loaded.path ? displayPath(cwd, loaded.path) : 'configuration'}: "ignores": ${e.message}`);
    throw e;
  }
}

/** `--rule` settings alone through the engine: an unknown rule or a bad option is named as --rule's. */
function checkFlagRules(flagRules: Record<string, unknown>): void {
  try {
    new Engine({ rules: flagRules as EngineConfig['rules'] }, rules);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`--rule: ${e.message}`);
    throw e;
  }
}

/** What --print-config shows: the configuration file, and the settings that apply to the file. */
function printedConfig(ctx: ConfigContext, cwd: string): unknown {
  const { loaded, settings } = ctx;
  const c = loaded.config;
  return {
    configFile: loaded.path === undefined ? null : displayPath(cwd, loaded.path),
    extends: c.extends ?? 'recommended',
    rules: settings.engine.rules,
    model: settings.engine.defaultModel,
    ...(settings.engine.callsPerDay !== undefined ? { callsPerDay: settings.engine.callsPerDay } : {}),
    ...(ctx.maxCost !== undefined ? { maxCost: ctx.maxCost } : {}),
    ...(c.models ? { models: c.models } : {}),
    ignores: c.ignores ?? [],
    reportUnusedDisableDirectives: settings.engine.reportUnusedDisableDirectives ?? 'off',
  };
}

/** Standard input, whole (as ESLint's --stdin reads it). */
async function readStdin(io: MainOptions): Promise<Uint8Array> {
  if (io.stdin === undefined) {
    try {
      return readFileSync(0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code === 'EAGAIN' || (e as NodeJS.ErrnoException)?.code === 'EOF') return new Uint8Array();
      throw new CliError(`cannot read standard input: ${describeFsError(e)}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** Resolves when `out` can take more (its 'drain'), or can take nothing more ('close', 'error'). */
function drained(out: Output): Promise<void> {
  const emitter = out as Output & { once?: (event: string, f: () => void) => unknown; off?: (event: string, f: () => void) => unknown };
  if (typeof emitter.once !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'close', 'error']) emitter.off?.(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) emitter.once!(event, done);
  });
}

function makeEngine(config: EngineConfig, loaded: LoadedConfig, cwd: string): Engine {
  try {
    return new Engine(config, rules);
  } catch (e) {
    if (e instanceof ConfigError) {
      throw new CliError(loaded.path ? `${displayPath(cwd, loaded.path)}: ${e.message}` : `configuration: ${e.message}`);
    }
    throw e;
  }
}

function checkModel(engine: Engine, model: string, from: 'flag' | 'config' | 'builtin', loaded: LoadedConfig, cwd: string): void {
  if (engine.prices.resolve(model)) return;
  const where = from === 'flag' ? '--model' : `${displayPath(cwd, loaded.path!)}: "model"`;
  throw new CliError(`${where}: unknown model "${model}" (add it under "models" in the configuration, or use a known id such as gpt-4o, claude-sonnet-4-5, gemini-2.5-flash)`);
}

function budgetFindings(estimates: ReturnType<Linter['lintText']>['estimates'], estimateAt: readonly Position[], maxCost: number, fromFlag: boolean): CliFinding[] {
  const source = fromFlag ? '--max-cost' : 'maxCost in the configuration';
  const budget = `$${maxCost}`; // as the user wrote it
  const out: CliFinding[] = [];
  for (const [i, e] of estimates.entries()) {
    const at = estimateAt[i]!;
    if (e.usdPerCall === null) {
      out.push({ ruleId: 'max-cost', severity: 'error', message: `Cannot check the budget (${source} ${budget}/call): ${e.gap}.`, ...at, savings: null });
    } else if (e.usdPerCall > maxCost) {
      out.push({
        ruleId: 'max-cost',
        severity: 'error',
        message: `Estimated cost ${formatUsd(e.usdPerCall)}/call on ${e.model} is over the budget of ${budget}/call (${source}): ${describeTokens(e)}.`,
        ...at,
        savings: null,
      });
    }
  }
  return out;
}

function useColor(flag: boolean | undefined, io: MainOptions): boolean {
  if (flag !== undefined) return flag;
  const { env } = io;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return io.stdout.isTTY === true;
}
