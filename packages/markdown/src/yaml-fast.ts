/**
 * A fast path for the front matter most prompt files have: block mappings nested by indentation
 * whose keys are simple words and whose values are one-line plain scalars, with `#` comments and
 * blank lines. It gives what `yaml` (v2, core schema, `uniqueKeys`) gives for those: the same plain
 * object, keys, values and ranges. Anything else (quotes, flow collections, sequences, block
 * scalars, anchors, aliases, tags, multi-line scalars, tabs, directives, odd characters, duplicate
 * keys, keys that read as numbers, booleans or null) is declined: undefined, and `yaml` parses it.
 */
import type { Range } from '@promptlint/core';
import type { FrontMatterDoc, FrontMatterEntry } from './yaml-doc.js';

interface ScalarNode {
  map: false;
  value: unknown;
  start: number;
  end: number;
}

interface MapNode {
  map: true;
  /** Column of its keys. */
  indent: number;
  pairs: Map<string, Pair>;
  /** What `yaml`'s toJS gives for it. */
  js: Record<string, unknown>;
}

interface Pair {
  keyStart: number;
  keyEnd: number;
  value: ScalarNode | MapNode;
}

export interface FastYaml {
  /** The mapping as plain JS (`{}` for front matter with no keys). */
  value: Record<string, unknown>;
  doc: FrontMatterDoc;
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value in the YAML 1.2 core schema, as `yaml` resolves it (tags tried in its order). */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Every non-string form starts with a digit, a sign, '.', '~', n/N, t/T or f/F (or is empty).
  if (s.length > 0 && !((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) {
    return s;
  }
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : c === 45 ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/**
 * Characters the fast path leaves to `yaml`: tabs, controls (a CR only before LF), C1 controls,
 * BOM, line and paragraph separators, lone surrogates.
 */
const UNSURE_CHAR = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]|\r(?!\n)/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A key: a letter, digit or `_`, then letters, digits, `_ . - ? / $ + ( ) ,` and single spaces
 * between them (dotprompt's Picoschema writes `tags(array, the tags):`).
 */
const KEY = /[\p{L}\p{N}_](?:[\p{L}\p{N}_.\-?/$+(),]| (?=[\p{L}\p{N}_.\-?/$+(),]))*/uy;

/** Characters a plain value may not start with here (YAML indicators, quotes). */
function unsureStart(c: number): boolean {
  switch (c) {
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 44: // ,
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 63: // ?
    case 58: // :
      return true;
    default:
      return false;
  }
}

/** Names a plain object inherits (`key in obj` for a fresh object). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Sets a new key as `yaml`'s toJS does (`key in obj` ? defineProperty : assignment): an inherited
 * name such as `__proto__` becomes an own property. `again` when the key is already set.
 */
function setKey(obj: Record<string, unknown>, key: string, value: unknown, again = false): void {
  if (again || INHERITED.has(key)) Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

function newMap(indent: number): MapNode {
  return { map: true, indent, pairs: new Map(), js: {} };
}

/**
 * The front matter `source` (the text between the fences) through the fast path, or undefined
 * when it declines. `fallback` is the `yaml` Document's lookups, asked only for the range of a
 * value that is a mapping (its end depends on `yaml`'s handling of trailing comments).
 */
export function parseFastYaml(source: string, fallback: () => FrontMatterDoc): FastYaml | undefined {
  if (UNSURE_CHAR.test(source) || (SURROGATE.test(source) && LONE_SURROGATE.test(source))) return undefined;
  const root = newMap(-1);
  const stack: MapNode[] = [];
  /** The last pair when it has no value yet (`key:`): a more indented key line opens its mapping. */
  let open: { map: MapNode; key: string; pair: Pair } | undefined;
  const n = source.length;
  let pos = 0;
  while (pos < n) {
    let end = source.indexOf('\n', pos);
    if (end < 0) end = n;
    const next = end < n ? end + 1 : n;
    if (end > pos && source.charCodeAt(end - 1) === 13) end--;
    let i = pos;
    while (i < end && source.charCodeAt(i) === 32) i++;
    const indent = i - pos;
    pos = next;
    if (i === end || source.charCodeAt(i) === 35) continue; // blank line or comment line

    KEY.lastIndex = i;
    const m = KEY.exec(source);
    if (!m) return undefined;
    const key = m[0];
    const keyEnd = i + key.length;
    if (source.charCodeAt(keyEnd) !== 58) return undefined; // ':'
    let j = keyEnd + 1;
    if (j < end && source.charCodeAt(j) !== 32) return undefined;
    if (key.length > 1000 || resolvePlain(key) !== key) return undefined;

    let map: MapNode;
    if (open && indent > open.map.indent) {
      map = newMap(indent);
      open.pair.value = map;
      setKey(open.map.js, open.key, map.js, true);
      stack.push(map);
    } else {
      if (stack.length === 0) {
        root.indent = indent;
        stack.push(root);
      }
      while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop();
      map = stack[stack.length - 1]!;
      if (!map || map.indent !== indent) return undefined;
    }
    // (A more indented line after a scalar, which would continue it, matches no open mapping.)
    open = undefined;
    if (map.pairs.has(key)) return undefined; // yaml: "Map keys must be unique"

    while (j < end && source.charCodeAt(j) === 32) j++;
    const pair: Pair = { keyStart: i, keyEnd, value: { map: false, value: null, start: j, end: j } };
    map.pairs.set(key, pair);
    if (j === end || source.charCodeAt(j) === 35) {
      setKey(map.js, key, null);
      open = { map, key, pair };
      continue;
    }
    const c = source.charCodeAt(j);
    if (unsureStart(c)) return undefined;
    if (c === 45 && (j + 1 === end || source.charCodeAt(j + 1) === 32)) return undefined; // a sequence
    let valueEnd = j + 1;
    while (valueEnd < end && !(source.charCodeAt(valueEnd) === 35 && source.charCodeAt(valueEnd - 1) === 32)) valueEnd++; // ' #'
    while (source.charCodeAt(valueEnd - 1) === 32) valueEnd--;
    const text = source.slice(j, valueEnd);
    if (text.includes(': ') || text.charCodeAt(text.length - 1) === 58) return undefined; // a nested mapping
    const value = resolvePlain(text);
    pair.value = { map: false, value, start: j, end: valueEnd };
    setKey(map.js, key, value);
  }
  return { value: root.js, doc: fastDoc(root, fallback) };
}

function fastDoc(root: MapNode, fallback: () => FrontMatterDoc): FrontMatterDoc {
  return {
    get(path) {
      let node: ScalarNode | MapNode = root;
      let keyRange: Range = [0, 0];
      for (const key of path) {
        if (!node.map) return undefined;
        const pair: Pair | undefined = node.pairs.get(key);
        if (!pair) return undefined;
        keyRange = [pair.keyStart, pair.keyEnd];
        node = pair.value;
      }
      if (!node.map) return { value: node.value, keyRange, valueRange: [node.start, node.end] };
      const entry: FrontMatterEntry = {
        value: node.js,
        keyRange,
        get valueRange() {
          return fallback().get(path)?.valueRange;
        },
      };
      return entry;
    },
  };
}
