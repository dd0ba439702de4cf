/** Real ESLint runs over real files in a temporary folder, with the plugin's own configs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll } from 'vitest';
import plugin from '../../src/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (relative path -> text) into a fresh temporary folder and returns its path. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'promptlint-eslint-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return dir;
}

/** ESLint in `cwd` with `configs.all` (or the given config) and nothing from disk. */
export function eslintIn(cwd: string, config: Linter.Config[] = plugin.configs.all, options: ESLint.Options = {}): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, ...options });
}

/** Lints the files of a fresh project and returns the results by relative path. */
export async function lintProject(files: Record<string, string>, config?: Linter.Config[], options?: ESLint.Options): Promise<Map<string, ESLint.LintResult>> {
  const cwd = project(files);
  const results = await eslintIn(cwd, config, options).lintFiles(['.']);
  return new Map(results.map((r) => [r.filePath.slice(cwd.length + 1).replace(/\\/g, '/'), r]));
}

/** `configs.all` plus settings (and any extra config objects). */
export function allWith(...extra: Linter.Config[]): Linter.Config[] {
  return [...plugin.configs.all, ...extra];
}

export { plugin };
