/**
 * Which files to lint: explicit files (always), folders (prompt files only, by kind), globs.
 * Folders and globs honour .gitignore files (nested ones too, from the repository root down),
 * the configuration's `ignores`, and skip `node_modules` and `.git`. Dot folders such as
 * `.github` and `.cursor` are searched.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { CliError } from './errors.js';
import { GlobSet, globBase, globToRegExp, isGlob } from './glob.js';

export type PromptFileKind = 'markdown-prompt' | 'prompty' | 'dotprompt' | 'vscode-prompt' | 'agent-instructions';

export interface DiscoveredFile {
  /** Absolute path. */
  abs: string;
  /** Relative to the working directory, '/'-separated (absolute when outside it). */
  rel: string;
  kind: PromptFileKind;
}

export interface DiscoverOptions {
  cwd: string;
  patterns: readonly string[];
  /** The configuration's `ignores`, relative to `ignoresDir`. */
  ignores: readonly string[];
  ignoresDir: string;
  /** The prompt-file kind of a path, or `undefined` when it is not a prompt file by name. */
  detectKind: (path: string) => PromptFileKind | undefined;
  /** Told of each prompt file found in a folder or by a glob and not linted (a link out of the project). */
  onSkip?: (message: string) => void;
  /** Replaces `ignores`: whether a file or folder is ignored by its configuration or --ignore-pattern. */
  isIgnored?: (abs: string) => boolean;
  /** --no-ignore: no .gitignore, `ignores` nor `isIgnored` (node_modules and .git are still not searched). */
  noIgnore?: boolean;
  /** A file named explicitly but ignored: not linted, passed here (ESLint warns about it). */
  onIgnored?: (file: DiscoveredFile) => void;
}

/** Code files: the ESLint plugin's job, never linted as markdown. */
const CODE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
export const CODE_FILE_POINTER = 'promptlint lints prompt files; lint code (its SDK calls and prompts) with @promptlint/eslint-plugin';

export function isCodeFile(path: string): boolean {
  return CODE_EXTENSIONS.has(extname(path).toLowerCase());
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** The path shown in reports: relative to cwd with '/', or absolute when outside cwd. */
export function reportPath(cwd: string, abs: string): string {
  const rel = toPosix(relative(cwd, abs));
  return rel === '' ? '.' : rel.startsWith('../') || rel === '..' ? toPosix(abs) : rel;
}

/** Kind of an explicitly named file: by name, else by extension, else a plain markdown prompt. */
export function kindForExplicit(path: string, detectKind: DiscoverOptions['detectKind']): PromptFileKind {
  const byName = detectKind(path);
  if (byName) return byName;
  switch (extname(path).toLowerCase()) {
    case '.prompty':
      return 'prompty';
    case '.prompt':
      return 'dotprompt';
    default:
      return 'markdown-prompt';
  }
}

/**
 * The path detectKind sees: relative to the repository root (the folder holding `.git`) when the
 * file is in one, so that `prompts/` or `.github/prompts/` count from wherever promptlint runs;
 * else relative to the working directory (leading `../` dropped). '/'-separated.
 */
function kindPath(cwd: string, abs: string, roots: Map<string, string | undefined>): string {
  const dir = dirname(abs);
  if (!roots.has(dir)) roots.set(dir, gitRoot(dir));
  const root = roots.get(dir);
  const base = root !== undefined && isInside(abs, root) ? root : cwd;
  return toPosix(relative(base, abs)).replace(/^(\.\.\/)+/, '');
}

/** The .gitignore files that apply inside a folder, outermost first. */
class IgnoreStack {
  private readonly layers: { dir: string; ig: Ignore }[];

  constructor(
    layers: { dir: string; ig: Ignore }[] = [],
    /** false for --no-ignore: .gitignore files are not read. */
    private readonly reads = true,
  ) {
    this.layers = layers;
  }

  /** The stack for a folder that may hold its own .gitignore. */
  enter(dir: string): IgnoreStack {
    if (!this.reads) return this;
    const ig = readGitignore(dir);
    return ig ? new IgnoreStack([...this.layers, { dir, ig }]) : this;
  }

  ignored(abs: string, isDir: boolean): boolean {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const { dir, ig } = this.layers[i]!;
      const rel = toPosix(relative(dir, abs));
      if (rel === '' || rel.startsWith('..')) continue;
      const r = ig.test(isDir ? `${rel}/` : rel);
      if (r.unignored) return false;
      if (r.ignored) return true;
    }
    return false;
  }
}

function readGitignore(dir: string): Ignore | undefined {
  const file = join(dir, '.gitignore');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return ignore({ allowRelativePaths: true }).add(text);
}

/**
 * The project a run is in, as a real path: the repository root above `cwd` (the folder holding
 * `.git`), else `cwd`. Links found while walking folders that lead outside it are not followed,
 * and --fix never writes outside it.
 */
export function projectRoot(cwd: string): string {
  const root = gitRoot(cwd) ?? cwd;
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/** The repository root above `dir` (the folder holding `.git`), or `undefined`. */
function gitRoot(dir: string): string | undefined {
  let d = dir;
  for (;;) {
    if (existsSync(join(d, '.git'))) return d;
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

/** .gitignore files from the repository root (or cwd) down to the parent of `dir`. */
function stackAbove(dir: string, cwd: string): IgnoreStack {
  const top = gitRoot(dir) ?? (isInside(dir, cwd) ? cwd : dir);
  const chain: string[] = [];
  for (let d = dir; d !== top; ) {
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
    chain.unshift(d);
  }
  let stack = new IgnoreStack();
  for (const d of chain) stack = stack.enter(d);
  return stack;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

interface WalkEntry {
  abs: string;
  /** For a symlink whose target is outside the project and the folder walked: its real path. */
  outside?: string;
}

/** Files under `root` that pass .gitignore, `ignores` and ALWAYS_SKIPPED; sorted by name per folder. */
/** Whether a file named explicitly is one a folder search would skip: .gitignore, the configuration, node_modules. */
export function isIgnoredFile(abs: string, cwd: string, isIgnoredByConfig: (abs: string) => boolean): boolean {
  const dir = dirname(abs);
  if (stackAbove(dir, cwd).enter(dir).ignored(abs, false)) return true;
  const top = gitRoot(dir) ?? cwd;
  const rel = toPosix(relative(top, abs));
  if (!rel.startsWith('../') && rel.split('/').some((s) => ALWAYS_SKIPPED.has(s))) return true;
  return isIgnoredByConfig(abs);
}

function walk(root: string, stack: IgnoreStack, isIgnoredByConfig: (abs: string) => boolean, out: WalkEntry[], allowed: readonly string[]): void {
  const here = stack.enter(root);
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (e) {
    throw new CliError(`cannot read folder ${root}: ${(e as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const abs = join(root, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let outside: string | undefined;
    if (entry.isSymbolicLink()) {
      try {
        isFile = statSync(abs).isFile(); // symlinked folders are not followed (no cycles)
        if (isFile) {
          const real = realpathSync(abs);
          if (!allowed.some((dir) => isInside(real, dir))) outside = real;
        }
      } catch {
        continue; // a dangling link
      }
      isDir = false;
    }
    if (isDir) {
      if (ALWAYS_SKIPPED.has(entry.name) || here.ignored(abs, true) || isIgnoredByConfig(abs)) continue;
      walk(abs, here, isIgnoredByConfig, out, allowed);
    } else if (isFile) {
      if (here.ignored(abs, false) || isIgnoredByConfig(abs)) continue;
      out.push(outside === undefined ? { abs } : { abs, outside });
    }
  }
}

export function discover(options: DiscoverOptions): DiscoveredFile[] {
  const { cwd, detectKind } = options;
  const ignoreSet = new GlobSet(options.ignores);
  const isIgnoredByConfig = options.noIgnore
    ? () => false
    : (options.isIgnored ??
      ((abs: string): boolean => {
        if (ignoreSet.size === 0) return false;
        const rel = toPosix(relative(options.ignoresDir, abs));
        return !rel.startsWith('..') && ignoreSet.matches(rel);
      }));
  const noGitignore = new IgnoreStack([], false);
  const above = (dir: string): IgnoreStack => (options.noIgnore ? noGitignore : stackAbove(dir, cwd));
  const seen = new Set<string>();
  const roots = new Map<string, string | undefined>();
  const out: DiscoveredFile[] = [];
  const project = projectRoot(cwd);
  /** Where a link found while walking `base` may lead: into the project, or into `base` itself. */
  const allowedFrom = (base: string): string[] => {
    let real = base;
    try {
      real = realpathSync(base);
    } catch {
      // walked as given
    }
    return [project, real];
  };
  const skipOutside = (f: WalkEntry): boolean => {
    if (f.outside === undefined) return false;
    options.onSkip?.(`not linted: ${reportPath(cwd, f.abs)} is a link to ${f.outside}, outside the project (${project}); name the file itself to lint it`);
    return true;
  };
  const add = (abs: string, kind: PromptFileKind): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, rel: reportPath(cwd, abs), kind });
  };

  for (const pattern of options.patterns) {
    const abs = resolve(cwd, pattern);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      if (isCodeFile(abs)) throw new CliError(`${pattern}: a code file: ${CODE_FILE_POINTER}`);
      const kind = kindForExplicit(kindPath(cwd, abs, roots), detectKind);
      if (!options.noIgnore && options.onIgnored && isIgnoredFile(abs, cwd, isIgnoredByConfig)) {
        if (!seen.has(abs)) options.onIgnored({ abs, rel: reportPath(cwd, abs), kind });
        seen.add(abs);
        continue;
      }
      add(abs, kind);
      continue;
    }
    if (stat?.isDirectory()) {
      const files: WalkEntry[] = [];
      walk(abs, above(abs), isIgnoredByConfig, files, allowedFrom(abs));
      for (const f of files) {
        const kind = detectKind(kindPath(cwd, f.abs, roots));
        if (kind && !skipOutside(f)) add(f.abs, kind);
      }
      continue;
    }
    if (stat) throw new CliError(`not a file or folder: ${pattern}`);
    if (!isGlob(pattern)) throw new CliError(`no such file or directory: ${pattern}`);

    const posixPattern = toPosix(pattern);
    const { base, rest } = globBase(posixPattern);
    const baseAbs = resolve(cwd, base);
    if (!existsSync(baseAbs) || !statSync(baseAbs).isDirectory()) throw new CliError(`no files match the pattern: ${pattern}`);
    const re = globToRegExp(rest);
    const files: WalkEntry[] = [];
    walk(baseAbs, above(baseAbs), isIgnoredByConfig, files, allowedFrom(baseAbs));
    let matched = 0;
    let code = 0;
    for (const f of files) {
      if (!re.test(toPosix(relative(baseAbs, f.abs)))) continue;
      if (isCodeFile(f.abs)) {
        code++;
        continue;
      }
      matched++;
      if (!skipOutside(f)) add(f.abs, kindForExplicit(kindPath(cwd, f.abs, roots), detectKind));
    }
    if (matched === 0 && code > 0) throw new CliError(`${pattern}: matches only code files: ${CODE_FILE_POINTER}`);
    if (matched === 0) throw new CliError(`no files match the pattern: ${pattern}`);
  }
  return out;
}
