/**
 * no-filler-phrases on code: wordy framing inside prompt strings, with a suggestion (never an
 * autofix: wording may matter). Savings: the line's tokens minus the line with the short form,
 * counted here with o200k_base.
 */
import { at, o200k, perCall, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const framing = 'The user asked the following question: ';
const framingCode = `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = (question: string) =>
  client.chat.completions.create({ model: 'gpt-4o', max_tokens: 200, messages: [{ role: 'user', content: \`${framing}\${question}\` }] });`;
const framingSaved = o200k.count(framing) - o200k.count('Q: ');

const noteLine = 'Please note that answers must cite the policy.';
const noteCode = `import { generateText } from 'ai';
import { anthropic } from '@ai-sdk/anthropic';
generateText({ model: anthropic('claude-haiku-4-5'), maxOutputTokens: 100, system: '${noteLine}', prompt: 'Hi' });`;

run('no-filler-phrases', {
  valid: [
    ...cleanOn({ system: "'Answer briefly.'", user: '`Q: ${question}`' }),
    `import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: 'Q: what is 2+2?' }] });`,
    // the phrase in a string that is not a prompt
    `console.log('${framing}');`,
  ],
  invalid: [
    ...flaggedOn({ system: "'Answer briefly.'", user: `\`${framing}\${question}\`` }, (_sdk, c) => [
      {
        message: /^Filler phrase "The user asked the following question:": write "Q:"; saves ~\d+ input tokens?\/call/,
        ...at(c, 'The user asked'),
        suggestions: [{ desc: 'Replace "The user asked the following question:" with "Q:".', output: c.replace('The user asked the following question:', 'Q:') }],
      },
    ]),
    {
      code: framingCode,
      errors: [
        {
          message: `Filler phrase "The user asked the following question:": write "Q:"; saves ${perCall(framingSaved, 2.5)}.`,
          ...at(framingCode, 'The user asked'),
          suggestions: [
            {
              desc: 'Replace "The user asked the following question:" with "Q:".',
              output: framingCode.replace('The user asked the following question:', 'Q:'),
            },
          ],
        },
      ],
    },
    {
      code: noteCode,
      errors: [
        {
          message: /^Filler phrase "Please note that": drop it; saves ~\d+ input tokens?\/call/,
          ...at(noteCode, 'Please note that'),
          suggestions: [{ desc: 'Remove "Please note that".', output: noteCode.replace('Please note that answers', 'Answers') }],
        },
      ],
    },
  ],
});
