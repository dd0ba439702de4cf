/**
 * The real-code corpus: materialises the files listed in corpus.json from local git mirrors
 * (`git show <commit>:<path>`, with their package.json and tsconfig.json) into a temporary folder,
 * lints them with the built plugin's `configs.all` through ESLint's `ESLint` class, and scores the
 * findings against the hand-written answers.json:
 *
 * - recall, per rule: expected findings reported (same file, same rule, on the labelled line or
 *   within its `lines` range) / expected findings;
 * - near-miss alarms, per rule: labelled near-misses (`quiet`) that were reported / near-misses;
 * - unexpected: findings that are neither expected nor a labelled near-miss (the key lists every
 *   finding a careful reviewer would flag, so these count as false alarms too).
 *
 * The mirrors are looked up in $PROMPTLINT_MIRRORS (default /work/.mirror), one folder per
 * repository named `<owner>+<name>`, holding a bare `repo` (as `git clone --mirror` makes).
 *
 *   node bench/realworld-code/score.mjs [--json] [--verbose]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../..');

export function loadCorpus() {
  return JSON.parse(readFileSync(join(here, 'corpus.json'), 'utf8'));
}
export function loadAnswers() {
  return JSON.parse(readFileSync(join(here, 'answers.json'), 'utf8'));
}

function mirrorOf(repo) {
  const root = process.env.PROMPTLINT_MIRRORS ?? '/work/.mirror';
  const base = join(root, repo.replace('/', '+'));
  for (const p of [join(base, 'repo'), base]) if (existsSync(p)) return p;
  return undefined;
}

/** Writes every listed file under `dir/<owner>+<name>/`; returns what was written and what was missing. */
export function materialise(dir, corpus = loadCorpus()) {
  rmSync(dir, { recursive: true, force: true });
  const written = [];
  const missing = [];
  for (const r of corpus.repos) {
    const git = mirrorOf(r.repo);
    const base = join(dir, r.repo.replace('/', '+'));
    for (const f of [...r.support, ...r.files]) {
      let text;
      try {
        if (!git) throw new Error('no mirror');
        text = execFileSync('git', ['-C', git, 'show', `${r.commit}:${f}`], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        missing.push(`${r.repo}:${f}`);
        continue;
      }
      const out = join(base, f);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
      if (r.files.includes(f)) written.push({ repo: r.repo, path: f, abs: out });
    }
  }
  return { written, missing };
}

/** Lints the materialised files with `configs.all`; findings keyed by `repo` and `path`. */
export async function lint(dir, written) {
  const { ESLint } = await import(pathToFileURL(join(repoRoot, 'node_modules/eslint/lib/api.js')).href);
  const tsParser = (await import(pathToFileURL(join(repoRoot, 'node_modules/@typescript-eslint/parser/dist/index.js')).href)).default;
  const pluginUrl = pathToFileURL(join(repoRoot, 'packages/eslint-plugin/dist/index.js'));
  if (!existsSync(pluginUrl)) throw new Error('packages/eslint-plugin is not built: run `npm run build`');
  const promptlint = (await import(pluginUrl.href)).default;
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      ...promptlint.configs.all,
      { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'], languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } } },
      { linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ],
  });
  const results = await eslint.lintFiles(written.map((w) => w.abs));
  const byAbs = new Map(written.map((w) => [w.abs, w]));
  const findings = [];
  const fatal = [];
  for (const res of results) {
    const w = byAbs.get(res.filePath);
    if (!w) continue;
    for (const m of res.messages) {
      if (m.fatal || !m.ruleId) fatal.push({ repo: w.repo, path: w.path, message: m.message });
      else findings.push({ repo: w.repo, path: w.path, rule: m.ruleId.replace(/^promptlint\//, ''), line: m.line, message: m.message });
    }
  }
  return { findings, fatal };
}

const inRange = (label, line) => (label.lines ? line >= label.lines[0] && line <= label.lines[1] : line === label.line);

/** Scores findings against the answer key: per rule, and in total. */
export function score(findings, answers = loadAnswers()) {
  const families = {};
  const fam = (rule) => (families[rule] ??= { expected: 0, found: 0, quiet: 0, alarms: 0, unexpected: 0 });
  const misses = [];
  const alarms = [];
  const unexpected = [];
  const used = new Set();
  for (const [repo, files] of Object.entries(answers.files)) {
    for (const [path, key] of Object.entries(files)) {
      const here = findings.filter((f) => f.repo === repo && f.path === path);
      for (const e of key.expect ?? []) {
        fam(e.rule).expected++;
        const hit = here.find((f) => f.rule === e.rule && inRange(e, f.line));
        if (hit) {
          fam(e.rule).found++;
          for (const f of here) if (f.rule === e.rule && inRange(e, f.line)) used.add(f);
        } else misses.push({ repo, path, ...e });
      }
      for (const q of key.quiet ?? []) {
        fam(q.rule).quiet++;
        const hit = here.filter((f) => f.rule === q.rule && inRange(q, f.line) && !used.has(f));
        if (hit.length) {
          fam(q.rule).alarms++;
          alarms.push({ repo, path, ...q, message: hit[0].message });
          for (const f of hit) used.add(f);
        }
      }
    }
  }
  for (const f of findings) {
    if (used.has(f)) continue;
    fam(f.rule).unexpected++;
    unexpected.push(f);
  }
  const total = Object.values(families).reduce((a, f) => ({ expected: a.expected + f.expected, found: a.found + f.found, quiet: a.quiet + f.quiet, alarms: a.alarms + f.alarms, unexpected: a.unexpected + f.unexpected }), { expected: 0, found: 0, quiet: 0, alarms: 0, unexpected: 0 });
  const rate = (a, b) => (b ? Math.round((a / b) * 1000) / 1000 : null);
  return {
    total: { ...total, recall: rate(total.found, total.expected), nearMissAlarmRate: rate(total.alarms, total.quiet) },
    families: Object.fromEntries(Object.entries(families).sort().map(([k, f]) => [k, { ...f, recall: rate(f.found, f.expected), nearMissAlarmRate: rate(f.alarms, f.quiet) }])),
    misses,
    alarms,
    unexpected,
  };
}

export async function runRealworld({ dir = join(tmpdir(), 'promptlint-realworld-code') } = {}) {
  const corpus = loadCorpus();
  const { written, missing } = materialise(dir, corpus);
  const { findings, fatal } = await lint(dir, written);
  const s = score(findings);
  return { repos: corpus.repos.length, files: written.length, missing, fatal, findings, ...s };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runRealworld();
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 1));
  else {
    console.log(`${r.repos} repositories, ${r.files} files (${r.missing.length} missing, ${r.fatal.length} parse errors)`);
    console.log(JSON.stringify(r.total), '\n', JSON.stringify(r.families, null, 1));
    if (process.argv.includes('--verbose')) {
      for (const m of r.misses) console.log('MISS', m.repo, m.path, m.rule, m.line ?? m.lines, m.why ?? '');
      for (const a of r.alarms) console.log('ALARM', a.repo, a.path, a.rule, a.line ?? a.lines, a.message);
      for (const u of r.unexpected) console.log('UNEXPECTED', u.repo, u.path, u.rule, u.line, u.message);
      for (const f of r.fatal) console.log('FATAL', f.repo, f.path, f.message);
    }
  }
}
