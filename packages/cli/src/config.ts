/**
 * Configuration files: discovery (the nearest one to each file, upward to the filesystem root or the
 * folder holding `.git`), loading (JS default export in a worker thread, JSONC, package.json
 * "promptlint" key) and validation of the shape. Every problem is one line naming the file.
 *
 * A JS configuration is code the user wrote, run while we load it: it is imported in a worker thread
 * (config-worker.ts) that the main thread waits for, so that what it does cannot end or hang the run
 * nor corrupt the report. `process.exit()` there ends the worker only (a configuration error here);
 * timers it leaves running die with the worker; what it writes to stdout or stderr is forwarded to
 * stderr (stdout may be carrying a JSON report); throwing getters, functions, cycles and other values
 * that are not data are errors that name the key. The configuration crosses as JSON text, so a key
 * such as `__proto__` stays an own key that validation sees and rejects.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import stripJsonComments from 'strip-json-comments';
import { checkModelOverride } from './config-schema.js';
import { CliError, describeFsError } from './errors.js';

export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'all'];
export type DirectiveSeverity = 'off' | 'warn' | 'error';

export interface UserConfig {
  extends?: PresetName;
  rules?: Record<string, unknown>;
  model?: string;
  callsPerDay?: number;
  models?: Record<string, Record<string, unknown>>;
  ignores?: string[];
  maxCost?: number;
  /** As ESLint's `linterOptions.reportUnusedDisableDirectives`: a severity, or true ("warn") / false ("off"). */
  reportUnusedDisableDirectives?: DirectiveSeverity | 0 | 1 | 2 | boolean;
}

export interface LoadedConfig {
  /** Absolute path of the file, `undefined` when none was found or --no-config was given. */
  path: string | undefined;
  /** The folder `ignores` globs are relative to: the config file's folder, else the working directory. */
  dir: string;
  config: UserConfig;
}

/** Candidate file names, in order of precedence within one folder. */
export const CONFIG_FILES = [
  'promptlint.config.js',
  'promptlint.config.mjs',
  'promptlint.config.cjs',
  'promptlint.config.json',
  'promptlint.config.jsonc',
  '.promptlintrc.json',
  '.promptlintrc.jsonc',
  'package.json',
] as const;

/** The keys a configuration may hold (the JSON Schema lists the same: a test checks it). */
export const KNOWN_KEYS = ['extends', 'rules', 'model', 'callsPerDay', 'models', 'ignores', 'maxCost', 'reportUnusedDisableDirectives'] as const;
/** Keys accepted and ignored: `$schema` points editors at @promptlint/cli/schema.json. */
const IGNORED_KEYS = ['$schema'] as const;

/** How long a JS configuration may take to load before the run stops with an error naming it. */
export const CONFIG_LOAD_TIMEOUT_MS = 60_000;

/** Finds the nearest configuration file of folders, remembering each folder's answer. */
class ConfigFinder {
  private readonly byDir = new Map<string, string | undefined>();

  nearest(dir: string): string | undefined {
    const seen: string[] = [];
    let found: string | undefined;
    for (let d = dir; ; ) {
      if (this.byDir.has(d)) {
        found = this.byDir.get(d);
        break;
      }
      seen.push(d);
      found = configIn(d);
      if (found !== undefined || existsSync(join(d, '.git'))) break;
      const parent = dirname(d);
      if (parent === d) break;
      d = parent;
    }
    for (const d of seen) this.byDir.set(d, found);
    return found;
  }
}

function configIn(dir: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const file = join(dir, name);
    if (!isFile(file)) continue;
    if (name === 'package.json' && !packageJsonHasKey(file)) continue;
    return file;
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function packageJsonHasKey(file: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof pkg === 'object' && pkg !== null && Object.hasOwn(pkg, 'promptlint');
  } catch {
    return false; // a broken package.json is not ours to report
  }
}

export interface ConfigOptions {
  cwd: string;
  config: string | undefined;
  noConfig: boolean;
  /** Where what a JS configuration prints while loading goes (default: the process's stderr). */
  log?: ((text: string) => void) | undefined;
}

/**
 * The configuration of each file: the one `--config` names for all files, none with `--no-config`,
 * else the nearest configuration file above the file (the nearest wins: configurations do not
 * merge, as in ESLint's flat config looked up from each file). Each file is loaded once.
 */
export class ConfigResolver {
  private readonly finder = new ConfigFinder();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly fixed: LoadedConfig | undefined;
  private readonly none: LoadedConfig;

  constructor(private readonly options: ConfigOptions) {
    const { cwd } = options;
    this.none = { path: undefined, dir: cwd, config: {} };
    if (options.noConfig) this.fixed = this.none;
    else if (options.config !== undefined) {
      const path = resolve(cwd, options.config);
      if (!existsSync(path)) throw new CliError(`no such file or directory: ${options.config}`);
      this.fixed = this.load(path);
    }
  }

  /** The configuration of the working directory (for settings that are not per file). */
  forRun(): LoadedConfig {
    return this.forDir(this.options.cwd);
  }

  /** The configuration that applies to the file (or folder) `abs`. */
  forFile(abs: string): LoadedConfig {
    return this.forDir(dirname(abs));
  }

  forDir(dir: string): LoadedConfig {
    if (this.fixed) return this.fixed;
    const path = this.finder.nearest(resolve(dir));
    return path === undefined ? this.none : this.load(path);
  }

  private load(path: string): LoadedConfig {
    let done = this.loaded.get(path);
    if (!done) {
      const shown = displayPath(this.options.cwd, path);
      done = { path, dir: dirname(path), config: validateConfig(readConfigFile(path, shown, this.options.log), shown) };
      this.loaded.set(path, done);
    }
    return done;
  }
}

/** The configuration of the working directory (the nearest upward), `--config`'s, or none. */
export async function loadConfig(options: ConfigOptions): Promise<LoadedConfig> {
  return new ConfigResolver(options).forRun();
}

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

function readConfigFile(path: string, shown: string, log: ConfigOptions['log']): unknown {
  const ext = extname(path);
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') return loadJsConfig(path, shown, log ?? ((text) => process.stderr.write(text)));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${shown}: cannot read: ${describeFsError(e)}`);
  }
  if (basename(path) === 'package.json') {
    // npm reads package.json as strict JSON: so do we.
    const data = parseJson(text, shown, 'invalid JSON');
    if (typeof data !== 'object' || data === null || !Object.hasOwn(data, 'promptlint')) throw new CliError(`${shown}: no "promptlint" key`);
    return (data as { promptlint: unknown }).promptlint;
  }
  // JSONC, as markdownlint-cli2 and ESLint users write it: comments and trailing commas become
  // spaces, so JSON.parse's positions are the file's, and its own-key semantics are kept.
  return parseJson(stripJsonComments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { trailingCommas: true, whitespace: true }), shown, 'invalid JSON');
}

function parseJson(text: string, shown: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    let where = '';
    if (at && !/\(line \d+ column \d+\)/.test(message)) {
      const before = text.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      where = ` (line ${line} column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw new CliError(`${shown}: ${what}: ${message}${where}`);
  }
}

/** What the worker answers. */
type WorkerAnswer = { ok: true; json: string } | { ok: false; error: string };
type WorkerMessage = { output: string } | WorkerAnswer;

/** Imports a JS configuration in a worker thread and waits for it (see the file's comment). */
function loadJsConfig(path: string, shown: string, log: (text: string) => void): unknown {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./config-worker.js', import.meta.url), {
      workerData: { path, signal, port: port2 },
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
  } catch (e) {
    throw new CliError(`${shown}: failed to load: ${(e as Error)?.message ?? String(e)}`);
  }
  worker.unref();
  const waited = Atomics.wait(signal, 0, 0, CONFIG_LOAD_TIMEOUT_MS);
  let answer: WorkerAnswer | undefined;
  for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
    const message = m.message as WorkerMessage;
    if ('output' in message) log(message.output);
    else answer ??= message;
  }
  port1.close();
  void worker.terminate();
  if (!answer) {
    if (waited === 'timed-out') throw new CliError(`${shown}: failed to load: it did not finish loading in ${CONFIG_LOAD_TIMEOUT_MS / 1000} s`);
    throw new CliError(`${shown}: failed to load: the worker loading it stopped without an answer`);
  }
  if (!answer.ok) throw new CliError(`${shown}: ${answer.error}`);
  return JSON.parse(answer.json) as unknown;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the shape (not rule names or options: the engine does that). */
export function validateConfig(raw: unknown, shown: string): UserConfig {
  const fail = (msg: string): never => {
    throw new CliError(`${shown}: ${msg}`);
  };
  if (!isPlainObject(raw)) return fail(`expected an object, got ${kindOf(raw)}`);
  for (const key of Object.keys(raw)) {
    if ((IGNORED_KEYS as readonly string[]).includes(key)) continue;
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) fail(`unknown key "${key}" (known: ${KNOWN_KEYS.join(', ')})`);
  }
  if (raw.$schema !== undefined && typeof raw.$schema !== 'string') fail(`"$schema": expected a string (the schema's path or URL), got ${kindOf(raw.$schema)}`);
  const c = raw as UserConfig & Record<string, unknown>;
  if (c.extends !== undefined && !PRESETS.includes(c.extends)) {
    fail(`"extends": expected one of ${PRESETS.map((p) => `"${p}"`).join(', ')}, got ${kindOf(c.extends)}`);
  }
  if (c.rules !== undefined && !isPlainObject(c.rules)) fail(`"rules": expected an object, got ${kindOf(c.rules)}`);
  if (c.model !== undefined && (typeof c.model !== 'string' || c.model.trim() === '')) fail(`"model": expected a model name, got ${kindOf(c.model)}`);
  if (c.callsPerDay !== undefined && !(typeof c.callsPerDay === 'number' && Number.isFinite(c.callsPerDay) && c.callsPerDay >= 0)) {
    fail(`"callsPerDay": expected a number >= 0, got ${kindOf(c.callsPerDay)}`);
  }
  if (c.maxCost !== undefined && !(typeof c.maxCost === 'number' && Number.isFinite(c.maxCost) && c.maxCost >= 0)) {
    fail(`"maxCost": expected a number >= 0 (USD per call), got ${kindOf(c.maxCost)}`);
  }
  if (c.models !== undefined) {
    if (!isPlainObject(c.models)) fail(`"models": expected an object, got ${kindOf(c.models)}`);
    for (const [id, entry] of Object.entries(c.models!)) {
      if (!isPlainObject(entry)) fail(`"models.${id}": expected an object, got ${kindOf(entry)}`);
      const problem = checkModelOverride(id, entry as Record<string, unknown>, kindOf);
      if (problem) fail(problem);
    }
  }
  const r = c.reportUnusedDisableDirectives;
  if (r !== undefined && !(typeof r === 'boolean' || ['off', 'warn', 'error', 0, 1, 2].includes(r as never))) {
    fail(`"reportUnusedDisableDirectives": expected "off", "warn", "error" (0, 1, 2) or a boolean, got ${kindOf(r)}`);
  }
  if (c.ignores !== undefined) {
    if (!Array.isArray(c.ignores)) fail(`"ignores": expected an array of glob strings, got ${kindOf(c.ignores)}`);
    c.ignores!.forEach((g: unknown, i) => {
      if (typeof g !== 'string' || g.length === 0) fail(`"ignores[${i}]": expected a non-empty glob string, got ${kindOf(g)}`);
    });
  }
  return c;
}
