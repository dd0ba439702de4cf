/** Bad input: a clear one-line error with the line of the problem, never a throw. */
import { describe, expect, it } from 'vitest';
import { parsePromptFile } from '../src/index.js';
import { fixture } from './helpers.js';

function error(text: string, path = 'prompts/x.md') {
  const r = parsePromptFile(text, { path });
  if (r.ok) throw new Error('expected a parse error');
  expect(r.error.message).not.toMatch(/\n/);
  return r.error;
}

describe('front matter errors', () => {
  it('invalid YAML: the message names it, the position is the problem in the file', () => {
    const e = error('---\nname: broken\nmodel: gpt-4o: mini\n---\nHello\n');
    expect(e.message).toMatch(/^invalid YAML front matter: /);
    expect([e.line, e.column]).toEqual([3, 8]); // `gpt-4o: mini` starts at column 8 of line 3
  });

  it('the golden broken Prompty file from disk', () => {
    const { path, text } = fixture('golden/parse-error/broken.prompty');
    const r = parsePromptFile(text, { path });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.line, r.error.column]).toEqual([3, 8]);
  });

  it('an unclosed flow mapping reports where YAML gave up', () => {
    const e = error('---\nmodel: gpt-4o\nconfig: {maxOutputTokens: 10\n---\nHi\n', 'a.prompt');
    expect(e.message).toMatch(/^invalid YAML front matter/);
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.line).toBeLessThanOrEqual(4);
  });

  it('duplicate keys are an error at the second key', () => {
    const e = error('---\nmodel: gpt-4o\nmodel: gpt-4o-mini\n---\nHi\n');
    expect(e.message).toMatch(/unique/i);
    expect(e.line).toBe(3);
  });

  it.each([
    ['a list', '---\n- model\n- gpt-4o\n---\nHi\n', /got a list/],
    ['a string', '---\njust some text\n---\nHi\n', /got a string/],
    ['a number', '---\n42\n---\nHi\n', /got a number/],
  ])('front matter that is %s is not a mapping: error at its first line', (_what, text, re) => {
    const e = error(text);
    expect(e.message).toMatch(/^front matter must be a YAML mapping/);
    expect(e.message).toMatch(re);
    expect([e.line, e.column]).toEqual([2, 1]);
  });

  it('front matter with more than 100 aliases is an error at the 101st alias; 100 are read', () => {
    const pairs = (n: number): string => Array.from({ length: n }, (_, i) => `  - &a${i} v${i}\n  - *a${i}\n`).join('');
    const at100 = parsePromptFile(`---\nmodel: gpt-4o\nlist:\n${pairs(100)}---\nHi\n`, { path: 'prompts/x.md' });
    expect(at100.ok).toBe(true);
    if (at100.ok) {
      const list = at100.frontMatter!.list as string[];
      expect(list).toHaveLength(200);
      expect(list.slice(196)).toEqual(['v98', 'v98', 'v99', 'v99']);
      expect(at100.document.requests[0]!.model).toMatchObject({ value: 'gpt-4o' });
    }
    const e = error(`---\nmodel: gpt-4o\nlist:\n${pairs(101)}---\nHi\n`);
    expect(e.message).toBe('YAML front matter with more than 100 aliases (*name) is not read: each alias costs a search of the whole front matter');
    // line 1 `---`, 2 model, 3 list, then two lines per pair: the 101st alias is on line 4 + 2 * 100 + 1
    expect([e.line, e.column]).toEqual([205, 5]);
    // 2,000 anchors with an alias each: the same error (20,000 took yaml 22 s to resolve)
    expect(error(`---\nmodel: gpt-4o\nlist:\n${pairs(2_000)}---\nHi\n`).message).toMatch(/more than 100 aliases/);
    // anchors without aliases are not limited
    const anchors = parsePromptFile(`---\nmodel: gpt-4o\nlist:\n${Array.from({ length: 1000 }, (_, i) => `  - &a${i} v\n`).join('')}---\nHi\n`, { path: 'prompts/x.md' });
    expect(anchors.ok && (anchors.frontMatter!.list as unknown[]).length).toBe(1000);
  });

  it('empty front matter is an empty mapping', () => {
    const r = parsePromptFile('---\n---\nHello\n', { path: 'prompts/x.md' });
    expect(r.ok && r.frontMatter).toEqual({});
  });

  it('CRLF front matter errors report the same line and column', () => {
    const e = error('---\r\nname: broken\r\nmodel: gpt-4o: mini\r\n---\r\nHello\r\n');
    expect([e.line, e.column]).toEqual([3, 8]);
  });

  it('calls_per_day must be a number >= 0', () => {
    const e = error('---\nmodel: gpt-4o\ncalls_per_day: lots\n---\nHi\n');
    expect(e.message).toBe('front matter calls_per_day must be a number >= 0, got "lots"');
    expect([e.line, e.column]).toEqual([3, 16]);
  });
});

describe('other bad input', () => {
  it('binary content (a NUL byte) is not a prompt file', () => {
    const e = error('Hello\nwor\u0000ld\n');
    expect(e.message).toMatch(/binary/);
    expect([e.line, e.column]).toEqual([2, 4]);
  });

  it('a front matter opening without a closing fence is body text, not an error', () => {
    const r = parsePromptFile('---\nmodel: gpt-4o\nHello\n', { path: 'prompts/x.md' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.frontMatter).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['only a BOM', '\uFEFF'],
    ['only blank lines', '\n\n  \n'],
    ['only front matter', '---\nmodel: gpt-4o\n---'],
    ['lone surrogates and control characters', '\uD800 {x} \uDFFF \u0007 {{'],
    ['unclosed template tags', '{{ a {% b {# c ${d {e'],
    ['unclosed comment', '<!-- promptlint-disable'],
  ])('%s parses without throwing', (_what, text) => {
    for (const path of ['prompts/x.md', 'x.prompty', 'x.prompt', '.github/prompts/x.prompt.md', 'AGENTS.md', '.cursorrules', 'prompts/x.txt']) {
      const r = parsePromptFile(text, { path });
      expect(r.ok).toBe(true);
      if (r.ok) {
        const req = r.document.requests[0]!;
        expect(req.range[0]).toBeLessThanOrEqual(req.range[1]);
        expect(req.range[1]).toBeLessThanOrEqual(r.document.text.length);
      }
    }
  });

  it('a model that is not a name or is a template is unknown, not guessed', () => {
    const number = parsePromptFile('---\nmodel: 4\n---\nHi\n', { path: 'prompts/x.md' });
    const template = parsePromptFile('---\nmodel: "{{model}}"\n---\nHi\n', { path: 'prompts/x.md' });
    expect(number.ok && number.document.requests[0]!.model).toMatchObject({ unknown: expect.stringContaining('not a name') });
    expect(template.ok && template.document.requests[0]!.model).toMatchObject({ unknown: expect.stringContaining('template') });
  });

  it.each([
    ['max_tokens: null', { state: 'absent', ignored: { name: 'max_tokens', reason: 'an empty value sets no limit' } }],
    ['max_tokens: .inf', { state: 'absent', ignored: { name: 'max_tokens' } }],
    ['max_tokens: "500"', { state: 'unknown', reason: '`max_tokens` is not a number ("500")' }],
    ['max_tokens: "{{limit}}"', { state: 'unknown' }],
    ['max_tokens: -5', { state: 'unknown' }],
    ['max_output_tokens: 700', { state: 'set', value: 700, name: 'max_output_tokens' }],
  ])('%s', (line, expected) => {
    const r = parsePromptFile(`---\nmodel: gpt-4o\n${line}\n---\nHi\n`, { path: 'prompts/x.md' });
    expect(r.ok && r.document.requests[0]!.outputLimit).toMatchObject(expected);
  });
});
