/**
 * Every rule has a docs page, docs/rules/<id>.md, that starts with `# <id>` and documents its savings
 * formula; every page there documents a rule (typescript-eslint's tests/docs.test.mts does the same).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../src/index.js';

const DOCS = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');
const ids = rules.map((r) => r.meta.id);

/** The body of a `## heading` section: up to the next `## ` heading (not counting lines in code fences). */
function section(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  let inFence: string | undefined;
  let body: string[] | undefined;
  for (const line of lines) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (inFence === undefined) inFence = fence[1];
      else if (fence[1]![0] === inFence[0] && fence[1]!.length >= inFence.length) inFence = undefined;
    }
    if (inFence === undefined && !fence && /^## /.test(line)) {
      if (body) break;
      if (line.trim() === `## ${heading}`) body = [];
      continue;
    }
    body?.push(line);
  }
  return body?.join('\n');
}

/** A code span (`x`) or a fenced code block with something in it. */
function hasFormula(text: string): boolean {
  return /`[^`\n]+`/.test(text) || /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?\S[\s\S]*?\n {0,3}\1/m.test(text);
}

describe('docs/rules', () => {
  describe.each(ids)('%s', (id) => {
    const file = join(DOCS, `${id}.md`);

    it('has a page docs/rules/<id>.md', () => {
      expect(existsSync(file), `missing ${file}`).toBe(true);
    });

    it('starts with "# <id>"', () => {
      if (!existsSync(file)) throw new Error(`missing ${file}`);
      expect(readFileSync(file, 'utf8').split(/\r?\n/, 1)[0]).toBe(`# ${id}`);
    });

    it('has a "## Savings formula" section with a formula in a code span or block', () => {
      if (!existsSync(file)) throw new Error(`missing ${file}`);
      const body = section(readFileSync(file, 'utf8'), 'Savings formula');
      expect(body, 'no "## Savings formula" section').toBeDefined();
      expect(hasFormula(body!), 'the "## Savings formula" section has no code span or code block').toBe(true);
    });
  });

  it('has no page for a rule that does not exist', () => {
    const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.md')) : [];
    const orphans = pages.map((f) => f.slice(0, -3)).filter((id) => !ids.includes(id));
    expect(orphans).toEqual([]);
  });
});

describe('docs meta-test helpers', () => {
  it('finds a section and ignores "## " lines inside code fences', () => {
    const md = '# x\n## Savings formula\n```\n## not a heading\ntokens = a - b\n```\n## Options\nNone.';
    expect(section(md, 'Savings formula')).toBe('```\n## not a heading\ntokens = a - b\n```');
    expect(section(md, 'Missing')).toBeUndefined();
  });

  it('accepts a code span or a non-empty code block as a formula, and nothing else', () => {
    expect(hasFormula('Saves `count(a) - count(b)` tokens.')).toBe(true);
    expect(hasFormula('```\ntokens = cap - 1000\n```')).toBe(true);
    expect(hasFormula('Saves the difference of the counts.')).toBe(false);
    expect(hasFormula('```\n\n```')).toBe(false);
  });
});
