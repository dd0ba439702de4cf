/**
 * require-length-limit on code: a prompt asking for open-ended length with no stated bound and no
 * tight output limit. Worst case: the model's maximum output (gpt-4o 16,384) minus a bounded answer
 * (1,000 tokens, the rule's default) x the output price ($10/1M), by hand.
 */
import { formatUsd } from '@promptlint/core';
import { at, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const code = `import OpenAI from 'openai';
const client = new OpenAI();
export const summarise = (book: string) =>
  client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: \`Summarise this book in detail:
\${book}\` }] });`;

const korean = `import { GoogleGenAI } from '@google/genai';
const ai = new GoogleGenAI({});
ai.models.generateContent({ model: 'gemini-2.5-flash', contents: '이 문서를 자세히 설명해 주세요.', config: { maxOutputTokens: 8192 } });`;

run('require-length-limit', {
  valid: [
    // a tight limit (500) is a bound on every SDK
    ...cleanOn({ system: "'Explain every step in detail.'", user: 'question' }),
    ...cleanOn({ system: "'Explain every step in detail, in at most 200 words.'", user: 'question', limit: 4000 }),
    // a stated bound
    `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Explain caching in detail, in under 300 words.' }] });`,
    // a tight output limit is a bound
    `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 600, messages: [{ role: 'user', content: 'Explain caching in detail.' }] });`,
    // a limit we cannot see may be a bound
    `import OpenAI from 'openai'; export const f = (o: object) => new OpenAI().chat.completions.create({ model: 'gpt-4o', ...o, messages: [{ role: 'user', content: 'Explain caching in detail.' }] });`,
    // negated
    `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Do not go into detail.' }] });`,
    // not a prompt
    `console.log('Explain caching in detail.');`,
  ],
  invalid: [
    // a loose limit (4,000 > maxBoundedOutput 2,000) is not: 4,000 - 1,000 output tokens at worst
    ...flaggedOn({ system: "'Explain every step in detail.'", user: 'question', limit: 4000 }, (_sdk, c) => [
      { message: /^"in detail" asks for open-ended length and the prompt states no bound: .*~3,000 output tokens\/call more than a bounded answer/, ...at(c, 'in detail') },
    ]),
    {
      code,
      errors: [
        {
          message: `"in detail" asks for open-ended length and the prompt states no bound: say how long ("in 500 words", "5 bullet points", "500단어 이내"); worst case costs ~15,384 output tokens/call more than a bounded answer, ~${formatUsd(((16384 - 1000) * 10) / 1e6)}/call.`,
          ...at(code, 'in detail'),
        },
      ],
    },
    {
      // gemini-2.5-flash: the limit 8,192 - 1,000 = 7,192 output tokens x $2.50/1M
      code: korean,
      errors: [{ message: new RegExp(`^"자세히" asks for open-ended length .*~7,192 output tokens/call more than a bounded answer, ~\\${formatUsd((7192 * 2.5) / 1e6)}/call\\.$`), ...at(korean, '자세히') }],
    },
  ],
});
