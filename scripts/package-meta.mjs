#!/usr/bin/env node
// One home page for the whole project: the root package.json's `homepage`. Every published
// package.json gets `homepage`, `repository` (with its `directory`) and `bugs` derived from it, and
// the CLI (SARIF `helpUri`) and the ESLint plugin (`meta.docs.url`) derive their links from their
// package.json's `homepage` at run time. The pre-commit hook's `@promptlint/cli@<version>` follows
// the CLI's version.
// `node scripts/package-meta.mjs` writes them; `node scripts/package-meta.mjs --check` exits 1 when one drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));

const home = readJson('package.json').homepage;
if (!/^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(home ?? '')) {
  console.error(`package.json: "homepage" must be the project's GitHub URL (https://github.com/<owner>/<name>), not ${JSON.stringify(home)}`);
  process.exit(1);
}
const expected = (dir) => ({
  homepage: home,
  repository: { type: 'git', url: `git+${home}.git`, directory: dir },
  bugs: { url: `${home}/issues` },
});

const problems = [];
const wanted = { '.': { repository: { type: 'git', url: `git+${home}.git` }, bugs: { url: `${home}/issues` } } };
for (const dir of readJson('package.json').workspaces.filter((w) => w.startsWith('packages/'))) wanted[dir] = expected(dir);

for (const [dir, fields] of Object.entries(wanted)) {
  const file = join(dir, 'package.json');
  const text = readFileSync(join(root, file), 'utf8');
  const pkg = JSON.parse(text);
  let changed = false;
  for (const [key, value] of Object.entries(fields)) {
    if (JSON.stringify(pkg[key]) === JSON.stringify(value)) continue;
    problems.push(`${file}: "${key}" is ${JSON.stringify(pkg[key])}, expected ${JSON.stringify(value)}`);
    pkg[key] = value;
    changed = true;
  }
  if (changed && !check) writeFileSync(join(root, file), JSON.stringify(pkg, null, 2) + '\n');
}

// The pre-commit hook runs the CLI of this version through npx.
const cliVersion = readJson('packages/cli/package.json').version;
const hookFile = '.pre-commit-hooks.yaml';
const hook = readFileSync(join(root, hookFile), 'utf8');
const hookNext = hook.replace(/(@promptlint\/cli@)[^\s'"]+/g, `$1${cliVersion}`);
if (!/@promptlint\/cli@/.test(hook)) problems.push(`${hookFile}: its entry does not name @promptlint/cli@<version>`);
else if (hookNext !== hook) {
  problems.push(`${hookFile}: the entry's @promptlint/cli version is not ${cliVersion}`);
  if (!check) writeFileSync(join(root, hookFile), hookNext);
}

if (check && problems.length) {
  for (const p of problems) console.error(p);
  console.error('run: node scripts/package-meta.mjs');
  process.exit(1);
}
