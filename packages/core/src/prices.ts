/**
 * The price table: one JSON data file (data/models.json) of models with prices per 1M tokens,
 * limits and caching facts, plus aliases. Users add or override entries through configuration.
 */
import { createRequire } from 'node:module';
import type { Provider } from './model.js';
import type { EncodingName } from './tokenizer.js';

export interface ModelEntry {
  id: string;
  provider: Provider;
  /** USD per 1M input tokens. */
  input: number;
  /** USD per 1M cached input tokens (a cache hit); `null` when the model has no prompt caching. */
  cachedInput: number | null;
  /** USD per 1M tokens written to the cache (Anthropic), `null` when writes cost nothing extra. */
  cacheWrite: number | null;
  /** USD per 1M output tokens. */
  output: number;
  /** Fraction taken off input and output by the provider's batch API (0.5 = 50%). */
  batchDiscount: number | null;
  contextWindow: number | null;
  maxOutput: number | null;
  /** The provider's minimum cacheable prefix, in tokens; `null` when the model does not cache. */
  minCacheableTokens: number | null;
  aliases: string[];
  /** Display names that resolve to this model ("Claude 3.7 Sonnet", "Gemini Flash"). */
  displayNames?: string[];
  asOf: string;
  source: string | null;
  encoding?: EncodingName;
  note?: string;
  selfHosted?: boolean;
  kind?: 'chat' | 'embedding';
}

/** A user's addition or override: any fields of an entry; `id` is the key it is stored under. */
export type ModelOverride = Partial<Omit<ModelEntry, 'id'>> & { extends?: string };

interface ModelsFile {
  asOf: string;
  models: ModelEntry[];
}

const require = createRequire(import.meta.url);
let builtin: ModelsFile | undefined;

/** The bundled table (loaded on first use). */
export function builtinModels(): readonly ModelEntry[] {
  builtin ??= require('../data/models.json') as ModelsFile;
  return builtin.models;
}

/**
 * Normalises a model name as users write it: case, provider prefixes (`openai/gpt-4o`,
 * `models/gemini-2.5-pro`, `anthropic.claude-...` on Bedrock), spaces and underscores.
 */
export function normaliseModelName(name: string): string {
  let n = name.trim().toLowerCase();
  n = n.replace(/^(?:openai|anthropic|googleai|google|gemini|vertexai|vertex_ai|vertex|azure|bedrock|openrouter|models|meta|deepseek)[/:]/, ''); // googleai/, vertexai/: Genkit and dotprompt
  n = n.replace(/^(?:anthropic|google|meta)\./, ''); // Bedrock model ids
  n = n.replace(/^models\//, '');
  n = n.replace(/[()]/g, '').replace(/[\s_]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return n;
}

/** Candidate names after removing snapshot suffixes: dates, `-latest`, Bedrock `-v1:0`, Vertex `@date`. */
function withoutSnapshot(n: string): string[] {
  const out: string[] = [];
  const stripped = n
    .replace(/-v\d+:\d+$/, '')
    .replace(/@\d{8}$/, '')
    .replace(/-latest$/, '')
    .replace(/-\d{4}-\d{2}-\d{2}$/, '')
    .replace(/-\d{8}$/, '')
    .replace(/-\d{3}$/, '');
  if (stripped !== n) out.push(stripped);
  return out;
}

export class PriceTable {
  private readonly byId = new Map<string, ModelEntry>();
  private readonly byAlias = new Map<string, ModelEntry>();

  constructor(entries: readonly ModelEntry[]) {
    for (const e of entries) this.add(e);
  }

  /** The bundled table with the user's overrides applied (keyed by model id or alias). */
  static withOverrides(overrides: Record<string, ModelOverride> = {}): PriceTable {
    const table = new PriceTable(builtinModels());
    for (const [name, o] of Object.entries(overrides)) {
      const base = table.resolve(o.extends ?? name);
      const merged = { ...(base ?? {}), ...o, id: base && !o.extends ? base.id : name } as ModelEntry;
      delete (merged as { extends?: string }).extends;
      merged.aliases = [...(base && !o.extends ? base.aliases : []), ...(o.aliases ?? [])];
      merged.asOf ??= 'user configuration';
      merged.source ??= 'user configuration';
      const missing = (['provider', 'input', 'output'] as const).filter((k) => merged[k] === undefined);
      if (missing.length) {
        throw new Error(`model "${name}" in the configuration: missing ${missing.join(', ')} (or "extends": "<known model>")`);
      }
      merged.cachedInput ??= null;
      merged.cacheWrite ??= null;
      merged.batchDiscount ??= null;
      merged.contextWindow ??= null;
      merged.maxOutput ??= null;
      merged.minCacheableTokens ??= null;
      table.add(merged);
      if (!o.extends && normaliseModelName(name) !== normaliseModelName(merged.id)) table.byAlias.set(normaliseModelName(name), merged);
    }
    return table;
  }

  private add(e: ModelEntry): void {
    this.byId.set(normaliseModelName(e.id), e);
    for (const a of [...e.aliases, ...(e.displayNames ?? [])]) this.byAlias.set(normaliseModelName(a), e);
  }

  /** The entry for a model name, or `undefined` for an unknown model (never a $0 default). */
  resolve(name: string): ModelEntry | undefined {
    const n = normaliseModelName(name);
    for (const candidate of [n, ...withoutSnapshot(n)]) {
      const e = this.byId.get(candidate) ?? this.byAlias.get(candidate);
      if (e) return e;
    }
    return undefined;
  }

  entries(): ModelEntry[] {
    return [...this.byId.values()];
  }
}

let defaultTable: PriceTable | undefined;
/** The bundled table without overrides, shared per process. */
export function defaultPriceTable(): PriceTable {
  defaultTable ??= new PriceTable(builtinModels());
  return defaultTable;
}

/** The encoding for a model: its own for OpenAI entries, o200k_base otherwise. */
export function encodingFor(entry: ModelEntry | undefined): EncodingName {
  return entry?.encoding ?? 'o200k_base';
}
