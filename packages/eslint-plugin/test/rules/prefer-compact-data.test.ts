/**
 * prefer-compact-data on code: a JSON array of uniform records written into a prompt. The saving is
 * count(minified JSON) - count(TSV), both counted here with o200k_base; the suggestion writes the
 * table in the syntax of the literal it replaces (escapes in a quoted string, raw in a template).
 */
import { at, o200k, perCall, run } from './helpers.js';

const records = [
  { sku: 'A-100', name: 'Desk lamp', price: 24.5, stock: 12 },
  { sku: 'A-101', name: 'Office chair', price: 149, stock: 3 },
  { sku: 'A-102', name: 'Monitor arm', price: 59.9, stock: 0 },
  { sku: 'A-103', name: 'Cable tray', price: 12, stock: 40 },
];
const keys = ['sku', 'name', 'price', 'stock'] as const;
const tsv = [keys.join('\t'), ...records.map((r) => keys.map((k) => String(r[k])).join('\t'))].join('\n');
const compact = JSON.stringify(records);
const saved = o200k.count(compact) - o200k.count(tsv);
const DESC = 'Replace the JSON array with a TSV table (header of keys, one tab-separated line per record).';
const message = `4 records with the same 4 keys as JSON: a TSV table (keys once in a header, one line per record) saves ${perCall(saved, 0.15)} over minified JSON.`;

const quoted = `import OpenAI from 'openai';
const client = new OpenAI();
const CATALOG = '${compact}';
export const ask = (q: string) =>
  client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'system', content: 'Products: ' + CATALOG }, { role: 'user', content: q }] });`;

const pretty = JSON.stringify(records, null, 2);
const template = `import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';
export const ask = (q: string) => generateText({ model: openai('gpt-4o-mini'), maxOutputTokens: 100, system: \`Products:
${pretty}\`, prompt: q });`;
const prettySaved = o200k.count(compact) - o200k.count(tsv);

run('prefer-compact-data', {
  valid: [
    // records that are not uniform, and too few records
    `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: '[{"a":1},{"b":2},{"c":3}]' }] });`,
    `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: '[{"sku":"A","name":"B"},{"sku":"C","name":"D"}]' }] });`,
    // the same data that is not sent to a model
    `const CATALOG = 'Products: ${compact}'; console.log(CATALOG);`,
  ],
  invalid: [
    {
      code: quoted,
      errors: [
        {
          message,
          ...at(quoted, '[{"sku"'),
          suggestions: [{ desc: DESC, output: quoted.replace(compact, tsv.replace(/\t/g, '\\t').replace(/\n/g, '\\n')) }],
        },
      ],
    },
    {
      code: template,
      errors: [
        {
          message: `4 records with the same 4 keys as JSON: a TSV table (keys once in a header, one line per record) saves ${perCall(prettySaved, 0.15)} over minified JSON.`,
          ...at(template, '[\n  {'),
          suggestions: [{ desc: DESC, output: template.replace(pretty, tsv) }],
        },
      ],
    },
  ],
});
