/** Replacement text written in the syntax of the literal it lands in. */
import { describe, expect, it } from 'vitest';
import { escapeForQuoted, escapeForTemplate, inSourceSyntax } from '../../src/rules/literal-fix.js';

describe('fixes inside literals', () => {
  it('quoted strings get escapes for line breaks, tabs, backslashes and their own quote only', () => {
    expect(escapeForQuoted('a\tb\nc\\d\'e"f', "'")).toBe(`a\\tb\\nc\\\\d\\'e"f`);
    expect(escapeForQuoted(`it's "x"`, '"')).toBe(`it's \\"x\\"`);
  });

  it('templates keep line breaks and tabs raw, escape backticks, ${ and backslashes', () => {
    expect(escapeForTemplate('a\tb\n`c` ${d} \\e')).toBe('a\tb\n\\`c\\` \\${d} \\\\e');
  });

  it('only a range strictly inside a string or template element is escaped', () => {
    const text = `f('ab', x)`;
    const literal = { type: 'Literal', range: [2, 6] as [number, number], value: 'ab' };
    const call = { type: 'CallExpression', range: [0, 10] as [number, number] };
    const source = (node: { type: string; range: [number, number]; value?: unknown }) => ({ text, getNodeByRangeIndex: () => node });
    expect(inSourceSyntax(source(literal), [3, 4], '\n')).toBe('\\n');
    expect(inSourceSyntax(source(call), [6, 9], '\n')).toBe('\n');
    const tpl = { type: 'TemplateElement', range: [2, 6] as [number, number] };
    expect(inSourceSyntax(source(tpl), [3, 4], '`')).toBe('\\`');
    const throwing = { text, getNodeByRangeIndex: () => { throw new Error('x'); } };
    expect(inSourceSyntax(throwing, [3, 4], '\n')).toBe('\n');
  });
});
