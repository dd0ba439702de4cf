/** The CLI's own package.json: version and home page (for --version and SARIF). */
import { readFileSync } from 'node:fs';

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: { url?: string } | string;
}

let pkg: PackageJson | undefined;
function read(): PackageJson {
  pkg ??= JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageJson;
  return pkg;
}

export function version(): string {
  return read().version;
}

/** The project's home page: `homepage`, else the repository URL without `git+` and `.git`. */
export function homepage(): string {
  const p = read();
  if (p.homepage) return p.homepage;
  const url = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  return (url ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
}
