/**
 * Inputs built to make a scanner super-linear (issue 17: require-length-limit's number pattern,
 * link syntax in the markdown front end, YAML aliases, and the patterns of the regex audit), run
 * through the built CLI: each finishes (a hang guard, not a speed test; the growth is measured by
 * `node bench/run.mjs --only growth`), prints no stack, and reports what it should: the finding at
 * the right place, directives after the long run honoured, a one-line error for the file that is
 * refused while the other files are still linted.
 */
import { describe, expect, it } from 'vitest';
import { expectInside, report, run, tempDir, type JsonReport } from './helpers.js';

const T = { timeout: 240_000 };
const ALL = '{ "extends": "all" }';

function lint(files: Record<string, string>): JsonReport {
  const cwd = tempDir({ ...files, 'promptlint.config.json': ALL });
  const rep = report(run(['--format', 'json', '.'], cwd));
  expect(rep.files.map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
  for (const f of rep.files) expectInside(f.findings, files[f.path]!);
  return rep;
}

const ruleIds = (rep: JsonReport, path: string): string[] => rep.files.find((f) => f.path === path)!.findings.map((f) => f.ruleId ?? 'fatal');

describe('require-length-limit on long runs of digits and commas', T, () => {
  it('`Explain in detail: 1,1,1,...` is flagged at "in detail"; the same run ending in a unit is a bound', () => {
    const ones = '1,'.repeat(50_000);
    const rep = lint({
      'open.prompt.md': `Explain in detail: ${ones}1\n`,
      'array.prompt.md': `Explain in detail.\n\n[${Array.from({ length: 20_000 }, (_, i) => i).join(',')}]\n`,
      'bounded.prompt.md': `Explain in detail: ${ones}1 words\n`,
      'korean.prompt.md': `자세히 설명해줘: ${ones}1개\n`,
    });
    const open = rep.files.find((f) => f.path === 'open.prompt.md')!.findings.find((f) => f.ruleId === 'require-length-limit')!;
    expect([open.line, open.column, open.endLine, open.endColumn]).toEqual([1, 9, 1, 18]); // "in detail"
    expect(ruleIds(rep, 'array.prompt.md')).toContain('require-length-limit');
    expect(ruleIds(rep, 'bounded.prompt.md')).not.toContain('require-length-limit');
    expect(ruleIds(rep, 'korean.prompt.md')).not.toContain('require-length-limit');
  });
});

describe('link syntax repeated in one paragraph', T, () => {
  // The directive after the long paragraph only works if the comment there is found: the
  // structure pass read past the run correctly.
  const after = '\n\n<!-- promptlint-disable require-length-limit -->\nExplain in detail.\n';
  const without = '\n\nExplain in detail.\n';

  it.each([
    ['`](`', 'x' + ']('.repeat(60_000)],
    ['`[a](`', 'x' + '[a]('.repeat(30_000)],
    ['`[a](b (` (titles left open)', 'x' + '[a](b ('.repeat(20_000)],
    ['`a] ` with a `]:` (the fast path declines)', 'x ' + 'a] '.repeat(40_000) + ']:'],
    ['`](` with a backtick in a destination (the fast path declines)', 'x' + ']('.repeat(60_000) + '`'],
  ])('%s: the comment after it is found and honoured', (_what, run) => {
    const rep = lint({ 'on.prompt.md': run + without, 'off.prompt.md': run + after });
    expect(ruleIds(rep, 'on.prompt.md')).toContain('require-length-limit');
    expect(ruleIds(rep, 'off.prompt.md')).not.toContain('require-length-limit');
  });
});

describe('YAML aliases in front matter', T, () => {
  const pairs = (n: number): string => Array.from({ length: n }, (_, i) => `  - &a${i} v\n  - *a${i}\n`).join('');

  it('more than 100: a one-line error at the 101st alias for that file; the others are linted', () => {
    const rep = lint({
      'many.prompt.md': `---\nmodel: gpt-4o\nlist:\n${pairs(5_000)}---\nHello.\n`,
      'few.prompt.md': `---\nmodel: gpt-4o\nmax_tokens: 300\nlist:\n${pairs(100)}---\nExplain in detail.\n`,
      'plain.prompt.md': 'Explain in detail.\n',
    });
    const [fatal, ...rest] = rep.files.find((f) => f.path === 'many.prompt.md')!.findings;
    expect(rest).toEqual([]);
    expect(fatal).toMatchObject({ ruleId: null, fatal: true, severity: 'error', line: 205, column: 5 });
    expect(fatal!.message).toBe('YAML front matter with more than 100 aliases (*name) is not read: each alias costs a search of the whole front matter');
    // 100 aliases are read: the output limit in that front matter is seen (a bound: no finding)
    expect(ruleIds(rep, 'few.prompt.md')).not.toContain('require-max-tokens');
    expect(ruleIds(rep, 'few.prompt.md')).not.toContain('fatal');
    expect(ruleIds(rep, 'plain.prompt.md')).toContain('require-length-limit');
  });
});

describe('lines that made the front end\'s patterns backtrack', T, () => {
  it('role lines, Jinja loops and headings with long runs of spaces give the right messages and history', () => {
    const spaces = ' '.repeat(30_000);
    const rep = lint({
      'roles.prompty': `---\nmodel: gpt-4o\n---\nsystem:\nYou help.\n${spaces}x\n#${spaces}#user:\nuser:\n{% for m${spaces}in chat_history %}{{ m }}{% endfor %}\n`,
    });
    const history = rep.files[0]!.findings.find((f) => f.ruleId === 'no-unbounded-history');
    expect(history?.message).toMatch(/^`chat_history` grows every turn/);
    // the loop sits on line 9, after the two long lines (the role line with spaces is not a role)
    expect(history?.line).toBe(9);
  });
});
