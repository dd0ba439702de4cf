#!/usr/bin/env node
/**
 * Materialises the development corpus of real prompt files (corpus.json beside this file) from
 * local git mirrors into a folder outside the repository, as `<folder>/<collection>/<path>`. The
 * files are read at the pinned commit (`git cat-file --batch` on `<commit>:<path>`, the same bytes
 * as `git show <commit>:<path>`); nothing is fetched from the network and nothing is committed.
 *
 * Mirrors: a folder holding one git repository per collection, found as `<owner>+<name>/repo`,
 * `<owner>+<name>`, `<owner>+<name>.git` or `<owner>/<name>` (bare or not). Default:
 * $PROMPTLINT_MIRRORS, else /work/.mirror. To make one: `git clone --bare
 * https://github.com/<owner>/<name> <mirrors>/<owner>+<name>.git`. A collection whose mirror is
 * absent (or lacks the pinned commit) is skipped with a message naming it.
 *
 *   node bench/realworld-prompts/materialise.mjs [--mirrors DIR] [--out DIR] [--list]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_FILE = join(here, 'corpus.json');

export function defaultMirrors() {
  return process.env.PROMPTLINT_MIRRORS ?? '/work/.mirror';
}

export function defaultOut() {
  return join(process.env.PROMPTLINT_BENCH_CORPUS ?? join(tmpdir(), 'promptlint-bench-corpus'), 'realworld-prompts');
}

/** A glob (`*` within a path segment, `**` across segments, `?` one character) as a RegExp. */
export function globRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** `limit` of `items`, spread evenly: indices floor(i * n / limit). */
export function spread(items, limit) {
  if (limit === undefined || items.length <= limit) return items;
  const out = [];
  for (let i = 0; i < limit; i++) out.push(items[Math.floor((i * items.length) / limit)]);
  return out;
}

/** The git directory of a repository's mirror, or undefined. */
export function findMirror(mirrors, repo) {
  const [owner, name] = repo.split('/');
  for (const p of [`${owner}+${name}/repo`, `${owner}+${name}`, `${owner}+${name}.git`, `${owner}/${name}`]) {
    const dir = join(mirrors, p);
    if (existsSync(dir) && spawnSync('git', ['-C', dir, 'rev-parse', '--git-dir'], { stdio: 'ignore' }).status === 0) return dir;
  }
  return undefined;
}

function hasCommit(gitDir, commit) {
  return spawnSync('git', ['-C', gitDir, 'cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' }).status === 0;
}

/** The paths of a collection at its commit: included, not excluded, sorted, limited. */
export function selectPaths(gitDir, c) {
  const all = execFileSync('git', ['-C', gitDir, 'ls-tree', '-r', '--name-only', '-z', c.commit], { maxBuffer: 256 * 1024 * 1024 })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const inc = c.include.map(globRegExp);
  const exc = (c.exclude ?? []).map(globRegExp);
  const chosen = all.filter((p) => inc.some((r) => r.test(p)) && !exc.some((r) => r.test(p))).sort();
  return spread(chosen, c.limit);
}

/** The blobs `<commit>:<path>` of `paths`, in order, through one `git cat-file --batch`. */
function readBlobs(gitDir, commit, paths) {
  const input = paths.map((p) => `${commit}:${p}\n`).join('');
  const out = execFileSync('git', ['-C', gitDir, 'cat-file', '--batch'], { input, maxBuffer: 1024 * 1024 * 1024 });
  const blobs = [];
  let at = 0;
  for (const p of paths) {
    const nl = out.indexOf(10, at);
    const head = out.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(head);
    if (!m) throw new Error(`${commit}:${p}: ${head}`);
    const size = Number(m[1]);
    blobs.push(out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return blobs;
}

/**
 * Writes the corpus into `out` (replacing what was there unless its manifest matches corpus.json
 * and every mirror that was present then). Returns `{ dir, files, bytes, collections, skipped }`:
 * `files` are paths relative to `dir`; `skipped` names each collection without a mirror.
 */
export function materialise({ mirrors = defaultMirrors(), out = defaultOut(), log = console.log } = {}) {
  const spec = readFileSync(CORPUS_FILE, 'utf8');
  const corpus = JSON.parse(spec);
  const present = corpus.collections.map((c) => {
    const gitDir = findMirror(mirrors, c.repo);
    return { c, gitDir: gitDir && hasCommit(gitDir, c.commit) ? gitDir : undefined, mirrorFound: gitDir !== undefined };
  });
  const key = createHash('sha256')
    .update(spec)
    .update(present.map((p) => (p.gitDir ? '1' : '0')).join(''))
    .digest('hex');
  const manifestFile = join(out, '.manifest.json');
  if (existsSync(manifestFile)) {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (m.key === key) return { dir: out, ...m };
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files = [];
  const collections = [];
  const skipped = [];
  let bytes = 0;
  for (const { c, gitDir, mirrorFound } of present) {
    if (!gitDir) {
      const why = mirrorFound ? `its mirror lacks commit ${c.commit}` : `no mirror of ${c.repo} in ${mirrors}`;
      log(`realworld-prompts: skipping collection "${c.name}": ${why} (see bench/realworld-prompts/materialise.mjs)`);
      skipped.push({ name: c.name, repo: c.repo, why });
      continue;
    }
    const paths = selectPaths(gitDir, c);
    const blobs = readBlobs(gitDir, c.commit, paths);
    let cBytes = 0;
    paths.forEach((p, i) => {
      const rel = `${c.name}/${p}`;
      const abs = join(out, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, blobs[i]);
      files.push(rel);
      cBytes += blobs[i].length;
    });
    bytes += cBytes;
    collections.push({ name: c.name, repo: c.repo, commit: c.commit, files: paths.length, bytes: cBytes });
  }
  const manifest = { key, files, bytes, collections, skipped };
  writeFileSync(manifestFile, JSON.stringify(manifest));
  return { dir: out, ...manifest };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const r = materialise({ mirrors: opt('--mirrors') ?? defaultMirrors(), out: opt('--out') ?? defaultOut() });
  for (const c of r.collections) console.log(`${c.name.padEnd(28)} ${String(c.files).padStart(4)} files ${(c.bytes / 1024).toFixed(0).padStart(6)} KB  ${c.repo}@${c.commit.slice(0, 12)}`);
  console.log(`${r.files.length} files, ${(r.bytes / 1024 / 1024).toFixed(2)} MB in ${r.dir}${r.skipped.length ? ` (${r.skipped.length} collections skipped)` : ''}`);
  if (argv.includes('--list')) for (const f of r.files) console.log(f);
}
