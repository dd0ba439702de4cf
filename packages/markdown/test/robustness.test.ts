/** Line ends, BOM, deep nesting, long lines, large files, and chunked parsing equal to one parse. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, LineIndex, presetRules, rules, type PromptDocument, type Range } from '@promptlint/core';
import { describe, expect, it } from 'vitest';
import { chunkBoundaries } from '../src/chunks.js';
import { parsePromptFile } from '../src/index.js';
import { markdownStructure, remarkStructure, wholeStructure } from '../src/structure.js';
import { fixture, parseOk } from './helpers.js';

/** Everything positional in a parsed document, as lines and columns (offsets differ with CRLF and BOM). */
function positions(doc: PromptDocument): unknown {
  const index = new LineIndex(doc.text);
  const at = (r: Range | undefined) => (r ? [index.position(r[0]), index.position(r[1])].map((p) => `${p.line}:${p.column}`).join('-') : undefined);
  const req = doc.requests[0]!;
  return {
    request: at(req.range),
    model: req.model && at(req.model.range),
    limit: req.outputLimit && 'range' in req.outputLimit ? at(req.outputLimit.range) : undefined,
    history: req.history && at(req.history.range),
    directives: doc.directives?.map((d) => [d.type, d.rules, at(d.range)]),
    messages: req.messages.map((m) => [
      m.role,
      at(m.range),
      m.parts.map((p) => (p.type === 'slot' ? [p.name, p.kind, at(p.range)] : ['static', at(p.range)])),
    ]),
  };
}

const engine = new Engine({ rules: presetRules('all') }, rules);
const findingsAt = (doc: PromptDocument) => engine.lint(doc).map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn]);

describe('CRLF and BOM give the same lines, columns and findings as LF', () => {
  it.each([
    'markdown/support.prompt.md',
    'markdown/ko/요약.prompt.md',
    'markdown/prompts/qa.txt',
    'prompty/chat.prompty',
    'prompty/classic.prompty',
    'dotprompt/extract.prompt',
    'vscode/.github/prompts/explain.prompt.md',
    'agents/AGENTS.md',
    'agents/.cursorrules',
    'golden/directives/flagged.md',
    'golden/whitespace/flagged.md',
    'golden/dynamic-prefix/flagged.md',
  ])('%s', (rel) => {
    const { path, text } = fixture(rel);
    expect(text).not.toMatch(/\r/);
    const lf = parseOk(text, path).document;
    const crlf = parseOk(`\uFEFF${text.replace(/\n/g, '\r\n')}`, path).document;
    expect(crlf.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(positions(crlf)).toEqual(positions(lf));
    const findings = findingsAt(lf);
    expect(findingsAt(crlf)).toEqual(findings);
  });

  it('the fixtures do produce findings, so the comparison above compares something', () => {
    const { path, text } = fixture('golden/whitespace/flagged.md');
    expect(findingsAt(parseOk(text, path).document).length).toBeGreaterThan(0);
  });
});

describe('deep nesting and long lines do not throw', () => {
  it.each([
    ['10,000 levels of >', `${'>'.repeat(10000)} hi {question}\n`],
    ['10,000 nested bullet lists', `${'- '.repeat(10000)}x {question}\n`],
    ['10,000 nested ordered lists', `${'1. '.repeat(10000)}x {question}\n`],
    ['10,000 lines of > x', `${'> x\n'.repeat(10000)}{question}\n`],
    ['10,000 nested emphasis openers', `${'*'.repeat(10000)}x {question}\n`],
    ['20,000 unmatched *a', `${'*a'.repeat(20000)} {question}\n`],
    ['20,000 characters without spaces', `${'a'.repeat(20000)} {question}\n`],
    ['20,000 Korean characters without spaces', `${'가나다라마바사'.repeat(3000)} {question}\n`],
    ['base64', `${Buffer.alloc(15000, 7).toString('base64')} {question}\n`],
    ['20,000 [', `${'['.repeat(20000)} {question}\n`],
    ['20,000 {', `${'{'.repeat(20000)} {question}\n`],
    ['10,000 nested Jinja loops', `${'{% for m in history %}'.repeat(10000)}{question}\n`],
    ['10,000 nested Handlebars blocks', `${'{{#each history}}'.repeat(10000)}{question}\n`],
  ])('%s', (_what, body) => {
    const r = parsePromptFile(body, { path: 'prompts/deep.md' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const slots = r.document.requests[0]!.messages.flatMap((m) => m.parts.filter((p) => p.type === 'slot'));
    // The trailing {question} is found whatever came before it.
    expect(slots.at(-1)).toMatchObject({ name: 'question', kind: 'input' });
  });
});

describe('chunked parsing', () => {
  /** A document of every block kind, with the traps for chunk cuts: blank lines and column-0 text inside fences, comments, <pre>. */
  function tricky(sections: number): string {
    let s = '---\nmodel: gpt-4o\n---\n';
    for (let i = 0; i < sections; i++) {
      s += `# Section ${i}\n\nParagraph with \`inline {code}\` and {slot_${i}} and <!-- note ${i} -->.\nSetext heading ${i}\n---\n\n`;
      s += '- item one\n- item two with `code`\n\n  continued item\n- [ ] task\n\n';
      s += '> quote line\ncontinued lazily\n\n';
      s += '```md\nfenced line\n\nColumn 0 text inside a fence\n- not a list\n<!-- not a comment -->\n```\n\n';
      s += '<!--\nA comment block\n\nColumn 0 inside the comment\n-->\n\n';
      s += '<pre>\n\nColumn 0 inside pre\n</pre>\n\n';
      s += '| a | b |\n|---|---|\n| `x` | y |\n\n';
      s += '    indented code {not_a_slot}\n\n';
      s += '~~~\ntilde fence\n\n# not a heading\n~~~\n\n';
      s += `## User\n\nQuestion ${i}: {question}\n\n`;
    }
    return s;
  }

  it('cuts a large document into chunks and finds exactly what one parse of the whole finds', () => {
    const text = tricky(300);
    const bodyStart = text.indexOf('# Section 0');
    expect(chunkBoundaries(text, bodyStart).bounds.length).toBeGreaterThan(3);
    const chunked = markdownStructure(text, bodyStart);
    const whole = wholeStructure(text, true);
    expect(chunked.lightChunks).toBe(0);
    expect(chunked.code).toEqual(whole.code);
    expect(chunked.headings).toEqual(whole.headings);
    expect(chunked.comments).toEqual(whole.comments);
    expect(chunked.code.length).toBeGreaterThan(300 * 5);
    expect(chunked.comments.length).toBe(300 * 2);
  }, 300_000);

  it('cut at every safe line (chunks of one line or block), the structure is still that of one parse', () => {
    const text = tricky(30);
    const bodyStart = text.indexOf('# Section 0');
    const { bounds } = chunkBoundaries(text, bodyStart, 1);
    expect(bounds.length).toBeGreaterThan(30 * 10);
    const cutLines = new Set(bounds.slice(1).map((b) => text.slice(b, text.indexOf("\n", b))));
    // The traps are never cut before: text inside fences, comments and <pre>, lazy and indented continuations.
    for (const inside of ['Column 0 text inside a fence', '- not a list', 'Column 0 inside the comment', 'Column 0 inside pre', '# not a heading', 'continued lazily', '  continued item', '---']) {
      expect(cutLines.has(inside), inside).toBe(false);
    }
    const chunked = markdownStructure(text, bodyStart, 1);
    const whole = wholeStructure(text, true);
    expect(chunked.code).toEqual(whole.code);
    expect(chunked.headings).toEqual(whole.headings);
    expect(chunked.comments).toEqual(whole.comments);
  }, 300_000);

  it('a code block or HTML comment longer than a chunk stays one block, and what follows it parses normally', () => {
    const codeLines = 'const x = {question}; // {{ in_code }}\n'.repeat(30_000); // ~1.2 MB, over several chunks
    const closed = `# System\n\n\`\`\`js\n${codeLines}\`\`\`\n\nAfter the code: {question}\n\n<!--\n${'note {x}\n'.repeat(130_000)}-->\n<!-- promptlint-disable -->\nEnd {today}\n`;
    const { bounds, continued } = chunkBoundaries(closed, 0);
    expect([...continued.values()]).toEqual(['code', 'html']);
    // remark in chunks (this document is also within the fast scanner's subset, checked below).
    const structure = remarkStructure(closed, 0);
    const fenceStart = closed.indexOf('```js');
    const fenceEnd = closed.indexOf('```\n\nAfter') + 3;
    // The code ranges cover the fence exactly, in pieces that touch.
    const code = structure.code.filter((r) => r[0] < fenceEnd);
    expect(code[0]![0]).toBe(fenceStart);
    for (let k = 1; k < code.length; k++) expect(code[k]![0]).toBeLessThanOrEqual(code[k - 1]![1] + 1);
    expect(closed.slice(code.at(-1)![1] - 4, code.at(-1)![1]).trimEnd()).toBe('```');
    expect(bounds.length).toBeGreaterThan(3);
    // The fast scanner gives the fence as one range, from its opening to the end of its closing line.
    const fast = markdownStructure(closed, 0);
    expect(fast.code.filter((r) => r[0] < fenceEnd)).toEqual([[fenceStart, fenceEnd]]);
    // Both find the comment that spans several chunks, and the directive after it.
    const commentStart = closed.indexOf('<!--\nnote');
    const directive = closed.indexOf('<!-- promptlint-disable -->');
    const ranges = [[commentStart, closed.indexOf('-->', commentStart) + 3], [directive, directive + 27]];
    expect(fast.comments.map((c) => c.range)).toEqual(ranges);
    expect(structure.comments.map((c) => c.range)).toEqual(ranges);
    const r = parsePromptFile(closed, { path: 'prompts/long.md' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const slots = r.document.requests[0]!.messages.flatMap((m) => m.parts.filter((p) => p.type === 'slot').map((p) => p.name));
    // {{ in_code }} in the code lines is an example (no front matter: no engine renders the code);
    // {question} after the code; {x} in the comment; {today} at the end.
    expect(slots.filter((n) => n === 'in_code')).toHaveLength(0);
    expect(slots.filter((n) => n !== 'in_code')).toEqual(['question', ...Array(130_000).fill('x'), 'today']);
    expect(r.document.directives).toEqual([{ type: 'disable', rules: [], range: expect.any(Array) }]);
  }, 300_000);

  it('an unclosed fence longer than a chunk is code to the end', () => {
    const text = `Intro {question}\n\n\`\`\`\n${'text {x}\n\n# not a heading\n'.repeat(50_000)}`;
    for (const structure of [remarkStructure(text, 0), markdownStructure(text, 0)]) {
      expect(structure.headings).toEqual([]);
      expect(structure.code[0]![0]).toBe(text.indexOf('```'));
      expect(structure.code.at(-1)![1]).toBe(text.length);
    }
  }, 300_000);

  it('a 5 MB prompt file parses (no timing assertion)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptlint-md-'));
    try {
      const section = (i: number): string =>
        `## Policy ${i}\n\nYou are the assistant for account {account_id}. Answer the question using the context below and keep it short.\n` +
        'Cite the policy number. Do not invent facts, and say when the context does not cover the question.\n\n' +
        '- Be polite.\n- Be brief.\n\n```json\n{"policy": 1, "text": "{not_a_slot}"}\n```\n\n';
      let body = '---\nmodel: gpt-4o\nmax_tokens: 300\n---\n# System\n\n';
      let n = 0;
      while (body.length < 5 * 1024 * 1024) body += section(n++);
      body += '# User\n\n{question}\n';
      const file = join(dir, 'big.prompt.md');
      writeFileSync(file, body);
      const r = parsePromptFile(readFileSync(file, 'utf8'), { path: 'prompts/big.prompt.md' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const [system, user] = r.document.requests[0]!.messages;
      expect(system!.role).toBe('system');
      expect(system!.parts.filter((p) => p.type === 'slot')).toHaveLength(n); // one {account_id} per section; none in code
      expect(user!.parts).toMatchObject([{ type: 'slot', name: 'question' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

