/**
 * Deterministic generators of prompt text and prompt files (markdown prompts, Prompty, dotprompt,
 * agent instruction files) with what real ones carry: YAML front matter, template slots `{{x}}`,
 * pretty-printed JSON blocks, runs of whitespace, English and Korean text.
 */
import { Rng } from './prng.mjs';
import { CHINESE, CITIES, ENGLISH, FILLER, JAPANESE, KOREAN, KOREAN_NAMES, NAMES, OPEN_LENGTH, PRODUCTS, SLOTS } from './phrases.mjs';

const LANGS = { en: ENGLISH, ko: KOREAN, ja: JAPANESE, zh: CHINESE };

/** A paragraph of `n` sentences in one language (`ja`/`zh` join without spaces, as written). */
export function paragraph(rng, lang, n) {
  const sentences = rng.sample(LANGS[lang], n);
  return sentences.join(lang === 'ja' || lang === 'zh' ? '' : ' ');
}

/** Uniform records, the shape `prefer-compact-data` looks for. */
export function records(rng, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const korean = rng.chance(0.4);
    out.push({
      id: 1000 + rng.int(0, 8999),
      name: korean ? rng.pick(KOREAN_NAMES) : rng.pick(NAMES),
      email: `user${rng.int(1, 9999)}@example.com`,
      age: rng.int(18, 80),
      city: rng.pick(CITIES),
      product: rng.pick(PRODUCTS),
      rating: rng.int(1, 5),
      verified: rng.chance(0.7),
    });
  }
  return out;
}

/** A fenced JSON block, pretty-printed the way `JSON.stringify(x, null, 2)` writes it. */
export function jsonBlock(rng, n) {
  return '```json\n' + JSON.stringify(records(rng, n), null, 2) + '\n```';
}

function slot(rng) {
  const group = rng.pick(['volatile', 'stable', 'input', 'input']);
  return `{{${rng.pick(SLOTS[group])}}}`;
}

/** One block of a prompt body (a heading, a paragraph, a list, a JSON block, noise). */
function block(rng, maxBytes) {
  const lang = rng.chance(0.45) ? 'ko' : 'en';
  const r = rng.next();
  if (r < 0.12) return `## ${lang === 'ko' ? rng.pick(['규칙', '출력 형식', '예시', '문맥', '도구']) : rng.pick(['Rules', 'Output format', 'Examples', 'Context', 'Tools'])}`;
  if (r < 0.42) return paragraph(rng, lang, rng.int(1, 4));
  if (r < 0.6) {
    const items = rng.sample(lang === 'ko' ? KOREAN : ENGLISH, rng.int(2, 5));
    return items.map((s) => `- ${s}`).join('\n');
  }
  if (r < 0.7) {
    // ~190 bytes per pretty-printed record
    const n = Math.max(1, Math.min(rng.int(2, 12), Math.floor(maxBytes / 190)));
    return jsonBlock(rng, n);
  }
  if (r < 0.8) return `${rng.pick(FILLER)} ${slot(rng)}`;
  if (r < 0.86) return rng.pick(OPEN_LENGTH);
  if (r < 0.93) {
    // runs of whitespace: double spaces, trailing spaces, piles of blank lines
    const s = paragraph(rng, lang, 2).replace(/ /g, () => (rng.chance(0.3) ? '   ' : ' '));
    return `${s}${' '.repeat(rng.int(1, 6))}\n\n\n\n`;
  }
  return `${lang === 'ko' ? '사용자 질문:' : 'Question:'} ${slot(rng)}\n${lang === 'ko' ? '참고 문서:' : 'Context:'} ${slot(rng)}`;
}

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'claude-sonnet-4-5', 'claude-3-7-sonnet', 'gemini-2.5-flash'];

function frontMatter(rng, kind) {
  const model = rng.pick(MODELS);
  const limit = rng.chance(0.6) ? rng.pick([256, 500, 1024, 4096]) : undefined;
  if (kind === 'prompty') {
    return [
      '---',
      `name: ${rng.pick(['support-answer', 'review-classifier', 'invoice-extractor', 'translator'])}`,
      'description: Generated benchmark prompt',
      'model:',
      '  api: chat',
      '  configuration:',
      '    type: openai',
      `    name: ${model}`,
      ...(limit ? ['  parameters:', `    max_tokens: ${limit}`] : []),
      'sample:',
      `  question: ${rng.pick(ENGLISH)}`,
      '---',
    ].join('\n');
  }
  if (kind === 'dotprompt') {
    return [
      '---',
      `model: googleai/${rng.pick(['gemini-2.5-flash', 'gemini-2.5-pro'])}`,
      ...(limit ? ['config:', `  maxOutputTokens: ${limit}`, '  temperature: 0.2'] : []),
      'input:',
      '  schema:',
      '    question: string',
      '    context?: string',
      '---',
    ].join('\n');
  }
  return [
    '---',
    `description: ${rng.pick(ENGLISH)}`,
    `model: ${model}`,
    ...(limit ? [`max_tokens: ${limit}`] : []),
    ...(rng.chance(0.3) ? [`calls_per_day: ${rng.pick([100, 1000, 50000])}`] : []),
    '---',
  ].join('\n');
}

/**
 * One prompt file of about `targetBytes` UTF-8 bytes (within one block of it).
 * Kinds: `prompt-md` (prompts/*.prompt.md), `prompty`, `dotprompt` (.prompt), `agents` (AGENTS.md).
 */
export function promptFile(rng, kind, targetBytes) {
  const parts = [];
  let bytes = 0;
  const push = (s) => {
    parts.push(s);
    bytes += Buffer.byteLength(s) + 2;
  };
  if (kind === 'agents') {
    push(`# ${rng.pick(['AGENTS.md', 'Project instructions', 'Contributor guide for agents'])}`);
  } else {
    push(frontMatter(rng, kind));
  }
  if (kind === 'prompty') push('system:');
  if (kind === 'dotprompt') push('{{role "system"}}');
  let userTurn = false;
  while (bytes < targetBytes) {
    if (!userTurn && kind !== 'agents' && bytes > targetBytes * 0.7) {
      push(kind === 'prompty' ? 'user:' : kind === 'dotprompt' ? '{{role "user"}}' : '## User');
      push(`{{${rng.pick(SLOTS.input)}}}`);
      userTurn = true;
      continue;
    }
    push(block(rng, targetBytes - bytes));
  }
  return parts.join('\n\n') + '\n';
}

/** A long prompt-like text of about `bytes` bytes (for the tokenizer throughput bench). */
export function mixedText(seed, bytes) {
  const rng = new Rng(seed);
  const chunks = [];
  let total = 0;
  while (total < bytes) {
    const kind = rng.pick(['prompt-md', 'prompty', 'dotprompt', 'agents']);
    const s = promptFile(rng, kind, rng.logUniform(500, 20_000));
    chunks.push(s);
    total += Buffer.byteLength(s);
  }
  return chunks;
}

const NOT_CJK = /[^\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/gu;

/**
 * `chars` characters of Korean, Japanese and Chinese letters with no space, punctuation or Latin
 * letter: one pre-tokenizer piece for o200k_base, the case where BPE ports that merge naively go
 * quadratic.
 */
export function cjkNoSpaces(seed, chars) {
  const rng = new Rng(seed);
  let s = '';
  while (s.length < chars) s += rng.pick([...KOREAN, ...JAPANESE, ...CHINESE]).replace(NOT_CJK, '');
  return s.slice(0, chars);
}

/** A base64 blob of `bytes` characters without line breaks (an image pasted into a prompt). */
export function base64Blob(seed, bytes) {
  const rng = new Rng(seed);
  const raw = Buffer.alloc(Math.ceil((bytes * 3) / 4));
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(rng.next() * 256);
  return raw.toString('base64').slice(0, bytes);
}
