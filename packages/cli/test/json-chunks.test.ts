/**
 * Reports written in pieces (formats/json-chunks.ts) must be byte for byte what one
 * `JSON.stringify(value, null, 2)` of the whole report gives, with the characters a terminal
 * could act on written as \u escapes (inertJson): the oracle here is that call, and the parsed
 * value is checked to be the same.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '@promptlint/core';
import { batched, ITEMS, jsonChunks } from '../src/formats/json-chunks.js';
import { formatReport, formatReportChunks } from '../src/formats/index.js';
import { formatJson } from '../src/formats/json.js';
import { formatSarif } from '../src/formats/sarif.js';
import { summarize, type CliFinding, type FileResult, type Report } from '../src/report.js';
import { inertJson } from '../src/sanitize.js';

const whole = (value: unknown): string => `${inertJson(JSON.stringify(value, null, 2))}\n`;

/** `value` with ITEMS at `path` replaced by `items`. */
function filled(value: any, items: unknown[]): unknown {
  return JSON.parse(JSON.stringify(value), (_k, v) => (v === ITEMS ? items : v));
}

describe('jsonChunks', () => {
  const ITEM_SETS: unknown[][] = [
    [],
    [1],
    [{ a: 1, b: [1, 2, { c: [] }], d: {} }, 'x', null, [[], [1, [2]]]],
    [{ message: 'quote "this"\nand\tthat, 안녕하세요 \u2028 \u0000' }, { empty: [], nested: { deeper: { deepest: [{}] } } }],
    [{ path: 'a\u001b]0;t\u0007\u009b31m\u202e\u2066\u007f.md' }],
  ];
  const SHAPES: ((hole: unknown) => unknown)[] = [
    (hole) => ({ version: 1, files: hole, summary: { files: 2, errors: 0 } }),
    (hole) => ({ runs: [{ tool: { driver: { rules: [{ id: 'r' }] } }, results: hole }], after: 'tail' }),
    (hole) => ({ only: hole }),
  ];

  it('joined, equals JSON.stringify of the whole value, at any depth, empty or not', () => {
    for (const shape of SHAPES) {
      for (const items of ITEM_SETS) {
        for (const batch of [1, 2, 3, 64]) {
          const pieces = [...jsonChunks(shape(ITEMS), items, batch)];
          expect(pieces.join('')).toBe(whole(filled(shape(ITEMS), items)));
          expect(JSON.parse(pieces.join(''))).toEqual(filled(shape(ITEMS), items));
          expect(pieces.length).toBe(Math.ceil(items.length / batch) + 2); // head, a piece per batch, tail
        }
      }
    }
  });

  it('makes the items of a batch only when that batch is written', () => {
    const made: number[] = [];
    function* items(): Generator<unknown> {
      for (let i = 0; i < 5; i++) {
        made.push(i);
        yield { i };
      }
    }
    const it = jsonChunks({ files: ITEMS }, items(), 2);
    it.next(); // the head
    expect(made).toEqual([]);
    it.next();
    expect(made).toEqual([0, 1]);
    it.next();
    expect(made).toEqual([0, 1, 2, 3]);
  });

  it('refuses a value without the placeholder (a bug, not input)', () => {
    expect(() => [...jsonChunks({ files: [] }, [])]).toThrow('no ITEMS placeholder');
  });

  it('batched joins pieces into strings of at least the size, losing nothing', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `piece ${i};`);
    const out = [...batched(pieces, 50)];
    expect(out.join('')).toBe(pieces.join(''));
    for (const b of out.slice(0, -1)) expect(b.length).toBeGreaterThanOrEqual(50);
    expect([...batched([], 50)]).toEqual([]);
  });
});

describe('the JSON and SARIF reports in pieces', () => {
  const finding = (over: Partial<CliFinding>): CliFinding => ({
    ruleId: 'no-redundant-whitespace',
    severity: 'warning',
    message: 'Redundant whitespace: collapse it.',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 5,
    savings: { tokens: 3, tokenKind: 'input', usdPerCall: 0.0000075, usdPerMonth: null, model: 'gpt-4o', confidence: 'exact', basis: '3 tokens' },
    ...over,
  });
  const files: FileResult[] = [
    { path: 'prompts/a.md', abs: '/nowhere/prompts/a.md', lines: { 2: 'Answer   briefly.' }, findings: [finding({}), finding({ fix: { range: [3, 6], text: ' ' } })], estimates: [] },
    { path: 'prompts/clean.md', abs: '/nowhere/prompts/clean.md', lines: {}, findings: [], estimates: [] },
    { path: 'prompts/b 안녕.md', abs: '/nowhere/prompts/b 안녕.md', lines: { 1: '---' }, findings: [finding({ ruleId: null, severity: 'error', message: 'could not parse', savings: null, fatal: true, line: 1 }), finding({ ruleId: 'max-cost', severity: 'error', savings: null, line: 1 })], estimates: [] },
  ];
  const reportOf = (f: FileResult[]): Report => ({ cwd: '/nowhere', files: f, summary: summarize(f), defaultModel: { name: 'gpt-4o', implicit: true, used: false }, notes: [] });
  const options = { color: false, rules, version: '0.1.0', homepage: 'https://example.invalid/promptlint' };

  it('json: the pieces are formatJson, with files, with none, with a baseline', () => {
    for (const report of [reportOf(files), reportOf([]), { ...reportOf(files), baseline: { base: 'x' } as never }]) {
      const pieces = [...formatReportChunks('json', report, options)];
      expect(pieces.join('')).toBe(formatJson(report));
      expect(pieces.length).toBe(Math.ceil(report.files.length / 64) + 2); // head, a piece per 64 files, tail
    }
  });

  it('sarif: the pieces are formatSarif (CLI checks added to the rules before the results)', () => {
    for (const report of [reportOf(files), reportOf([])]) {
      const pieces = [...formatReportChunks('sarif', report, options)];
      expect(pieces.join('')).toBe(formatSarif(report, options));
    }
    const log = JSON.parse(formatReport('sarif', reportOf(files), options)) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    const run = log.runs[0]!;
    expect(run.results.map((r) => r.ruleId)).toEqual(['no-redundant-whitespace', 'no-redundant-whitespace', 'parse-error', 'max-cost']);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
  });
});
