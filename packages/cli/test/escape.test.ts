import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/formats/github.js';
import { inertJson, markdownCode, markdownText, plainText } from '../src/sanitize.js';

describe('GitHub workflow command escaping', () => {
  it('data: % first, then CR and LF', () => {
    expect(escapeData('50% off\r\nnext')).toBe('50%25 off%0D%0Anext');
    expect(escapeData('%0A')).toBe('%250A');
  });
  it('properties: also : and ,', () => {
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });
});

describe('text from files in human formats (plainText)', () => {
  it('shows every control character as an escape: one line, no ESC', () => {
    expect(plainText('a\nb\r\nc\td')).toBe('a\\nb\\r\\nc\\td');
    expect(plainText('\u001b]0;pwned\u0007\u001b[2J')).toBe('\\x1b]0;pwned\\x07\\x1b[2J');
    expect(plainText('x\u009b31m y\u0085z\u007f')).toBe('x\\x9b31m y\\x85z\\x7f');
    expect(plainText('l\u2028p\u2029 \u202eevil\u2066')).toBe('l\\u2028p\\u2029 \\u202eevil\\u2066');
    expect(plainText('plain text, café, 日本語 ✓')).toBe('plain text, café, 日本語 ✓');
  });
});

describe('text from files in the markdown report (markdownText)', () => {
  it('escapes pipes and angle brackets; a newline is shown, never taken', () => {
    expect(markdownText('a | b <details>\nnext')).toBe('a \\| b &lt;details&gt;\\\\nnext');
  });
  it('neutralises mentions, issue references, links, images, code spans and autolinks', () => {
    expect(markdownText('@octocat @org/team')).toBe('@&#8203;octocat @&#8203;org/team');
    expect(markdownText('see #12')).toBe('see #&#8203;12');
    expect(markdownText('[x](https://e.com) ![i](a.png)')).toBe('\\[x\\]\\(https:&#8203;//e.com\\) \\!\\[i\\]\\(a.png\\)');
    expect(markdownText('`code` *b* _i_ ~s~ www.e.com &amp;')).toBe('\\`code\\` \\*b\\* \\_i\\_ \\~s\\~ www&#8203;.e.com &amp;amp;');
    expect(markdownText('an email a@b.c stays readable')).toBe('an email a@&#8203;b.c stays readable');
  });
});

describe('code spans from files (markdownCode)', () => {
  it('a fence longer than any backtick run; pipes escaped; one line', () => {
    expect(markdownCode('prompts/a.md')).toBe('`prompts/a.md`');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a|b\n@c')).toBe('`a\\|b\\n@c`');
  });
});

describe('JSON output (inertJson)', () => {
  it('writes DEL, C1, separators and bidi characters as escapes: the same value once parsed', () => {
    const value = { s: 'a\u007f\u0085\u009b\u2028\u2029\u202e\u2069 é 日' };
    const text = inertJson(JSON.stringify(value));
    expect(text).toBe('{"s":"a\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2069 é 日"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
