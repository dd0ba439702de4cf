/**
 * Looking keys up in parsed front matter: the interface settings.ts reads through, its
 * implementation over a `yaml` Document, and `yaml` itself, loaded on first use (most front matter
 * takes the fast path of yaml-fast.ts and never needs it).
 */
import { createRequire } from 'node:module';
import type { Range } from '@promptlint/core';
import type { Document, Node } from 'yaml';

/** One entry of the front matter mapping; ranges are relative to the YAML text (content start = 0). */
export interface FrontMatterEntry {
  /** The plain value: a scalar's value, a mapping's plain object, `null` for a key without a value. */
  readonly value: unknown;
  readonly keyRange: Range;
  /** The value node's range (`[start, end]` as `yaml` gives `node.range[0..1]`); undefined without a node. */
  readonly valueRange: Range | undefined;
}

export interface FrontMatterDoc {
  /** The entry at `path` (keys of nested mappings), or undefined when a key is missing or not under a mapping. */
  get(path: readonly string[]): FrontMatterEntry | undefined;
}

/**
 * The options the front matter is parsed with, on either path. `logLevel: 'error'`: yaml's warnings
 * (a collection used as a key is stringified) would reach the process's stderr through
 * process.emitWarning, beside the report; the value read is the same either way.
 */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

let yamlModule: typeof import('yaml') | undefined;

/** The `yaml` package, required on first use. */
export function yaml(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

/** Lookups in a `yaml` Document: the first pair whose scalar key reads as the path segment. */
export function documentLookup(doc: Document): FrontMatterDoc {
  const { isMap, isScalar } = yaml();
  return {
    get(path) {
      let node: unknown = doc.contents;
      let keyRange: Range = [0, 0];
      for (const key of path) {
        if (!isMap(node)) return undefined;
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (!pair) return undefined;
        const k = pair.key as Node;
        const start = k.range?.[0] ?? 0;
        keyRange = [start, k.range?.[1] ?? start];
        node = pair.value;
      }
      const valueNode = node as Node | null | undefined;
      const vr = valueNode?.range;
      const value = valueNode == null ? null : isScalar(valueNode) ? valueNode.value : valueNode.toJSON();
      return { value, keyRange, valueRange: vr ? [vr[0], vr[1]] : undefined };
    },
  };
}
