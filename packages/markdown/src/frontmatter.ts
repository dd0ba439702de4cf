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

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** `s` without spaces and tabs at either end. */
function trimSpaceTab(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
  while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
  return s.slice(a, b);
}

/**
 * A top-level `key: value` line: the key starts with no white space, colon, `#` or quote and runs
 * to the first colon (white space before the colon is not part of it); the colon is followed by
 * nothing or by spaces or tabs and the value (no line break inside). Scans rather than matching a
 * pattern, which would backtrack polynomially on long keys or values.
 */
function keyValueLine(line: string): { key: string; value: string } | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0 || /^[\s:#'"]/.test(line)) return undefined;
  const rest = line.slice(colon + 1);
  if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') return undefined;
  const value = trimSpaceTab(rest);
  if (LINE_BREAK.test(value)) return undefined;
  return { key: line.slice(0, colon).trimEnd(), value };
}

/** The item of a `- item` line (white space before the dash allowed), trimmed; `undefined` for any other line. */
function listItemLine(line: string): string | undefined {
  const s = line.trimStart();
  if (s[0] !== '-' || s.length < 2 || !/\s/.test(s[1]!)) return undefined;
  const item = s.slice(1).trim();
  return LINE_BREAK.test(item) ? undefined : item;
}

/**
 * Front matter as agent hosts read it when strict YAML rejects it (docs/file-kinds.md): one
 * `key: value` per top-level line, the value read as YAML when it parses alone and as a plain
 * string when it does not (Cursor's `globs: **\/*.ts`, `globs: *.tsx, *.jsx`), indented lines and
 * `- item` lines continuing the key above (a list of items, else the lines as one string).
 * `undefined` when a line is none of these: the text cannot be read as front matter at all.
 */
export function parseFrontMatterLenient(text: string, block: FrontMatterBlock): YamlResult | undefined {
  const [from, to] = block.content;
  const source = text.slice(from, to);
  const entries = new Map<string, { value: unknown; keyRange: Range; valueRange: Range | undefined; items?: string[] }>();
  let last: string | undefined;
  let at = 0;
  for (const raw of source.split('\n')) {
    const start = at;
    at += raw.length + 1;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const m = keyValueLine(line);
    if (m) {
      const key = m.key;
      const rawValue = m.value;
      const valueStart = rawValue === '' ? undefined : start + line.indexOf(rawValue, key.length + 1);
      entries.set(key, {
        value: rawValue === '' ? null : lenientScalar(rawValue),
        keyRange: [start, start + key.length],
        valueRange: valueStart === undefined ? undefined : [valueStart, valueStart + rawValue.length],
      });
      last = key;
      continue;
    }
    if (last === undefined) return undefined;
    const entry = entries.get(last)!;
    if (!/^\s/.test(line)) {
      // Claude Code reads a line that is no `key: value` as more of the value above (a description
      // that runs on over unindented lines)
      entry.items ??= typeof entry.value === 'string' ? [entry.value] : [];
      entry.items.push(line.trim());
      entry.value = entry.items.join('\n');
      entry.valueRange = [entry.valueRange?.[0] ?? start, start + line.length];
      continue;
    }
    const item = listItemLine(line);
    entry.items ??= [];
    entry.items.push(item ?? line.trim());
    entry.value = item ? entry.items.map(lenientScalar) : entry.items.join('\n');
    entry.valueRange = [entry.valueRange?.[0] ?? start, start + line.length];
  }
  const value: Record<string, unknown> = {};
  for (const [k, e] of entries) value[k] = e.value;
  const doc: FrontMatterDoc = {
    get(path) {
      if (path.length !== 1) return undefined;
      const e = entries.get(path[0]!);
      return e ? { value: e.value, keyRange: e.keyRange, valueRange: e.valueRange } : undefined;
    },
  };
  return { ok: true, doc, value };
}

/** A value as YAML reads it alone (`false`, `3`, `"x"`, `[a, b]`), else the text as written. */
function lenientScalar(raw: string): unknown {
  const trimmed = raw.trim();
  if (/^[*&!%@`|>]/.test(trimmed)) return trimmed; // an alias, anchor, tag or block marker: Cursor reads text
  try {
    const doc = yaml().parseDocument(trimmed, YAML_OPTIONS);
    if (doc.errors.length === 0) {
      const v = doc.toJS({ maxAliasCount: 0 }) as unknown;
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    }
  } catch {
    // not YAML on its own: the text as written
  }
  return trimmed;
}
