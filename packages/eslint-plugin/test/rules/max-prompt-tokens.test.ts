/**
 * max-prompt-tokens on code: a request whose static text is over the budget (counted here with
 * o200k_base) or over the model's context window.
 */
import { bpeCounter, formatTokens } from '@promptlint/core';
import { at, longRules, o200k, perCall, re, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const RULES = longRules(200);
const total = o200k.count(RULES);
const code = `import OpenAI from 'openai';
const client = new OpenAI();
const SYSTEM = ${JSON.stringify(RULES)};
export const ask = (q: string) => client.chat.completions.create({ model: 'gpt-4o', max_tokens: 500, messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: q }] });`;

// gpt-4 (cl100k_base) has an 8,192-token context window: 1,000 rules do not fit
const HUGE = longRules(1000);
const gpt4Total = bpeCounter('cl100k_base').count(HUGE);
const tooBig = `import OpenAI from 'openai';
new OpenAI().chat.completions.create({ model: 'gpt-4', max_tokens: 500, messages: [{ role: 'user', content: ${JSON.stringify(HUGE)} }] });`;

run('max-prompt-tokens', {
  valid: [
    ...cleanOn({ system: JSON.stringify(RULES), user: 'question' }),
    { code, options: [{ budget: total }] },
    { code, options: [{ budget: 0 }] },
    code, // under the default budget of 8,000
  ],
  invalid: [
    ...flaggedOn({ system: JSON.stringify(RULES), user: 'question' }, [{ message: /^This prompt is at least [\d,]+ input tokens \(dynamic slots not counted\), [\d,]+ over its budget of 1,000/ }], { options: [{ budget: 1000 }] }),
    {
      code,
      options: [{ budget: 1000 }],
      errors: [
        {
          message: new RegExp(`^This prompt is at least ${formatTokens(total)} input tokens \\(dynamic slots not counted\\), ${formatTokens(total - 1000)} over its budget of 1,000: .*; getting down to the budget saves ${re(perCall(total - 1000, 2.5))}\\.$`),
          ...at(code, 'client.chat.completions.create'),
        },
      ],
    },
    {
      code: tooBig,
      errors: [
        {
          // gpt-4 counts with cl100k_base; input 8,192 context - the excess is priced at $30/1M
          message: new RegExp(`^${formatTokens(gpt4Total)} input tokens \\+ 500 output tokens \\(\`max_tokens\`\\) exceed gpt-4's context window of 8,192: the request cannot be sent as is.*cutting the excess saves ${re(perCall(gpt4Total + 500 - 8192, 30))}\\.$`),
        },
      ],
    },
  ],
});
