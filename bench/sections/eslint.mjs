/**
 * Section "eslint": what @promptlint/eslint-plugin adds to an ESLint run. The same ESLint (the
 * repository's, with @typescript-eslint/parser for every file) runs over the same files twice per
 * round, alternately: with no rules at all (parsing, scope analysis, reporting), and with the
 * plugin's `configs.all` added. The files are real code: ESLint's own lib/ and the dist/ folders of
 * @typescript-eslint's packages from node_modules (sorted, the first FILES), plus the repository's
 * fixtures/code/ (LLM SDK calls, so the rules do find things), copied outside the repository.
 * A third run with one built-in rule (`no-debugger`) shows what ESLint itself adds as soon as any
 * rule is on (with none it skips the traversal and code-path analysis altogether).
 *
 *   node bench/run.mjs --only eslint [--runs 5]
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { textTable } from '../lib/table.mjs';
import { alternate, fmtMb, fmtMs, fmtX, header, node, ratio, scratchDir } from './lib/common.mjs';

/** Real JS files taken from node_modules (the rest of the >= 500 come from @typescript-eslint). */
const FILES = 600;
const CODE = /\.(?:js|mjs|cjs|ts|mts|cts)$/;

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && CODE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Deterministic: ESLint's lib/, then @typescript-eslint/<pkg>/dist/ in name order, up to FILES. */
export function realCodeFiles(repoRoot) {
  const nm = join(repoRoot, 'node_modules');
  const files = walk(join(nm, 'eslint/lib'));
  const tse = join(nm, '@typescript-eslint');
  for (const pkg of readdirSync(tse).sort()) {
    const dist = join(tse, pkg, 'dist');
    if (existsSync(dist)) files.push(...walk(dist));
  }
  return files.slice(0, FILES).map((abs) => ({ abs, rel: relative(nm, abs) }));
}

function setup(ctx) {
  const dir = scratchDir('eslint');
  const src = join(dir, 'src');
  let bytes = 0;
  const copy = (from, to) => {
    mkdirSync(join(to, '..'), { recursive: true });
    copyFileSync(from, to);
    bytes += statSync(from).size;
  };
  const real = realCodeFiles(ctx.repoRoot);
  for (const f of real) copy(f.abs, join(src, 'node-modules-code', f.rel));
  const fixtures = join(ctx.repoRoot, 'fixtures/code');
  const fixtureFiles = readdirSync(fixtures).filter((f) => CODE.test(f));
  for (const f of fixtureFiles) copy(join(fixtures, f), join(src, 'fixtures-code', f));
  const url = (p) => pathToFileURL(p).href;
  const parser = url(join(ctx.repoRoot, 'node_modules/@typescript-eslint/parser/dist/index.js'));
  const plugin = url(join(ctx.repoRoot, 'packages/eslint-plugin/dist/index.js'));
  if (!existsSync(new URL(plugin))) throw new Error('packages/eslint-plugin is not built: run `npm run build`');
  const base = `{ files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser: tsParser } }`;
  writeFileSync(join(dir, 'no-rules.config.mjs'), `import tsParser from '${parser}';\nexport default [${base}];\n`);
  writeFileSync(join(dir, 'one-rule.config.mjs'), `import tsParser from '${parser}';\nexport default [${base}, { rules: { 'no-debugger': 'error' } }];\n`);
  writeFileSync(
    join(dir, 'promptlint-all.config.mjs'),
    `import tsParser from '${parser}';\nimport promptlint from '${plugin}';\nexport default [...promptlint.configs.all, ${base}];\n`,
  );
  return { dir, files: real.length + fixtureFiles.length, realFiles: real.length, fixtureFiles: fixtureFiles.length, bytes };
}

async function run(ctx) {
  const log = ctx.log;
  const eslintPkg = JSON.parse(readFileSync(join(ctx.repoRoot, 'node_modules/eslint/package.json'), 'utf8'));
  const parserPkg = JSON.parse(readFileSync(join(ctx.repoRoot, 'node_modules/@typescript-eslint/parser/package.json'), 'utf8'));
  const eslintBin = join(ctx.repoRoot, 'node_modules/eslint/bin/eslint.js');
  const s = setup(ctx);
  log(`${s.files} files (${s.realFiles} from node_modules, ${s.fixtureFiles} from fixtures/code), ${(s.bytes / 1024 / 1024).toFixed(1)} MB, ESLint ${eslintPkg.version}, @typescript-eslint/parser ${parserPkg.version}`);
  let findings = null;
  const command = (name, config, okCodes) => ({
    name,
    cmd: node,
    args: [eslintBin, '--config', config, '--format', 'json', '--no-warn-ignored', 'src'],
    cwd: s.dir,
    okCodes,
    check: (r) => {
      const results = JSON.parse(r.stdout);
      if (results.length !== s.files) throw new Error(`${name}: linted ${results.length} files, expected ${s.files}`);
      const messages = results.flatMap((x) => x.messages);
      const fatal = messages.filter((m) => m.fatal).length;
      const promptlint = messages.filter((m) => m.ruleId?.startsWith('promptlint/')).length;
      if (name === 'configs.all') findings = { promptlint, fatal };
    },
  });
  const commands = [
    command('no rules', 'no-rules.config.mjs', [0, 1]),
    command('one built-in rule', 'one-rule.config.mjs', [0, 1]),
    command('configs.all', 'promptlint-all.config.mjs', [0, 1]),
  ];
  const timeoutMs = Math.max(ctx.timeoutMs, 300_000);
  const { summary, runs } = await alternate(ctx.runs, commands, { timeoutMs, log });
  const overhead = ratio(runs, 'configs.all', 'no rules');
  const overOneRule = ratio(runs, 'configs.all', 'one built-in rule');
  const vsNone = (name) => (name === 'no rules' ? '1.00x' : fmtX(ratio(runs, name, 'no rules').pairedMedian));
  log(`\nESLint over ${s.files} files, with and without promptlint's configs.all (median of ${ctx.runs} alternated rounds)`);
  log(
    textTable(
      ['config', 'wall ms', 'min-max ms', 'vs no rules', 'peak RSS MB'],
      commands.map((c) => [c.name, fmtMs(summary[c.name].wallMs), `${fmtMs(summary[c.name].minWallMs)}-${fmtMs(summary[c.name].maxWallMs)}`, vsNone(c.name), fmtMb(summary[c.name].peakRssKb)]),
    ),
  );
  log(`configs.all vs one built-in rule: ${fmtX(overOneRule.pairedMedian)}`);
  log(`promptlint findings with configs.all: ${findings?.promptlint ?? '-'} (fatal parse errors in either run: ${findings?.fatal ?? '-'})`);
  return {
    ...header(ctx, 'node bench/run.mjs --only eslint'),
    eslint: eslintPkg.version,
    parser: parserPkg.version,
    corpus: { files: s.files, fromNodeModules: s.realFiles, fromFixtures: s.fixtureFiles, bytes: s.bytes },
    timeoutMs,
    results: summary,
    overhead: { ...overhead, percent: overhead.pairedMedian === null ? null : Math.round((overhead.pairedMedian - 1) * 1000) / 10 },
    overheadOverOneBuiltinRule: { ...overOneRule, percent: overOneRule.pairedMedian === null ? null : Math.round((overOneRule.pairedMedian - 1) * 1000) / 10 },
    promptlintFindings: findings,
  };
}

export default { name: 'eslint', order: 30, run };
