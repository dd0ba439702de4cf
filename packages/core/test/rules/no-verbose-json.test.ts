import { describe, expect, it } from 'vitest';
import { bpeCounter, type Finding, type PromptDocument } from '../../src/index.js';
import { lintWith, makeDocument } from '../helpers.js';

const RULE = 'no-verbose-json';
const o200k = bpeCounter('o200k_base');
/** gpt-4o input: $2.50 per 1M tokens. */
const GPT4O_INPUT = 2.5;

/** The seed's strategy 14 record, as JSON.stringify(x, null, 2) prints it. */
const SEED_RECORD = '{\n  "user_name": "홍길동",\n  "user_age": 30,\n  "user_email": "hong@example.com"\n}';

function applyFixes(text: string, findings: Finding[]): string {
  const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : [])).sort((a, b) => b.range[0] - a.range[0]);
  for (const f of fixes) text = text.slice(0, f.range[0]) + f.text + text.slice(f.range[1]);
  return text;
}

const userDoc = (body: string): PromptDocument => makeDocument({ model: 'gpt-4o', messages: [['user', body]] });

describe(RULE, () => {
  it('flags the seed record pretty-printed in a ```json fence; saving = count(pretty) - count(minified)', () => {
    const body = `Profile:\n\`\`\`json\n${SEED_RECORD}\n\`\`\`\nGreet the user.`;
    const doc = userDoc(body);
    const findings = lintWith(RULE, doc);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    const minified = '{"user_name":"홍길동","user_age":30,"user_email":"hong@example.com"}';
    expect(JSON.stringify(JSON.parse(SEED_RECORD))).toBe(minified);
    const expected = o200k.count(SEED_RECORD) - o200k.count(minified);
    expect(expected).toBeGreaterThanOrEqual(10);
    expect(f.savings).toMatchObject({ tokens: expected, tokenKind: 'input', confidence: 'exact', model: 'gpt-4o' });
    expect(f.savings.usdPerCall).toBeCloseTo((expected * GPT4O_INPUT) / 1e6, 12);
    // the finding covers the JSON text, not the fence lines
    const start = body.indexOf('{');
    expect(f.range).toEqual([start, start + SEED_RECORD.length]);
    expect(f.line).toBe(3);
    expect(f.fix).toEqual({ range: [start, start + SEED_RECORD.length], text: minified });
    expect(f.message).toMatch(/Indented JSON code block: minify it, saves ~\d+ input tokens\/call/);
  });

  it('fixes idempotently: the fixed text has the same data and no finding', () => {
    const body = `Profile:\n\`\`\`json\n${SEED_RECORD}\n\`\`\`\n`;
    const doc = userDoc(body);
    const fixed = applyFixes(doc.text, lintWith(RULE, doc));
    expect(fixed).toBe(`Profile:\n\`\`\`json\n{"user_name":"홍길동","user_age":30,"user_email":"hong@example.com"}\n\`\`\`\n\n`);
    expect(lintWith(RULE, userDoc(fixed.slice(0, -1)))).toHaveLength(0);
  });

  it('flags a bare multi-line JSON array in prose (4-space indent) and reports its exact lines', () => {
    const data = [
      { id: 1, name: 'Alice', tags: ['admin', 'ops'] },
      { id: 2, name: 'Bob', tags: ['user'] },
    ];
    const pretty = JSON.stringify(data, null, 4);
    const body = `Here are the accounts:\n${pretty}\nSummarise them.`;
    const doc = userDoc(body);
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.savings.tokens).toBe(o200k.count(pretty) - o200k.count(JSON.stringify(data)));
    expect(f!.line).toBe(2);
    expect(f!.endLine).toBe(2 + pretty.split('\n').length - 1);
    expect(f!.fix!.text).toBe(JSON.stringify(data));
    expect(f!.message).toMatch(/^Indented JSON block/);
  });

  it('flags an unlabelled fence whose content parses as JSON, but not a fence in another language', () => {
    const pretty = JSON.stringify({ question: 'What is the refund policy?', context: ['a', 'b', 'c'], strict: true }, null, 2);
    expect(lintWith(RULE, userDoc(`\`\`\`\n${pretty}\n\`\`\``))).toHaveLength(1);
    expect(lintWith(RULE, userDoc(`\`\`\`python\n${pretty}\n\`\`\``))).toHaveLength(0);
  });

  it('does not flag minified JSON, nor JSON inside a sentence, nor prose with braces', () => {
    expect(lintWith(RULE, userDoc('```json\n{"user_name":"홍길동","user_age":30,"user_email":"hong@example.com"}\n```'))).toHaveLength(0);
    expect(lintWith(RULE, userDoc('[{"id":1,"name":"Alice"},{"id":2,"name":"Bob"},{"id":3,"name":"Carol"}]'))).toHaveLength(0);
    expect(lintWith(RULE, userDoc('Use {name} and [link](x) here.\n{\n  this is not json\n}\n'))).toHaveLength(0);
  });

  it('respects minTokens: the unindented seed record (newlines only) saves too little', () => {
    const flat = '{\n"user_name": "홍길동",\n"user_age": 30,\n"user_email": "hong@example.com"\n}';
    const saving = o200k.count(flat) - o200k.count(JSON.stringify(JSON.parse(flat)));
    expect(saving).toBeGreaterThan(0);
    expect(saving).toBeLessThan(10);
    expect(lintWith(RULE, userDoc(flat))).toHaveLength(0);
    const [f] = lintWith(RULE, userDoc(flat), { minTokens: 1 });
    expect(f!.savings.tokens).toBe(saving);
    expect(lintWith(RULE, userDoc(`\`\`\`json\n${SEED_RECORD}\n\`\`\``), { minTokens: saving + 100 })).toHaveLength(0);
  });

  it('reports but does not fix JSON that does not round-trip (duplicate keys, 1.0, reordered integer keys)', () => {
    for (const pretty of [
      '{\n  "name": "Alice",\n  "name": "Bob",\n  "role": "administrator of the northern region"\n}',
      '{\n  "price": 1.0,\n  "currency": "USD",\n  "description": "monthly subscription fee"\n}',
      '{\n  "b": "the second entry of the list",\n  "1": "the first entry of the list"\n}',
    ]) {
      const [f, ...rest] = lintWith(RULE, userDoc(pretty), { minTokens: 1 });
      expect(rest).toHaveLength(0);
      expect(f!.fix).toBeUndefined();
      expect(f!.message).toMatch(/no autofix/);
      // the saving is the layout-only minification of the text as written
      const layoutOnly = pretty.replace(/\n */g, '').replace(/": /g, '":');
      expect(f!.savings.tokens).toBe(o200k.count(pretty) - o200k.count(layoutOnly));
    }
  });

  it('keeps whitespace inside strings and handles CRLF files', () => {
    const pretty = '{\r\n  "greeting": "Hello,   \\" { the  world",\r\n  "items": [\r\n    1,\r\n    2,\r\n    3\r\n  ]\r\n}';
    const body = `Data:\r\n${pretty}\r\nEnd.`;
    const doc = userDoc(body);
    const [f] = lintWith(RULE, doc, { minTokens: 1 });
    expect(f!.fix!.text).toBe('{"greeting":"Hello,   \\" { the  world","items":[1,2,3]}');
    expect(f!.savings.tokens).toBe(o200k.count(pretty) - o200k.count(f!.fix!.text));
    const fixed = applyFixes(doc.text, [f!]);
    expect(fixed).toBe(`Data:\r\n{"greeting":"Hello,   \\" { the  world","items":[1,2,3]}\r\nEnd.\n`);
  });

  it('reports at the part range without a fix when the static part is not exact', () => {
    const pretty = JSON.stringify({ instructions: 'Answer in French', examples: ['un', 'deux', 'trois'] }, null, 2);
    const text = `messages = [{ role: "user", content: ${JSON.stringify(pretty)} }]`;
    const at = text.indexOf('content: ') + 9;
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [
        {
          range: [0, 10],
          model: { value: 'gpt-4o' },
          messages: [{ role: 'user', parts: [{ type: 'static', text: pretty, range: [at, at + JSON.stringify(pretty).length], exact: false }] }],
        },
      ],
    };
    const [f, ...rest] = lintWith(RULE, doc, { minTokens: 1 });
    expect(rest).toHaveLength(0);
    expect(f!.range).toEqual([at, at + JSON.stringify(pretty).length]);
    expect(f!.fix).toBeUndefined();
    expect(f!.savings.tokens).toBe(o200k.count(pretty) - o200k.count(JSON.stringify(JSON.parse(pretty))));
  });

  it('flags a prettyJson slot with an unknown size and returns the front end fix', () => {
    const text = 'content: JSON.stringify(profile, null, 2)';
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [
        {
          range: [0, text.length],
          model: { value: 'gpt-4o' },
          messages: [
            {
              role: 'user',
              parts: [{ type: 'slot', name: 'profile', kind: 'user-data', range: [9, text.length], prettyJson: { indent: '  ', fix: { range: [31, 40], text: '' } } }],
            },
          ],
        },
      ],
    };
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    expect(f!.range).toEqual([9, text.length]);
    expect(f!.savings).toMatchObject({ tokens: null, usdPerCall: null, confidence: 'estimate', tokenKind: 'input', model: 'gpt-4o' });
    expect(f!.savings.basis).toMatch(/^size of profile unknown at lint time; indentation typically adds/);
    expect(f!.fix).toEqual({ range: [31, 40], text: '' });
    expect(applyFixes(text, [f!])).toBe('content: JSON.stringify(profile)');
  });

  it('handles nesting depth 10,000 without overflowing the stack (reported, not fixed: JSON.stringify cannot)', () => {
    const depth = 10_000;
    const deep = '[\n'.repeat(depth) + ']\n'.repeat(depth - 1) + ']';
    expect(() => JSON.stringify(JSON.parse(deep))).toThrow(RangeError);
    const [f, ...rest] = lintWith(RULE, userDoc(deep));
    expect(rest).toHaveLength(0);
    expect(f!.savings.tokens).toBe(o200k.count(deep) - o200k.count('['.repeat(depth) + ']'.repeat(depth)));
    expect(f!.fix).toBeUndefined();
  });

  // Linearity is measured by the bench (`npm run bench -- --only long`), not asserted as a time here.
  it('finds the one JSON block in large input full of unmatched and nested brackets', () => {
    const junk = '{ not json [ still not\n'.repeat(20_000) + '  [\n'.repeat(20_000);
    const pretty = JSON.stringify({ a: Array.from({ length: 200 }, (_, i) => ({ i, s: `item ${i}` })) }, null, 2);
    const findings = lintWith(RULE, userDoc(`${junk}\n${pretty}\n`));
    expect(findings).toHaveLength(1);
  });

  it('never throws on odd input', () => {
    for (const body of ['', '{', '}', '```json', '```json\n{', '[\n]', '{\n"a": "\\', '"\n{\n}\n"', '\u0000{\n}\u0000']) {
      expect(() => lintWith(RULE, userDoc(body), { minTokens: 1 })).not.toThrow();
    }
  });
});
