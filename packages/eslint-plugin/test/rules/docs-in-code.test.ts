/**
 * The "## In code" examples of every docs/rules/<id>.md page are real: each block under "### Flagged"
 * gets at least one finding of its rule, each block under "### Not flagged" none. Placeholders for
 * long static text (`<1,500 tokens of static policy text>`) are filled in before linting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { longRules } from './helpers.js';

const docs = fileURLToPath(new URL('../../../../docs/rules/', import.meta.url));

const PLACEHOLDERS: Record<string, string> = {
  '<1,500 tokens of static policy text>': longRules(160),
  '<9,000 tokens of reference text>': longRules(1000),
};

interface Example {
  flagged: boolean;
  lang: 'ts' | 'js';
  code: string;
}

function examples(page: string): Example[] {
  const start = page.search(/^## In code$/m);
  if (start < 0) return [];
  const rest = page.slice(start + 1);
  const next = rest.search(/^## /m);
  const section = next < 0 ? rest : rest.slice(0, next);
  const out: Example[] = [];
  let flagged: boolean | undefined;
  const lines = section.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '### Flagged') flagged = true;
    else if (line === '### Not flagged') flagged = false;
    const fence = /^```(ts|js)$/.exec(line);
    if (fence && flagged !== undefined) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
      let code = body.join('\n');
      for (const [k, v] of Object.entries(PLACEHOLDERS)) code = code.split(k).join(v);
      out.push({ flagged, lang: fence[1] as 'ts' | 'js', code });
    }
  }
  return out;
}

function lint(ruleId: string, ex: Example): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    ex.code,
    [{ files: ['**/*.ts', '**/*.js'], plugins: { promptlint: { rules } }, rules: { [`promptlint/${ruleId}`]: 'error' }, ...(ex.lang === 'ts' ? { languageOptions: { parser: tsParser } } : {}) }],
    `example.${ex.lang}`,
  );
}

describe.each(Object.keys(rules))('docs/rules/%s.md, In code', (ruleId) => {
  it('has flagged and clean examples, and each one does what its heading says', () => {
    const path = `${docs}${ruleId}.md`;
    expect(existsSync(path)).toBe(true);
    const list = examples(readFileSync(path, 'utf8'));
    expect(list.some((e) => e.flagged)).toBe(true);
    expect(list.some((e) => !e.flagged)).toBe(true);
    for (const ex of list) {
      const messages = lint(ruleId, ex);
      expect(messages.filter((m) => m.fatal || m.ruleId !== `promptlint/${ruleId}`), ex.code).toEqual([]);
      if (ex.flagged) expect(messages.length, ex.code).toBeGreaterThan(0);
      else expect(messages, ex.code).toEqual([]);
    }
  });
});
