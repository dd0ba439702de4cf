/**
 * Configuration files: discovery from the working directory upward (to the filesystem root or the
 * folder holding `.git`), loading (JS default export, JSON, package.json "promptlint" key) and
 * validation of the shape. Every problem is one line naming the file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkModelOverride } from './config-schema.js';
import { CliError, describeFsError } from './errors.js';

export type PresetName = 'recommended' | 'strict' | 'all';
export const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'all'];

export interface UserConfig {
  extends?: PresetName;
  rules?: Record<string, unknown>;
  model?: string;
  callsPerDay?: number;
  models?: Record<string, Record<string, unknown>>;
  ignores?: string[];
  maxCost?: number;
}

export interface LoadedConfig {
  /** Absolute path of the file, `undefined` when none was found or --no-config was given. */
  path: string | undefined;
  /** The folder `ignores` globs are relative to: the config file's folder, else the working directory. */
  dir: string;
  config: UserConfig;
}

/** Candidate file names, in order of precedence within one folder. */
export const CONFIG_FILES = ['promptlint.config.js', 'promptlint.config.mjs', 'promptlint.config.json', '.promptlintrc.json', 'package.json'] as const;

/** The keys a configuration may hold (the JSON Schema lists the same: a test checks it). */
export const KNOWN_KEYS = ['extends', 'rules', 'model', 'callsPerDay', 'models', 'ignores', 'maxCost'] as const;
/** Keys accepted and ignored: `$schema` points editors at @promptlint/cli/schema.json. */
const IGNORED_KEYS = ['$schema'] as const;

/** The nearest configuration file from `cwd` upward, or `undefined`. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const file = join(dir, name);
      if (!isFile(file)) continue;
      if (name === 'package.json' && !packageJsonHasKey(file)) continue;
      return file;
    }
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
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
    return typeof pkg === 'object' && pkg !== null && 'promptlint' in pkg;
  } catch {
    return false; // a broken package.json is not ours to report
  }
}

export async function loadConfig(options: { cwd: string; config: string | undefined; noConfig: boolean }): Promise<LoadedConfig> {
  const { cwd } = options;
  if (options.noConfig) return { path: undefined, dir: cwd, config: {} };
  let path: string | undefined;
  if (options.config !== undefined) {
    path = resolve(cwd, options.config);
    if (!existsSync(path)) throw new CliError(`no such file or directory: ${options.config}`);
  } else {
    path = findConfig(cwd);
  }
  if (!path) return { path: undefined, dir: cwd, config: {} };
  const shown = displayPath(cwd, path);
  const raw = await readConfigFile(path, shown);
  const config = validateConfig(raw, shown);
  return { path, dir: dirname(path), config };
}

/** How a path is shown in messages: relative to the working directory when inside it. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

/**
 * The JS configuration being imported, while it is: a module that awaits something that never
 * settles leaves nothing for the process to do, and the bin names the file instead of exiting 0.
 */
export let loadingConfig: string | undefined;

async function readConfigFile(path: string, shown: string): Promise<unknown> {
  const ext = extname(path);
  if (ext === '.js' || ext === '.mjs' || ext === '.cjs') {
    let mod: { default?: unknown };
    let value: unknown;
    loadingConfig = shown;
    try {
      mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
      value = await mod.default; // a default export may be a promise of the configuration
    } catch (e) {
      throw new CliError(`${shown}: failed to load: ${(e as Error)?.message ?? String(e)}`);
    } finally {
      loadingConfig = undefined;
    }
    if (value === undefined) throw new CliError(`${shown}: expected a default export (export default { ... })`);
    return value;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`${shown}: cannot read: ${describeFsError(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${shown}: invalid JSON: ${(e as Error).message}`);
  }
  if (basename(path) === 'package.json') {
    if (typeof data !== 'object' || data === null || !('promptlint' in data)) {
      throw new CliError(`${shown}: no "promptlint" key`);
    }
    return (data as { promptlint: unknown }).promptlint;
  }
  return data;
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
  if (c.ignores !== undefined) {
    if (!Array.isArray(c.ignores)) fail(`"ignores": expected an array of glob strings, got ${kindOf(c.ignores)}`);
    c.ignores!.forEach((g: unknown, i) => {
      if (typeof g !== 'string' || g.length === 0) fail(`"ignores[${i}]": expected a non-empty glob string, got ${kindOf(g)}`);
    });
  }
  return c;
}
