/**
 * `--fix` is safe and idempotent, shown by properties over generated prompt files (fast-check, fixed
 * seeds): front matter, headings, paragraphs with runs of spaces and trailing spaces, piles of blank
 * lines, pretty JSON blocks, indented code, template slots, LF or CRLF, with or without a BOM.
 *
 * Fixes own whitespace and JSON layout only, so after a fix: every word outside JSON blocks is
 * still there in order (and no two were joined); the file with all whitespace removed is the same;
 * every JSON block parses back to the same data; the front matter parses to the same YAML; lines
 * keep their indentation outside JSON blocks; no line end of another style appears; the BOM stays.
 * A second pass changes nothing. The fixer runs in-process (the CLI's `createLinter().fix`, the same
 * passes as the binary); one child-process `--fix` run must write byte for byte what it returns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type InProcessLinter } from '@promptlint/cli';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from './helpers.js';

const T = { timeout: 300_000 };
const RUNS = Number(process.env.FC_RUNS ?? 300);
const seed = (s: number): number => (process.env.FC_SEED ? Number(process.env.FC_SEED) + s : s);

let linter: InProcessLinter;
beforeAll(async () => {
  const cwd = tempDir({ 'promptlint.config.json': '{ "extends": "all" }' });
  linter = await createLinter({ cwd });
});

const PATHS = ['prompts/p.prompt.md', 'p.prompty', 'AGENTS.md', '.github/prompts/p.prompt.md', 'p.prompt'];

// ---- the generator ---------------------------------------------------------------------------

const WORDS = ['Answer', 'the', 'question', 'briefly.', 'You', 'are', 'a', 'support', 'assistant', 'for', 'Acme,', 'in', 'detail', '(see', 'below):', 'Please', 'note', 'that', '당신은', '번역가입니다.', '자세히', '日本語', '—', '1.', '42', 'e.g.', '"quoted"', '`code`', '**bold**', '->'];
const SLOTS = ['{{user_name}}', '{{ question }}', '{today}', '{{#each items}}', '{{/each}}', '{% if x %}', '${input:topic}', '$today'];

const spaces = fc.integer({ min: 1, max: 5 }).map((n) => ' '.repeat(n));
const trailing = fc.constantFrom('', '', ' ', '   ', '\t', ' \t ');
const words = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...SLOTS) }), { minLength: 1, maxLength: 12 });
const sentence = fc.tuple(words, fc.array(spaces, { minLength: 12, maxLength: 12 })).map(([ws, sp]) => ws.map((w, i) => (i === 0 ? w : sp[i]! + w)).join(''));

const heading = fc.tuple(fc.integer({ min: 1, max: 3 }), sentence, trailing).map(([n, s, t]) => `${'#'.repeat(n)} ${s}${t}`);
const paragraph = fc.tuple(fc.array(fc.tuple(sentence, trailing), { minLength: 1, maxLength: 3 })).map(([ls]) => ls.map(([s, t]) => s + t).join('\n'));
const listItems = fc.array(fc.tuple(fc.constantFrom('- ', '* ', '1. ', '  - '), sentence, trailing), { minLength: 1, maxLength: 4 }).map((ls) => ls.map(([m, s, t]) => m + s + t).join('\n'));
const blankPile = fc.array(fc.constantFrom('', '', '  ', '\t'), { minLength: 1, maxLength: 6 }).map((ls) => ls.join('\n'));
const jsonValue = fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v === 'object' && v !== null && !JSON.stringify(v).includes('`'));
const jsonBlock = fc.tuple(jsonValue, fc.constantFrom(2, 4, '\t')).map(([v, indent]) => `\`\`\`json\n${JSON.stringify(v, null, indent)}\n\`\`\``);
const codeBlock = fc.constantFrom('```python\ndef f(x):\n    if x:\n        return  x   *  2\n    return 0\n```', '```\n    indented    code\n\tand a tab\n```', '    four-space  indented  code\n    second    line');
const block = fc.oneof({ weight: 3, arbitrary: paragraph }, heading, listItems, blankPile, { weight: 2, arbitrary: jsonBlock }, codeBlock);

const frontMatter = fc.constantFrom(
  'model: gpt-4o\nmax_tokens: 200',
  'model: gpt-4o-mini\ncallsPerDay: 1000',
  'name: support\nmodel:\n  api: chat\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300',
  'model: claude-sonnet-4-5\nconfig:\n  maxOutputTokens: 256',
  'description: "two   spaces   kept   in   a   string"\nmodel: gpt-4o',
);

interface Sample {
  text: string;
  path: string;
  eol: '\n' | '\r\n';
}

const sample: fc.Arbitrary<Sample> = fc
  .record({
    fm: fc.option(frontMatter, { nil: undefined }),
    blocks: fc.array(block, { minLength: 1, maxLength: 10 }),
    seps: fc.array(fc.constantFrom('\n', '\n\n', '\n\n\n\n'), { minLength: 10, maxLength: 10 }),
    eol: fc.constantFrom('\n' as const, '\r\n' as const),
    bom: fc.boolean(),
    path: fc.constantFrom(...PATHS),
    finalEol: fc.boolean(),
  })
  .map(({ fm, blocks, seps, eol, bom, path, finalEol }) => {
    let body = blocks.map((b, i) => (i === 0 ? b : seps[i]! + b)).join('');
    if (finalEol) body += '\n';
    const lf = fm === undefined ? body : `---\n${fm}\n---\n${body}`;
    return { text: (bom ? '\ufeff' : '') + lf.replace(/\n/g, eol), path, eol };
  });

// ---- what a fix may change -------------------------------------------------------------------

const JSON_FENCE = /```json\r?\n([\s\S]*?)\r?\n```/g;
const FRONT_MATTER = /^\ufeff?---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

function jsonBlocks(text: string): unknown[] {
  return [...text.matchAll(JSON_FENCE)].map((m) => JSON.parse(m[1]!));
}
/** The text with each JSON block's content replaced by a marker. */
function withoutJson(text: string): string {
  let i = 0;
  return text.replace(JSON_FENCE, () => `\`\`\`json\n<JSON ${i++}>\n\`\`\``);
}
const wordsOf = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const indentsOf = (text: string): string[] => text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0]);
const frontMatterOf = (text: string): unknown => {
  const m = FRONT_MATTER.exec(text);
  return m ? parseYaml(m[1]!.replace(/\r\n/g, '\n')) : undefined;
};

function expectOnlyLayoutChanged(before: Sample, after: string): void {
  expect(after.replace(/\s+/g, '').length).toBeLessThanOrEqual(before.text.replace(/\s+/g, '').length);
  expect(jsonBlocks(after)).toEqual(jsonBlocks(before.text));
  const b = withoutJson(before.text);
  const a = withoutJson(after);
  expect(a.replace(/\s+/g, '')).toBe(b.replace(/\s+/g, ''));
  expect(wordsOf(a)).toEqual(wordsOf(b));
  expect(indentsOf(a)).toEqual(indentsOf(b));
  expect(frontMatterOf(after)).toEqual(frontMatterOf(before.text));
  expect(after.startsWith('\ufeff')).toBe(before.text.startsWith('\ufeff'));
  if (before.eol === '\r\n') expect(after.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  else expect(after).not.toMatch(/\r/);
}

describe('--fix properties over generated prompt files', T, () => {
  it('the generator makes files the fixers have work on', () => {
    const samples = fc.sample(sample, { seed: 1, numRuns: 50 });
    const changed = samples.filter((s) => linter.fix(s.text, s.path).text !== s.text).length;
    expect(changed).toBeGreaterThan(25);
  });

  it('fixes change whitespace and JSON layout only, and a second pass changes nothing', () => {
    fc.assert(
      fc.property(sample, (s) => {
        const once = linter.fix(s.text, s.path);
        expect(once.passes).toBeLessThan(10);
        expectOnlyLayoutChanged(s, once.text);
        const twice = linter.fix(once.text, s.path);
        expect(twice.text).toBe(once.text);
        expect(twice.applied).toBe(0);
        expect(linter.lint(once.text, s.path).filter((f) => f.fix)).toEqual([]);
      }),
      { seed: seed(2026), numRuns: RUNS },
    );
  });

  it('the binary writes byte for byte what the in-process fixer returns (child process, one run over 20 files)', () => {
    const samples = fc.sample(sample, { seed: 99, numRuns: 20 });
    const files: Record<string, string> = { 'promptlint.config.json': '{ "extends": "all" }' };
    const names = samples.map((s, i) => {
      const base = s.path.replace(/^(.*\/)?/, '');
      return `case${i}/${s.path.includes('/') ? s.path : base}`;
    });
    samples.forEach((s, i) => (files[names[i]!] = s.text));
    const cwd = tempDir(files);
    const r = run(['--fix', '--format', 'json', ...names], cwd);
    expect([0, 1], r.stderr).toContain(r.status);
    let changed = 0;
    samples.forEach((s, i) => {
      const written = readFileSync(join(cwd, names[i]!), 'utf8');
      const expected = linter.fix(s.text, s.path).text;
      if (expected !== s.text) changed++;
      expect(written, names[i]).toBe(expected);
    });
    expect(changed).toBeGreaterThan(5);
  });
});
