/**
 * The JSON Schema of the configuration file (packages/cli/schema/promptlint.schema.json, exported as
 * `@promptlint/cli/schema.json`), built from the rules' metadata: every rule id with its options
 * schema and defaults. `node scripts/schema.mjs` writes the file; `--check` and a test fail when it
 * drifts from the rules. The price-override fields are checked at run time from the same table.
 */
import type { EncodingName, JsonSchema, Provider, Rule } from '@promptlint/core';

/** A JSON Schema (draft-07) node: what the file holds, a superset of core's options subset. */
export type SchemaNode = { [key: string]: unknown };

export const PROVIDERS = ['openai', 'anthropic', 'google', 'meta', 'deepseek', 'other'] as const satisfies readonly Provider[];
export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const satisfies readonly EncodingName[];
// Compile-time guards: a provider or encoding added to core without being listed here fails the build.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const providersComplete: Missing<Provider, (typeof PROVIDERS)[number]> = true;
const encodingsComplete: Missing<EncodingName, (typeof ENCODINGS)[number]> = true;
void providersComplete;
void encodingsComplete;

const usdPerMTok = (what: string, nullable = false): SchemaNode => ({
  type: nullable ? ['number', 'null'] : 'number',
  minimum: 0,
  description: `USD per 1M ${what}${nullable ? ' (null: none)' : ''}.`,
});
const tokensOrNull = (description: string, minimum: number): SchemaNode => ({ type: ['integer', 'null'], minimum, description });
const names = (description: string): SchemaNode => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

/** Fields of a price-table entry a configuration may set (`models.<id>`): core's ModelEntry, `id` excepted. */
export const MODEL_FIELDS: Record<string, SchemaNode> = {
  extends: { type: 'string', minLength: 1, description: 'A known model whose fields this entry starts from (a new id priced like it).' },
  provider: { enum: [...PROVIDERS], description: 'Decides the tokenizer (exact for openai) and provider-specific advice.' },
  input: usdPerMTok('input tokens'),
  cachedInput: usdPerMTok('cached input tokens (a cache hit)', true),
  cacheWrite: usdPerMTok('tokens written to the cache', true),
  output: usdPerMTok('output tokens'),
  batchDiscount: { type: ['number', 'null'], minimum: 0, maximum: 1, description: "Fraction taken off by the provider's batch API (0.5 = 50%)." },
  contextWindow: tokensOrNull('Context window, in tokens.', 1),
  maxOutput: tokensOrNull('Maximum output tokens per call.', 1),
  minCacheableTokens: tokensOrNull('Minimum cacheable prefix, in tokens (null: the model does not cache).', 0),
  aliases: names('Other names that resolve to this entry.'),
  displayNames: names('Display names that resolve to this model ("Claude 3.7 Sonnet", "Gemini Flash").'),
  asOf: { type: 'string', description: 'When the prices were read.' },
  source: { type: ['string', 'null'], description: 'Where the prices come from.' },
  encoding: { enum: [...ENCODINGS], description: 'The BPE encoding of an OpenAI-compatible model.' },
  note: { type: 'string' },
  selfHosted: { type: 'boolean' },
  kind: { enum: ['chat', 'embedding'] },
};

export const SEVERITY: SchemaNode = { enum: ['off', 'warn', 'error', 0, 1, 2], description: '"off" (0), "warn" (1) or "error" (2).' };

/** A rule's options schema with its defaults shown (editors offer them). */
function withDefaults(schema: JsonSchema, defaults: unknown): SchemaNode {
  const out: SchemaNode = { ...schema };
  if (schema.properties && typeof defaults === 'object' && defaults !== null) {
    const props: Record<string, SchemaNode> = {};
    for (const [k, v] of Object.entries(schema.properties)) {
      const d = (defaults as Record<string, unknown>)[k];
      props[k] = d === undefined ? { ...v } : { ...v, default: d };
    }
    out.properties = props;
  }
  return out;
}

function ruleSetting(rule: Rule<any>): SchemaNode {
  const { meta } = rule;
  return {
    description: `${meta.description} Family: ${meta.family}. Presets: ${meta.recommended ? 'recommended, strict, all' : meta.strict ? 'strict, all' : 'all'} (as "${meta.defaultSeverity}").`,
    oneOf: [
      { $ref: '#/definitions/severity' },
      { type: 'array', items: [{ $ref: '#/definitions/severity' }], minItems: 1, maxItems: 1, additionalItems: false },
      {
        type: 'array',
        items: [{ $ref: '#/definitions/severity' }, withDefaults(meta.schema, meta.defaultOptions)],
        minItems: 2,
        maxItems: 2,
        additionalItems: false,
      },
    ],
  };
}

/** The configuration's JSON Schema for a set of rules (the CLI's: core's `rules`). */
export function configSchema(rules: readonly Rule<any>[]): SchemaNode {
  const ruleProps: Record<string, SchemaNode> = {};
  for (const r of rules) ruleProps[r.meta.id] = ruleSetting(r);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'promptlint configuration',
    description:
      'promptlint.config.json, .promptlintrc.json or the "promptlint" key of package.json. Generated from the rule metadata by scripts/schema.mjs.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'This schema (ignored by promptlint).' },
      extends: { enum: ['recommended', 'strict', 'all'], default: 'recommended', description: 'The preset the rules start from.' },
      rules: {
        type: 'object',
        additionalProperties: false,
        description: 'Severity, or [severity, options], per rule id; rules not named keep the preset setting.',
        properties: ruleProps,
      },
      model: { type: 'string', minLength: 1, pattern: '\\S', description: 'Model for prompt files that name none (default gpt-4o).' },
      callsPerDay: { type: 'number', minimum: 0, description: 'Calls per day, for per-month figures.' },
      models: {
        type: 'object',
        description: 'Price table additions and overrides, keyed by model id.',
        additionalProperties: { $ref: '#/definitions/modelOverride' },
      },
      ignores: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of files not to lint, relative to the configuration file.' },
      maxCost: { type: 'number', minimum: 0, description: "Fail when a prompt's estimated cost per call exceeds this many USD (as --max-cost)." },
      reportUnusedDisableDirectives: {
        enum: ['off', 'warn', 'error', 0, 1, 2, true, false],
        default: 'off',
        description: 'Report promptlint-disable directives that silence nothing, at this severity (true: "warn"), as ESLint\'s linterOptions.reportUnusedDisableDirectives; --report-unused-disable-directives[-severity] wins.',
      },
    },
    definitions: {
      severity: SEVERITY,
      modelOverride: { type: 'object', additionalProperties: false, properties: MODEL_FIELDS },
    },
  };
}

// --- run-time checks of `models.<id>` (the fields above; the engine checks provider/input/output are present) ---

const KIND_WORD: Record<string, string> = { number: 'a number', integer: 'an integer', string: 'a string', boolean: 'a boolean', null: 'null', array: 'an array of names' };

/** "a number >= 0 or null", "one of "openai", "anthropic", ..." */
export function expectedText(schema: SchemaNode): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  const types = ([] as string[]).concat(schema.type as string | string[]);
  const bounds =
    schema.minimum !== undefined && schema.maximum !== undefined
      ? ` between ${schema.minimum} and ${schema.maximum}`
      : schema.minimum !== undefined
        ? ` >= ${schema.minimum}`
        : '';
  return types.map((t) => (t === 'null' ? 'null' : `${KIND_WORD[t] ?? t}${bounds}`)).join(' or ');
}

function fits(value: unknown, schema: SchemaNode): boolean {
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  const types = ([] as string[]).concat(schema.type as string | string[]);
  return types.some((t) => {
    switch (t) {
      case 'null':
        return value === null;
      case 'string':
        return typeof value === 'string' && value.length >= ((schema.minLength as number | undefined) ?? 0);
      case 'boolean':
        return typeof value === 'boolean';
      case 'array':
        return Array.isArray(value) && value.every((v) => fits(v, schema.items as SchemaNode));
      case 'number':
      case 'integer':
        return (
          typeof value === 'number' &&
          Number.isFinite(value) &&
          (t === 'number' || Number.isInteger(value)) &&
          (schema.minimum === undefined || value >= (schema.minimum as number)) &&
          (schema.maximum === undefined || value <= (schema.maximum as number))
        );
      default:
        return false;
    }
  });
}

/** The first problem of a `models.<id>` entry as `"models.<id>.<field>": expected ..., got ...`, or undefined. */
export function checkModelOverride(id: string, entry: Record<string, unknown>, got: (v: unknown) => string): string | undefined {
  for (const [field, value] of Object.entries(entry)) {
    const schema = Object.hasOwn(MODEL_FIELDS, field) ? MODEL_FIELDS[field] : undefined;
    if (!schema) return `"models.${id}": unknown field "${field}" (known: ${Object.keys(MODEL_FIELDS).join(', ')})`;
    if (!fits(value, schema)) return `"models.${id}.${field}": expected ${expectedText(schema)}, got ${got(value)}`;
  }
  return undefined;
}
