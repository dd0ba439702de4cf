/**
 * One in-process run of one adversarial input, for the "growth" section:
 *
 *   node growth-probe.mjs <repoRoot> <case> <chars>
 *
 * Builds the input of about `chars` characters (the cases below), loads core and the markdown front
 * end (and, for `fix`, the CLI's in-process linter), warms them up on a small input of the same case
 * (tokenizer loaded, code compiled), then times one parse + lint of the input with every rule on
 * (`presetRules('all')`, default model gpt-4o), or one `--fix` pass sequence for `fix`. Prints one
 * JSON line: case, chars, ms, findings (or fixes applied), and the parse error when the file is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Repeats `unit` after `head` until the text has about `chars` characters. */
function fill(head, unit, chars, tail = '') {
  return head + unit.repeat(Math.max(1, Math.ceil((chars - head.length - tail.length) / unit.length))) + tail;
}

function lines(chars, line) {
  const out = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const l = line(i);
    out.push(l);
    n += l.length;
  }
  return out.join('');
}

/** The cases: issue 17's super-linear inputs, and the two large files that core's tests used to time. */
export const CASES = {
  'length-numbers': { what: '`Explain in detail: 1,1,1,...` (require-length-limit\'s number pattern)', make: (n) => fill('Explain in detail: ', '1,', n, '1\n') },
  'length-number-array': {
    what: 'a minified number array after "Explain in detail." (require-length-limit)',
    make: (n) => `Explain in detail.\n\n[${lines(n - 24, (i) => `${i % 1000},`)}0]\n`,
  },
  'links-close-open': { what: '`](` repeated in one paragraph (markdown fast path, micromark)', make: (n) => fill('x', '](', n, '\n') },
  'links-label-open': { what: '`[a](` repeated in one paragraph (markdown fast path, micromark)', make: (n) => fill('x', '[a](', n, '\n') },
  'links-declined': {
    what: '`a] ` repeated with a `]:` (the fast path declines: remark or the line scanner)',
    make: (n) => fill('x ', 'a] ', n, ']:\n'),
  },
  'yaml-aliases': {
    what: 'front matter with an anchor and an alias per list item (`yaml`)',
    make: (n) => `---\nmodel: gpt-4o\nlist:\n${lines(n - 40, (i) => `  - &a${i} v\n  - *a${i}\n`)}---\nHello.\n`,
  },
  'whitespace-lines': { what: '`Item i:    value i` lines (no-redundant-whitespace)', make: (n) => lines(n, (i) => `Item ${i}:    value ${i}\n`) },
  'json-brackets': {
    what: 'lines of unmatched brackets, then a pretty JSON block (no-verbose-json)',
    make: (n) => {
      const pretty = JSON.stringify({ a: Array.from({ length: Math.max(1, Math.round(n / 200)) }, (_, i) => ({ i, s: `item ${i}` })) }, null, 2);
      const junk = Math.max(0, n - pretty.length);
      return `${lines(junk / 2, () => '{ not json [ still not\n')}${lines(junk / 2, () => '  [\n')}\n${pretty}\n`;
    },
  },
  fix: {
    what: '`--fix` of one whitespace fix per line (`Item i:    value i`): the CLI\'s fix passes',
    make: (n) => lines(n, (i) => `Item ${i}:    value ${i}\n`),
  },
};

async function main() {
  const [root, name, n] = process.argv.slice(2);
  const chars = Number(n);
  const kase = CASES[name];
  if (!kase || !(chars > 0)) {
    console.error(`usage: growth-probe.mjs <repoRoot> <${Object.keys(CASES).join('|')}> <chars>`);
    process.exit(2);
  }
  const load = (p) => import(pathToFileURL(join(root, p)).href);
  const text = kase.make(chars);
  const small = kase.make(2000);
  let run;
  if (name === 'fix') {
    const cli = await load('packages/cli/dist/index.js');
    const linter = await cli.createLinter({ cwd: mkdtempSync(join(tmpdir(), 'promptlint-growth-')), noConfig: true });
    run = (t) => {
      const r = linter.fix(t, 'prompts/p.prompt.md');
      return { findings: r.applied };
    };
  } else {
    const core = await load('packages/core/dist/index.js');
    const md = await load('packages/markdown/dist/index.js');
    const engine = new core.Engine({ rules: core.presetRules('all'), defaultModel: 'gpt-4o' }, core.rules);
    run = (t) => {
      const parsed = md.parsePromptFile(t, { path: 'prompts/p.prompt.md' });
      if (!parsed.ok) return { findings: 0, error: parsed.error.message };
      return { findings: engine.lint(parsed.document).length };
    };
  }
  run(small);
  const t0 = performance.now();
  const r = run(text);
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ case: name, chars: text.length, ms, ...r }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
