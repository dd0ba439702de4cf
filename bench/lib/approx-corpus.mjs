/**
 * The mixed corpus the tokenizer approximation is measured on: categorised samples of 1-4 KB.
 *
 * Real text comes from files TypeScript ships (a pinned root devDependency, so the same bytes on
 * every machine with the same lockfile): English prose from the JSDoc of lib.dom.d.ts and
 * lib.es5.d.ts, Korean, Japanese and Chinese from its localised compiler messages, source code from
 * typescript.js and the lib declarations, JSON from typesMap.json. Prompt-shaped text (markdown
 * prompts with front matter, slots, JSON blocks, English and Korean) and JSON records come from the
 * seeded generators in generate.mjs. Nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promptFile, records } from './generate.mjs';
import { Rng } from './prng.mjs';

const require = createRequire(import.meta.url);

function typescriptDir() {
  try {
    return dirname(require.resolve('typescript/package.json'));
  } catch {
    throw new Error('typescript is not installed (it is a root devDependency): run `npm ci` at the repository root');
  }
}

/** `count` slices of about `size` characters spread evenly over `text`, each starting at a line start. */
function slices(text, count, size) {
  const out = [];
  const step = Math.max(1, Math.floor((text.length - size) / count));
  for (let i = 0; i < count; i++) {
    let start = i * step;
    if (start > 0) start = text.indexOf('\n', start) + 1;
    let end = text.indexOf('\n', start + size);
    if (end < 0) end = text.length;
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
  }
  return out;
}

/** Packs short strings into samples of about `size` characters. */
function pack(items, size, sep) {
  const out = [];
  let cur = '';
  for (const it of items) {
    cur = cur ? cur + sep + it : it;
    if (cur.length >= size) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** The prose of JSDoc comments: `*` gutters, tags and MDN reference links removed. */
function jsdocProse(source) {
  const paragraphs = [];
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const lines = m[1]
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, '').trim())
      .filter((l) => l && !l.startsWith('@') && !l.startsWith('[MDN Reference]'));
    const p = lines.join(' ');
    if (p.length >= 60) paragraphs.push(p);
  }
  return paragraphs;
}

function messages(dir, locale) {
  const json = JSON.parse(readFileSync(join(dir, 'lib', locale, 'diagnosticMessages.generated.json'), 'utf8'));
  return Object.values(json);
}

/** Every second item: keeps the category near the size of the others. */
const everyOther = (xs) => xs.filter((_, i) => i % 2 === 0);

/**
 * The samples, in a fixed order: `{ category, source, text }`.
 * Categories: english, korean, japanese, chinese, code, json, prompts.
 */
export function approximationCorpus() {
  const ts = typescriptDir();
  const version = JSON.parse(readFileSync(join(ts, 'package.json'), 'utf8')).version;
  const read = (f) => readFileSync(join(ts, 'lib', f), 'utf8');
  const samples = [];
  const add = (category, source, texts) => texts.forEach((text) => samples.push({ category, source, text }));

  const prose = [...jsdocProse(read('lib.dom.d.ts')), ...jsdocProse(read('lib.es5.d.ts'))];
  add('english', 'typescript lib.dom.d.ts + lib.es5.d.ts JSDoc', pack(everyOther(everyOther(prose)), 2500, '\n\n').slice(0, 40));

  add('korean', 'typescript lib/ko compiler messages', pack(messages(ts, 'ko'), 2000, ' ').slice(0, 40));
  add('japanese', 'typescript lib/ja compiler messages', pack(messages(ts, 'ja'), 1500, '').slice(0, 40));
  add('chinese', 'typescript lib/zh-cn compiler messages', pack(messages(ts, 'zh-cn'), 1200, '').slice(0, 40));

  add('code', 'typescript lib/typescript.js', slices(read('typescript.js'), 25, 3000));
  add('code', 'typescript lib.es5.d.ts + lib.dom.d.ts', [...slices(read('lib.es5.d.ts'), 8, 3000), ...slices(read('lib.dom.d.ts'), 7, 3000)]);

  const rng = new Rng(0x5eed_a11);
  const pretty = [];
  for (let i = 0; i < 20; i++) pretty.push(JSON.stringify(records(rng, rng.int(5, 20)), null, 2));
  add('json', 'generated records, JSON.stringify(x, null, 2)', pretty);
  const compact = [];
  for (let i = 0; i < 8; i++) compact.push(JSON.stringify(records(rng, rng.int(8, 25))));
  add('json', 'generated records, compact JSON', compact);
  add('json', 'typescript lib/typesMap.json', slices(readFileSync(join(ts, 'lib', 'typesMap.json'), 'utf8'), 12, 2500));

  const prompts = [];
  const kinds = ['prompt-md', 'prompty', 'dotprompt', 'agents'];
  for (let i = 0; i < 40; i++) prompts.push(promptFile(rng, kinds[i % kinds.length], rng.int(800, 4000)));
  add('prompts', 'generated prompt files (front matter, slots, JSON blocks, English and Korean)', prompts);

  return { typescriptVersion: version, samples };
}
