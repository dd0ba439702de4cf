/**
 * prefer-compact-data: an array of uniform flat records as JSON repeats every key in every record;
 * a TSV table (one header line, one line per record) carries the same data for far fewer tokens.
 */
import type { RuleFinding } from '../rule.js';
import { defineRule } from '../rule.js';
import { describeSavings, formatTokens, makeSavings } from '../savings.js';
import { canEdit, jsonBlocks, reportRange, staticParts, stripJsonLayout, type JsonBlock } from '../scan.js';

export interface Options {
  /** Only arrays of at least this many records are reported. */
  minRecords: number;
  /** Report only when the table saves at least this many tokens over minified JSON. */
  minTokens: number;
}

type Primitive = string | number | boolean | null;

/** A character that a TSV cell or header cannot hold without escaping. */
const TSV_UNSAFE = /[\t\r\n]/;

function tsvCell(v: Primitive): string {
  return typeof v === 'string' ? v : String(v);
}

/** The keys shared by every record, or `undefined` when the array is not uniform flat records. */
function uniformKeys(value: object, minRecords: number): string[] | undefined {
  if (!Array.isArray(value) || value.length < minRecords) return undefined;
  const first: unknown = value[0];
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return undefined;
  const keys = Object.keys(first);
  if (keys.length === 0 || keys.some((k) => TSV_UNSAFE.test(k))) return undefined;
  for (const record of value as unknown[]) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
    const own = Object.keys(record);
    if (own.length !== keys.length) return undefined;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(record, k)) return undefined;
      const v: unknown = (record as Record<string, unknown>)[k];
      if (v !== null && typeof v === 'object') return undefined;
      if (typeof v === 'string' && TSV_UNSAFE.test(v)) return undefined;
    }
  }
  return keys;
}

/** Header line of keys, then one line per record; cells joined by tabs. */
export function toTsv(records: readonly Record<string, Primitive>[], keys: readonly string[]): string {
  const lines = [keys.join('\t')];
  for (const r of records) lines.push(keys.map((k) => tsvCell(r[k]!)).join('\t'));
  return lines.join('\n');
}

function suggestionFix(block: JsonBlock, partStart: number, tsv: string): { range: [number, number]; text: string } {
  if (block.fence) {
    const { marker } = block.fence;
    return { range: [partStart + block.fence.start, partStart + block.fence.end], text: `${marker}tsv\n${tsv}\n${marker}` };
  }
  return { range: [partStart + block.start, partStart + block.end], text: tsv };
}

export default defineRule<Options>({
  meta: {
    id: 'prefer-compact-data',
    family: 'verbose-format',
    description: 'Prefer a TSV table to a JSON array of uniform records: keys are written once instead of once per record.',
    recommended: false,
    strict: true,
    defaultSeverity: 'warn',
    hasSuggestions: true,
    defaultOptions: { minRecords: 3, minTokens: 20 },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minRecords: { type: 'integer', minimum: 2, description: 'Only arrays of at least this many records are reported.' },
        minTokens: { type: 'integer', minimum: 1, description: 'Report only when the table saves at least this many tokens over minified JSON.' },
      },
    },
  },
  check({ request, pricing, options }) {
    const findings: RuleFinding[] = [];
    for (const { part } of staticParts(request)) {
      for (const block of jsonBlocks(part.text)) {
        const keys = uniformKeys(block.value, options.minRecords);
        if (!keys) continue;
        const records = block.value as Record<string, Primitive>[];
        const minified = stripJsonLayout(block.text);
        const tsv = toTsv(records, keys);
        const jsonTokens = pricing.count(minified);
        const tsvTokens = pricing.count(tsv);
        const tokens = jsonTokens - tsvTokens;
        if (tokens < options.minTokens) continue;
        const savings = makeSavings(pricing, {
          tokens,
          tokenKind: 'input',
          pricePerMTok: (e) => e.input,
          confidence: 'exact',
          basis: `count(minified JSON) ${formatTokens(jsonTokens)} - count(TSV) ${formatTokens(tsvTokens)} x input price (on top of minifying)`,
        });
        const finding: RuleFinding = {
          message: `${records.length} records with the same ${keys.length} keys as JSON: a TSV table (keys once in a header, one line per record) ${describeSavings(savings)} over minified JSON.`,
          range: reportRange(part, block.start, block.end, request),
          savings,
        };
        if (canEdit(part)) {
          finding.suggestions = [{ desc: 'Replace the JSON array with a TSV table (header of keys, one tab-separated line per record).', fix: suggestionFix(block, part.range[0], tsv) }];
        }
        findings.push(finding);
      }
    }
    return findings;
  },
});
