/**
 * text-facts.ts: the few lines of a linted text that output keeps instead of the text. The oracle
 * is the formula SARIF fingerprints used on the whole text: `text.split(/\r\n|\r|\n/)[line - 1]`,
 * trimmed, '' past the end.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CallEstimate } from '../src/estimate.js';
import { main } from '../src/main.js';
import type { CliFinding } from '../src/report.js';
import { lineTextOf, linesOf, textFacts } from '../src/text-facts.js';

const oracle = (text: string, line: number): string => (text.split(/\r\n|\r|\n/)[line - 1] ?? '').trim();

const TEXTS = [
  '',
  'one line, no break',
  'a\nb\nc\n',
  'a\r\nb\r\n\r\nc',
  'lone\rcarriage\rreturns\r',
  '\n\n\n',
  '\r\n\r',
  'mixed\r\n  indented line with a long enough tail to be sliced  \rthird\n\tfourth\t\n',
  '  \u00a0nbsp and tabs\t \n안녕하세요   반갑습니다  \n\ufeffbom inside\n',
];

describe('linesOf', () => {
  it('gives every line as split-then-trim does, for LF, CRLF and CR line ends', () => {
    for (const text of TEXTS) {
      const count = text.split(/\r\n|\r|\n/).length;
      const wanted = Array.from({ length: count + 2 }, (_, i) => i + 1);
      const got = linesOf(text, wanted);
      for (const n of wanted) expect(lineTextOf(got, n), JSON.stringify({ text, n })).toBe(oracle(text, n));
    }
  });

  it('keeps only the lines asked for, and reads lines that are not there as empty', () => {
    const text = 'first\nsecond  \n  third\nfourth';
    expect(linesOf(text, [3, 1, 3])).toEqual({ 1: 'first', 3: 'third' });
    expect(linesOf(text, [])).toEqual({});
    const odd = linesOf(text, [0, -1, 2.5, Number.NaN, 99]);
    expect(odd).toEqual({});
    for (const n of [0, -1, 2.5, Number.NaN, 99]) expect(lineTextOf(odd, n)).toBe(oracle(text, n));
  });

  it('agrees with the oracle on generated texts', () => {
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = ['\n', '\r\n', '\r', ' ', '\t', 'word', '가나다', '{"a": 1}', '  '];
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let k = rnd(40); k > 0; k--) text += pieces[rnd(pieces.length)];
      const count = text.split(/\r\n|\r|\n/).length;
      const wanted = Array.from({ length: 4 }, () => rnd(count + 2));
      const got = linesOf(text, wanted);
      for (const n of wanted) expect(lineTextOf(got, n)).toBe(oracle(text, n));
    }
  });
});

describe('textFacts', () => {
  const finding = (line: number): CliFinding => ({ ruleId: 'x', severity: 'warning', message: 'm', line, column: 1, endLine: line, endColumn: 1, savings: null });
  const estimate = (range: [number, number]): CallEstimate => ({
    range,
    model: null,
    modelSource: 'none',
    inputTokens: 0,
    unknownSlots: 0,
    outputTokens: 0,
    outputSource: 'unknown',
    usdPerCall: null,
    exactTokens: true,
  });

  it("places each estimate (1-based) and keeps the findings' and estimates' lines", () => {
    const text = 'ab\r\ncd\n  ef  \rgh';
    // offsets: a0 b1 \r2 \n3 c4 d5 \n6 ' '7 ' '8 e9 f10 ' '11 ' '12 \r13 g14 h15, end 16
    const facts = textFacts(text, [finding(2)], [estimate([4, 10]), estimate([14, 16])]);
    expect(facts.estimateAt).toEqual([
      { line: 2, column: 1, endLine: 3, endColumn: 4 },
      { line: 4, column: 1, endLine: 4, endColumn: 3 },
    ]);
    expect(facts.lines).toEqual({ 2: 'cd', 4: 'gh' });
  });

  it('survives a structured clone (the worker threads send it as a message)', () => {
    const facts = textFacts('x\ny\n', [finding(1), finding(3)], [estimate([0, 1])]);
    expect(structuredClone(facts)).toEqual(facts);
    expect(lineTextOf(structuredClone(facts).lines, 3)).toBe('');
  });
});

describe('SARIF fingerprints from the kept lines', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'promptlint-facts-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'prompts/crlf.md': '---\r\nmax_tokens: 200\r\n---\r\nAnswer   briefly.  \r\nBe  kind.\t\r\n',
    'prompts/cr.md': '---\rmax_tokens: 200\r---\rAnswer   briefly.  \rBe  kind.\t\r',
    'prompts/lf.md': '# Role\n\nAnswer   briefly.  \n',
  };
  mkdirSync(join(cwd, 'prompts'));
  for (const [p, t] of Object.entries(files)) writeFileSync(join(cwd, p), t);

  it('hash the trimmed text of each flagged line, budget findings included', async () => {
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) };
    const code = await main({ argv: ['--format', 'sarif', '--max-cost', '0.0000001', 'prompts'], cwd, stdout: sink, stderr: { write: () => true }, env: {} });
    expect(code).toBe(1);
    const results = (JSON.parse(out) as { runs: { results: any[] }[] }).runs[0]!.results;
    expect(results.some((r) => r.ruleId === 'max-cost')).toBe(true);
    expect(results.some((r) => r.ruleId === 'no-redundant-whitespace')).toBe(true);
    const seen = new Map<string, number>();
    for (const r of results) {
      const path = r.locations[0].physicalLocation.artifactLocation.uri as string;
      const line = r.locations[0].physicalLocation.region.startLine as number;
      const hash = createHash('sha256').update(`${r.ruleId}\u0000${path}\u0000${oracle(files[path]!, line)}`).digest('hex').slice(0, 32);
      const n = (seen.get(`${path}:${hash}`) ?? 0) + 1;
      seen.set(`${path}:${hash}`, n);
      expect(r.partialFingerprints['promptlint/v1'], `${path}:${line} ${r.ruleId}`).toBe(`${hash}:${n}`);
    }
  });
});
