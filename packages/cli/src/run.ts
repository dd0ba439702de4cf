/** The lint command: configuration, discovery, --fix, linting, budgets, formatting, exit code. */
import { resolve } from 'node:path';
import { ConfigError, Engine, formatUsd, rules, type EngineConfig } from '@promptlint/core';
import { detectKind, parsePromptFile } from '@promptlint/markdown';
import type { LintOptions } from './args.js';
import { compareWithBaseline, loadBaseline } from './baseline.js';
import { DEFAULT_CACHE_FILE } from './cache.js';
import { displayPath, loadConfig, type LoadedConfig } from './config.js';
import { discover, projectRoot } from './discover.js';
import { CliError } from './errors.js';
import { describeTokens } from './estimate.js';
import { fileCost } from './file-cost.js';
import { fixFiles } from './fix.js';
import { gateFailure } from './formats/baseline.js';
import { formatReportChunks } from './formats/index.js';
import { batched } from './formats/json-chunks.js';
import { Linter, type ParsePromptFile } from './lint.js';
import { lintFiles } from './lint-files.js';
import type { MainOptions, Output } from './main.js';
import { summarize, type CliFinding, type FileResult, type Report } from './report.js';
import { writeUserFile } from './safe-write.js';
import { homepage, version } from './package-info.js';
import { buildEngineConfig } from './settings.js';
import type { Position } from './text-facts.js';

export async function runLint(opts: LintOptions, io: MainOptions): Promise<number> {
  const { cwd } = io;
  const loaded = await loadConfig({ cwd, config: opts.config, noConfig: opts.noConfig });
  const settings = buildEngineConfig(loaded, { model: opts.model, callsPerDay: opts.callsPerDay });
  const engine = makeEngine(settings.engine, loaded, cwd);
  checkModel(engine, settings.engine.defaultModel!, settings.modelFrom, loaded, cwd);
  const maxCost = opts.maxCost ?? loaded.config.maxCost;
  // Read before anything is linted or fixed: a bad baseline stops the run with exit 2.
  const baseline = opts.baseline === undefined ? undefined : loadBaseline(cwd, opts.baseline);

  const files = discover({
    cwd,
    patterns: opts.patterns,
    ignores: loaded.config.ignores ?? [],
    ignoresDir: loaded.dir,
    detectKind,
    onSkip: (m) => io.stderr.write(`promptlint: ${m}\n`),
  });
  const linter = new Linter(engine, parsePromptFile as ParsePromptFile);
  // --fix reads and fixes every file first (fix.ts); a plain run reads each file as it is linted.
  const texts = opts.fix ? fixFiles(files, linter, { root: projectRoot(cwd), warn: (m) => io.stderr.write(`promptlint: ${m}\n`) }) : undefined;
  const linted = await lintFiles(files, {
    linter,
    engine: settings.engine,
    concurrency: opts.concurrency ?? 'auto',
    cacheFile: opts.cache ? resolve(cwd, opts.cacheLocation ?? DEFAULT_CACHE_FILE) : undefined,
    texts,
  });
  if (linted.cacheProblem !== undefined) io.stderr.write(`promptlint: cannot write the cache: ${linted.cacheProblem}\n`);
  if (opts.debug) {
    const where = linted.workers > 0 ? `on ${linted.workers} worker thread${linted.workers === 1 ? '' : 's'}` : 'on the main thread';
    io.stderr.write(`promptlint: debug: ${files.length} files: ${linted.cached} from the cache, ${linted.linted} linted ${where}\n`);
  }

  const results: FileResult[] = [];
  let defaultUsed = false;
  for (const [i, f] of files.entries()) {
    const r = linted.outcomes[i]!;
    if ('readError' in r) throw new CliError(r.readError);
    if ('internalError' in r) throw new Error(r.internalError);
    const { facts, estimates } = r;
    if (estimates.some((e) => e.modelSource === 'default')) defaultUsed = true;
    const findings = [...r.findings];
    if (maxCost !== undefined && !r.notText) findings.push(...budgetFindings(estimates, facts.estimateAt, maxCost, opts.maxCost !== undefined));
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    results.push({ path: f.rel, abs: f.abs, lines: facts.lines, findings, estimates });
  }

  const all = summarize(results);
  const shown = opts.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  const notes: string[] = [];
  const tooManyWarnings = opts.maxWarnings >= 0 && all.warnings > opts.maxWarnings;
  if (tooManyWarnings) notes.push(`promptlint found too many warnings (maximum: ${opts.maxWarnings}).`);
  const comparison = baseline && compareWithBaseline(baseline, new Map(results.map((r) => [r.path, fileCost(r.estimates)])), opts.maxCostIncrease);
  const costGrew = comparison ? gateFailure(comparison) : undefined;
  if (costGrew) notes.push(costGrew);
  const report: Report = {
    cwd,
    files: shown,
    summary: opts.quiet ? summarize(shown) : all,
    defaultModel: { name: settings.engine.defaultModel!, implicit: settings.modelFrom === 'builtin', used: defaultUsed },
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
