/**
 * What users read stands on its own: the packed tarballs and the docs carry none of our planning
 * words, no reference to a document that is not in the repository and no placeholder address;
 * every relative link in the docs resolves (and its #anchor names a heading), every link into this
 * repository names a file that exists; and every address the tools print derives from the one
 * `homepage` of the root package.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGES = ['core', 'markdown', 'eslint-plugin', 'cli'];
const HOME = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string }).homepage;
const REPO_BLOB = `${HOME}/blob/main/`;

/** Planning words, documents that are not in the repository, placeholder addresses. */
const PLANNING = /\bthe seed\b|\bseed's|\bseed (article|name|scenario)|seedNames|\bshared\/(seed|DESIGN|PROVIDERS)|example\.invalid|\.\.\/shared\//i;
const MISSING_DOCS = /\b(DESIGN|PROVIDERS)\.md\b/;
const FORBIDDEN = { test: (line: string): boolean => PLANNING.test(line) || MISSING_DOCS.test(line) };

function walk(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.git') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Lines of `files` that match FORBIDDEN, as `file:line: text`. */
function offending(files: string[], base: string): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.includes('\0')) continue; // binary
    text.split('\n').forEach((line, i) => {
      if (FORBIDDEN.test(line)) hits.push(`${relative(base, file)}:${i + 1}: ${line.trim().slice(0, 160)}`);
    });
  }
  return hits;
}

/** The documents users read in the repository. */
const DOCS = [join(ROOT, 'README.md'), ...PACKAGES.map((p) => join(ROOT, 'packages', p, 'README.md')), ...walk(join(ROOT, 'docs'), (p) => p.endsWith('.md'))];

let temp = '';
let unpacked = '';

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'promptlint-shipped-'));
  unpacked = join(temp, 'unpacked');
  const env = { ...process.env, npm_config_update_notifier: 'false' };
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', temp, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    }),
  ) as { filename: string; name: string }[];
  for (const p of packed) {
    const dir = join(unpacked, p.name);
    execFileSync('mkdir', ['-p', dir]);
    execFileSync('tar', ['-xzf', join(temp, p.filename), '-C', dir]);
  }
}, 180_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('what users read', () => {
  it('the packed tarballs contain no planning words, missing documents or placeholder addresses', () => {
    const files = walk(unpacked, () => true);
    expect(files.length).toBeGreaterThan(PACKAGES.length * 3);
    expect(offending(files, unpacked)).toEqual([]);
  });

  it('the READMEs, docs/, action.yml and the pre-commit hook contain none either', () => {
    const extra = ['action.yml', '.pre-commit-hooks.yaml'].map((f) => join(ROOT, f)).filter(existsSync);
    expect(offending([...DOCS, ...extra], ROOT)).toEqual([]);
  });

  it('the check itself finds each kind of word it is there for', () => {
    for (const bad of ["the seed's strategy 6", 'see DESIGN.md', 'PROVIDERS.md table', 'https://example.invalid/x', '../shared/notes', 'seedNames']) {
      expect(FORBIDDEN.test(bad), bad).toBe(true);
    }
    for (const fine of ['seeded records', 'a fixed seed (mulberry32)', 'docs/providers.md']) expect(FORBIDDEN.test(fine), fine).toBe(false);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[^]*?^```$/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!)));
}

/** Markdown links outside code spans and fences: [text](target). */
function links(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/^```[^]*?^```$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('links in the docs', () => {
  it('every relative link resolves to a file in the repository, and its #anchor to a heading', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const doc of DOCS) {
      for (const link of links(doc)) {
        if (/^[a-z]+:/i.test(link)) continue;
        checked++;
        const [path, anchor] = link.split('#') as [string, string | undefined];
        const target = path ? resolve(dirname(doc), decodeURIComponent(path)) : doc;
        if (!target.startsWith(ROOT) || !existsSync(target)) broken.push(`${relative(ROOT, doc)}: ${link} (no such file)`);
        else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(`${relative(ROOT, doc)}: ${link} (no such heading)`);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(broken).toEqual([]);
  });

  it('a package README links into the repository by its address (relative links would break on npm), and each such link names a file that exists', () => {
    const broken: string[] = [];
    for (const p of PACKAGES) {
      const readme = join(ROOT, 'packages', p, 'README.md');
      for (const link of links(readme)) {
        if (!/^[a-z]+:/i.test(link)) broken.push(`packages/${p}/README.md: ${link} (relative)`);
        else if (link.startsWith(REPO_BLOB) && !existsSync(join(ROOT, link.slice(REPO_BLOB.length).split('#')[0]!)))
          broken.push(`packages/${p}/README.md: ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('one homepage', () => {
  it('every package.json derives homepage, repository and bugs from the root homepage', () => {
    expect(HOME).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    const r = spawnSync(process.execPath, ['scripts/package-meta.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const p of PACKAGES) {
      const pkg = JSON.parse(readFileSync(join(ROOT, 'packages', p, 'package.json'), 'utf8')) as {
        homepage: string;
        repository: { url: string; directory: string };
        bugs: { url: string };
      };
      expect(pkg.homepage).toBe(HOME);
      expect(pkg.repository).toEqual({ type: 'git', url: `git+${HOME}.git`, directory: `packages/${p}` });
      expect(pkg.bugs).toEqual({ url: `${HOME}/issues` });
    }
  });

  it("each ESLint rule's meta.docs.url is its page in the repository, and the page exists", async () => {
    const plugin = (await import('@promptlint/eslint-plugin')).default;
    const ids = Object.keys(plugin.rules);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const url = plugin.rules[id]!.meta!.docs!.url!;
      expect(url).toBe(`${REPO_BLOB}docs/rules/${id}.md`);
      expect(existsSync(join(ROOT, 'docs/rules', `${id}.md`)), id).toBe(true);
    }
  });

  it("the CLI's SARIF names the homepage as informationUri and each rule's page as helpUri", () => {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'packages/cli/bin/promptlint.js'), '--format', 'sarif', '--config', 'examples/promptlint.config.json', 'examples'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const driver = (JSON.parse(r.stdout) as { runs: { tool: { driver: { informationUri: string; rules: { id: string; helpUri: string }[] } } }[] }).runs[0]!
      .tool.driver;
    expect(driver.informationUri).toBe(HOME);
    expect(driver.rules.length).toBeGreaterThan(0);
    for (const rule of driver.rules) {
      expect(rule.helpUri).toBe(`${REPO_BLOB}docs/rules/${rule.id}.md`);
      expect(existsSync(join(ROOT, 'docs/rules', `${rule.id}.md`)), rule.id).toBe(true);
    }
  });
});
