/**
 * The packages as a user gets them: `npm pack` each one, install the four tarballs into a fresh
 * project outside the repository (with eslint, typescript-eslint and typescript from the registry),
 * then run `npx eslint .` and `npx promptlint . --format json` there and check the findings. This is
 * what the monorepo's workspace symlinks cannot show: `files`, `exports`, `bin`, the internal
 * `@promptlint/*: 0.1.0` dependencies resolving to the tarballs, and the shipped types and schema.
 * The ESLint configs are the README's snippets, read from README.md here so that the two cannot
 * drift, and each runs verbatim in a TSX app as ESM and as CommonJS, under ESLint 10 and ESLint 9.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGES = ['core', 'markdown', 'eslint-plugin', 'cli'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The parent's npm_* variables (set by `npm test`) must not steer the installs in the temp project. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'INIT_CWD') env[k] = v;
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[k];
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}
const ENV = cleanEnv();

// --- the README's ESLint snippets ---

/** The ```js blocks of a README whose first line is `// eslint.config.<ext>`, by file name. */
function eslintSnippets(readme: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(join(ROOT, readme), 'utf8').matchAll(/^```js\n(\/\/ (eslint\.config\.[mc]?js)\n[^]*?)^```$/gm)) out[m[2]!] = m[1]!;
  return out;
}
const SNIPPETS = eslintSnippets('README.md');
const ESM_SNIPPET = SNIPPETS['eslint.config.mjs']!;
const CJS_SNIPPET = SNIPPETS['eslint.config.cjs']!;

// --- the sample project ---

const POLICY = Array.from(
  { length: 40 },
  (_, i) =>
    `${i + 1}. When a customer asks about case ${i + 1}, check the order history, the payment method and the account notes before you answer, and quote the policy section by number.`,
).join('\n');

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'consumer-app', version: '1.0.0', private: true, type: 'module' }, null, 2),
  // The README's ESM snippet, saved as eslint.config.js in a `"type": "module"` package as it allows.
  'eslint.config.js': ESM_SNIPPET ?? '',
  '.promptlintrc.json': JSON.stringify({ $schema: './node_modules/@promptlint/cli/schema/promptlint.schema.json', extends: 'recommended' }, null, 2),
  // An OpenAI call with no max_completion_tokens.
  'src/openai.ts': `import OpenAI from 'openai';

const client = new OpenAI();

export async function answer(question: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
  });
  return completion.choices[0]?.message.content ?? '';
}
`,
  // An Anthropic call with a big static system prompt and no cache_control.
  'src/anthropic.ts': `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

const SYSTEM = \`You are the support assistant of Acme Store. Follow the policy below.
${POLICY}\`;

export async function reply(question: string) {
  const message = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: SYSTEM,
    messages: [{ role: 'user', content: question }],
  });
  return message.content;
}
`,
  // A prompt file with the date before a long static block.
  'prompts/support.prompt.md': `---
model: gpt-4o
max_tokens: 400
---
Today is {{today}}.

You are the support assistant of Acme Store. Follow the policy below.
${POLICY}
`,
  // The shipped types, checked by tsc as a TypeScript user would import them.
  'types-check.ts': `import { configSchema, main, type MainOptions } from '@promptlint/cli';
import { Engine, presetRules, rules, type Finding } from '@promptlint/core';
import { parsePromptFile } from '@promptlint/markdown';
import promptlint from '@promptlint/eslint-plugin';

const parsed = parsePromptFile('Answer briefly.', { path: 'prompts/a.md' });
const engine = new Engine({ rules: presetRules('recommended'), defaultModel: 'gpt-4o' }, rules);
const findings: Finding[] = parsed.ok ? engine.lint(parsed.document) : [];
const options: Pick<MainOptions, 'argv'> = { argv: ['--version'] };
export const used = [findings.length, options, configSchema(rules), main, promptlint.configs.recommended.length];
`,
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true },
      files: ['types-check.ts'],
    },
    null,
    2,
  ),
};

/**
 * A TSX app (the kind `npm init -y` plus Next.js makes) for the README's snippets: JSX, `satisfies`,
 * `import x = require()`, type-only imports: none of it parses without the TypeScript parser.
 */
const TSX_APP: Record<string, string> = {
  'src/chat.tsx': `import OpenAI from 'openai';
import type { ReactNode } from 'react';

const client = new OpenAI();

export async function Answer({ question }: { question: string }): Promise<ReactNode> {
  const completion = await client.chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: question }],
  });
  return <p className="answer">{completion.choices[0]?.message.content ?? ''}</p>;
}
`,
  'src/limits.mts': `export const limits = { maxTokens: 400 } satisfies Record<string, number>;
export type Limit = keyof typeof limits;
`,
  'src/legacy.cts': `import path = require('node:path');
export const here: string = path.resolve(__dirname);
`,
  'prompts/support.prompt.md': FILES['prompts/support.prompt.md']!,
};

/** The four ways a project keeps the README's snippets: ESM or CommonJS config, in an ESM or CommonJS package. */
const VARIANTS: { name: string; type?: 'module'; file: string; snippet: string }[] = [
  { name: 'esm-package-config-js', type: 'module', file: 'eslint.config.js', snippet: ESM_SNIPPET },
  { name: 'cjs-package-config-mjs', file: 'eslint.config.mjs', snippet: ESM_SNIPPET },
  { name: 'cjs-package-config-js', file: 'eslint.config.js', snippet: CJS_SNIPPET },
  { name: 'esm-package-config-cjs', type: 'module', file: 'eslint.config.cjs', snippet: CJS_SNIPPET },
];
const ESLINTS = [
  { name: 'ESLint 10', bin: 'node_modules/eslint/bin/eslint.js', major: 10 },
  { name: 'ESLint 9', bin: 'node_modules/eslint9/bin/eslint.js', major: 9 },
];

/** 1-based line and column of the first occurrence of `needle` in a sample file. */
function positionOf(file: string, needle: string, files: Record<string, string> = FILES): { line: number; column: number } {
  const text = files[file]!;
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

// --- setup: pack, create, install ---

let temp = '';
let app = '';
const timings: Record<string, number> = {};

function timed<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    timings[label] = Math.round(performance.now() - t0);
  }
}

beforeAll(() => {
  for (const p of PACKAGES) {
    if (!existsSync(join(ROOT, 'packages', p, 'dist/index.js'))) throw new Error(`packages/${p} is not built: run npm run build first`);
  }
  temp = realpathSync(mkdtempSync(join(tmpdir(), 'promptlint-consumer-')));
  const packs = join(temp, 'packs');
  app = join(temp, 'app');
  mkdirSync(packs);
  const packed = timed('npm pack', () =>
    JSON.parse(
      execFileSync(NPM, ['pack', '--json', '--pack-destination', packs, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])], {
        cwd: ROOT,
        env: ENV,
        encoding: 'utf8',
      }),
    ),
  ) as { name: string; filename: string; files: { path: string }[] }[];
  expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((p) => `@promptlint/${p}`).sort());
  tarballs = Object.fromEntries(packed.map((p) => [p.name, { file: join(packs, p.filename), files: p.files.map((f) => f.path) }]));

  for (const [rel, content] of Object.entries(FILES)) {
    mkdirSync(dirname(join(app, rel)), { recursive: true });
    writeFileSync(join(app, rel), content);
  }
  timed('npm install', () =>
    execFileSync(
      NPM,
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel',
        'error',
        ...packed.map((p) => join(packs, p.filename)),
        'eslint@^10',
        'eslint9@npm:eslint@^9.39.0',
        'typescript-eslint@^8',
        'typescript@~5.9.3',
      ],
      { cwd: app, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );

  // Each variant is its own project beside the app, sharing the app's installed node_modules.
  for (const v of VARIANTS) {
    const dir = join(temp, 'variants', v.name);
    const files = {
      ...TSX_APP,
      [v.file]: v.snippet,
      'package.json': JSON.stringify({ name: v.name, version: '1.0.0', private: true, ...(v.type ? { type: v.type } : {}) }, null, 2),
    };
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    symlinkSync(join(app, 'node_modules'), join(dir, 'node_modules'), 'junction');
  }
}, 300_000);

let tarballs: Record<string, { file: string; files: string[] }> = {};

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  console.log(`consumer test timings (ms): ${JSON.stringify(timings)}`);
});

function npx(args: string[]) {
  const r = spawnSync(NPX, ['--no-install', ...args], { cwd: app, env: ENV, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

describe('installed from tarballs in a fresh project', { timeout: 120_000 }, () => {
  it('ships LICENSE, README and the built files; no sources, tests or build info', () => {
    for (const [name, { files }] of Object.entries(tarballs)) {
      expect(files, name).toContain('LICENSE');
      expect(files, name).toContain('README.md');
      expect(files, name).toContain('dist/index.js');
      expect(files, name).toContain('dist/index.d.ts');
      expect(
        files.filter((f) => /^(src|test)\/|tsbuildinfo|vitest\.config/.test(f)),
        name,
      ).toEqual([]);
    }
    expect(tarballs['@promptlint/cli']!.files).toEqual(expect.arrayContaining(['bin/promptlint.js', 'schema/promptlint.schema.json']));
    expect(tarballs['@promptlint/core']!.files).toContain('data/models.json');
  });

  it('resolves every @promptlint package to one copy inside the project, from the tarballs (no workspace links)', () => {
    const ls = JSON.parse(execFileSync(NPM, ['ls', '--all', '--json'], { cwd: app, env: ENV, encoding: 'utf8' })) as {
      dependencies: Record<string, { version: string; resolved: string }>;
    };
    for (const p of PACKAGES) {
      const dep = ls.dependencies[`@promptlint/${p}`]!;
      expect(dep.version).toBe('0.1.0');
      expect(dep.resolved).toMatch(/^file:.*\.tgz$/);
      const real = realpathSync(join(app, 'node_modules/@promptlint', p));
      expect(relative(app, real).startsWith(`node_modules${sep}`), real).toBe(true);
    }
    // The internal `@promptlint/core: 0.1.0` dependencies are deduplicated onto the tarball's copy.
    const nested = execFileSync(NPM, ['ls', '@promptlint/core', '--all', '--parseable'], { cwd: app, env: ENV, encoding: 'utf8' }).trim().split('\n');
    expect(new Set(nested.map((p) => realpathSync(p))).size).toBe(1);
    expect(existsSync(join(app, 'node_modules/@promptlint/cli/schema/promptlint.schema.json'))).toBe(true);
  });

  it('installs one tokenizer data set: core counts from its own rank tables, gpt-tokenizer is not installed', () => {
    expect(existsSync(join(app, 'node_modules/gpt-tokenizer'))).toBe(false);
    expect(tarballs['@promptlint/core']!.files).toEqual(expect.arrayContaining(['dist/bpe/o200k_base.bin', 'dist/bpe/cl100k_base.bin']));
    expect(tarballs['@promptlint/core']!.files.filter((f) => f.includes('build-bpe-tables'))).toEqual([]);
    // Counting works from the tables alone (the cost below is counted with them, and checked against js-tiktoken in core's tests).
    const r = npx(['promptlint', 'cost', 'prompts/support.prompt.md', '--models', 'gpt-4o,gpt-4', '--format', 'json']);
    expect(r.stderr).toMatch(/^(note: [^\n]*\n)*$/); // notes only (the file's template variables count 0)
    expect(r.status).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { model: string; inputTokens: number }[] }).rows;
    expect(rows.map((x) => x.model)).toEqual(['gpt-4o', 'gpt-4']); // o200k_base and cl100k_base
    for (const row of rows) expect(row.inputTokens).toBeGreaterThan(1000);
  });

  it('the README shows an ESM and a CommonJS snippet, and the plugin README the same ones', () => {
    expect(Object.keys(SNIPPETS).sort()).toEqual(['eslint.config.cjs', 'eslint.config.mjs']);
    expect(eslintSnippets('packages/eslint-plugin/README.md')).toEqual(SNIPPETS);
    // The TypeScript parser covers every TypeScript extension the presets lint.
    for (const snippet of Object.values(SNIPPETS)) expect(snippet).toContain(`files: ['**/*.{ts,tsx,mts,cts}']`);
    expect(readFileSync(join(ROOT, 'packages/eslint-plugin/README.md'), 'utf8')).toContain(
      'npm install --save-dev eslint @promptlint/eslint-plugin typescript-eslint',
    );
  });

  it("require('@promptlint/eslint-plugin') is the plugin the presets name, with no .default", () => {
    const script = `const p = require('@promptlint/eslint-plugin');
      const named = p.configs.recommended.every((c) => c.plugins.promptlint === p);
      console.log(JSON.stringify({ named, hasDefault: 'default' in p, rule: typeof p.rules['require-max-tokens'].create }));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: join(temp, 'variants', 'cjs-package-config-js'), env: ENV, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ named: true, hasDefault: false, rule: 'function' });
  });

  for (const eslint of ESLINTS) {
    for (const v of VARIANTS) {
      it(`${eslint.name}: the README's snippet as ${v.file} in a ${v.type === 'module' ? '"type": "module"' : 'CommonJS'} package lints a TSX app`, () => {
        const dir = join(temp, 'variants', v.name);
        const r = timed(`${eslint.name} ${v.name}`, () =>
          spawnSync(process.execPath, [join(app, eslint.bin), '.', '--format', 'json'], { cwd: dir, env: ENV, encoding: 'utf8' }),
        );
        expect(r.stderr).toBe(''); // no load error, no MODULE_TYPELESS_PACKAGE_JSON warning
        const version = spawnSync(process.execPath, [join(app, eslint.bin), '--version'], { cwd: dir, env: ENV, encoding: 'utf8' }).stdout;
        expect(version).toMatch(new RegExp(`^v${eslint.major}\\.`));
        const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; fatal?: boolean }[] }[];
        const byFile = Object.fromEntries(
          results.map((x) => [relative(dir, x.filePath).split(sep).join('/'), x.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column }))]),
        );
        // Every file is linted, none fails to parse, and the findings are where they belong.
        expect(byFile).toEqual({
          [v.file]: [],
          'src/chat.tsx': [{ ruleId: 'promptlint/require-max-tokens', ...positionOf('src/chat.tsx', 'client.chat.completions.create(', TSX_APP) }],
          'src/limits.mts': [],
          'src/legacy.cts': [],
          'prompts/support.prompt.md': [{ ruleId: 'promptlint/no-dynamic-prefix', ...positionOf('prompts/support.prompt.md', '{{today}}', TSX_APP) }],
        });
        expect(r.status).toBe(1);
      });
    }
  }

  it('npx eslint . reports the code and prompt-file findings with the recommended config', () => {
    const r = timed('eslint', () => npx(['eslint', '.', '--format', 'json']));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // errors found
    const results = JSON.parse(r.stdout) as {
      filePath: string;
      messages: { ruleId: string | null; line: number; column: number; message: string; fatal?: boolean }[];
    }[];
    const byFile = Object.fromEntries(
      results
        .filter((x) => x.messages.length)
        .map((x) => [relative(app, x.filePath).split(sep).join('/'), x.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, column: m.column }))]),
    );
    expect(byFile).toEqual({
      'src/openai.ts': [{ ruleId: 'promptlint/require-max-tokens', ...positionOf('src/openai.ts', 'client.chat.completions.create(') }],
      'src/anthropic.ts': [{ ruleId: 'promptlint/require-cache-control', ...positionOf('src/anthropic.ts', 'anthropic.messages.create(') }],
      'prompts/support.prompt.md': [{ ruleId: 'promptlint/no-dynamic-prefix', ...positionOf('prompts/support.prompt.md', '{{today}}') }],
    });
    const all = results.flatMap((x) => x.messages);
    expect(all.every((m) => /\/call/.test(m.message))).toBe(true); // every message states what it is worth
  });

  it('npx promptlint . --format json reports the prompt file finding at the same place, with its cost', () => {
    const r = timed('promptlint', () => npx(['promptlint', '.', '--format', 'json']));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as {
      version: number;
      files: { path: string; findings: { ruleId: string; line: number; column: number }[]; cost: { model: string } | null }[];
    };
    expect(report.version).toBe(1);
    expect(report.files.map((f) => f.path)).toEqual(['prompts/support.prompt.md']);
    expect(report.files[0]!.findings.map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column }))).toEqual([
      { ruleId: 'no-dynamic-prefix', ...positionOf('prompts/support.prompt.md', '{{today}}') },
    ]);
    expect(report.files[0]!.cost).toMatchObject({ model: 'gpt-4o', outputTokens: 400 });
    const version = npx(['promptlint', '--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version);
  });

  it('the shipped type declarations compile in a strict TypeScript project (nodenext)', () => {
    const r = timed('tsc', () => npx(['tsc', '-p', '.']));
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

// --- the CI integrations, run as a user's CI would run them ---

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { steps: { id?: string; run?: string; shell?: string; if?: string; uses?: string; env?: Record<string, string> }[] };
}
interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
}

const CLI_VERSION = (JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;
const ACTION = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
const RUN_STEP = ACTION.runs.steps.find((s) => s.id === 'run')!;
const HOOKS = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** A user's repository: a folder whose name has a space, the CLI installed from the tarballs, no network. */
function ciRepo(): string {
  const dir = join(temp, 'ci-repo');
  if (existsSync(dir)) return dir;
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'ci-repo', version: '1.0.0', private: true }, null, 2),
    '.promptlintrc.json': JSON.stringify({ extends: 'recommended' }),
    'my prompts/support.prompt.md': FILES['prompts/support.prompt.md']!,
    'notes.md': 'Not a prompt file.\n',
  };
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  symlinkSync(join(app, 'node_modules'), join(dir, 'node_modules'), 'junction');
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  execFileSync('git', ['add', '-A'], { cwd: dir });
  return dir;
}

/** npm may not reach the registry: only the packed, locally installed CLI can answer. */
const OFFLINE = { ...ENV, npm_config_offline: 'true' };

/** The action's run step as GitHub runs a composite `shell: bash` step: bash -e -o pipefail, inputs as env. */
function runAction(inputs: Record<string, string>) {
  const dir = ciRepo();
  const out = join(temp, `github-output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(out, '');
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(ACTION.inputs)) values[name] = inputs[name] ?? input.default ?? '';
  const env: NodeJS.ProcessEnv = { ...OFFLINE, GITHUB_OUTPUT: out, GITHUB_ACTION_PATH: ROOT };
  for (const [k, v] of Object.entries(RUN_STEP.env!)) {
    const m = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(v);
    if (!m) throw new Error(`action.yml: ${k} is not an input`);
    env[k] = values[m[1]!]!;
  }
  const script = join(temp, 'action-step.sh');
  writeFileSync(script, RUN_STEP.run!);
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: dir, env, encoding: 'utf8' });
  return { ...r, dir, output: readFileSync(out, 'utf8'), sarif: join(dir, values['sarif-file']!) };
}

/** `::error file=a,line=1,...::message` to its command and properties. */
function annotation(line: string): { command: string; props: Record<string, string> } {
  const m = /^::(error|warning) ([^:]*)::/.exec(line);
  if (!m) throw new Error(`not an annotation: ${line}`);
  const props = Object.fromEntries(m[2]!.split(',').map((p) => p.split('=') as [string, string]));
  return { command: m[1]!, props: { ...props, file: decodeURIComponent(props.file!.replace(/%2C/g, ',').replace(/%3A/g, ':')) } };
}

describe('the GitHub Action and the pre-commit hook, as written', { timeout: 120_000 }, () => {
  it('action.yml lints once, with no `|| true`, and uploads SARIF only when this run wrote it', () => {
    expect(RUN_STEP.shell).toBe('bash');
    expect(RUN_STEP.run!.match(/\bnpx\b/g)).toHaveLength(1);
    expect(RUN_STEP.run).not.toMatch(/\|\|\s*true/);
    const upload = ACTION.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.if).toContain("steps.run.outputs.sarif == 'true'");
  });

  it('the action on a path with a space: exit 1, SARIF written, one annotation per SARIF result, at the places --format github gives', () => {
    const r = runAction({ paths: 'my prompts', version: CLI_VERSION });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.output).toBe('sarif=true\n');
    const sarif = JSON.parse(readFileSync(r.sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    const results = sarif.runs[0]!.results;
    expect(results.map((x) => x.ruleId)).toEqual(['no-dynamic-prefix']);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(results.length);
    // The same places and titles as the CLI's own github format over the same files.
    const github = spawnSync(process.execPath, [join(app, 'node_modules/@promptlint/cli/bin/promptlint.js'), '--format', 'github', 'my prompts'], {
      cwd: r.dir,
      env: OFFLINE,
      encoding: 'utf8',
    });
    expect(github.status).toBe(1);
    expect(lines.map(annotation)).toEqual(github.stdout.trim().split('\n').map(annotation));
    expect(annotation(lines[0]!)).toEqual({
      command: 'error',
      props: expect.objectContaining({
        file: 'my prompts/support.prompt.md',
        title: 'promptlint(no-dynamic-prefix)',
        line: String(positionOf('prompts/support.prompt.md', '{{today}}').line),
      }),
    });
  });

  it('the action with a configuration error: exit 2 with the message, no annotations, and no SARIF to upload (not even a stale one)', () => {
    const dir = ciRepo();
    writeFileSync(join(dir, 'promptlint.sarif'), '{"stale": true}');
    const r = runAction({ paths: 'my prompts', version: CLI_VERSION, config: 'missing config.json' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('missing config.json');
    expect(r.stdout).not.toContain('::');
    expect(existsSync(r.sarif)).toBe(false);
    expect(r.output).toBe('sarif=false\n');
  });

  it('the pre-commit hook runs the packed CLI through npx on the staged prompt files only, installing nothing else', () => {
    expect(HOOKS.map((h) => h.id)).toEqual(['promptlint']);
    const hook = HOOKS[0]!;
    // `language: node` would npm install and npm pack this monorepo's root (its dev dependencies).
    expect(hook.language).toBe('system');
    expect(hook.entry).toBe(`npx --yes @promptlint/cli@${CLI_VERSION}`);
    const files = new RegExp(hook.files);
    for (const yes of [
      'a.prompt.md',
      'prompts/a.md',
      'src/prompts/b.txt',
      'AGENTS.md',
      'docs/CLAUDE.md',
      '.github/prompts/x.prompt.md',
      '.github/copilot-instructions.md',
      '.cursor/rules/r.mdc',
      'chat.prompty',
    ]) {
      expect(files.test(yes), yes).toBe(true);
    }
    for (const no of ['README.md', 'notes.md', 'src/app.ts', 'myprompts/a.md']) expect(files.test(no), no).toBe(false);

    // What pre-commit does for `language: system`: the entry's words, then the staged files that match.
    const dir = ciRepo();
    const staged = execFileSync('git', ['diff', '--cached', '--name-only', '-z'], { cwd: dir, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && files.test(f));
    expect(staged).toEqual(['my prompts/support.prompt.md']);
    const [command, ...args] = hook.entry.split(' ');
    const r = spawnSync(command === 'npx' ? NPX : command!, [...args, ...staged], { cwd: dir, env: OFFLINE, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // the commit is blocked
    expect(r.stdout).toContain('my prompts/support.prompt.md');
    expect(r.stdout).toContain('no-dynamic-prefix');
  });
});
