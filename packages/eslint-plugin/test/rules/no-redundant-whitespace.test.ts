/**
 * no-redundant-whitespace on code: runs of spaces, trailing whitespace and piles of blank lines inside
 * prompt strings and templates, fixed in place (exact parts only). Savings are counted here, line by
 * line, with o200k_base; indentation of template lines is left alone.
 */
import { expect } from 'vitest';
import { at, o200k, perCall, run } from './helpers.js';
import { cleanOn, flaggedOn } from './sdk-matrix.js';

const runLine = 'Answer briefly.            Use simple words.';
const runFixed = 'Answer briefly. Use simple words.';
const runSaved = o200k.count(runLine) - o200k.count(runFixed);

const runCode = `import OpenAI from 'openai';
const client = new OpenAI();
client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: '${runLine}' }] });`;

// a pile of blank lines in a template (the line before ends with "\n": counted with it, as the rule does)
const pileCode = `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
const SYSTEM = \`Rules:
  
  
  
  
Be brief.\`;
anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, system: SYSTEM, messages: [] });`;
const pileSaved = Math.round(o200k.count('\n  \n  \n  \n  \n') * 1.22) - Math.round(o200k.count('\n\n') * 1.22);

const trailingLine = 'Reply in JSON.';
const trailingCode = `const OpenAI = require('openai');
const client = new OpenAI();
client.responses.create({ model: 'gpt-4o', max_output_tokens: 50, instructions: \`${trailingLine}          \nNo prose.\`, input: 'x' });`;
const trailingSaved = o200k.count(`${trailingLine}          \n`) - o200k.count(`${trailingLine}\n`);

expect(runSaved).toBeGreaterThan(0);
expect(pileSaved).toBeGreaterThan(0);
expect(trailingSaved).toBeGreaterThan(0);

run('no-redundant-whitespace', {
  valid: [
    ...cleanOn({ system: `'${runFixed}'`, user: 'question' }),
    // indentation of template lines is not redundant
    `import OpenAI from 'openai';
const client = new OpenAI();
client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'system', content: \`Rules:
  - Be brief.
  - Be kind.\` }] });`,
    // the same whitespace in a string that is not a prompt
    `const banner = '${runLine}'; console.log(banner);`,
  ],
  invalid: [
    ...flaggedOn({ system: `'${runLine}'`, user: 'question' }, (_sdk, c) => [{ message: /^Redundant whitespace, a run of spaces: collapse it; saves ~\d+ input tokens?\/call/, ...at(c, '            Use') }], {
      output: (c) => c.replace(runLine, runFixed),
    }),
    {
      code: runCode,
      output: runCode.replace(runLine, runFixed),
      errors: [{ message: `Redundant whitespace, a run of spaces: collapse it; saves ${perCall(runSaved, 2.5)}.`, ...at(runCode, '            Use') }],
    },
    {
      code: pileCode,
      output: pileCode.replace('Rules:\n  \n  \n  \n  \nBe', 'Rules:\n\nBe'),
      // claude-haiku-4-5 input: $1 per 1M tokens
      errors: [{ message: `Redundant whitespace, 4 blank lines in a row: keep one; saves ${perCall(pileSaved, 1)}.`, line: 4, column: 1 }],
    },
    {
      code: trailingCode,
      filename: 'file.js',
      output: trailingCode.replace(`${trailingLine}          `, trailingLine),
      errors: [{ message: `Redundant whitespace, trailing whitespace: remove it; saves ${perCall(trailingSaved, 2.5)}.`, ...at(trailingCode, '          \n') }],
    },
    {
      // escapes make the string inexact: reported on the whole string, no fix
      code: `import OpenAI from 'openai';\nnew OpenAI().chat.completions.create({ model: 'gpt-4o', max_tokens: 5, messages: [{ role: 'user', content: 'Q:\\t${runLine}' }] });`,
      errors: [{ message: /^Redundant whitespace on 1 line of this text/ }],
    },
  ],
});
