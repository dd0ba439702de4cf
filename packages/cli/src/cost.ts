/**
 * `promptlint cost`: a comparison table of models for real files. Per file x model: input tokens
 * (counted from the file's static text with the model's tokenizer, or --input-tokens), output
 * tokens (--output-tokens, else the file's output limit, else 0 with a note), calls, $/call, total;
 * then totals per model. Uses core's callCost (input x input price + output x output price).
 */
import { readFileSync } from 'node:fs';
import { callCost, ConfigError, Engine, formatTokens, formatUsd, requestSize, stripBom, type ModelEntry, type PromptDocument } from '@promptlint/core';
import { detectKind, parsePromptFile } from '@promptlint/markdown';
import { UsageError, type CostOptions } from './args.js';
import { displayPath, loadConfig } from './config.js';
import { discover, type DiscoveredFile } from './discover.js';
import { CliError, describeFsError } from './errors.js';
import type { ParsePromptFile } from './lint.js';
import type { MainOptions } from './main.js';

/** Compared when --models is not given (after the file's own model). */
export const DEFAULT_COST_MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-3-7-sonnet', 'gemini-1.5-flash'];

export interface CostRow {
  file: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  calls: number;
  usdPerCall: number;
  totalUsd: number;
}

export async function runCost(opts: CostOptions, io: MainOptions): Promise<number> {
  const { cwd } = io;
  if (opts.files.length === 0 && opts.inputTokens === undefined) {
    throw new UsageError('promptlint cost: give prompt files, or --input-tokens N (and --output-tokens N) for a file-less estimate');
  }
  const loaded = await loadConfig({ cwd, config: opts.config, noConfig: opts.noConfig });
  let engine: Engine;
  try {
    engine = new Engine({ ...(loaded.config.models ? { models: loaded.config.models as never } : {}) }, []);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`${loaded.path ? displayPath(cwd, loaded.path) : 'configuration'}: ${e.message}`);
    throw e;
  }
  const resolveModel = (name: string, where: string): ModelEntry => {
    const entry = engine.prices.resolve(name);
    if (!entry) throw new CliError(`unknown model "${name}" in ${where} (add it under "models" in the configuration)`);
    return entry;
  };
  const explicit = opts.models?.map((m) => resolveModel(m, '--models'));
  const fallback = opts.model ?? loaded.config.model;
  const fallbackEntry = fallback === undefined ? undefined : resolveModel(fallback, opts.model !== undefined ? '--model' : 'the configuration');
  const defaults = DEFAULT_COST_MODELS.map((m) => resolveModel(m, 'the default list'));

  const notes: string[] = [];
  const rows: CostRow[] = [];
  const approximated = new Set<string>();

  const files: (DiscoveredFile | null)[] =
    opts.files.length === 0 ? [null] : discover({ cwd, patterns: opts.files, ignores: loaded.config.ignores ?? [], ignoresDir: loaded.dir, detectKind });

  for (const file of files) {
    const doc = file ? parseFile(file) : undefined;
    let models = explicit;
    if (!models) {
      const own = doc ? fileModel(doc, engine, file!.rel, notes) : undefined;
      models = dedupe([...(own ? [own] : fallbackEntry ? [fallbackEntry] : []), ...defaults]);
    }
    let outputTokens = opts.outputTokens;
    if (outputTokens === undefined) {
      const limits = doc?.requests.map((r) => (r.outputLimit?.state === 'set' ? r.outputLimit.value : undefined)) ?? [];
      if (limits.length > 0 && limits.every((l) => l !== undefined)) outputTokens = limits.reduce((a, b) => a! + b!, 0);
      else {
        outputTokens = 0;
        notes.push(`${file ? file.rel : 'estimate'}: no output limit ${file ? 'in the file' : 'given'}; output counted as 0 tokens (pass --output-tokens N).`);
      }
    }
    for (const entry of models) {
      let inputTokens = opts.inputTokens;
      if (inputTokens === undefined) {
        inputTokens = 0;
        for (const request of doc!.requests) {
          const pricing = engine.pricingFor({ ...request, model: { value: entry.id } });
          if (!pricing.counter.exact) approximated.add(`${entry.id} (${pricing.counter.description})`);
          inputTokens += requestSize(request, pricing).staticTokens;
        }
      }
      const cost = callCost(entry, inputTokens, outputTokens, opts.calls);
      rows.push({ file: file ? file.rel : null, model: entry.id, inputTokens, outputTokens, calls: opts.calls, usdPerCall: cost.usdPerCall, totalUsd: cost.totalUsd });
    }
    if (doc && doc.requests.some((r) => r.messages.some((m) => m.parts.some((p) => p.type === 'slot')))) {
      notes.push(`${file!.rel}: template variables are counted as 0 tokens (their size is unknown until run time).`);
    }
  }
  if (approximated.size) notes.push(`Token counts are approximations for: ${[...approximated].join(', ')}.`);

  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ version: 1, rows }, null, 2)}\n`);
    for (const n of notes) io.stderr.write(`note: ${n}\n`);
  } else {
    io.stdout.write(formatTable(rows, notes));
  }
  return 0;

  function parseFile(file: DiscoveredFile): PromptDocument {
    let text: string;
    try {
      text = stripBom(readFileSync(file.abs, 'utf8'));
    } catch (e) {
      throw new CliError(`cannot read ${file.rel}: ${describeFsError(e)}`);
    }
    const parsed = (parsePromptFile as ParsePromptFile)(text, { path: file.rel, kind: file.kind });
    if (!parsed.ok) throw new CliError(`${file.rel}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`);
    return parsed.document;
  }
}

/** The model the file names (first request that names one), when the price table knows it. */
function fileModel(doc: PromptDocument, engine: Engine, rel: string, notes: string[]): ModelEntry | undefined {
  for (const r of doc.requests) {
    if (r.model && 'value' in r.model) {
      const entry = engine.prices.resolve(r.model.value);
      if (!entry) notes.push(`${rel}: names model "${r.model.value}", which the price table does not know: not priced (add it under "models").`);
      return entry;
    }
  }
  return undefined;
}

function dedupe(entries: ModelEntry[]): ModelEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - s.length)) + s;
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));

export function formatTable(rows: readonly CostRow[], notes: readonly string[]): string {
  const head = ['file', 'model', 'input tokens', 'output tokens', 'calls', '$/call', 'total'];
  const body = rows.map((r) => [r.file ?? '(given sizes)', r.model, formatTokens(r.inputTokens), formatTokens(r.outputTokens), formatTokens(r.calls), formatUsd(r.usdPerCall), formatUsd(r.totalUsd)]);
  const table = (h: string[], b: string[][], leftCols: number): string[] => {
    const widths = h.map((x, i) => b.reduce((w, r) => Math.max(w, r[i]!.length), x.length));
    const line = (r: string[]): string => r.map((c, i) => (i < leftCols ? pad(c, widths[i]!) : padStart(c, widths[i]!))).join('  ').trimEnd();
    return [line(h), ...b.map(line)];
  };
  const out = table(head, body, 2);
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.model, Math.round(((totals.get(r.model) ?? 0) + r.totalUsd) * 1e12) / 1e12);
  const files = new Set(rows.map((r) => r.file)).size;
  if (files > 1) {
    out.push('', ...table(['model', 'total'], [...totals].map(([m, t]) => [m, formatUsd(t)]), 1));
  }
  if (notes.length) out.push('', ...notes.map((n) => `note: ${n}`));
  return `${out.join('\n')}\n`;
}
