import { describe, expect, it } from 'vitest';
import { bpeCounter, type Finding, type PromptDocument } from '../../src/index.js';
import { lintWith, makeDocument, slot } from '../helpers.js';

const RULE = 'no-redundant-whitespace';
const o200k = bpeCounter('o200k_base');
const saved = (before: string, after: string): number => o200k.count(before) - o200k.count(after);

function applyFixes(text: string, findings: Finding[]): string {
  const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : [])).sort((a, b) => b.range[0] - a.range[0]);
  for (const f of fixes) text = text.slice(0, f.range[0]) + f.text + text.slice(f.range[1]);
  return text;
}

/** One user message whose body is the whole document text (so fixes can be re-linted). */
const bodyDoc = (body: string): PromptDocument => {
  const doc = makeDocument({ model: 'gpt-4o', messages: [['user', body]] });
  return { ...doc, text: body, requests: [{ ...doc.requests[0]!, messages: [{ role: 'user', parts: [{ type: 'static', text: body, range: [0, body.length], exact: true }] }] }] };
};

describe(RULE, () => {
  it('flags runs of spaces between words, one finding per line, saving counted on the line', () => {
    const body = 'Name:        Alice\nRole:    admin\nTeam: ops\n';
    const findings = lintWith(RULE, bodyDoc(body));
    expect(findings).toHaveLength(2);
    const [a, b] = findings;
    expect(a!.savings).toMatchObject({ tokens: saved('Name:        Alice\n', 'Name: Alice\n'), tokenKind: 'input', confidence: 'exact', model: 'gpt-4o' });
    expect(a!.savings.tokens).toBeGreaterThan(0);
    expect(a!.savings.usdPerCall).toBeCloseTo((a!.savings.tokens! * 2.5) / 1e6, 12);
    expect(a!.range).toEqual([5, 13]);
    expect(a!.fix).toEqual({ range: [5, 13], text: ' ' });
    expect(a!.message).toMatch(/^Redundant whitespace, a run of spaces: collapse it; saves ~\d+ input tokens?\/call/);
    expect(b!.line).toBe(2);
    expect(b!.savings.tokens).toBe(saved('Role:    admin\n', 'Role: admin\n'));
    expect(applyFixes(body, findings)).toBe('Name: Alice\nRole: admin\nTeam: ops\n');
  });

  it('flags padded markdown table rows with one fix for all runs of the row', () => {
    const body = '| Name     | Role      |\n|----------|-----------|\n| Alice    | admin     |\n';
    const findings = lintWith(RULE, bodyDoc(body));
    expect(findings.map((f) => f.line)).toEqual([1, 3]);
    expect(findings[0]!.savings.tokens).toBe(saved('| Name     | Role      |\n', '| Name | Role |\n'));
    expect(findings[0]!.message).toMatch(/2 runs of spaces/);
    expect(applyFixes(body, findings)).toBe('| Name | Role |\n|----------|-----------|\n| Alice | admin |\n');
  });

  it('leaves leading indentation and tab-only runs (tab-separated cells) alone', () => {
    expect(lintWith(RULE, bodyDoc('- item\n    - nested item\n\tindented with a tab\nname\t\tage\n'), { reportZeroSavings: true })).toHaveLength(0);
    // spaces mixed into a tab run are dropped, the tabs kept
    const [f] = lintWith(RULE, bodyDoc('name \t \tage\n'), { reportZeroSavings: true });
    expect(f!.fix!.text).toBe('\t\t');
  });

  it('leaves the layout of multi-line JSON blocks to no-verbose-json (its saving already counts that whitespace)', () => {
    const json = '{\n    "name":     "Carol",   \n    "plan":     "team"\n}';
    const body = `Customers:   \n\n\`\`\`json\n${json}\n\`\`\`\n\n${json}\nAfter    the blocks.\n`;
    const doc = bodyDoc(body);
    const findings = lintWith(RULE, doc, { reportZeroSavings: true });
    // only the whitespace outside the two JSON blocks: line 1's trailing spaces and the last line's run
    expect(findings.map((f) => JSON.stringify(body.slice(f.range[0], f.range[1])))).toEqual(['"   "', '"    "']);
    expect(findings.map((f) => f.line)).toEqual([1, 14]);
    expect(findings[1]!.savings.tokens).toBe(saved('After    the blocks.\n', 'After the blocks.\n'));
    // no-verbose-json reports each block with a saving that includes the runs and trailing spaces inside it
    const json2 = lintWith('no-verbose-json', doc);
    expect(json2).toHaveLength(2);
    expect(json2[0]!.savings.tokens).toBe(saved(json, '{"name":"Carol","plan":"team"}'));
    // a one-line JSON value is not no-verbose-json's: its runs are still reported here
    const [one] = lintWith(RULE, bodyDoc('Data: {"a":    1}\n'));
    expect(one!.savings.tokens).toBe(saved('Data: {"a":    1}\n', 'Data: {"a": 1}\n'));
  });

  it('inside code fences flags only trailing whitespace and blank-line piles, not alignment', () => {
    const body = '```python\nx  =  1    # align\ny  =  22\t\t\n\n\n\n\nz = 3\n```\nAfter    the fence.\n';
    const findings = lintWith(RULE, bodyDoc(body), { reportZeroSavings: true });
    const texts = findings.map((f) => JSON.stringify(body.slice(f.range[0], f.range[1])));
    expect(texts).toEqual(['"\\t\\t"', '"\\n\\n\\n\\n"', '"    "']);
    expect(findings.map((f) => f.line)).toEqual([3, 4, 10]);
  });

  it('reports trailing whitespace and blank-line piles only when they cost tokens, unless reportZeroSavings', () => {
    // o200k_base merges "  \n" and "\n\n\n\n" into single tokens: removing them saves nothing
    expect(saved('next  \n', 'next\n')).toBe(0);
    expect(saved('\n\n\n\n\n', '\n\n')).toBe(0);
    const body = 'Rules:\n\n\n\n\nnext  \nend.\t\t\n';
    const def = lintWith(RULE, bodyDoc(body));
    expect(def).toHaveLength(1);
    expect(def[0]!.message).toMatch(/trailing whitespace: remove it/);
    expect(def[0]!.savings.tokens).toBe(saved('end.\t\t\n', 'end.\n'));
    const all = lintWith(RULE, bodyDoc(body), { reportZeroSavings: true });
    expect(all.map((f) => [f.line, f.savings.tokens])).toEqual([
      [2, 0],
      [6, 0],
      [7, saved('end.\t\t\n', 'end.\n')],
    ]);
    expect(all[0]!.message).toMatch(/4 blank lines in a row: keep one \(no token saved\)/);
    expect(applyFixes(body, all)).toBe('Rules:\n\nnext\nend.\n');
  });

  it('counts a pile of whitespace-only blank lines with the line break before it', () => {
    const body = 'Rules:\n   \n\t\n  \n\nBe brief.\n';
    const [f, ...rest] = lintWith(RULE, bodyDoc(body));
    expect(rest).toHaveLength(0);
    expect(f!.savings.tokens).toBe(saved('\n   \n\t\n  \n\n', '\n\n'));
    expect(f!.savings.tokens).toBeGreaterThan(0);
    expect(f!.fix).toEqual({ range: [7, 17], text: '\n' });
    expect(applyFixes(body, [f!])).toBe('Rules:\n\nBe brief.\n');
  });

  it('keeps CRLF line endings in its fixes', () => {
    const body = 'a\r\nb    c  \r\n \r\n\r\n\r\nd\r\n';
    const findings = lintWith(RULE, bodyDoc(body), { reportZeroSavings: true });
    const fixed = applyFixes(body, findings);
    expect(fixed).toBe('a\r\nb c\r\n\r\nd\r\n');
    expect(findings[0]!.savings.tokens).toBe(saved('b    c  \r\n', 'b c\r\n'));
  });

  it('its fixes are idempotent on a messy document', () => {
    const body = '#  Title  \n\n\n\nSome   text\twith  tabs \t \n| a   | b |\n```\nkeep   this  \n\n\n```\n  indented   line\n\n \n\t\nend';
    const first = lintWith(RULE, bodyDoc(body), { reportZeroSavings: true });
    expect(first.length).toBeGreaterThan(3);
    const fixed = applyFixes(body, first);
    expect(fixed).toBe('# Title\n\nSome text\twith tabs\n| a | b |\n```\nkeep   this\n\n```\n  indented line\n\nend');
    expect(lintWith(RULE, bodyDoc(fixed), { reportZeroSavings: true })).toHaveLength(0);
  });

  it('around slots: treats text before and after a slot on the same line as one line', () => {
    const doc = makeDocument({ model: 'gpt-4o', messages: [['user', 'Dear   ', slot('name'), '   and welcome\n  indented\n', slot('body'), '  \n']] });
    const findings = lintWith(RULE, doc, { reportZeroSavings: true });
    const shown = findings.map((f) => [doc.text.slice(f.range[0], f.range[1]), f.fix!.text]);
    // "Dear   {{name}}" and "{{name}}   and": runs between words; "  indented": indentation;
    // "{{body}}  \n": trailing whitespace
    expect(shown).toEqual([
      ['   ', ' '],
      ['   ', ' '],
      ['  ', ''],
    ]);
    expect(findings[0]!.savings.tokens).toBe(saved('Dear   ', 'Dear '));
  });

  it('in code, the end of a message is the end of a line: trailing spaces inside the string literal are trailing', () => {
    const text = "const p = 'Summarise:\t\t';";
    const at = text.indexOf('Summarise');
    const content = 'Summarise:\t\t';
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [{ range: [0, text.length], model: { value: 'gpt-4o' }, messages: [{ role: 'user', parts: [{ type: 'static', text: content, range: [at, at + content.length], exact: true }] }] }],
    };
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.fix).toEqual({ range: [at + 10, at + 12], text: '' });
    expect(f!.savings.tokens).toBe(saved('Summarise:\t\t', 'Summarise:'));
  });

  it('reports a non-exact part once at its range, without a fix, summing the line savings', () => {
    const content = 'Name:        Alice\nRole:    admin\n';
    const text = `const p = ${JSON.stringify(content)};`;
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [{ range: [0, text.length], model: { value: 'gpt-4o' }, messages: [{ role: 'user', parts: [{ type: 'static', text: content, range: [10, text.length - 1], exact: false }] }] }],
    };
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.range).toEqual([10, text.length - 1]);
    expect(f!.fix).toBeUndefined();
    expect(f!.savings.tokens).toBe(saved('Name:        Alice\n', 'Name: Alice\n') + saved('Role:    admin\n', 'Role: admin\n'));
    expect(f!.message).toMatch(/on 2 lines/);
  });

  it('does not flag clean text', () => {
    expect(lintWith(RULE, bodyDoc('# Title\n\nOne space between words.\n\n- a list\n  - nested\n'), { reportZeroSavings: true })).toHaveLength(0);
  });

  // Linearity is measured by the bench (`npm run bench -- --only long`), not asserted as a time here.
  it('is line-local on a large file', () => {
    let body = '';
    for (let i = 0; i < 20_000; i++) body += `Item ${i}:    value ${i}\n`;
    const findings = lintWith(RULE, bodyDoc(body));
    expect(findings).toHaveLength(20_000);
    expect(findings[123]!.savings.tokens).toBe(saved('Item 123:    value 123\n', 'Item 123: value 123\n'));
  });

  it('never throws on odd input', () => {
    for (const body of ['', ' ', '\r', '\r\r\r', '\n\n\n', '```', '```\n  \n', ' \t \t ', '\u00a0\u00a0x  y']) {
      expect(() => lintWith(RULE, bodyDoc(body), { reportZeroSavings: true })).not.toThrow();
    }
  });

  it('never flattens an ASCII tree diagram outside a fence (trailing whitespace still goes)', () => {
    const tree = '├── src\n│   ├── index.ts\n│   │   └── util.ts\n';
    const doc = makeDocument({ model: 'gpt-4o', messages: [['system', `Layout:\n${tree}\nEnd.   \n`]] });
    const findings = lintWith(RULE, doc);
    expect(findings.map((f) => doc.text.slice(f.range[0], f.range[1]))).toEqual(['   ']);
  });
});
