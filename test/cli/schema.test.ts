/**
 * The configuration's JSON Schema (packages/cli/schema/promptlint.schema.json, exported as
 * `@promptlint/cli/schema.json`): it matches the rule metadata (a rule or option added without
 * regenerating it fails here), lists exactly the keys the CLI accepts, validates the sample
 * configurations with ajv, and agrees with the CLI on what is invalid (the CLI: one line naming the
 * key and what was expected, exit 2).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { rules } from '@promptlint/core';
import { configSchema } from '@promptlint/cli';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { expectOneLine, ROOT, run, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
const SCHEMA_FILE = join(ROOT, 'packages/cli/schema/promptlint.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as any;
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
const validate = ajv.compile(schema);
const PROMPT = { 'prompts/a.prompt.md': '---\nmodel: gpt-4o\nmax_tokens: 200\n---\nAnswer briefly.\n' };

/** The CLI run on one prompt with `config` as promptlint.config.json (or another name). */
function cli(config: string, name = 'promptlint.config.json') {
  return run([], tempDir({ ...PROMPT, [name]: config }));
}

describe('the committed schema', { timeout: 60_000 }, () => {
  it('is what the rule metadata generates (scripts/schema.mjs --check), and the package exports it', () => {
    expect(schema).toEqual(configSchema(rules));
    const r = spawnSync(process.execPath, ['scripts/schema.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(require.resolve('@promptlint/cli/schema.json')).toBe(require.resolve(SCHEMA_FILE));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('schema');
  });

  it('has every rule id, and no other, with its options schema and defaults', () => {
    const ruleProps = schema.properties.rules.properties as Record<string, any>;
    expect(Object.keys(ruleProps).sort()).toEqual(rules.map((r) => r.meta.id).sort());
    expect(schema.properties.rules.additionalProperties).toBe(false);
    for (const { meta } of rules) {
      const options = ruleProps[meta.id].oneOf[2].items[1];
      expect(Object.keys(options.properties ?? {}), meta.id).toEqual(Object.keys(meta.schema.properties ?? {}));
      for (const [k, sub] of Object.entries(meta.schema.properties ?? {})) {
        const { default: shownDefault, ...rest } = options.properties[k];
        expect(rest, `${meta.id}.${k}`).toEqual(sub);
        expect(shownDefault, `${meta.id}.${k} default`).toEqual((meta.defaultOptions as Record<string, unknown>)[k]);
      }
      expect(options.additionalProperties, meta.id).toBe(meta.schema.additionalProperties);
      expect(ruleProps[meta.id].description).toContain(meta.description);
    }
  });

  it('lists exactly the keys the CLI accepts (as its unknown-key message names them), plus $schema', () => {
    const line = expectOneLine(cli('{ "no-such-key": 1 }').stderr);
    const known = /\(known: ([^)]+)\)/.exec(line)![1]!.split(', ');
    expect(Object.keys(schema.properties).sort()).toEqual([...known, '$schema'].sort());
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('sample configurations', { timeout: 60_000 }, () => {
  const readme = readFileSync(join(ROOT, 'packages/cli/README.md'), 'utf8');
  const readmeConfig = /## Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)![1]!;
  const rootReadme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const rootConfig = /```json\n(\{\n  "\$schema"[\s\S]*?)```/.exec(rootReadme)![1]!;
  const samples: [string, string][] = [
    ['examples/promptlint.config.json', readFileSync(join(ROOT, 'examples/promptlint.config.json'), 'utf8')],
    ['the packages/cli/README.md example', readmeConfig],
    ['the README.md example (with $schema)', rootConfig],
    ['$schema pointing at the installed package', JSON.stringify({ $schema: './node_modules/@promptlint/cli/schema/promptlint.schema.json', extends: 'strict' })],
    [
      'every key and every rule',
      JSON.stringify({
        $schema: 'https://unpkg.com/@promptlint/cli/schema/promptlint.schema.json',
        extends: 'all',
        rules: Object.fromEntries(rules.map((r, i) => [r.meta.id, i % 3 === 0 ? 'off' : i % 3 === 1 ? ['warn'] : ['error', r.meta.defaultOptions]])),
        model: 'house-llm',
        callsPerDay: 1000,
        models: {
          'house-llm': { provider: 'other', input: 0.5, output: 1.5, cachedInput: null, contextWindow: 32000, maxOutput: 4096, aliases: ['house'] },
          'gpt-4o': { input: 2.25 },
          'my-mini': { extends: 'gpt-4o-mini', batchDiscount: 0.5 },
        },
        ignores: ['prompts/legacy/**'],
        maxCost: 0.05,
      }),
    ],
  ];

  it.each(samples)('%s validates against the schema (ajv) and the CLI accepts it', (_name, text) => {
    const ok = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const r = cli(text, '.promptlintrc.json');
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
  });
});

describe('invalid configurations: the schema and the CLI agree, and the CLI names the key and what it expected', { timeout: 60_000 }, () => {
  const cases: [string, unknown, RegExp][] = [
    ['an unknown key', { rulez: {} }, /: unknown key "rulez" \(known: extends, rules, /],
    ['a bad preset', { extends: 'lenient' }, /: "extends": expected one of "recommended", "strict", "all", got "lenient"$/],
    ['an unknown rule', { rules: { 'no-such-rule': 'error' } }, /: unknown rule "no-such-rule" \(known: /],
    ['a bad severity', { rules: { 'require-max-tokens': 'fatal' } }, /: rule "require-max-tokens": severity must be "off", "warn", "error" \(or 0, 1, 2\), got "fatal"$/],
    ['a bad option type', { rules: { 'max-prompt-tokens': ['error', { budget: 'big' }] } }, /: rule "max-prompt-tokens" options\.budget: expected a number, got "big"$/],
    ['an unknown option', { rules: { 'max-prompt-tokens': ['error', { budgte: 1 }] } }, /: rule "max-prompt-tokens" options: unknown option "budgte" \(known: budget, contextWindowRatio\)$/],
    ['a negative call rate', { callsPerDay: -1 }, /: "callsPerDay": expected a number >= 0, got -1$/],
    ['a budget as text', { maxCost: '0.05' }, /: "maxCost": expected a number >= 0 \(USD per call\), got "0\.05"$/],
    ['an empty model', { model: '' }, /: "model": expected a model name, got ""$/],
    ['ignores as a string', { ignores: 'prompts/**' }, /: "ignores": expected an array of glob strings, got "prompts\/\*\*"$/],
    ['an empty glob', { ignores: ['a/**', ''] }, /: "ignores\[1\]": expected a non-empty glob string, got ""$/],
    ['a price as text', { models: { 'house-llm': { provider: 'other', input: 'cheap', output: 1 } } }, /: "models\.house-llm\.input": expected a number >= 0, got "cheap"$/],
    ['an unknown provider', { models: { 'house-llm': { provider: 'acme', input: 1, output: 1 } } }, /: "models\.house-llm\.provider": expected one of "openai", "anthropic", "google", "meta", "deepseek", "other", got "acme"$/],
    ['a misspelt price field', { models: { 'house-llm': { provider: 'other', inputPrice: 1, output: 1 } } }, /: "models\.house-llm": unknown field "inputPrice" \(known: extends, provider, input, /],
    ['a batch discount over 1', { models: { 'gpt-4o': { batchDiscount: 50 } } }, /: "models\.gpt-4o\.batchDiscount": expected a number between 0 and 1 or null, got 50$/],
    ['a fractional context window', { models: { 'gpt-4o': { contextWindow: 1.5 } } }, /: "models\.gpt-4o\.contextWindow": expected an integer >= 1 or null, got 1\.5$/],
    ['$schema that is not a string', { $schema: 7 }, /: "\$schema": expected a string \(the schema's path or URL\), got 7$/],
  ];

  it.each(cases)('%s', (_name, config, message) => {
    expect(validate(config)).toBe(false);
    const r = cli(JSON.stringify(config));
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toMatch(new RegExp(`^promptlint: promptlint\\.config\\.json${message.source}`));
  });
});
