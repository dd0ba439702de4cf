/**
 * The untyped module graph: when a value that reaches a request comes from another module (an ES
 * import, a re-export, a barrel file, a TS path alias), the module is resolved with oxc-resolver
 * (the resolver behind eslint-plugin-import-x: package exports, `.js` -> `.ts` extension aliases and
 * tsconfig `paths` from the nearest tsconfig.json), read and parsed once per lint run with the
 * parser ESLint uses for the file being linted, and kept in a cache (keyed by path and mtime, as
 * eslint-plugin-import-x does). Nodes of such a module know their own source (`sourceFor`), so
 * scope lookups and text slices stay right whichever file a node comes from.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Node } from './ast.js';
import type { SourceLike } from './resolve.js';

type Scope = TSESLint.Scope.Scope;
type ScopeManager = { acquire(node: unknown, inner?: boolean): Scope | null; globalScope: Scope | null };

/** A module read from disk: its text, tree and scopes. */
export interface ModuleSource extends SourceLike {
  path: string;
  ast: TSESTree.Program;
  /** The path for messages, relative to the working directory (`lib/prompts.ts`). */
  label: string;
  lineOf(index: number): number;
}

/** What ESLint gave the file being linted: its path and parser (for parsing the modules it imports). */
export interface LintContext {
  filename: string;
  parser?: unknown;
}

interface Parser {
  parseForESLint?(text: string, options: Record<string, unknown>): { ast: TSESTree.Program; scopeManager?: ScopeManager | null; visitorKeys?: unknown };
  parse?(text: string, options: Record<string, unknown>): TSESTree.Program;
}

const byProgram = new WeakMap<object, ModuleSource>();
const moduleCache = new Map<string, { mtime: number; source: ModuleSource | null }>();
let current: LintContext | undefined;
type Resolver = { resolveFileSync(file: string, request: string): { path?: string; error?: string } };
let resolver: Resolver | null | undefined;

/** Counts for the bench and tests: modules parsed, cache hits, resolutions that failed. */
export const moduleStats = { parsed: 0, hits: 0, unresolved: 0 };

export function setLintContext(ctx: LintContext | undefined): void {
  current = ctx;
}

function getResolver(): Resolver | null {
  if (resolver !== undefined) return resolver;
  try {
    const { ResolverFactory } = require('oxc-resolver') as { ResolverFactory: new (o: Record<string, unknown>) => Resolver };
    resolver = new ResolverFactory({
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
      conditionNames: ['import', 'require', 'node', 'default'],
      tsconfig: 'auto',
    });
  } catch {
    resolver = null;
  }
  return resolver;
}

/** The app's own module a specifier names, from the importing file's folder; undefined for packages and failures. */
export function resolveModule(fromFile: string, specifier: string): string | undefined {
  const r = getResolver();
  if (!r) return undefined;
  try {
    // from the file (not its folder): oxc-resolver then finds the tsconfig.json that governs it
    const res = r.resolveFileSync(fromFile, specifier);
    if (!res.path || /[\\/]node_modules[\\/]/.test(res.path) || /\.d\.[cm]?ts$/.test(res.path) || !/\.[cm]?[jt]sx?$/.test(res.path)) {
      if (!res.path) moduleStats.unresolved++;
      return undefined;
    }
    return res.path;
  } catch {
    moduleStats.unresolved++;
    return undefined;
  }
}

function setParents(root: Node, keys: Record<string, readonly string[]> | undefined): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const fields = keys?.[n.type] ?? Object.keys(n).filter((k) => k !== 'parent' && k !== 'loc' && k !== 'range');
    for (const k of fields) {
      const v = (n as unknown as Record<string, unknown>)[k];
      const kids = Array.isArray(v) ? v : [v];
      for (const c of kids) {
        if (c && typeof c === 'object' && typeof (c as Node).type === 'string') {
          (c as { parent?: Node }).parent = n;
          stack.push(c as Node);
        }
      }
    }
  }
}

const roots = new Map<string, string>();

/** The folder of the nearest package.json above a file: paths in messages are relative to it. */
function projectRoot(file: string): string {
  const start = dirname(file);
  const hit = roots.get(start);
  if (hit) return hit;
  let dir = start;
  while (!existsSync(`${dir}/package.json`)) {
    const up = dirname(dir);
    if (up === dir) {
      dir = process.cwd();
      break;
    }
    dir = up;
  }
  roots.set(start, dir);
  return dir;
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

const require = createRequire(import.meta.url);

/** ESLint's default parser (espree) has no scope analysis of its own: @typescript-eslint/scope-manager's. */
function parseWithoutScopes(parser: Parser, path: string, text: string): ReturnType<NonNullable<Parser['parseForESLint']>> {
  const ast = parser.parse!(text, { sourceType: 'module', ecmaVersion: 'latest', range: true, loc: true, ecmaFeatures: { jsx: /\.[jt]sx$/.test(path) } });
  const { analyze } = require('@typescript-eslint/scope-manager') as { analyze(ast: unknown, o: Record<string, unknown>): ScopeManager };
  return { ast, scopeManager: analyze(ast, { sourceType: 'module', ecmaVersion: 2022 }) };
}

function parseModule(path: string, text: string): ModuleSource | null {
  const parser = current?.parser as Parser | undefined;
  if (!parser) return null;
  const parse = typeof parser.parseForESLint === 'function' ? parser.parseForESLint.bind(parser) : typeof parser.parse === 'function' ? (t: string) => parseWithoutScopes(parser, path, t) : undefined;
  if (!parse) return null;
  const result = parse(text, {
    filePath: path,
    sourceType: 'module',
    ecmaVersion: 'latest',
    range: true,
    loc: true,
    comment: false,
    tokens: false,
    ecmaFeatures: { jsx: /\.[jt]sx$/.test(path) },
  });
  const scopeManager = result.scopeManager;
  if (!scopeManager?.globalScope) return null;
  setParents(result.ast as Node, result.visitorKeys as Record<string, readonly string[]> | undefined);
  const starts = lineStarts(text);
  const source: ModuleSource = {
    path,
    text,
    ast: result.ast,
    label: relative(projectRoot(current?.filename ?? path), path).split('\\').join('/'),
    getScope(node: Node): Scope {
      // as ESLint's SourceCode#getScope: the innermost scope that contains the node
      for (let n: Node | undefined = node; n; n = n.parent) {
        const scope = scopeManager.acquire(n, n.type !== 'Program');
        if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
      }
      return scopeManager.globalScope!;
    },
    lineOf(index: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= index) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    },
  };
  byProgram.set(result.ast, source);
  return source;
}

/** The module at `path`, parsed once per lint run (and again only when the file changed). */
export function loadModule(path: string): ModuleSource | null {
  let mtime: number;
  try {
    mtime = statSync(path).mtimeMs;
  } catch {
    return null;
  }
  const hit = moduleCache.get(path);
  if (hit && hit.mtime === mtime) {
    moduleStats.hits++;
    return hit.source;
  }
  let source: ModuleSource | null;
  try {
    source = parseModule(path, readFileSync(path, 'utf8'));
    if (source) moduleStats.parsed++;
  } catch {
    source = null;
  }
  moduleCache.set(path, { mtime, source });
  return source;
}

/** The module a node belongs to, when it is not the file being linted. */
export function foreignSourceOf(node: Node): ModuleSource | undefined {
  let n: Node | undefined = node;
  while (n?.parent) n = n.parent;
  return n ? byProgram.get(n) : undefined;
}

/** The source to read a node with: its own module's, or `fallback` (the file being linted). */
export function sourceFor(node: Node, fallback: SourceLike): SourceLike {
  return foreignSourceOf(node) ?? fallback;
}

/** The path of the file a source belongs to (the linted file when not a module read from disk). */
function pathOf(source: SourceLike): string | undefined {
  return (source as Partial<ModuleSource>).path ?? current?.filename;
}

/**
 * The value an imported name has in its module: `export const x = ...`, `export default ...`,
 * `export { x as y }`, `export { y } from './z'`, `export * from './z'` (barrels), followed up to 8 modules deep.
 */
export function importedValue(source: SourceLike, specifier: string, imported: string, depth = 0): Node | undefined {
  if (depth > 8 || !current) return undefined;
  const from = pathOf(source);
  if (!from || !/[\\/]/.test(from)) return undefined;
  const path = resolveModule(from, specifier);
  if (!path) return undefined;
  const mod = loadModule(path);
  if (!mod) return undefined;
  return exportedValue(mod, imported, depth);
}

function exportedValue(mod: ModuleSource, name: string, depth: number): Node | undefined {
  const stars: string[] = [];
  for (const stmt of mod.ast.body) {
    if (stmt.type === 'ExportDefaultDeclaration' && name === 'default') {
      const d = stmt.declaration as Node;
      return d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration' || d.type === 'TSDeclareFunction' ? d : d;
    }
    if (stmt.type === 'ExportNamedDeclaration') {
      const decl = stmt.declaration;
      if (decl?.type === 'VariableDeclaration') {
        for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
      } else if (decl?.type === 'FunctionDeclaration' && decl.id?.name === name) return decl;
      for (const spec of stmt.specifiers) {
        if (spec.type !== 'ExportSpecifier') continue;
        const exported = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
        if (exported !== name) continue;
        const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
        if (stmt.source) return importedValue(mod, stmt.source.value, local, depth + 1);
        return localValue(mod, local);
      }
    }
    if (stmt.type === 'ExportAllDeclaration' && !stmt.exported) stars.push(stmt.source.value);
  }
  for (const s of stars) {
    const v = importedValue(mod, s, name, depth + 1);
    if (v) return v;
  }
  return undefined;
}

/** A top-level binding of a module: a const's initializer, a function, or an import (followed). */
function localValue(mod: ModuleSource, name: string): Node | undefined {
  const global = mod.getScope(mod.ast);
  const v = global.set.get(name) ?? global.childScopes.find((c) => c.type === 'module')?.set.get(name);
  const def = v?.defs[0];
  if (!def) return undefined;
  if (def.type === 'Variable') return (def.node as TSESTree.VariableDeclarator).init ?? undefined;
  if (def.type === 'FunctionName') return def.node as Node;
  if (def.type === 'ImportBinding') return importBindingValue(mod, def.node as Node);
  return undefined;
}

/** The value behind an import specifier node (`import { a as b } from './m'`). */
export function importBindingValue(source: SourceLike, spec: Node, depth = 0): Node | undefined {
  const decl = spec.parent;
  if (decl?.type !== 'ImportDeclaration' || decl.importKind === 'type') return undefined;
  const specifier = decl.source.value;
  if (spec.type === 'ImportSpecifier') {
    if (spec.importKind === 'type') return undefined;
    const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
    return importedValue(source, specifier, imported, depth);
  }
  if (spec.type === 'ImportDefaultSpecifier') return importedValue(source, specifier, 'default', depth);
  return undefined;
}

/** `require('./m')`: the module's `module.exports = ...` value (CommonJS), or its ES default export. */
export function requiredValue(source: SourceLike, specifier: string): Node | undefined {
  if (!current) return undefined;
  const from = pathOf(source);
  if (!from || !/[\\/]/.test(from)) return undefined;
  const path = resolveModule(from, specifier);
  const mod = path ? loadModule(path) : null;
  if (!mod) return undefined;
  for (const stmt of mod.ast.body) {
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression') continue;
    const left = stmt.expression.left;
    if (left.type === 'MemberExpression' && left.object.type === 'Identifier' && left.object.name === 'module' && left.property.type === 'Identifier' && left.property.name === 'exports') {
      return stmt.expression.right;
    }
  }
  return exportedValue(mod, 'default', 0);
}
