/** HTML comments: directives for the engine, `htmlComments` for the ESLint language, never inside code. */
import type { PromptDocument } from '@promptlint/core';
import { describe, expect, it } from 'vitest';
import { findHtmlComments, htmlComments } from '../src/index.js';
import { parseOk, slice, view } from './helpers.js';

const text = [
  '# System',
  '',
  'Intro. <!-- promptlint-disable-line no-filler-phrases -- the intro is fine -->',
  '<!-- eslint-disable promptlint/no-redundant-whitespace -->',
  '<!-- promptlint-disable no-verbose-json, prefer-compact-data -->',
  '<!--promptlint-enable-->',
  '<!-- a note the model reads -->',
  '',
  '```html',
  '<!-- promptlint-disable inside code is code -->',
  '```',
  '',
  'Use `<!-- promptlint-disable -->` literally.',
  '',
].join('\n');

describe('directives', () => {
  const { document: doc } = parseOk(text, 'prompts/x.md');

  it('each promptlint comment outside code becomes a directive with its rules (commas or spaces, `-- why` ignored)', () => {
    expect(doc.directives!.map((d) => [d.type, d.rules, slice(doc, d.range)])).toEqual([
      ['disable-line', ['no-filler-phrases'], '<!-- promptlint-disable-line no-filler-phrases -- the intro is fine -->'],
      ['disable', ['no-verbose-json', 'prefer-compact-data'], '<!-- promptlint-disable no-verbose-json, prefer-compact-data -->'],
      ['enable', [], '<!--promptlint-enable-->'],
    ]);
  });

  it('linter comments (promptlint and ESLint) leave the prompt text, whole lines with them; other comments and code stay', () => {
    expect(view(doc)).toEqual([
      [
        'system',
        'Intro. ', // a comment sharing its line leaves only itself out
        '\n',
        '<!-- a note the model reads -->\n\n```html\n<!-- promptlint-disable inside code is code -->\n```\n\nUse `<!-- promptlint-disable -->` literally.',
      ],
    ]);
  });
});

describe('htmlComments', () => {
  it('lists the comments outside code with their value and range, for ESLint directives', () => {
    const { document: doc } = parseOk(text, 'prompts/x.md');
    const comments = htmlComments(doc);
    expect(comments.map((c) => c.value.trim())).toEqual([
      'promptlint-disable-line no-filler-phrases -- the intro is fine',
      'eslint-disable promptlint/no-redundant-whitespace',
      'promptlint-disable no-verbose-json, prefer-compact-data',
      'promptlint-enable',
      'a note the model reads',
    ]);
    for (const c of comments) expect(slice(doc, c.range)).toBe(`<!--${c.value}-->`);
  });

  it('answers for a document it did not parse too (parsing its text)', () => {
    const doc: PromptDocument = { text, kind: 'markdown-prompt', requests: [] };
    expect(htmlComments(doc)).toHaveLength(5);
  });

  it('in plain-text files every comment counts (no markdown, no code)', () => {
    const { document: doc } = parseOk('Use `<!-- x -->` here.\n', 'prompts/x.txt');
    expect(htmlComments(doc).map((c) => c.value)).toEqual([' x ']);
  });

  it('findHtmlComments scans a range of text; <!--> is an empty comment; an unclosed one is none', () => {
    expect(findHtmlComments('a <!-- b --> c <!--> d <!-- e', 0, 30).map((c) => [c.value, c.range])).toEqual([
      [' b ', [2, 12]],
      ['', [15, 20]],
    ]);
  });
});
