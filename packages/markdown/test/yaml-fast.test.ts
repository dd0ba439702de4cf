/**
 * The fast front matter path is an optimisation, never a change: wherever it accepts a text, the
 * plain value, every key lookup (value, key range, value range) and the request settings read from
 * it are exactly what `yaml` gives; wherever `yaml` reports an error or a non-mapping, it declines.
 * Checked on every fixture's and example's front matter, on generated front matter (seeded, so a
 * failure reproduces) mixing the scalars YAML 1.2 resolves in surprising ways, and on the shapes
 * prompt files use, which it must accept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFrontMatter, parseFrontMatter, parseWithYaml } from '../src/frontmatter.js';
import type { PromptFileKind } from '../src/kind.js';
import { settingsOf } from '../src/settings.js';
import { documentLookup, yaml, YAML_OPTIONS, type FrontMatterDoc } from '../src/yaml-doc.js';
import { parseFastYaml, resolvePlain } from '../src/yaml-fast.js';
import { filesUnder, mulberry32, ROOT } from './helpers.js';

/** A value with what `toEqual` glosses over made visible: -0, NaN, prototypes, own `__proto__`. */
function canon(v: unknown): unknown {
  if (typeof v === 'number') return `number:${Object.is(v, -0) ? '-0' : String(v)}`;
  if (v === null || typeof v !== 'object') return v;
  const proto = Object.getPrototypeOf(v) === Object.prototype ? 'Object' : 'other';
  return { proto, entries: Object.keys(v).map((k) => [k, canon((v as Record<string, unknown>)[k])]) };
}

/** Every key path of a plain value (depth first), for lookups. */
function pathsOf(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (v === null || typeof v !== 'object') return out;
  for (const k of Object.keys(v)) {
    out.push([...prefix, k]);
    pathsOf((v as Record<string, unknown>)[k], [...prefix, k], out);
  }
  return out;
}

const SETTINGS_PATHS = [
  ['model'], ['model', 'id'], ['model', 'name'], ['model', 'model'], ['model', 'configuration', 'model'],
  ['model', 'configuration', 'azure_deployment'], ['model', 'configuration', 'name'], ['model', 'provider'],
  ['model', 'configuration', 'type'], ['max_tokens'], ['max_output_tokens'], ['max_completion_tokens'],
  ['config', 'maxOutputTokens'], ['model', 'parameters', 'max_tokens'], ['model', 'options', 'maxOutputTokens'],
  ['calls_per_day'], ['missing'], ['model', 'missing', 'deeper'], ['name', 'below', 'a', 'scalar'],
];
const KINDS: PromptFileKind[] = ['markdown-prompt', 'prompty', 'dotprompt'];

function lookups(doc: FrontMatterDoc, paths: string[][]): unknown[] {
  return paths.map((p) => {
    const e = doc.get(p);
    return e && { value: canon(e.value), keyRange: e.keyRange, valueRange: e.valueRange };
  });
}

/**
 * Compares the fast path with `yaml` on one front matter text; returns whether the fast path took
 * it. `yaml` is asked for every key path of its own value and the paths settings.ts reads.
 */
function compare(source: string, label: string): boolean {
  const slow = parseWithYaml(source, 0);
  const fast = parseFastYaml(source, () => documentLookup(yaml().parseDocument(source, YAML_OPTIONS)));
  if (!slow.ok) {
    expect(fast, `${label}: yaml says ${slow.message}; the fast path must decline`).toBeUndefined();
    return false;
  }
  if (!fast) return false;
  expect(canon(fast.value), label).toEqual(canon(slow.value));
  const paths = [...pathsOf(slow.value), ...SETTINGS_PATHS];
  expect(lookups(fast.doc, paths), label).toEqual(lookups(slow.doc, paths));
  for (const kind of KINDS) {
    // settingsOf's ranges are document offsets: a base of 4 is the content after "---\n".
    expect(settingsOf(fast.doc, 4, kind), `${label} (${kind})`).toEqual(settingsOf(slow.doc, 4, kind));
  }
  return true;
}

/** Plain scalars the fast path must resolve as `yaml` does (and accept). */
const PLAIN = [
  'gpt-4o', 'claude-sonnet-4-5', 'googleai/gemini-2.5-flash', 'openai', 'chat', 'Generated benchmark prompt', 'x',
  '0', '1', '42', '1024', '-1', '+1', '-0', '+0', '007', '0o17', '0o8', '0O17', '0x1F', '0x1f', '0X1F', '0xG', '1e3', '1E3',
  '1e+3', '1.5e-3', '.5', '5.', '-.5', '+.5', '1.0', '1.50', '0.0', '-0.0', '1_000', '99999999999999999999', '0b101',
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.iNf', '.nan', '.NaN', '.NAN', '-.nan', '1e', '0x', '0o', '.', '..', '+', '+-1',
  '~', 'null', 'Null', 'NULL', 'nUll', 'true', 'True', 'TRUE', 'tRue', 'false', 'False', 'FALSE', 'yes', 'no', 'on', 'off',
  'Yes', 'y', 'n', '2024-01-01', '2024-01-01T10:00:00Z', '12:30', '1:2', 'a:b', 'http://example.com:80/p?q=1#frag',
  "it's", 'say "hi"', 'a, b', 'foo [bar]', 'foo {bar}', 'foo]', 'foo}', 'x#y', 'a-b', '-x', '--x', '-.inf', '=', '<<', 'a -- b',
  '한국어 프롬프트', 'emoji 😀 here', 'nbsp\u00a0here', 'x\u3000y', 'trailing ! & * | >', 'tab\tinside', 'a ? b',
  'price $5', '50%', 'a\\b', 'x ---', 'x ...', '--- x', '---', '...', '...x', '~x', '.x', '\\x', '(x)', '<b>', '/path', '+x',
  '$x', '^x', '=x', '-1 2', '0x1F0x', '1.2.3', '1e3e3', ' 0o7', 'a  b', 'a :b', 'k:v', 'a ,b', 'a{b}c', 'a [b] c',
];
/** Values that are no value at all: a comment after the colon. */
const EMPTY = ['#', '# c', '#: x'];
/** Scalars and forms the fast path declines (some are errors for `yaml`). */
const DECLINED = [
  '"quoted"', "'single'", '"a: b"', '[a, b]', '{a: 1}', '{{model}}', '- item', '-', '|', '>', '|-\n  block', '&anchor x', '*alias',
  '!!str 1', '!tag x', '%x', '@x', '`x`', '? x', ':x', ',x', 'a: b', 'b: c: d', 'x:', 'x: ', 'x\u0085y', 'x\u2028y', 'bom\ufeff',
  'ctl\u0001', 'lone \ud800 surrogate', '{{model}} x',
];
const KEYS = [
  'model', 'name', 'description', 'max_tokens', 'max_output_tokens', 'config', 'maxOutputTokens', 'temperature', 'id', 'provider',
  'configuration', 'type', 'azure_deployment', 'parameters', 'options', 'calls_per_day', 'api', 'sample', 'input', 'schema',
  'context?', 'top-p', 'a.b', 'x/y', 'k$', 'k+', '_x', '1abc', '한국어', 'Ünïcode', '__proto__', 'constructor', 'toString',
  'hasOwnProperty', 'docs(array)', 'tags(array, the tags)', 'a (b)', 'x,y', 'two  spaces', 'end(', 'null', 'Null', 'true', 'TRUE', 'false', '1', '0x1F', '1.5', '.inf', 'yes', '~', 'my key', '-k', '"q"', "'q'",
  '?x', 'a:b', '<<', '&a k', '!t k', '[k]', 'k#', 'x'.repeat(1030),
];
// `yaml` warns on stderr when it turns a collection key into a string: the generator leaves those
// to the hand-written cases.
const GENERATED_KEYS = KEYS.filter((k) => !k.startsWith('['));
const GENERATED_DECLINED = DECLINED.filter((v) => !v.startsWith('{{'));
const COMMENTS = ['# a comment', '#', '#x', '# key: value', '# ---'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** One generated front matter text: a mapping tree, then line-level mutations. */
function generate(r: () => number): string {
  const lines: string[] = [];
  const rootIndent = r() < 0.05 ? 1 + Math.floor(r() * 3) : 0;
  const emit = (indent: number, depth: number): void => {
    const n = 1 + Math.floor(r() * 5);
    const used: string[] = [];
    for (let i = 0; i < n; i++) {
      const pad = ' '.repeat(indent);
      if (r() < 0.08) lines.push(' '.repeat(Math.floor(r() * 6)) + pick(r, COMMENTS));
      if (r() < 0.06) lines.push(r() < 0.5 ? '' : '   ');
      const key = r() < 0.02 && used.length ? pick(r, used) : r() < 0.9 ? pick(r, KEYS.slice(0, 20)) : pick(r, GENERATED_KEYS);
      used.push(key);
      const sep = r() < 0.02 ? ' :' : ':';
      const roll = r();
      if (roll < 0.55) {
        const v = r() < 0.95 ? pick(r, PLAIN) : r() < 0.7 ? pick(r, GENERATED_DECLINED) : pick(r, EMPTY);
        const tail = r() < 0.1 ? ' # trailing' : r() < 0.1 ? '   ' : r() < 0.03 ? '#notacomment' : '';
        const gap = r() < 0.1 ? '   ' : ' ';
        lines.push(`${pad}${key}${sep}${gap}${v}${tail}`);
        if (r() < 0.03) lines.push(`${pad}  continued plain line`);
        if (r() < 0.02) lines.push(`${pad}  nested: under a scalar`);
      } else if (roll < 0.85 && depth < 3) {
        lines.push(`${pad}${key}${sep}${r() < 0.1 ? ' # opens a map' : r() < 0.05 ? '  ' : ''}`);
        if (r() < 0.05) lines.push(`${pad}- a sequence item`);
        const step = r() < 0.9 ? 2 : 1 + Math.floor(r() * 4);
        emit(indent + step, depth + 1);
        if (r() < 0.04) lines.push(`${' '.repeat(indent + 1)}odd: indentation`);
      } else {
        lines.push(`${pad}${key}${sep}${r() < 0.15 ? '   # empty' : r() < 0.1 ? '  ' : ''}`);
      }
    }
  };
  emit(rootIndent, 0);
  if (r() < 0.03) lines.splice(Math.floor(r() * lines.length), 0, pick(r, ['---', '...', '%YAML 1.2', '--- x', '... x']));
  if (r() < 0.03) lines.push(pick(r, ['- item', '? complex', ': value', 'plain scalar at the end', '{a: 1}']));
  if (r() < 0.03) {
    const k = Math.floor(r() * lines.length);
    lines[k] = lines[k]!.replace(/^ */, (s) => '\t' + s.slice(1));
  }
  let text = lines.join('\n') + (r() < 0.85 ? '\n' : '');
  if (r() < 0.2) text = text.replace(/\n/g, '\r\n');
  else if (r() < 0.02) text = text.replace(/\n/, '\r');
  return text;
}

describe('resolvePlain', () => {
  it('resolves scalars as the YAML 1.2 core schema does (values written out by hand)', () => {
    const cases: [string, unknown][] = [
      ['', null], ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nUll', 'nUll'],
      ['true', true], ['True', true], ['TRUE', true], ['tRue', 'tRue'], ['false', false], ['FALSE', false],
      ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['off', 'off'],
      ['0o17', 15], ['0o8', '0o8'], ['0x1F', 31], ['0X1F', '0X1F'], ['007', 7], ['+1', 1], ['1_000', '1_000'],
      ['1e3', 1000], ['1.5e-3', 0.0015], ['.5', 0.5], ['5.', 5], ['-.5', -0.5], ['1.50', 1.5],
      ['.inf', Infinity], ['-.inf', -Infinity], ['.Inf', Infinity], ['.iNf', '.iNf'], ['2024-01-01', '2024-01-01'],
      ['12:30', '12:30'], ['gpt-4o', 'gpt-4o'],
    ];
    for (const [text, value] of cases) expect(resolvePlain(text), text).toEqual(value);
    expect(Object.is(resolvePlain('-0'), -0)).toBe(true);
    expect(Number.isNaN(resolvePlain('.nan'))).toBe(true);
  });
});

describe('fast front matter path = yaml', () => {
  it('on every fixture and example with front matter', () => {
    const files = [...filesUnder(join(ROOT, 'fixtures/prompts')), ...filesUnder(join(ROOT, 'examples'))];
    let withFrontMatter = 0;
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const block = findFrontMatter(text);
      if (!block) continue;
      withFrontMatter++;
      if (compare(text.slice(block.content[0], block.content[1]), file)) taken++;
    }
    expect(withFrontMatter).toBeGreaterThan(20);
    // Most fixtures use the common shapes; the rest are there to exercise quotes, lists and errors.
    expect(taken / withFrontMatter).toBeGreaterThan(0.5);
  });

  it('on generated front matter, taking most of it, with every plain scalar seen on the fast path', () => {
    // YAML_FAST_SEED / YAML_FAST_N explore further (the defaults are what CI runs).
    const r = mulberry32(Number(process.env.YAML_FAST_SEED ?? 20261128));
    let taken = 0;
    const N = Number(process.env.YAML_FAST_N ?? 4000);
    const seen = new Set<string>();
    const seenKeys = new Set<string>();
    for (let i = 0; i < N; i++) {
      const text = generate(r);
      if (compare(text, `generated #${i}: ${JSON.stringify(text)}`)) {
        taken++;
        for (const v of PLAIN) if (text.includes(`: ${v}\n`) || text.includes(`: ${v}\r\n`)) seen.add(v);
        for (const p of pathsOf(parseFastYaml(text, () => { throw new Error('no lookups'); })!.value)) seenKeys.add(p[p.length - 1]!);
      }
    }
    expect(taken / N).toBeGreaterThan(0.3);
    // Every plain scalar the generator offers was compared on the fast path at least once (but the
    // tab, which the fast path always leaves to yaml).
    expect(PLAIN.filter((v) => !seen.has(v) && !v.includes('\t'))).toEqual([]);
    // And every key shape it should take (the others read as null, booleans or numbers, have
    // characters it leaves to yaml, or are too long for an implicit key).
    const keyShapes = GENERATED_KEYS.filter((k) => /^[\p{L}\p{N}_]/u.test(k) && !/[ :#!&]$|  |[:#!&<>"']/u.test(k) && k.length < 1000);
    expect(keyShapes.filter((k) => resolvePlain(k) !== k)).toEqual(['null', 'Null', 'true', 'TRUE', 'false', '1', '0x1F', '1.5']);
    expect(keyShapes.filter((k) => resolvePlain(k) === k && !seenKeys.has(k))).toEqual([]);
  });

  it('declines what it cannot be sure of, and yaml still parses it', () => {
    for (const v of DECLINED) {
      const source = `model: gpt-4o\nx: ${v}\n`;
      expect(parseFastYaml(source, () => { throw new Error('no lookups'); }), JSON.stringify(source)).toBeUndefined();
      compare(source, JSON.stringify(source));
    }
    const texts = [
      'a: 1\na: 2\n', // duplicate key: yaml's error
      'a:\n  b: 1\n  b: 2\n',
      'a: one\n  two\n', // multi-line plain scalar
      'a:\n  b: 1\n c: 2\n', // indentation between levels
      'a: 1\n\tb: 2\n', // tab
      'a: 1\r b: 2\n', // lone CR
      '- a\n- b\n', // sequence
      'just a scalar\n',
      'null: x\n',
      '1: x\n',
      '? a\n: b\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      `${'k'.repeat(1030)}: v\n`,
    ];
    for (const t of texts) {
      expect(parseFastYaml(t, () => { throw new Error('no lookups'); }), JSON.stringify(t)).toBeUndefined();
      compare(t, JSON.stringify(t));
    }
  });

  it('accepts the shapes prompt files use', () => {
    const shapes = [
      // Prompty
      'name: invoice-extractor\ndescription: Extracts invoice lines\nauthors:\n  - someone\nmodel:\n  api: chat\n',
      'name: invoice-extractor\ndescription: Extracts invoice lines\nmodel:\n  api: chat\n  configuration:\n    type: azure_openai\n    azure_deployment: gpt-4o\n  parameters:\n    max_tokens: 512\n    temperature: 0.2\nsample:\n  question: What is the total?\n',
      // Prompty, newer schema
      'name: x\nmodel:\n  id: gpt-4o-mini\n  provider: openai\n  options:\n    maxOutputTokens: 800\n',
      // dotprompt
      'model: googleai/gemini-2.5-flash\nconfig:\n  temperature: 0.4\n  maxOutputTokens: 1024\ninput:\n  schema:\n    question: string\n    context?: string\n',
      // a flat mapping, with comments, blank lines and CRLF
      'model: claude-sonnet-4-5   # the default\r\nmax_tokens: 1024\r\n\r\n# how often it runs\r\ncalls_per_day: 5000\r\n',
      // empty and comment-only front matter
      '',
      '# nothing yet\n',
    ];
    for (const s of shapes.slice(1)) expect(compare(s, JSON.stringify(s)), JSON.stringify(s)).toBe(true);
    expect(parseFastYaml(shapes[0]!, () => documentLookup(yaml().parseDocument(shapes[0]!))), 'a list is left to yaml').toBeUndefined();
  });

  it('gives values and ranges counted by hand', () => {
    const source = 'model:\n  name: gpt-4o   # default\n  empty:  # none\nmax_tokens: 0x10\n';
    const fast = parseFastYaml(source, () => documentLookup(yaml().parseDocument(source, YAML_OPTIONS)))!;
    const at = (s: string): number => source.indexOf(s);
    expect(fast.value).toEqual({ model: { name: 'gpt-4o', empty: null }, max_tokens: 16 });
    expect(fast.doc.get(['model', 'name'])).toEqual({ value: 'gpt-4o', keyRange: [9, 13], valueRange: [15, 21] });
    expect([at('name'), at('gpt-4o')]).toEqual([9, 15]);
    // an empty value sits after the colon and its spaces, where the comment starts
    expect(fast.doc.get(['model', 'empty'])).toEqual({ value: null, keyRange: [at('empty'), at('empty') + 5], valueRange: [at('# none'), at('# none')] });
    expect(fast.doc.get(['max_tokens'])).toEqual({ value: 16, keyRange: [at('max_tokens'), at('max_tokens') + 10], valueRange: [at('0x10'), at('0x10') + 4] });
    // a mapping's range comes from yaml: from its first key to the end of its last entry, which for
    // an empty value runs to the next, less indented key
    expect(fast.doc.get(['model'])!.valueRange).toEqual([at('name'), at('max_tokens')]);
    expect(fast.doc.get(['model', 'name', 'x'])).toBeUndefined();
  });

  it('parseFrontMatter answers through the fast path with the same lookups as yaml', () => {
    const text = '---\nmodel: gpt-4o\nmax_tokens: 256\n---\nHello\n';
    const block = findFrontMatter(text)!;
    const viaFront = parseFrontMatter(text, block);
    const viaYaml = parseWithYaml(text.slice(block.content[0], block.content[1]), block.content[0]);
    expect(viaFront.ok && viaYaml.ok).toBe(true);
    if (!viaFront.ok || !viaYaml.ok) return;
    expect(viaFront.value).toEqual({ model: 'gpt-4o', max_tokens: 256 });
    expect(settingsOf(viaFront.doc, 4, 'markdown-prompt')).toEqual(settingsOf(viaYaml.doc, 4, 'markdown-prompt'));
  });
});
