/**
 * --concurrency (worker threads) and --cache (results by content hash), through the real binary:
 * both must change nothing in the report. The fixture prompt files (every kind, flagged and clean,
 * a file that cannot be parsed, Korean names) are copied twice, so a run has enough files for
 * workers; `--debug` says where each run's results came from (the cache, workers or the main thread).
 * Correctness only: no timing is asserted here (bench/ measures speed).
 */
import { availableParallelism } from 'node:os';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, json, ROOT, run, tempDir, type Run } from './helpers.js';

const T = 120_000;

/** A folder with `copies` copies of fixtures/prompts (as a/prompts/, b/prompts/, ...) and every rule on. */
function corpus(copies = 2): string {
  const dir = tempDir({ 'promptlint.config.json': JSON.stringify({ extends: 'all' }) });
  for (const copy of 'abcdefgh'.slice(0, copies)) cpSync(join(ROOT, 'fixtures/prompts'), join(dir, copy, 'prompts'), { recursive: true });
  // Files that are not plain UTF-8 text go through workers too: a NUL byte, Latin-1, a BOM.
  writeFileSync(join(dir, 'a/prompts/binary.md'), Buffer.from('Answer\u0000 briefly.\n', 'latin1'));
  writeFileSync(join(dir, 'a/prompts/latin1.md'), Buffer.from('Caf\u00e9 prompt: answer briefly.\n', 'latin1'));
  writeFileSync(join(dir, 'a/prompts/bom.md'), '\ufeffAnswer   briefly.\n');
  return dir;
}

const lint = (cwd: string, ...args: string[]): Run => run(['--format', 'json', '--debug', ...args], cwd);

/** The `--debug` line about where results came from. */
function debugLine(r: Run): string {
  const line = r.stderr.split('\n').find((l) => l.startsWith('promptlint: debug: '));
  if (!line) throw new Error(`no debug line in: ${r.stderr}`);
  return line.slice('promptlint: debug: '.length);
}

/** stderr without the debug line: what a user would see. */
const otherStderr = (r: Run): string => r.stderr.split('\n').filter((l) => l && !l.startsWith('promptlint: debug: ')).join('\n');

describe('--concurrency', () => {
  const cwd = corpus(4); // enough files for 3 workers (one per 25 files at most)
  const one = lint(cwd, '--concurrency', '1');
  const report = json(one);
  const files = report.files.length;

  it('the corpus is big enough for workers and exercises many rules, a parse error and clean files', () => {
    expect(files).toBeGreaterThanOrEqual(60);
    const rules = new Set(report.files.flatMap((f) => f.findings.map((x) => x.ruleId)));
    expect(rules.size).toBeGreaterThanOrEqual(8);
    expect(rules.has(null)).toBe(true); // broken.prompty: a fatal parse error
    const fatal = report.files.filter((f) => f.findings.some((x) => x.fatal)).map((f) => f.path);
    expect(fatal).toEqual(expect.arrayContaining(['a/prompts/binary.md', 'a/prompts/latin1.md']));
    expect(report.files.some((f) => f.findings.length === 0)).toBe(true);
    expect(debugLine(one)).toBe(`${files} files: 0 from the cache, ${files} linted on the main thread`);
  });

  it.each([2, 3])('--concurrency %i lints on worker threads and prints the very same report', (n) => {
    const r = lint(cwd, '--concurrency', String(n));
    const threads = Math.min(n, availableParallelism()); // as many as asked, never more than the cores
    expect(debugLine(r)).toBe(`${files} files: 0 from the cache, ${files} linted on ${threads >= 2 ? `${threads} worker threads` : 'the main thread'}`);
    expect(r.status).toBe(one.status);
    expect(r.stdout).toBe(one.stdout); // same findings, savings and file order
    expect(otherStderr(r)).toBe(otherStderr(one));
  }, T);

  it('the default (auto: at most half the cores, one worker per 100 files) gives the same report; so does --concurrency auto', () => {
    const r = lint(cwd);
    const expected = Math.min(Math.floor(availableParallelism() / 2), Math.ceil(files / 100));
    expect(debugLine(r)).toBe(`${files} files: 0 from the cache, ${files} linted on ${expected >= 2 ? `${expected} worker threads` : 'the main thread'}`);
    expect(r.stdout).toBe(one.stdout);
    expect(lint(cwd, '--concurrency', 'auto').stdout).toBe(one.stdout);
  }, T);

  it('a stylish report is the same too', () => {
    const a = run(['--no-color', '--concurrency', '1'], cwd);
    const b = run(['--no-color', '--concurrency', '2'], cwd);
    expect(b.status).toBe(a.status);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).toMatch(/one call: /);
  }, T);

  it('by default a few small files stay on the main thread (workers would not pay for their start-up); asked for, workers lint them', () => {
    const dirs = ['a/prompts/golden/whitespace', 'b/prompts/golden/whitespace'];
    const here = lint(cwd, ...dirs);
    expect(debugLine(here)).toBe('4 files: 0 from the cache, 4 linted on the main thread');
    const asked = lint(cwd, '--concurrency', '2', ...dirs);
    expect(debugLine(asked)).toBe('4 files: 0 from the cache, 4 linted on 2 worker threads');
    expect(asked.stdout).toBe(here.stdout);
  }, T);

  it('workers that cannot start: the main thread lints everything, same report', () => {
    // A preload (inherited by worker threads) that fails in every worker.
    const broken = `data:text/javascript,${encodeURIComponent("import { isMainThread } from 'node:worker_threads'; if (!isMainThread) throw new Error('no workers here');")}`;
    const r = run(['--format', 'json', '--debug', '--concurrency', '2'], cwd, {}, ['--import', broken]);
    expect(debugLine(r)).toBe(`${files} files: 0 from the cache, ${files} linted on the main thread`);
    expect(r.stdout).toBe(one.stdout);
    expect(r.status).toBe(one.status);
  }, T);

  it('workers that die in the middle of the run lose nothing: their files are linted again elsewhere', () => {
    // Each worker thread ends itself when its second batch arrives, with batches in flight.
    const dying = `data:text/javascript,${encodeURIComponent("import { isMainThread, parentPort } from 'node:worker_threads'; let n = 0; if (!isMainThread) parentPort.on('message', () => { if (++n === 2) process.exit(3); });")}`;
    const r = run(['--format', 'json', '--debug', '--concurrency', '2'], cwd, {}, ['--import', dying]);
    // The preload's listener takes the first batch before the worker's own is attached, so no
    // worker ever answers: every batch it held goes back to the queue and ends on the main thread.
    expect(debugLine(r)).toBe(`${files} files: 0 from the cache, ${files} linted on the main thread`);
    expect(r.stdout).toBe(one.stdout);
    expect(r.status).toBe(one.status);
    expect(otherStderr(r)).toBe(otherStderr(one));
  }, T);

  it('--concurrency takes a positive integer or auto', () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      const r = run(['--concurrency', bad], cwd);
      expect(r.status).toBe(2);
      expect(expectOneLine(r.stderr)).toMatch(/^promptlint: --concurrency: /);
    }
  }, T);
});

describe('--cache', () => {
  it('a second run answers every file from the cache with the same report; no temp file is left', () => {
    const cwd = corpus();
    const plain = lint(cwd, '--concurrency', '1');
    const first = lint(cwd, '--cache');
    const files = json(plain).files.length;
    expect(debugLine(first)).toMatch(new RegExp(`^${files} files: 0 from the cache, ${files} linted `));
    expect(existsSync(join(cwd, '.promptlintcache'))).toBe(true);
    const second = lint(cwd, '--cache');
    expect(debugLine(second)).toBe(`${files} files: ${files} from the cache, 0 linted on the main thread`);
    for (const r of [first, second]) {
      expect(r.stdout).toBe(plain.stdout);
      expect(r.status).toBe(plain.status);
      expect(otherStderr(r)).toBe('');
    }
    expect(readdirSync(cwd).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // SARIF quotes each flagged line in its fingerprints: from the cache (which keeps those lines, not the text) the same.
    const sarif = run(['--format', 'sarif', '--concurrency', '1'], cwd);
    const cachedSarif = run(['--format', 'sarif', '--cache'], cwd);
    expect(JSON.parse(sarif.stdout).runs[0].results.length).toBeGreaterThan(10);
    expect(cachedSarif.stdout).toBe(sarif.stdout);
  }, T);

  it('a changed file is linted again and reported as it is now; the others come from the cache', () => {
    const cwd = corpus();
    const files = json(lint(cwd, '--cache')).files.length;
    const target = join(cwd, 'a/prompts/golden/whitespace/flagged.md');
    const before = readFileSync(target, 'utf8');
    writeFileSync(target, `${before}\nAnd   one    more   line.   \n`);
    const r = lint(cwd, '--cache');
    expect(debugLine(r)).toBe(`${files} files: ${files - 1} from the cache, 1 linted on the main thread`);
    expect(r.stdout).toBe(lint(cwd, '--concurrency', '1').stdout); // as without a cache
    const file = json(r).files.find((f) => f.path === 'a/prompts/golden/whitespace/flagged.md')!;
    const lastLine = before.split('\n').length + 1;
    expect(file.findings.some((f) => f.ruleId === 'no-redundant-whitespace' && f.line === lastLine)).toBe(true);
  }, T);

  it('many changed files among unchanged ones: the unchanged from the cache, the changed on workers, same report', () => {
    const cwd = corpus(4);
    const files = json(lint(cwd, '--cache', '--concurrency', '1')).files.length;
    // Change every file of two copies (more than enough for workers), keep the other two.
    let changed = 0;
    for (const copy of ['b', 'd']) {
      for (const f of readdirSync(join(cwd, copy), { recursive: true, withFileTypes: true })) {
        if (!f.isFile()) continue;
        const path = join(f.parentPath, f.name);
        writeFileSync(path, `${readFileSync(path, 'utf8')}\nAnswer   in one line.\n`);
        changed++;
      }
    }
    const r = lint(cwd, '--cache', '--concurrency', '2');
    const line = debugLine(r);
    const m = /^(\d+) files: (\d+) from the cache, (\d+) linted on 2 worker threads$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(Number(m![1])).toBe(files);
    expect(Number(m![3])).toBeGreaterThanOrEqual(50);
    expect(Number(m![2]) + Number(m![3])).toBe(files);
    expect(changed).toBeGreaterThan(Number(m![3])); // some changed files (expected.json, READMEs) are not prompt files
    expect(r.stdout).toBe(lint(cwd, '--concurrency', '1').stdout);
  }, T);

  it('a change of configuration, model or CLI flags that change results invalidates the whole cache', () => {
    const cwd = corpus();
    const files = json(lint(cwd, '--cache')).files.length;

    const model = lint(cwd, '--cache', '--model', 'gpt-4o-mini');
    expect(debugLine(model)).toMatch(new RegExp(`^${files} files: 0 from the cache, ${files} linted `));
    expect(model.stdout).toBe(lint(cwd, '--model', 'gpt-4o-mini', '--concurrency', '1').stdout);

    writeFileSync(join(cwd, 'promptlint.config.json'), JSON.stringify({ extends: 'all', rules: { 'no-redundant-whitespace': 'off' } }));
    const config = lint(cwd, '--cache', '--model', 'gpt-4o-mini');
    expect(debugLine(config)).toMatch(new RegExp(`^${files} files: 0 from the cache, ${files} linted `));
    expect(json(config).files.flatMap((f) => f.findings).some((f) => f.ruleId === 'no-redundant-whitespace')).toBe(false);
    expect(config.stdout).toBe(lint(cwd, '--model', 'gpt-4o-mini', '--concurrency', '1').stdout);

    const again = lint(cwd, '--cache', '--model', 'gpt-4o-mini');
    expect(debugLine(again)).toBe(`${files} files: ${files} from the cache, 0 linted on the main thread`);
  }, T);

  it('a corrupt or foreign cache file is ignored without an error and replaced', () => {
    const cwd = corpus();
    const plain = lint(cwd, '--concurrency', '1');
    const files = json(plain).files.length;
    const cacheFile = join(cwd, '.promptlintcache');
    for (const junk of ['{"format": "promptlint-cache/1", "key": ', 'null', '[1, 2, 3]', '{"format": "promptlint-cache/1", "key": "x", "files": {}}', '\u0000\u0001binary']) {
      writeFileSync(cacheFile, junk);
      const r = lint(cwd, '--cache');
      expect(debugLine(r)).toMatch(new RegExp(`^${files} files: 0 from the cache, ${files} linted `));
      expect(r.stdout).toBe(plain.stdout);
      expect(r.status).toBe(plain.status);
      expect(otherStderr(r)).toBe('');
      expect(() => JSON.parse(readFileSync(cacheFile, 'utf8'))).not.toThrow();
    }
    // Valid JSON whose entries were tampered with: those entries are not trusted.
    const data = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, { findings: unknown }> };
    const first = Object.keys(data.files)[0]!;
    data.files[first]!.findings = 'not a list';
    writeFileSync(cacheFile, JSON.stringify(data).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    const r = lint(cwd, '--cache');
    expect(debugLine(r)).toBe(`${files} files: ${files - 1} from the cache, 1 linted on the main thread`);
    expect(r.stdout).toBe(plain.stdout);
  }, T);

  it('the cache file is ASCII (other characters escaped), holds what the report needs, and one with other bytes is not trusted', () => {
    const cwd = corpus(1);
    // Korean text, and a file larger than the 1 MB read buffer, through the cache.
    writeFileSync(join(cwd, 'a/prompts/korean.md'), `# 시스템\n\n당신은   친절한 도우미입니다.   답변은   짧게.\n`);
    writeFileSync(join(cwd, 'a/prompts/large.md'), `# System\n\n${'Keep answers short and cite the policy number.\n'.repeat(25_000)}`);
    const plain = lint(cwd, '--concurrency', '1');
    const files = json(plain).files.length;
    const first = lint(cwd, '--cache');
    const cacheFile = join(cwd, '.promptlintcache');
    const bytes = readFileSync(cacheFile);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    // The flagged Korean line is kept (for SARIF fingerprints), escaped.
    const escaped = [...'당신은'].map((c) => `\\u${c.charCodeAt(0).toString(16)}`).join('');
    expect(readFileSync(cacheFile, 'utf8')).toContain(escaped);
    const second = lint(cwd, '--cache');
    expect(debugLine(second)).toBe(`${files} files: ${files} from the cache, 0 linted on the main thread`);
    for (const r of [first, second]) expect(r.stdout).toBe(plain.stdout);
    // The same JSON written with raw UTF-8 is not one this version wrote: linted afresh, same report.
    writeFileSync(cacheFile, JSON.stringify(JSON.parse(bytes.toString('latin1'))));
    const third = lint(cwd, '--cache');
    expect(debugLine(third)).toMatch(new RegExp(`^${files} files: 0 from the cache, ${files} linted `));
    expect(third.stdout).toBe(plain.stdout);
  }, T);

  it('--cache-location puts the cache elsewhere; --cache-location needs --cache', () => {
    const cwd = corpus();
    const where = join(tempDir(), 'lint-cache.json');
    const files = json(lint(cwd, '--cache', '--cache-location', where)).files.length;
    expect(existsSync(where)).toBe(true);
    expect(existsSync(join(cwd, '.promptlintcache'))).toBe(false);
    expect(debugLine(lint(cwd, '--cache', '--cache-location', where))).toBe(`${files} files: ${files} from the cache, 0 linted on the main thread`);
    const r = run(['--cache-location', where], cwd);
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toBe('promptlint: --cache-location needs --cache');
  }, T);

  it('results linted on workers are cached, and --fix with --cache reports the fixed files', () => {
    const cwd = corpus();
    const files = json(lint(cwd, '--cache', '--concurrency', '2')).files.length;
    expect(debugLine(lint(cwd, '--cache', '--concurrency', '2'))).toBe(`${files} files: ${files} from the cache, 0 linted on the main thread`);
    const unfixed = lint(cwd, '--concurrency', '1');
    const fixed = lint(cwd, '--cache', '--fix');
    const plain = lint(cwd, '--concurrency', '1');
    expect(fixed.stdout).toBe(plain.stdout); // the fixed files, linted again
    expect(fixed.stdout).not.toBe(unfixed.stdout);
    expect(debugLine(lint(cwd, '--cache'))).toBe(`${files} files: ${files} from the cache, 0 linted on the main thread`);
  }, T);
});
