/**
 * Golden fixtures: the built binary over fixtures/prompts/golden (`--format json`, every rule on)
 * must report exactly the findings written by hand in each case's expected.json: rule ids, lines,
 * columns, and savings tokens recomputed here with js-tiktoken (o200k_base), independently of
 * promptlint's own tokenizer. See fixtures/prompts/golden/README.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { rules } from '@promptlint/core';
import { detectKind } from '@promptlint/markdown';
import { getEncoding } from 'js-tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, ROOT, run, type JsonFinding, type JsonReport } from './helpers.js';

const GOLDEN = 'fixtures/prompts/golden';
const o200k = getEncoding('o200k_base');
const count = (s: string): number => o200k.encode(s, 'all').length;

type TokenSpec = number | { count: string[]; minus: string[] } | { slice: { after: string }; minus: number };
interface Expected {
  ruleId: string | null;
  line: number;
  column: number;
  tokens?: TokenSpec;
  fatal?: boolean;
  why: string;
}

function cases(): string[] {
  return readdirSync(join(ROOT, GOLDEN), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function expectedOf(name: string): Record<string, Expected[]> {
  return (JSON.parse(readFileSync(join(ROOT, GOLDEN, name, 'expected.json'), 'utf8')) as { files: Record<string, Expected[]> }).files;
}

function tokensOf(spec: TokenSpec, fileText: string): number {
  if (typeof spec === 'number') return spec;
  if ('slice' in spec) {
    const at = fileText.indexOf(spec.slice.after);
    if (at < 0) throw new Error(`"${spec.slice.after}" not in the file`);
    return count(fileText.slice(at + spec.slice.after.length)) - spec.minus;
  }
  const sum = (xs: string[]): number => xs.reduce((a, s) => a + count(s), 0);
  return sum(spec.count) - sum(spec.minus);
}

function promptFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) out.push(...promptFiles(abs));
    else if (detectKind(relative(ROOT, abs).split('\\').join('/'))) out.push(relative(ROOT, abs).split('\\').join('/'));
  }
  return out;
}

let report: JsonReport;
let byPath: Map<string, JsonFinding[]>;
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'promptlint-golden-'));
  const config = join(tmp, 'promptlint.config.json');
  writeFileSync(config, JSON.stringify({ extends: 'all' }));
  report = json(run(['--format', 'json', '--config', config, GOLDEN], ROOT));
  byPath = new Map(report.files.map((f) => [f.path, f.findings]));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('golden fixtures', () => {
  it('every prompt file under the golden folder has expectations, and every expectation a file', () => {
    const listed = cases().flatMap((c) => Object.keys(expectedOf(c)).map((f) => `${GOLDEN}/${c}/${f}`));
    for (const path of listed) expect(existsSync(join(ROOT, path)) && statSync(join(ROOT, path)).isFile(), path).toBe(true);
    expect(promptFiles(join(ROOT, GOLDEN)).sort()).toEqual([...listed].sort());
    expect([...byPath.keys()].sort()).toEqual([...listed].sort());
  });

  it('every rule that applies to prompt files has a flagged case and a clean one', () => {
    const flagged = new Set(cases().flatMap((c) => Object.values(expectedOf(c)).flat().map((e) => e.ruleId)));
    const promptRules = rules.filter((r) => !r.meta.appliesTo || r.meta.appliesTo.some((k) => k !== 'code')).map((r) => r.meta.id);
    // require-cache-control needs to know a request carries no cache marker; prompt files cannot say
    // (the host code decides), so its prompt-file case is the silent one in cache-control/.
    const silentOnPromptFiles = ['require-cache-control'];
    expect(promptRules.filter((id) => !flagged.has(id) && !silentOnPromptFiles.includes(id))).toEqual([]);
    expect(cases().filter((c) => Object.values(expectedOf(c)).some((f) => f.length === 0)).length).toBeGreaterThanOrEqual(8);
  });

  describe.each(cases())('%s', (name) => {
    const files = expectedOf(name);
    it.each(Object.keys(files))('%s', (file) => {
      const path = `${GOLDEN}/${name}/${file}`;
      const text = readFileSync(join(ROOT, path), 'utf8');
      const actual = (byPath.get(path) ?? []).map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column, ...(f.fatal ? { fatal: true } : {}) }));
      const expected = files[file]!.map((e) => ({ ruleId: e.ruleId, line: e.line, column: e.column, ...(e.fatal ? { fatal: true } : {}) }));
      expect(actual, `${path}: ${JSON.stringify(byPath.get(path)?.map((f) => f.message))}`).toEqual(expected);
      for (const [i, e] of files[file]!.entries()) {
        const f = byPath.get(path)![i]!;
        if (e.ruleId === null) {
          expect(f.savings).toBeNull();
          expect(f.message.length).toBeGreaterThan(0);
          continue;
        }
        if (e.tokens !== undefined) expect(f.savings?.tokens, `${e.ruleId} at ${e.line}:${e.column}: ${e.why}`).toBe(tokensOf(e.tokens, text));
      }
    });
  });
});
