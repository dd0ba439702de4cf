#!/usr/bin/env node
/**
 * The crash census (`npm run corpus`, after a build): promptlint over real files found on this
 * machine, counting every exception thrown out of our code.
 *
 * - Code: every .js/.mjs/.cjs/.ts file (no .d.ts, none over 1 MB) under the repository (its
 *   node_modules included, symlinks not followed, bench/.corpus left out) and the global
 *   node_modules, in sorted order, linted in-process by the real `ESLint` class with the plugin's
 *   `configs.all` (@typescript-eslint/parser for .ts). A throw out of a rule aborts ESLint's lint
 *   with the rule's name in the message; a fatal message naming a promptlint rule is one too. The
 *   plugin's extraction errors, which it swallows (it skips the file), are counted as well.
 * - Markdown: every .md file under the same roots, through the CLI's in-process linter (the same
 *   configuration, front end, engine and rules as the binary) with every rule on. A front end that
 *   throws shows as a fatal "could not read/parse" finding; a rule that throws, as an exception.
 *
 * Prints a table and merges the figures into bench/results.json under "corpus" (other keys kept).
 * Exit 1 when anything crashed.   Options: --limit N (files of each kind, for a quick look).
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, loadavg } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench/results.json');
const MAX_BYTES = 1024 * 1024;
const CODE_EXT = new Set(['.js', '.mjs', '.cjs', '.ts']);
const GLOBAL_ROOTS = ['/usr/lib/node_modules', '/usr/local/lib/node_modules'].filter((d) => existsSync(d));
const SKIP_DIRS = new Set(['.git', '.turbo']);
const SKIP_PATHS = new Set([join(ROOT, 'bench/.corpus')]);

const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const LIMIT = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;

const { ESLint } = await import('eslint');
const { default: tsParser } = await import('@typescript-eslint/parser');
const { default: promptlint } = await import('@promptlint/eslint-plugin');
const { extractionStats } = await import(pathToFileURL(join(ROOT, 'packages/eslint-plugin/dist/rules/index.js')).href);
const { createLinter } = await import('@promptlint/cli');

/** Files under `dir`, sorted, symlinks not followed. */
function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !SKIP_PATHS.has(abs)) walk(abs, out);
    } else if (e.isFile()) out.push(abs);
  }
}

function select() {
  const all = [];
  for (const root of [ROOT, ...GLOBAL_ROOTS]) walk(root, all);
  const code = [];
  const markdown = [];
  const skipped = { declaration: 0, overOneMb: 0 };
  for (const abs of all) {
    const ext = extname(abs).toLowerCase();
    if (ext === '.md') {
      markdown.push(abs);
      continue;
    }
    if (!CODE_EXT.has(ext)) continue;
    if (/\.d\.[mc]?ts$/.test(abs)) {
      skipped.declaration++;
      continue;
    }
    if (lstatSync(abs).size > MAX_BYTES) {
      skipped.overOneMb++;
      continue;
    }
    code.push(abs);
  }
  return { code: code.slice(0, LIMIT), markdown: markdown.slice(0, LIMIT), skipped };
}

const shown = (abs) => (abs.startsWith(ROOT) ? relative(ROOT, abs).split(sep).join('/') : abs);
const bump = (obj, key, n = 1) => (obj[key] = (obj[key] ?? 0) + n);
const sorted = (obj) => Object.fromEntries(Object.entries(obj).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

async function lintCode(files) {
  const eslint = new ESLint({
    cwd: '/',
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['!**/node_modules/'] }, // ESLint skips node_modules by default (and `ignore: false` does not lift that)
      ...promptlint.configs.all,
      { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser } },
      { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    ],
  });
  const stats = {
    files: 0,
    bytes: 0,
    byExtension: {},
    parseErrors: 0,
    findings: {},
    ruleCrashes: 0,
    otherExceptions: 0,
    crashes: [],
    extracted: 0,
    extractionSkipped: 0,
    extractionErrors: [],
  };
  const skippedBefore = extractionStats.skipped;
  const extractedBefore = extractionStats.extracted;
  const t0 = performance.now();
  for (const abs of files) {
    const text = readFileSync(abs, 'utf8');
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    bump(stats.byExtension, extname(abs).toLowerCase());
    const skips = extractionStats.skipped;
    let results;
    try {
      results = await eslint.lintText(text, { filePath: abs, warnIgnored: false });
    } catch (e) {
      const message = String(e?.message ?? e);
      const rule = /Rule: "(promptlint\/[^"]+)"/.exec(message)?.[1];
      if (rule) stats.ruleCrashes++;
      else stats.otherExceptions++;
      stats.crashes.push({ file: shown(abs), rule: rule ?? null, message: message.split('\n')[0] });
      continue;
    }
    if (extractionStats.skipped > skips) {
      const err = extractionStats.lastError;
      stats.extractionErrors.push({
        file: shown(abs),
        message: String(err?.message ?? err).split('\n')[0],
        at:
          String(err?.stack ?? '')
            .split('\n')[1]
            ?.trim() ?? '',
      });
    }
    for (const m of results[0]?.messages ?? []) {
      if (m.fatal) {
        if (/promptlint/.test(m.message)) {
          stats.ruleCrashes++;
          stats.crashes.push({ file: shown(abs), rule: m.ruleId, message: m.message });
        } else stats.parseErrors++;
        continue;
      }
      if (m.ruleId?.startsWith('promptlint/')) bump(stats.findings, m.ruleId.slice('promptlint/'.length));
    }
  }
  stats.extracted = extractionStats.extracted - extractedBefore;
  stats.extractionSkipped = extractionStats.skipped - skippedBefore;
  stats.findings = sorted(stats.findings);
  stats.byExtension = sorted(stats.byExtension);
  stats.wallSeconds = Math.round((performance.now() - t0) / 100) / 10;
  return stats;
}

async function lintMarkdown(files) {
  const cwd = mkdtempSync(join(tmpdir(), 'promptlint-corpus-'));
  writeFileSync(join(cwd, 'promptlint.config.json'), '{ "extends": "all" }\n');
  const linter = await createLinter({ cwd });
  rmSync(cwd, { recursive: true, force: true });
  const stats = { files: 0, bytes: 0, findings: {}, unreadable: 0, unreadableSamples: [], frontEndCrashes: 0, ruleCrashes: 0, crashes: [] };
  const t0 = performance.now();
  for (const abs of files) {
    const text = readFileSync(abs, 'utf8');
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    let findings;
    try {
      findings = linter.lint(text, shown(abs));
    } catch (e) {
      stats.ruleCrashes++;
      stats.crashes.push({
        file: shown(abs),
        message: String(e?.message ?? e).split('\n')[0],
        at:
          String(e?.stack ?? '')
            .split('\n')[1]
            ?.trim() ?? '',
      });
      continue;
    }
    for (const f of findings) {
      if (f.ruleId === null) {
        if (/^(could not read this prompt file|could not parse):/.test(f.message)) {
          stats.frontEndCrashes++;
          stats.crashes.push({ file: shown(abs), message: f.message });
        } else {
          stats.unreadable++;
          if (stats.unreadableSamples.length < 5) stats.unreadableSamples.push({ file: shown(abs), line: f.line, message: f.message });
        }
        continue;
      }
      bump(stats.findings, f.ruleId);
    }
  }
  stats.findings = sorted(stats.findings);
  stats.wallSeconds = Math.round((performance.now() - t0) / 100) / 10;
  return stats;
}

function table(title, rows) {
  const w = [Math.max(...rows.map((r) => r[0].length), title.length), Math.max(...rows.map((r) => String(r[1]).length))];
  console.log(`\n${title.padEnd(w[0])}  ${''.padStart(w[1])}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(w[0])}  ${String(v).padStart(w[1])}`);
}

function mergeResults(corpus) {
  let data = {};
  if (existsSync(RESULTS)) data = JSON.parse(readFileSync(RESULTS, 'utf8'));
  data.corpus = corpus;
  const tmp = `${RESULTS}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, RESULTS);
}

const start = performance.now();
const selection = select();
console.log(
  `promptlint corpus: ${selection.code.length} code files, ${selection.markdown.length} markdown files (roots: ${[ROOT, ...GLOBAL_ROOTS].join(', ')})`,
);
const code = await lintCode(selection.code);
const markdown = await lintMarkdown(selection.markdown);
const wallSeconds = Math.round((performance.now() - start) / 100) / 10;

table('Code (ESLint, configs.all)', [
  ['files linted', code.files],
  ...Object.entries(code.byExtension).map(([k, v]) => [`  ${k}`, v]),
  ['MB', (code.bytes / 1e6).toFixed(1)],
  ['parse errors (not ours)', code.parseErrors],
  ['files extracted (SDK calls looked for)', code.extracted],
  ...Object.entries(code.findings).map(([k, v]) => [`findings: ${k}`, v]),
  ['rule crashes', code.ruleCrashes],
  ['other exceptions', code.otherExceptions],
  ['extraction errors swallowed', code.extractionSkipped],
  ['wall time (s)', code.wallSeconds],
]);
table('Markdown (CLI lint function, every rule)', [
  ['files linted', markdown.files],
  ['MB', (markdown.bytes / 1e6).toFixed(1)],
  ['files not readable as prompts', markdown.unreadable],
  ...Object.entries(markdown.findings).map(([k, v]) => [`findings: ${k}`, v]),
  ['front-end crashes', markdown.frontEndCrashes],
  ['rule crashes', markdown.ruleCrashes],
  ['wall time (s)', markdown.wallSeconds],
]);
for (const c of [...code.crashes, ...markdown.crashes].slice(0, 20)) console.log(`CRASH ${c.file}: ${c.rule ?? ''} ${c.message} ${c.at ?? ''}`);
for (const c of code.extractionErrors.slice(0, 20)) console.log(`EXTRACTION ERROR ${c.file}: ${c.message} ${c.at}`);
console.log(`\ntotal wall time: ${wallSeconds} s`);

const eslintVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/eslint/package.json'), 'utf8')).version;
const crashes = code.ruleCrashes + code.otherExceptions + code.extractionSkipped + markdown.frontEndCrashes + markdown.ruleCrashes;
if (LIMIT === Infinity) {
  mergeResults({
    command: 'npm run corpus',
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    eslint: eslintVersion,
    machine: { cpus: cpus().length, loadAverage: loadavg().map((x) => Math.round(x * 100) / 100) },
    selection: {
      roots: [shown(ROOT) || '.', ...GLOBAL_ROOTS],
      codeExtensions: [...CODE_EXT],
      skippedDeclarationFiles: selection.skipped.declaration,
      skippedOverOneMb: selection.skipped.overOneMb,
    },
    code: { ...code, crashes: code.crashes.slice(0, 50), extractionErrors: code.extractionErrors.slice(0, 50) },
    markdown: { ...markdown, crashes: markdown.crashes.slice(0, 50) },
    crashes,
    wallSeconds,
  });
  console.log(`figures merged into ${shown(RESULTS)} under "corpus"`);
}
process.exitCode = crashes > 0 ? 1 : 0;
