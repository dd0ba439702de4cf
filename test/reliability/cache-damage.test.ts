/**
 * A damaged `--cache` entry is a miss, never a crash and never trusted: the file is linted again,
 * the report is the one a run without the cache gives, and the cache is written afresh (the next
 * run hits). Real runs of the built binary on a real cache file, damaged the ways a disk, a merge
 * or a hand edit damages it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack, run, tempDir } from './helpers.js';

const T = { timeout: 180_000 };
/** No output limit (an error), trailing whitespace and a run of spaces (fixable warnings). */
const WITH_ERRORS = '---\nmodel: gpt-4o\n---\nYou are a support assistant.   \nAnswer    briefly.\n';
const CLEAN = '---\nmodel: gpt-4o\nmax_tokens: 200\n---\nAnswer briefly.\n';

type Entry = Record<string, any>;
type Cache = { format: string; key: string; files: Record<string, Entry> };

const DAMAGE: [string, (e: Entry) => unknown][] = [
  ['findings: [null]', (e) => ((e.findings = [null]), e)],
  ['a finding with message: null', (e) => ((e.findings[0].message = null), e)],
  ['a finding with savings.tokens: "x"', (e) => ((e.findings.find((f: Entry) => f.savings).savings.tokens = 'x'), e)],
  ['findings: [] for a file with errors (an edit that would make the run pass)', (e) => ((e.findings = []), e)],
  ['one error turned into a warning', (e) => ((e.findings.find((f: Entry) => f.severity === 'error').severity = 'warning'), e)],
  ['a finding with line: -1', (e) => ((e.findings[0].line = -1), e)],
  ['a finding with line: "1"', (e) => ((e.findings[0].line = '1'), e)],
  ['a fix with a reversed range', (e) => ((e.findings.find((f: Entry) => f.fix).fix.range = [9, 2]), e)],
  ['a finding that is an array', (e) => ((e.findings[0] = []), e)],
  ['severity: "fatal"', (e) => ((e.findings[0].severity = 'fatal'), e)],
  ['estimates: [null]', (e) => ((e.estimates = [null]), e)],
  ['an estimate with usdPerCall: "cheap"', (e) => ((e.estimates[0].usdPerCall = 'cheap'), e)],
  ['facts: { lines: null }', (e) => ((e.facts = { lines: null, estimateAt: [] }), e)],
  ['facts with fewer positions than estimates', (e) => ((e.facts.estimateAt = []), e)],
  ['findings: "none"', (e) => ((e.findings = 'none'), e)],
  ['the entry is null', () => null],
  ['the entry is a string', () => 'x'],
  ['no digest', (e) => (delete e.digest, e)],
  ['a digest from another entry', (e) => ((e.digest = '0'.repeat(64)), e)],
  ['notText: "yes"', (e) => ((e.notText = 'yes'), e)],
];

describe('a damaged --cache entry is a miss', T, () => {
  const cwd = tempDir({ 'prompts/a.md': WITH_ERRORS, 'prompts/b.md': CLEAN });
  const cacheFile = join(cwd, '.promptlintcache');
  const fresh = run(['--format', 'json', '.'], cwd);
  expect(fresh.status).toBe(1);
  const first = run(['--format', 'json', '--cache', '.'], cwd);
  expect(first.stdout).toBe(fresh.stdout);
  const good = readFileSync(cacheFile, 'latin1');
  const aKey = Object.keys((JSON.parse(good) as Cache).files).find((k) => k.endsWith('a.md'))!;

  it.each(DAMAGE)('%s: the file is linted again, the report is whole, the next run hits', (_name, damage) => {
    const cache = JSON.parse(good) as Cache;
    cache.files[aKey] = damage(structuredClone(cache.files[aKey]!)) as Entry;
    writeFileSync(cacheFile, JSON.stringify(cache));
    const r = run(['--format', 'json', '--cache', '--debug', '.'], cwd);
    expectNoStack(r.stdout + r.stderr);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe(fresh.stdout);
    expect(r.stderr).toMatch(/2 files: 1 from the cache, 1 linted/);
    const again = run(['--format', 'json', '--cache', '--debug', '.'], cwd);
    expect(again.stdout).toBe(fresh.stdout);
    expect(again.stderr).toMatch(/2 files: 2 from the cache, 0 linted/);
  });

  it.each([
    ['files: []', (c: Cache) => ((c.files = [] as unknown as Cache['files']), c)],
    ['files: null', (c: Cache) => ((c.files = null as unknown as Cache['files']), c)],
    ['the whole cache is an array', () => []],
    ['the whole cache is null', () => null],
    ['a cut file', () => good.slice(0, Math.floor(good.length / 2))],
    ['another format', (c: Cache) => ((c.format = 'promptlint-cache/999'), c)],
  ] as [string, (c: Cache) => unknown][])('%s: every file is linted again', (_name, damage) => {
    const damaged = damage(JSON.parse(good) as Cache);
    writeFileSync(cacheFile, typeof damaged === 'string' ? damaged : JSON.stringify(damaged));
    const r = run(['--format', 'json', '--cache', '--debug', '.'], cwd);
    expectNoStack(r.stdout + r.stderr);
    expect(r.stdout).toBe(fresh.stdout);
    expect(r.stderr).toMatch(/2 files: 0 from the cache, 2 linted/);
  });

  it('an undamaged cache is used as it is (the control for the cases above)', () => {
    writeFileSync(cacheFile, good);
    const r = run(['--format', 'json', '--cache', '--debug', '.'], cwd);
    expect(r.stdout).toBe(fresh.stdout);
    expect(r.stderr).toMatch(/2 files: 2 from the cache, 0 linted/);
  });
});
