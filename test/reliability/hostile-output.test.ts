/**
 * Text from files never acts on whoever reads a report. A file name, a front-matter `model:` value
 * and a template slot carry newlines with GitHub workflow commands (`::error`, `::stop-commands::`),
 * terminal escape sequences (window title, clear screen, 8-bit CSI), bidi overrides, and markdown
 * that GitHub would act on (mentions, links, images, HTML, issue references). Real runs of the built
 * binary; every format is checked:
 *
 * - stylish, github, markdown: no control character (other than the line feeds the format itself
 *   writes), so no escape sequence reaches a terminal and no line starts with `::` unless it is one
 *   of the github format's own commands, one per finding;
 * - markdown: no live mention, link, image, HTML tag, autolink or issue reference; and the report
 *   stays within GitHub's 65,536-character comment limit with correct totals;
 * - json, sarif: the exact text once parsed (a consumer needs the real file name), with every
 *   control, separator and bidi character written as a \u escape, so the raw output is inert too.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { report, run, tempDir } from './helpers.js';

const T = { timeout: 120_000 };
const POSIX = process.platform !== 'win32';
const MESSY = 'You are a support assistant.   \nAnswer    briefly.\n\n\n\n\n';

/** What an attacker puts in a value: a second line holding workflow commands, escapes, markdown. */
const PAYLOAD =
  '\n::error file=evil.md,line=1::injected\r\n::stop-commands::tok\n' +
  '\u001b]0;pwned-title\u0007\u001b[2J\u001b[31m\u009b32m\u0085\u2028\u202eevil\u2066' +
  ' @octocat @org/team #1 [link](https://evil.example) ![img](https://evil.example/i.png) `tick` <img src=x onerror=alert(1)> www.evil.example';

/** A YAML double-quoted scalar holding `s` exactly (every character past printable ASCII escaped). */
function yamlQuoted(s: string): string {
  return `"${[...s].map((c) => (c === '"' || c === '\\' ? `\\${c}` : c < ' ' || c > '~' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')}"`;
}

/** The dynamic-prefix golden prompt with a slot whose source text is hostile (one line, <= 60 characters, as the rule quotes). */
function slotPrompt(slot: string): string {
  const policy = Array.from({ length: 40 }, (_, i) => `${i + 1}. Questions about topic ${i}: check the customer's plan in the admin console first, then link the matching help-center article.`).join('\n');
  return `---\nmodel: gpt-4o\nmax_tokens: 800\n---\nCurrent time: ${slot}\n\nYou are the support assistant of Acme Cloud. Follow this policy:\n\n${policy}\n`;
}

// A file name holds anything but '/' and NUL, in at most 255 bytes.
const HOSTILE_NAME = 'x\n::error file=evil.md,line=1::injected\r\n::stop-commands::tok\n\u001b]0;pwned-title\u0007\u001b[2J\u009b32m\u202eevil @octocat [l](https:∕∕e.x) ![i](y) `t` <b> #1.md';
const SLOTS = [
  '{{current_time \u001b]0;t\u0007\u001b[2J @octocat [l](http://e.x) <b>}}',
  '{{current_time \r::error::slot\u009b31m `x` ![i](y)}}',
  '{{ current_time | date: "\u001b[2J ::warning::x @a #2" }}',
];

function hostileProject(): string {
  const files: Record<string, string> = {
    [`prompts/${HOSTILE_NAME}`]: MESSY,
    'prompts/model.md': `---\nmodel: ${yamlQuoted(`gpt-x${PAYLOAD}`)}\n---\n${MESSY}`,
    'prompts/model-fm-only.md': `---\nmodel: ${yamlQuoted(PAYLOAD)}\nmax_tokens: 100\n---\n${MESSY}`,
  };
  SLOTS.forEach((s, i) => (files[`prompts/slot${i}.md`] = slotPrompt(s)));
  return tempDir(files);
}

/** Control characters a format must never write (line feed is the format's own line break). */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectInert(text: string): void {
  const bad = CONTROL.exec(text);
  expect(bad, bad ? `control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}: ${JSON.stringify(text.slice(Math.max(0, bad.index - 40), bad.index + 40))}` : '').toBeNull();
}

describe.skipIf(!POSIX)('hostile file names, model values and slot text', T, () => {
  const cwd = hostileProject();
  const rep = report(run(['--format', 'json', '.'], cwd));
  const problems = rep.summary.errors + rep.summary.warnings;

  it('the project is what the tests think it is (the file name is real, every file has findings)', () => {
    expect(readdirSync(`${cwd}/prompts`)).toContain(HOSTILE_NAME);
    expect(rep.files).toHaveLength(2 + 1 + SLOTS.length);
    for (const f of rep.files) expect(f.findings.length, f.path).toBeGreaterThan(0);
    // the hostile text reaches messages (so the checks below are not vacuous)
    const messages = rep.files.flatMap((f) => f.findings.map((x) => x.message)).join('\n');
    expect(JSON.stringify(rep)).toContain('::error file=evil.md'); // in paths and in the model's price gap
    expect(messages).toContain('\u001b]0;t\u0007');
    expect(messages).toMatch(/current_time \r::error::slot|current_time \\r::error::slot/);
  });

  it('json carries the exact file name and text, with no raw control character', () => {
    const r = run(['--format', 'json', '.'], cwd);
    expect(rep.files.map((f) => f.path)).toContain(`prompts/${HOSTILE_NAME}`);
    expectInert(r.stdout.replace(/\n/g, ''));
  });

  it('sarif: the exact file name, URI-encoded; no raw control character', () => {
    const r = run(['--format', 'sarif', '.'], cwd);
    expectInert(r.stdout.replace(/\n/g, ''));
    const log = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = log.runs[0]!.results.map((x) => decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toContain(`prompts/${HOSTILE_NAME}`);
  });

  it('stylish: every finding on one line, no control character, no line a runner would take as a workflow command', () => {
    const r = run(['.'], cwd);
    expect(r.status).toBe(1);
    expectInert(r.stdout);
    const lines = r.stdout.split('\n');
    for (const l of lines) expect(l, l).not.toMatch(/^\s*::/);
    // the text is shown, escaped: the reader sees what the file holds
    expect(r.stdout).toContain('\\n::error file=evil.md,line=1::injected\\r\\n::stop-commands::tok');
    expect(r.stdout).toContain('\\x1b]0;pwned-title\\x07\\x1b[2J');
    // one line per finding: the finding lines are exactly the JSON report's findings
    const findingLines = lines.filter((l) => /^\s+\d+:\d+\s+(error|warning)\s/.test(l));
    expect(findingLines).toHaveLength(problems);
  });

  it('stylish with --color: the only escape sequences are its own colours', () => {
    const r = run(['--color', '.'], cwd);
    const withoutColours = r.stdout.replace(/\u001b\[(?:\d+)m/g, '');
    expectInert(withoutColours);
  });

  it('github: exactly one workflow command line per finding, nothing else a runner would act on', () => {
    const r = run(['--format', 'github', '.'], cwd);
    expectInert(r.stdout);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(problems);
    for (const l of lines) expect(l).toMatch(/^::(error|warning) file=[^:\n]*,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=promptlint\([a-z-]+\)::/);
    expect(r.stdout).not.toMatch(/^::stop-commands::/m);
    expect(r.stdout).toContain('::stop-commands::tok'); // inside a message, where it is data
  });

  it('markdown: no control character, mention, link, image, HTML, autolink, issue reference or workflow command from the files', () => {
    const r = run(['--format', 'markdown', '.'], cwd);
    const md = r.stdout;
    expectInert(md);
    for (const l of md.split('\n')) expect(l, l).not.toMatch(/^\s*::/);
    expect(md).not.toMatch(/@(?!&#8203;)(octocat|org|a\b)/);
    expect(md).not.toMatch(/(?<!\\)\]\(/); // [text](url)
    expect(md).not.toMatch(/(?<!\\)!(?=\\?\[)/); // ![image]
    expect(md).not.toMatch(/https?:\/\//); // every scheme is broken: https:&#8203;//
    expect(md).not.toMatch(/www\.evil/);
    expect(md).not.toMatch(/<(?!\/?(details|summary|code)>)[a-z]/i); // only the report's own tags
    expect(md).not.toMatch(/(?<!&)#\d/);
    expect(md).toContain('@&#8203;octocat');
    // balanced structure: one <details> per file with findings
    expect(md.match(/<details>/g)).toHaveLength(rep.files.length);
    expect(md.match(/<\/details>/g)).toHaveLength(rep.files.length);
  });
});

describe.skipIf(!POSIX)('a hostile --baseline report (paths and model names from a JSON file)', T, () => {
  it('stylish, markdown and the --max-cost-increase line on stderr stay inert', () => {
    const cwd = tempDir({ 'prompts/a.md': `---\nmodel: gpt-4o\nmax_tokens: 100\n---\n${MESSY}` });
    const cost = (model: string) => ({ inputTokens: 1, outputTokens: 1, usdPerCall: 0.000001, model });
    const baseline = {
      version: 1,
      files: [
        { path: 'prompts/a.md', findings: [], cost: cost(`gpt-old${PAYLOAD}`) },
        { path: `prompts/gone${PAYLOAD}.md`, findings: [], cost: cost('gpt-4o') },
      ],
    };
    writeFileSync(join(cwd, 'base.json'), JSON.stringify(baseline));
    const stylish = run(['--baseline', 'base.json', '--max-cost-increase', '1', '.'], cwd);
    expect(stylish.status).toBe(1);
    expectInert(stylish.stdout);
    expectInert(stylish.stderr.replace(/\n$/, ''));
    for (const l of (stylish.stdout + stylish.stderr).split('\n')) expect(l, l).not.toMatch(/^\s*::/);
    expect(stylish.stdout).toContain('model gpt-old\\n::error file=evil.md');
    const md = run(['--format', 'markdown', '--baseline', 'base.json', '.'], cwd).stdout;
    expectInert(md);
    for (const l of md.split('\n')) expect(l, l).not.toMatch(/^\s*::/);
    const table = md.slice(md.indexOf('### Cost per call vs baseline'));
    // The deleted file's path is in a code span, where nothing is live: one span, whose fence
    // no run of backticks inside it can close early.
    const row = table.split('\n').find((l) => l.includes('prompts/gone'))!;
    const span = /^\| (`+)(.*?)\1 \| /.exec(row);
    expect(span, row).not.toBeNull();
    expect(span![2]).toContain('prompts/gone\\n::error');
    for (const run of span![2]!.match(/`+/g) ?? []) expect(run.length).not.toBe(span![1]!.length);
    // outside code spans: no live mention or link (the model names in the tokens column)
    const outside = table.replace(row, '');
    expect(outside).toContain('gpt-old');
    expect(outside).not.toMatch(/@(?!&#8203;)octocat/);
    expect(outside).not.toMatch(/(?<!\\)\]\(https/);
  });
});

describe('the markdown report stays within a GitHub comment', T, () => {
  /** A file with `n` findings (one run of spaces per line). */
  const many = (n: number): string => `${Array.from({ length: n }, (_, i) => `Line ${i} of the prompt has   a run of spaces.`).join('\n')}\n`;

  it('300 files with findings: under 65,536 characters, the rest counted, the totals whole', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`prompts/p${String(i).padStart(3, '0')}.md`] = many(4);
    const cwd = tempDir(files);
    const rep = report(run(['--format', 'json', '.'], cwd));
    const problems = rep.summary.errors + rep.summary.warnings;
    expect(problems).toBeGreaterThan(900);
    const md = run(['--format', 'markdown', '.'], cwd).stdout;
    expect(md.length).toBeLessThanOrEqual(65_536);
    // the headline counts every finding
    expect(md).toContain(`**${problems} problems** (${rep.summary.errors} errors, ${rep.summary.warnings} warnings) in 300 of 300 files`);
    const shownFiles = md.match(/<details>/g)!.length;
    expect(md.match(/<\/details>/g)!.length).toBe(shownFiles);
    expect(shownFiles).toBeLessThan(300);
    const shownRows = md.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l)).length;
    const note = /_(\d+) more files with problems not shown \((\d+) problems; the totals above count them\)/.exec(md);
    expect(note, md.slice(-400)).not.toBeNull();
    expect(Number(note![1])).toBe(300 - shownFiles);
    expect(shownRows + Number(note![2])).toBe(problems);
  });

  it('one file with 5,000 findings: the file is cut inside, and the count says how many are left', () => {
    const cwd = tempDir({ 'prompts/big.md': many(5000) });
    const rep = report(run(['--format', 'json', '.'], cwd));
    const problems = rep.files[0]!.findings.length;
    expect(problems).toBeGreaterThanOrEqual(5000);
    const md = run(['--format', 'markdown', '.'], cwd).stdout;
    expect(md.length).toBeLessThanOrEqual(65_536);
    const shownRows = md.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l)).length;
    const cut = /_(\d+) more problems in this file not shown\._/.exec(md);
    expect(cut).not.toBeNull();
    expect(shownRows + Number(cut![1])).toBe(problems);
    expect(md).toMatch(/<\/details>/);
  });

  it('a small report is whole (no note)', () => {
    const cwd = tempDir({ 'prompts/a.md': many(3) });
    const rep = report(run(['--format', 'json', '.'], cwd));
    const md = run(['--format', 'markdown', '.'], cwd).stdout;
    expect(md).not.toMatch(/not shown/);
    expect(md.split('\n').filter((l) => /^\| \d+:\d+ \|/.test(l))).toHaveLength(rep.files[0]!.findings.length);
  });
});
