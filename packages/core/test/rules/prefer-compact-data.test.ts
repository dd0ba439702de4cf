import { describe, expect, it } from 'vitest';
import { bpeCounter, presetRules, type PromptDocument } from '../../src/index.js';
import { lintWith, makeDocument } from '../helpers.js';

const RULE = 'prefer-compact-data';
const o200k = bpeCounter('o200k_base');

const users = [
  { name: 'Hong', age: 30, email: 'hong@example.com' },
  { name: 'Kim', age: 41, email: 'kim@example.com' },
  { name: 'Lee', age: 25, email: 'lee@example.com' },
  { name: 'Park', age: 37, email: 'park@example.com' },
  { name: 'Choi', age: 52, email: 'choi@example.com' },
];
/** Written by hand: the table the rule should suggest. */
const USERS_TSV = 'name\tage\temail\nHong\t30\thong@example.com\nKim\t41\tkim@example.com\nLee\t25\tlee@example.com\nPark\t37\tpark@example.com\nChoi\t52\tchoi@example.com';

const userDoc = (body: string): PromptDocument => makeDocument({ model: 'gpt-4o', messages: [['user', body]] });

describe(RULE, () => {
  it('flags a fenced JSON array of uniform records; saving = count(minified JSON) - count(TSV)', () => {
    const pretty = JSON.stringify(users, null, 2);
    const body = `Customers:\n\`\`\`json\n${pretty}\n\`\`\`\nWrite each one a greeting.`;
    const doc = userDoc(body);
    const [f, ...rest] = lintWith(RULE, doc);
    expect(rest).toHaveLength(0);
    const expected = o200k.count(JSON.stringify(users)) - o200k.count(USERS_TSV);
    expect(expected).toBeGreaterThanOrEqual(20);
    expect(f!.savings).toMatchObject({ tokens: expected, tokenKind: 'input', confidence: 'exact', model: 'gpt-4o' });
    expect(f!.savings.usdPerCall).toBeCloseTo((expected * 2.5) / 1e6, 12);
    expect(f!.message).toMatch(/^5 records with the same 3 keys as JSON: a TSV table/);
    expect(f!.fix).toBeUndefined();
    // the suggestion replaces the whole fence, relabelled tsv
    const s = f!.suggestions![0]!;
    const fenceStart = body.indexOf('```json');
    const fenceEnd = body.lastIndexOf('```') + 3;
    expect(s.fix).toEqual({ range: [fenceStart, fenceEnd], text: `\`\`\`tsv\n${USERS_TSV}\n\`\`\`` });
    const applied = doc.text.slice(0, fenceStart) + s.fix.text + doc.text.slice(fenceEnd);
    expect(lintWith(RULE, userDoc(applied.slice(0, -1)))).toHaveLength(0);
  });

  it('is additive with no-verbose-json: together they save count(pretty) - count(TSV)', () => {
    const pretty = JSON.stringify(users, null, 2);
    const doc = userDoc(`\`\`\`json\n${pretty}\n\`\`\``);
    const compact = lintWith(RULE, doc)[0]!.savings.tokens!;
    const minify = lintWith('no-verbose-json', doc)[0]!.savings.tokens!;
    expect(compact + minify).toBe(o200k.count(pretty) - o200k.count(USERS_TSV));
  });

  it('flags a minified array on one line and a bare indented one in prose', () => {
    const min = JSON.stringify(users);
    const [a] = lintWith(RULE, userDoc(`Customers:\n${min}\nThanks.`));
    expect(a!.savings.tokens).toBe(o200k.count(min) - o200k.count(USERS_TSV));
    expect(a!.suggestions![0]!.fix).toEqual({ range: [11, 11 + min.length], text: USERS_TSV });
    const pretty = JSON.stringify(users, null, 4);
    const [b] = lintWith(RULE, userDoc(`Customers:\n${pretty}\n`));
    expect(b!.savings.tokens).toBe(o200k.count(min) - o200k.count(USERS_TSV));
    expect(b!.line).toBe(2);
  });

  it('renders booleans, numbers and null as their JSON text and orders cells by the first record keys', () => {
    const rows = [
      { sku: 'A-1', inStock: true, price: 9.5, note: null },
      { price: 12, sku: 'B-2', note: 'fragile', inStock: false },
      { sku: 'C-3', inStock: true, price: 0.25, note: 'bulk' },
      { sku: 'D-4', inStock: false, price: 100, note: null },
    ];
    const [f] = lintWith(RULE, userDoc(JSON.stringify(rows, null, 2)), { minTokens: 1 });
    expect(f!.suggestions![0]!.fix.text).toBe('sku\tinStock\tprice\tnote\nA-1\ttrue\t9.5\tnull\nB-2\tfalse\t12\tfragile\nC-3\ttrue\t0.25\tbulk\nD-4\tfalse\t100\tnull');
  });

  it('does not flag arrays that are not uniform flat records, or too few of them', () => {
    const cases: unknown[] = [
      users.slice(0, 2),
      [...users.slice(0, 3), { name: 'Jung', age: 33 }],
      [...users.slice(0, 3), { name: 'Jung', age: 33, phone: '010' }],
      [...users.slice(0, 3), { ...users[3]!, phone: '010' }],
      users.map((u) => ({ ...u, tags: ['a'] })),
      users.map((u) => ({ ...u, address: { city: 'Seoul' } })),
      users.map((u) => ({ ...u, bio: 'line one\nline two' })),
      users.map((u) => ({ ...u, bio: 'a\tb' })),
      [1, 2, 3, 4, 5],
      [[1, 2], [3, 4], [5, 6]],
      { users },
    ];
    for (const c of cases) expect(lintWith(RULE, userDoc(JSON.stringify(c, null, 2)), { minTokens: 1 })).toHaveLength(0);
  });

  it('respects minRecords and minTokens', () => {
    const three = JSON.stringify(users.slice(0, 3), null, 2);
    const saving = o200k.count(JSON.stringify(users.slice(0, 3))) - o200k.count(USERS_TSV.split('\n').slice(0, 4).join('\n'));
    expect(lintWith(RULE, userDoc(three), { minTokens: 1 })[0]!.savings.tokens).toBe(saving);
    expect(lintWith(RULE, userDoc(three), { minTokens: saving + 1 })).toHaveLength(0);
    expect(lintWith(RULE, userDoc(three), { minRecords: 4, minTokens: 1 })).toHaveLength(0);
  });

  it('reports at the part range without a suggestion when the part is not exact', () => {
    const text = 'const prompt = `...`';
    const doc: PromptDocument = {
      text,
      kind: 'code',
      requests: [
        {
          range: [0, text.length],
          model: { value: 'gpt-4o' },
          messages: [{ role: 'user', parts: [{ type: 'static', text: JSON.stringify(users), range: [15, 20], exact: false }] }],
        },
      ],
    };
    const [f] = lintWith(RULE, doc);
    expect(f!.range).toEqual([15, 20]);
    expect(f!.suggestions).toBeUndefined();
  });

  it('is in strict, not in recommended', () => {
    expect(presetRules('strict')[RULE]).toBe('warn');
    expect(presetRules('recommended')[RULE]).toBeUndefined();
  });
});
