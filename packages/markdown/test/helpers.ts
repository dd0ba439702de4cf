/** Test helpers: fixture files from disk, parsing that must succeed, and a readable view of a request. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { expect } from 'vitest';
import { join, resolve } from 'node:path';
import type { PromptDocument, PromptRequest, Range } from '@promptlint/core';
import { detectKind, parsePromptFile, type ParseResult } from '../src/index.js';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** A fixture's repository-relative path (under fixtures/prompts/) and its text, read from disk. */
export function fixture(rel: string): { path: string; text: string } {
  const path = `fixtures/prompts/${rel}`;
  return { path, text: readFileSync(join(ROOT, path), 'utf8') };
}

export function parseOk(text: string, path: string, kind = detectKind(path)): Extract<ParseResult, { ok: true }> {
  const r = parsePromptFile(text, { path, ...(kind ? { kind } : {}) });
  if (!r.ok) throw new Error(`expected ${path} to parse: ${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r;
}

export function parseFixture(rel: string): Extract<ParseResult, { ok: true }> & { request: PromptRequest } {
  const { path, text } = fixture(rel);
  const r = parseOk(text, path);
  expect(r.document.requests).toHaveLength(1);
  return { ...r, request: r.document.requests[0]! };
}

export const slice = (doc: PromptDocument, range: Range | undefined): string => (range ? doc.text.slice(range[0], range[1]) : '<no range>');

/**
 * Messages as `[role, ...parts]` with static parts as their text and slots as `{name: kind}`;
 * checks on the way that every part's range slices back to what the part says.
 */
export function view(doc: PromptDocument, request: PromptRequest = doc.requests[0]!): [string, ...(string | Record<string, string>)[]][] {
  return request.messages.map((m) => {
    expect(m.range, 'message range').toBeDefined();
    const parts = m.parts.map((p) => {
      expect(p.range, 'part range').toBeDefined();
      if (p.type === 'static') {
        expect(p.exact).toBe(true);
        expect(slice(doc, p.range)).toBe(p.text);
        return p.text;
      }
      return { [p.name]: p.kind };
    });
    // The message range covers its parts.
    expect(m.range![0]).toBeLessThanOrEqual(m.parts[0]!.range![0]);
    expect(m.range![1]).toBe(m.parts[m.parts.length - 1]!.range![1]);
    return [m.role, ...parts] as [string, ...(string | Record<string, string>)[]];
  });
}

/** Every file under `dir` (recursively) that is not JSON, TS or JS: the prompt files of a fixture tree. */
export function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, out);
    else if (!name.endsWith('.json') && !name.endsWith('.ts') && !name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** mulberry32: a small seeded generator of numbers in [0, 1), so a failing generated case reproduces. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
