/**
 * Request settings from a prompt file's front matter: model (and provider when the file says),
 * output limit under the name the file's format reads, and calls per day.
 */
import type { OutputLimit, PromptRequest, Provider, Range } from '@promptlint/core';
import type { PromptFileKind } from './kind.js';
import type { FrontMatterDoc } from './yaml-doc.js';

interface Located {
  /** The key as written (the last path segment). */
  name: string;
  /** The plain value (`null` for a key without a value). */
  value: unknown;
  /** From the key's first character to the value's last (document offsets). */
  range: Range;
  /** The value's range, or the key's when it has no value. */
  valueRange: Range;
}

/**
 * The entry at `path` in the front matter mapping, with document ranges (`base` = content start).
 * The ranges are computed when read: the fast path asks `yaml` for a mapping value's range.
 */
function lookup(doc: FrontMatterDoc, base: number, path: readonly string[]): Located | undefined {
  const entry = doc.get(path);
  if (!entry) return undefined;
  const [keyStart, keyEnd] = entry.keyRange;
  const valueRange = (): Range => {
    const vr = entry.valueRange;
    return vr ? [base + vr[0], base + vr[1]] : [base + keyStart, base + keyEnd];
  };
  return {
    name: path[path.length - 1]!,
    value: entry.value,
    get range(): Range {
      return [base + keyStart, Math.max(valueRange()[1], base + keyEnd)];
    },
    get valueRange(): Range {
      return valueRange();
    },
  };
}

export interface RequestSettings {
  model?: PromptRequest['model'];
  provider?: Provider;
  /** The limit found in the file; `undefined` when the file sets none. */
  outputLimit?: OutputLimit;
  /** The name of the limit found, or the format's own name for it. */
  outputLimitName: string;
  callsPerDay?: number;
}

export type SettingsResult = { ok: true; settings: RequestSettings } | { ok: false; message: string; offset: number };

const MODEL_PATHS: readonly (readonly string[])[] = [
  ['model'],
  ['model', 'id'],
  ['model', 'name'],
  ['model', 'model'],
  ['model', 'configuration', 'model'],
  ['model', 'configuration', 'azure_deployment'],
  ['model', 'configuration', 'name'],
];

const LIMIT_PATHS: readonly (readonly string[])[] = [
  ['max_tokens'],
  ['max_output_tokens'],
  ['max_completion_tokens'],
  ['config', 'maxOutputTokens'],
  ['model', 'parameters', 'max_tokens'],
  ['model', 'parameters', 'max_completion_tokens'],
  ['model', 'parameters', 'max_output_tokens'],
  ['model', 'options', 'maxOutputTokens'],
];

/** Provider named by a model prefix (`googleai/gemini-2.5-flash`, dotprompt and Genkit style). */
export function providerOfModelName(name: string): Provider | undefined {
  const m = /^([a-z0-9_-]+)\/(.*)$/i.exec(name.trim());
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  const rest = m[2]!.toLowerCase();
  switch (prefix) {
    case 'googleai':
    case 'google':
    case 'gemini':
      return 'google';
    case 'vertexai':
    case 'vertex':
    case 'vertex_ai':
      return rest.startsWith('claude') ? 'anthropic' : rest.startsWith('gemini') ? 'google' : undefined;
    case 'openai':
      return 'openai';
    case 'anthropic':
      return 'anthropic';
    case 'deepseek':
      return 'deepseek';
    default:
      return undefined;
  }
}

/** Provider named by Prompty's `model.provider` or `model.configuration.type`. */
function providerOfConnection(type: unknown): Provider | undefined {
  if (typeof type !== 'string') return undefined;
  switch (type.trim().toLowerCase()) {
    case 'openai':
    case 'azure':
    case 'azure_openai':
      return 'openai';
    case 'anthropic':
      return 'anthropic';
    case 'google':
    case 'gemini':
    case 'googleai':
    case 'vertexai':
      return 'google';
    default:
      return undefined;
  }
}

const TEMPLATE_SYNTAX = /\{\{|\{%|\$\{/;

function modelOf(doc: FrontMatterDoc, base: number): PromptRequest['model'] | undefined {
  for (const path of MODEL_PATHS) {
    const found = lookup(doc, base, path);
    if (!found || found.value === null) continue;
    if (typeof found.value === 'string') {
      const value = found.value.trim();
      if (value === '') continue;
      if (TEMPLATE_SYNTAX.test(value)) return { unknown: `the model is a template (${value})`, range: found.valueRange };
      return { value, range: found.valueRange };
    }
    if (typeof found.value === 'object') continue; // a mapping: look deeper
    return { unknown: `the model is not a name (${JSON.stringify(found.value)})`, range: found.valueRange };
  }
  return undefined;
}

function limitOf(found: Located): OutputLimit {
  const { name, value, range } = found;
  if (value === null) return { state: 'absent', ignored: { name, reason: 'an empty value sets no limit', range } };
  if (typeof value === 'number') {
    if (value === -1) return { state: 'absent', ignored: { name, reason: '-1 means no limit', range } };
    if (value === Infinity) return { state: 'absent', ignored: { name, reason: 'an infinite value sets no limit', range } };
    if (Number.isFinite(value) && value >= 0) return { state: 'set', value, name, range };
    return { state: 'unknown', reason: `\`${name}: ${value}\` is not a valid limit`, range };
  }
  if (typeof value === 'string' && TEMPLATE_SYNTAX.test(value)) {
    return { state: 'unknown', reason: `\`${name}\` is a template (${value.trim()})`, range };
  }
  return { state: 'unknown', reason: `\`${name}\` is not a number (${JSON.stringify(value)})`, range };
}

/** The format's own name for the output limit, when the file sets none. */
function defaultLimitName(kind: PromptFileKind, doc: FrontMatterDoc | undefined, base: number): string {
  if (kind === 'dotprompt') return 'maxOutputTokens';
  if (kind === 'prompty' && doc) {
    // Prompty's newer schema (`model.id`, `model.provider`, `model.options`) reads `options.maxOutputTokens`.
    const newer = ['id', 'provider', 'options', 'apiType', 'connection'].some((k) => lookup(doc, base, ['model', k]) !== undefined);
    if (newer) return 'maxOutputTokens';
  }
  return 'max_tokens';
}

/** Settings of the request a prompt file describes; `doc` is undefined when there is no front matter. */
export function settingsOf(doc: FrontMatterDoc | undefined, base: number, kind: PromptFileKind): SettingsResult {
  const settings: RequestSettings = { outputLimitName: defaultLimitName(kind, doc, base) };
  if (!doc) return { ok: true, settings };

  const model = modelOf(doc, base);
  if (model) settings.model = model;
  if (model && 'value' in model) {
    const p = providerOfModelName(model.value);
    if (p) settings.provider = p;
  }
  settings.provider ??=
    providerOfConnection(lookup(doc, base, ['model', 'provider'])?.value) ??
    providerOfConnection(lookup(doc, base, ['model', 'configuration', 'type'])?.value);
  if (settings.provider === undefined) delete settings.provider;

  for (const path of LIMIT_PATHS) {
    const found = lookup(doc, base, path);
    if (!found) continue;
    settings.outputLimit = limitOf(found);
    settings.outputLimitName = found.name;
    break;
  }

  const calls = lookup(doc, base, ['calls_per_day']);
  if (calls) {
    if (typeof calls.value !== 'number' || !Number.isFinite(calls.value) || calls.value < 0) {
      return { ok: false, message: `front matter calls_per_day must be a number >= 0, got ${JSON.stringify(calls.value)}`, offset: calls.valueRange[0] };
    }
    settings.callsPerDay = calls.value;
  }
  return { ok: true, settings };
}
