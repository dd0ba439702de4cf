/**
 * Property tests of the markdown front end (fast-check, fixed seeds): for any input - arbitrary
 * unicode (lone surrogates included), markdown-ish fragments, random front matter, any line ends -
 * `parsePromptFile` never throws and returns either a document whose model keeps its promises
 * (ranges inside the text, exact parts equal to their slice of the text) and whose findings, with
 * every rule on, lie inside the file; or a clean `ok: false` diagnostic: one line, a position inside
 * the file, and not an internal error caught on the way out.
 */
import { Engine, presetRules, rules, type PromptDocument, type Range } from '@promptlint/core';
import { parsePromptFile, type PromptFileKind } from '@promptlint/markdown';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectInside } from './helpers.js';

const T = { timeout: 300_000 };
/** Fixed seeds and 400 runs each; FC_RUNS and FC_SEED widen a local bug hunt. */
const RUNS = Number(process.env.FC_RUNS ?? 400);
const seed = (s: number): number => (process.env.FC_SEED ? Number(process.env.FC_SEED) + s : s);
const engine = new Engine({ rules: presetRules('all'), defaultModel: 'gpt-4o', callsPerDay: 1000 }, rules);
const KINDS: { kind: PromptFileKind; path: string }[] = [
  { kind: 'markdown-prompt', path: 'prompts/p.prompt.md' },
  { kind: 'prompty', path: 'p.prompty' },
  { kind: 'dotprompt', path: 'p.prompt' },
  { kind: 'vscode-prompt', path: '.github/prompts/p.prompt.md' },
  { kind: 'agent-instructions', path: 'AGENTS.md' },
  { kind: 'markdown-prompt', path: 'prompts/p.txt' },
];

function expectRange(range: Range | undefined, text: string, what: string): void {
  if (!range) return;
  expect(Number.isInteger(range[0]) && Number.isInteger(range[1]), what).toBe(true);
  expect(range[0], what).toBeGreaterThanOrEqual(0);
  expect(range[1], what).toBeGreaterThanOrEqual(range[0]);
  expect(range[1], what).toBeLessThanOrEqual(text.length);
}

/** The prompt model's own contract (core/src/model.ts). */
function expectModelContract(doc: PromptDocument): void {
  const { text } = doc;
  for (const d of doc.directives ?? []) expectRange(d.range, text, 'directive');
  for (const r of doc.requests) {
    expectRange(r.range, text, 'request');
    if (r.model && 'value' in r.model) expect(typeof r.model.value).toBe('string');
    if (r.outputLimit?.state === 'set') expect(typeof r.outputLimit.value).toBe('number');
    if (r.callsPerDay !== undefined) expect(Number.isFinite(r.callsPerDay) && r.callsPerDay >= 0, `callsPerDay ${r.callsPerDay}`).toBe(true);
    for (const m of r.messages) {
      expectRange(m.range, text, 'message');
      for (const p of m.parts) {
        expectRange(p.range, text, `${p.type} part`);
        if (p.type === 'static' && p.exact && p.range) expect(text.slice(p.range[0], p.range[1]), 'an exact part is its slice of the text').toBe(p.text);
      }
    }
  }
}

/** The whole property for one input. */
function check(source: string, kindIndex: number): void {
  const { kind, path } = KINDS[kindIndex % KINDS.length]!;
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const parsed = parsePromptFile(source, { path, kind });
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.length).toBeGreaterThan(0);
    expect(message, 'an internal error was caught and reported as a parse error').not.toMatch(/could not read this prompt file/);
    expectInside([{ line, column, endLine: line, endColumn: column }], text);
    return;
  }
  expect(parsed.document.text).toBe(text);
  expectModelContract(parsed.document);
  const findings = engine.lint(parsed.document);
  expectInside(findings, text);
  for (const f of findings) {
    expectRange(f.range, text, `${f.ruleId} range`);
    if (f.fix) expectRange(f.fix.range, text, `${f.ruleId} fix`);
    for (const s of f.suggestions ?? []) expectRange(s.fix.range, text, `${f.ruleId} suggestion`);
    expect(f.message).not.toMatch(/undefined|NaN|\[object Object\]/);
    const s = f.savings;
    for (const v of [s.tokens, s.usdPerCall, s.usdPerMonth]) if (v !== null) expect(Number.isFinite(v) && v >= 0, `${f.ruleId} savings ${JSON.stringify(s)}`).toBe(true);
  }
}

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const FRAGMENTS = [
  '---\n', '---\r\n', '# ', '## System\n', '### user\n', 'system:\n', 'user:\n', 'assistant:\n', '> ', '>>>', '- ', '* ', '1. ', '\t',
  '```', '```json\n', '~~~\n', '    ', '   ', '  \n', '\n', '\r\n', '\r', '\n\n\n\n', '{', '}', '{{', '}}', '{{ user_name }}', '{{#each items}}',
  '{% raw %}', '{% endraw %}', '${input:topic}', '$today', '{today}', '{{today}}', '<!-- promptlint-disable -->',
  '<!-- promptlint-disable-next-line no-redundant-whitespace -->', '<!-- promptlint-enable -->', '<!--', '-->', '<div>', '</div>',
  '[link](http://x)', '![img](a.png)', '|a|b|\n|-|-|\n|1|2|\n', '***', '___', '\\', '`', '"', "'", ':', ',', '[', ']',
  '{\n    "name": "Hong",\n    "age": 30\n}\n', '[{"a":1,"b":2},{"a":3,"b":4},{"a":5,"b":6}]', 'in detail', '자세히', 'The user asked the following question:',
  'Please note that', '\u00a0', '\u3000', '\ufeff', '\u200b', '\u0000', '\ud800', '\udc00', '😀', '가나다', 'é', 'model: gpt-4o\n', 'max_tokens: 50\n',
];

const fragmentText = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((xs) => xs.join(''));

const yamlScalar = fc.oneof(
  fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash', 'gpt-17', '', '~', 'null', '.nan', '.inf', '-.inf', '0', '-1', '1e400', '500', '"500"', '[unclosed', '{a: 1}', '[1, 2]', '&a x', '*a', '!!binary aGk=', '? x', '|', '>', "'quoted'", '"esc\\u0000aped"'),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ maxLength: 8 }),
);
const yamlKey = fc.constantFrom('model', 'name', 'max_tokens', 'maxOutputTokens', 'max_completion_tokens', 'callsPerDay', 'calls_per_day', 'provider', 'config', 'parameters', 'inputs', 'description', 'x');
const yamlLine = fc.tuple(fc.nat({ max: 6 }), yamlKey, yamlScalar).map(([indent, k, v]) => `${' '.repeat(indent)}${k}: ${v}`);
const frontMatter = fc.oneof(
  fc.array(yamlLine, { maxLength: 8 }).map((ls) => ls.join('\n')),
  fc.constantFrom('model:\n  api: chat\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 100', 'config:\n  maxOutputTokens: 64', '- a\n- b', 'just text', '42', '', 'a: [1, 2', 'a: b: c'),
);

const promptFile = fc
  .tuple(fc.option(frontMatter, { nil: undefined }), fragmentText, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([fm, body, eol, bom]) => {
    const text = fm === undefined ? body : `---\n${fm}\n---\n${body}`;
    return `${bom ? '\ufeff' : ''}${text.replace(/\r\n|\r|\n/g, eol)}`;
  });

describe('the markdown front end never throws and keeps its positions inside the file', T, () => {
  it('arbitrary unicode strings (lone surrogates, NUL, controls)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: codeUnit, maxLength: 200 })), fc.nat(), (s, k) => check(s, k)),
      { seed: seed(20261128), numRuns: RUNS },
    );
  });

  it('markdown-ish fragments', () => {
    fc.assert(fc.property(fragmentText, fc.nat(), (s, k) => check(s, k)), { seed: seed(42), numRuns: RUNS });
  });

  it('random front matter over random bodies, any line ends, with or without a BOM', () => {
    fc.assert(fc.property(promptFile, fc.nat(), (s, k) => check(s, k)), { seed: seed(7), numRuns: RUNS });
  });
});
