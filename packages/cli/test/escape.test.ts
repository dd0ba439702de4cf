import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/formats/github.js';
import { cell } from '../src/formats/markdown.js';

describe('GitHub workflow command escaping', () => {
  it('data: % first, then CR and LF', () => {
    expect(escapeData('50% off\r\nnext')).toBe('50%25 off%0D%0Anext');
    expect(escapeData('%0A')).toBe('%250A');
  });
  it('properties: also : and ,', () => {
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
  });
});

describe('markdown table cells', () => {
  it('escapes pipes, angle brackets and newlines', () => {
    expect(cell('a | b <details>\nnext')).toBe('a \\| b &lt;details&gt; next');
  });
});
