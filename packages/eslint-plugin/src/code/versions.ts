/**
 * The installed major version of an SDK, for the file being linted: the nearest
 * `node_modules/<sdk>/package.json` (what runs), else the nearest package.json that depends on it
 * (its range's major: `^4.3.0` -> 4). Read from disk once per folder and package per process.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const cache = new Map<string, number | null>();

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The major version a semver range or version starts from, or undefined (`*`, `latest`, a URL). */
export function majorOf(range: string): number | undefined {
  const r = range.trim().replace(/^(?:npm:[^@]+@|workspace:)/, '');
  const m = /^(?:[~^]|>=?|=)?\s*v?(\d+)(?:\.|$|\s|-)/.exec(r);
  return m ? Number(m[1]) : undefined;
}

function dependencyRange(pkg: Record<string, unknown>, name: string): string | undefined {
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[key];
    if (deps && typeof deps === 'object' && typeof (deps as Record<string, unknown>)[name] === 'string') return (deps as Record<string, string>)[name];
  }
  return undefined;
}

function lookup(dir: string, name: string): number | null {
  const key = `${dir}\0${name}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let found: number | null;
  const installed = readJson(join(dir, 'node_modules', name, 'package.json'));
  const v = installed && typeof installed.version === 'string' ? majorOf(installed.version) : undefined;
  if (v !== undefined) found = v;
  else {
    const pkg = readJson(join(dir, 'package.json'));
    const range = pkg ? dependencyRange(pkg, name) : undefined;
    const major = range !== undefined ? majorOf(range) : undefined;
    if (major !== undefined) found = major;
    else {
      const parent = dirname(dir);
      found = parent === dir ? null : lookup(parent, name);
    }
  }
  cache.set(key, found);
  return found;
}

/** The major version of `name` that the file at `filePath` uses, or undefined when nothing says. */
export function sdkMajorVersion(filePath: string | undefined, name: string): number | undefined {
  if (!filePath || filePath.startsWith('<') || !/[\\/]/.test(filePath)) return undefined;
  try {
    return lookup(dirname(filePath), name) ?? undefined;
  } catch {
    return undefined;
  }
}
