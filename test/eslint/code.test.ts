/**
 * End to end on code: the real ESLint class (10 and 9), flat config with the plugin's `configs.all`
 * and @typescript-eslint/parser for .ts, over fixtures/code/. Findings (rule, line, column) must be
 * exactly the hand-written fixtures/code/expected.json; messages carry savings that this test
 * recomputes with the tokenizer and list prices; --fix edits only what reaches a prompt.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bpeCounter, formatTokens, formatUsd } from '@promptlint/core';
import promptlint from '@promptlint/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { ESLint as ESLint10, type Linter } from 'eslint';
import { ESLint as ESLint9 } from 'eslint9';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'fixtures/code');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  files: Record<string, { ruleId: string; line: number; column: number }[]>;
};

const config: Linter.Config[] = [...promptlint.configs.all, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }];

type AnyESLint = typeof ESLint10 | typeof ESLint9;
const versions: [string, AnyESLint][] = [
  ['ESLint 10', ESLint10],
  ['ESLint 9', ESLint9],
];

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function lintCorpus(ESLint: AnyESLint) {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config as never });
  const results = await eslint.lintFiles(['fixtures/code']);
  return new Map(results.map((r) => [r.filePath.slice(FIXTURES.length + 1).split('\\').join('/'), r]));
}

const o200k = bpeCounter('o200k_base');

describe.each(versions)('%s on fixtures/code', (_name, ESLint) => {
  it('reports exactly the hand-written findings of every file, and nothing fatal', async () => {
    const results = await lintCorpus(ESLint);
    const files = (readdirSync(FIXTURES, { recursive: true }) as string[]).map((f) => f.split('\\').join('/')).filter((f) => /\.[cm]?[jt]s$/.test(f));
    expect([...results.keys()].sort()).toEqual(files.sort());
    expect(Object.keys(expected.files).sort()).toEqual(files.sort());
    for (const [file, result] of results) {
      const got = result.messages.map((m) => ({ ruleId: m.ruleId?.replace(/^promptlint\//, '') ?? null, line: m.line, column: m.column }));
      expect(got, file).toEqual(expected.files[file]);
      expect(result.messages.filter((m) => m.fatal || m.message.startsWith('promptlint:')), file).toEqual([]);
    }
  });

  it('states the savings in the message, as computed here', async () => {
    const results = await lintCorpus(ESLint);
    const bot = results.get('openai-support-bot.ts')!.messages;
    // gpt-4o: 16,384 max output tokens x $10 / 1M
    expect(bot.find((m) => m.ruleId === 'promptlint/require-max-tokens')!.message).toContain(`(worst case ~16,384 output tokens/call, ~${formatUsd(0.16384)}/call)`);
    // the static text after the timestamp, up to the end of the template, x (input 2.50 - cached 1.25) / 1M
    const source = readFileSync(join(FIXTURES, 'openai-support-bot.ts'), 'utf8');
    const from = source.indexOf('toISOString()}') + 'toISOString()}'.length;
    const after = o200k.count(source.slice(from, source.indexOf('`;', from)));
    expect(bot.find((m) => m.ruleId === 'promptlint/no-dynamic-prefix')!.message).toContain(
      `comes before ${formatTokens(after)} static tokens: move it after the static block (or into the last user turn) so they can be cached; saves ~${formatTokens(after)} input tokens/call, ~${formatUsd((after * 1.25) / 1e6)}/call.`,
    );
    // prefer-compact-data: the JSON records vs the same records as TSV, on gpt-4o-mini ($0.15 / 1M input)
    const catalog = readFileSync(join(FIXTURES, 'catalog.ts'), 'utf8');
    const json = /'(\[\{.*\}\])'/.exec(catalog)![1]!;
    const records = JSON.parse(json) as Record<string, unknown>[];
    const keys = Object.keys(records[0]!);
    const tsv = [keys.join('\t'), ...records.map((r) => keys.map((k) => String(r[k])).join('\t'))].join('\n');
    const saved = o200k.count(json) - o200k.count(tsv);
    expect(results.get('catalog.ts')!.messages[0]!.message).toContain(`saves ~${formatTokens(saved)} input tokens/call, ~${formatUsd((saved * 0.15) / 1e6)}/call`);
  });

  it('--fix drops JSON indentation only where it reaches a prompt, and collapses whitespace inside the prompt string', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptlint-code-'));
    temps.push(dir);
    for (const f of ['json-prompts.ts', 'legacy-whitespace.cjs']) copyFileSync(join(FIXTURES, f), join(dir, f));
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never, fix: true });
    const results = await eslint.lintFiles(['.']);
    const byName = new Map(results.map((r) => [r.filePath.slice(dir.length + 1), r]));
    const json = byName.get('json-prompts.ts')!;
    expect(json.messages).toEqual([]);
    expect(json.output).toContain('content: `Ticket:\\n${JSON.stringify(ticket)}`');
    expect(json.output).toContain("console.log('triage', JSON.stringify(ticket, null, 2));");
    expect(json.output).toContain('JSON.stringify(r, null, 2));');
    const ws = byName.get('legacy-whitespace.cjs')!;
    expect(ws.messages).toEqual([]);
    expect(ws.output).toContain("content: 'Rewrite the text in plain English. Keep every fact.'");
  });
});
