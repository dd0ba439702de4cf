/**
 * YAML front matter: where the block is (the same rule as micromark-extension-frontmatter: a first
 * line `---`, closed by the next line `---`) and its parsed mapping, with source ranges.
 */
import type { Range } from '@promptlint/core';
import type { Document } from 'yaml';
import { lineAt } from './lines.js';
import { documentLookup, yaml, YAML_OPTIONS, type FrontMatterDoc } from './yaml-doc.js';
import { parseFastYaml } from './yaml-fast.js';

export interface FrontMatterBlock {
  /** From the opening `---` to the end of the closing `---` (line end excluded). */
  range: Range;
  /** The YAML text between the fences. */
  content: Range;
  /** Where the body starts (after the closing fence's line end). */
  bodyStart: number;
}

function isFence(text: string, start: number, end: number): boolean {
  if (end - start < 3 || !text.startsWith('---', start)) return false;
  for (let i = start + 3; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** The front matter block at the start of `text`, if any. */
export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const first = lineAt(text, 0);
  if (!isFence(text, first.start, first.end) || first.next === first.end) return undefined;
  let start = first.next;
  while (start < text.length) {
    const line = lineAt(text, start);
    if (isFence(text, line.start, line.end)) {
      return { range: [0, line.end], content: [first.next, line.start], bodyStart: line.next };
    }
    if (line.next === start) break;
    start = line.next;
  }
  return undefined;
}

export type YamlResult =
  | { ok: true; doc: FrontMatterDoc; value: Record<string, unknown> }
  | { ok: false; message: string; offset: number };

/** First line of a `yaml` error message, without its own "at line X, column Y" (we give ours). */
function firstLine(message: string): string {
  return message.split(/\r\n|\r|\n/, 1)[0]!.replace(/(?<!\s)\s+at line \d+, column \d+:?\s*$/, '').trim();
}

/**
 * Parses the front matter's YAML: the fast path (yaml-fast.ts) when it accepts the text, else
 * `yaml`. Ranges the returned lookups give are relative to the content start. Errors carry a
 * document offset. Only a mapping (or an empty block) is accepted.
 */
export function parseFrontMatter(text: string, block: FrontMatterBlock): YamlResult {
  const [from, to] = block.content;
  const source = text.slice(from, to);
  let slow: FrontMatterDoc | undefined;
  const fast = parseFastYaml(source, () => (slow ??= documentLookup(yaml().parseDocument(source, YAML_OPTIONS))));
  if (fast) return { ok: true, doc: fast.doc, value: fast.value };
  return parseWithYaml(source, from);
}

/**
 * At most this many aliases (`*name`) in front matter. `yaml` resolves each alias by a search of the
 * whole document, so their cost is aliases x nodes (20,000 anchors with an alias each took 22 s);
 * past this bound the file gets a one-line error instead (prompt front matter rarely has one).
 */
export const MAX_YAML_ALIASES = 100;

/** The front matter through `yaml` (`source` is the content, `from` its document offset). */
export function parseWithYaml(source: string, from: number): YamlResult {
  let doc: Document;
  try {
    doc = yaml().parseDocument(source, YAML_OPTIONS);
  } catch (e) {
    return { ok: false, message: `invalid YAML front matter: ${firstLine(String((e as Error)?.message ?? e))}`, offset: from };
  }
  const error = doc.errors[0];
  if (error) {
    return { ok: false, message: `invalid YAML front matter: ${firstLine(error.message)}`, offset: from + (error.pos?.[0] ?? 0) };
  }
  let aliases = 0;
  let tooMany: number | undefined;
  yaml().visit(doc, {
    Alias(_key, node) {
      if (++aliases <= MAX_YAML_ALIASES) return undefined;
      tooMany = node.range?.[0] ?? 0;
      return yaml().visit.BREAK;
    },
  });
  if (tooMany !== undefined) {
    return { ok: false, message: `YAML front matter with more than ${MAX_YAML_ALIASES} aliases (*name) is not read: each alias costs a search of the whole front matter`, offset: from + tooMany };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, message: `invalid YAML front matter: ${firstLine(String((e as Error)?.message ?? e))}`, offset: from };
  }
  if (value === null || value === undefined) return { ok: true, doc: documentLookup(doc), value: {} };
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Map || value instanceof Set) {
    const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'not a mapping' : `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
    const contents = doc.contents as { range?: [number, number, number] } | null;
    return {
      ok: false,
      message: `front matter must be a YAML mapping of keys to values, got ${what}`,
      offset: from + (contents?.range?.[0] ?? 0),
    };
  }
  return { ok: true, doc: documentLookup(doc), value: value as Record<string, unknown> };
}
