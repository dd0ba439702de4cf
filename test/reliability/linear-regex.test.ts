/**
 * No regular expression in the engine or the front ends can backtrack super-linearly, checked by
 * eslint-plugin-regexp's `no-super-linear-backtracking` (a pattern whose quantifiers can trade
 * characters: polynomial or exponential backtracking) and `no-super-linear-move` (a pattern that,
 * tried at every position, reads a long run again at each: quadratic) over every source file of
 * core, markdown, eslint-plugin and the CLI (but the few that never see file text: NOT_FILE_TEXT).
 * What they report must be one of the reviewed patterns below, each with the reason it stays
 * linear (docs/performance.md, "Regular expressions on file text"); anything else fails. Patterns built at run time (`new RegExp(...)` from pieces) are not
 * seen by the plugin: the docs table covers them by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import regexp from 'eslint-plugin-regexp';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const CONFIG: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      // sticky patterns are tried at one position per call (require-length-limit's unit after a number)
      'regexp/no-super-linear-move': ['error', { ignoreSticky: true, ignorePartial: false, report: 'potential' }],
    },
  },
];

/** Reported, reviewed and linear: file, a piece of the reported line, and why. */
const REVIEWED: readonly { file: string; line: string; why: string }[] = [
  {
    file: 'packages/core/src/scan.ts',
    line: 'const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([\\s\\S]*)$/;',
    why: 'anchored, one line at a time; `[\\s\\S]*$` matches whatever follows the run, so the run is never given back',
  },
  {
    file: 'packages/markdown/src/template.ts',
    line: 'if ((m = /^for\\s+(\\S(?:[\\s\\S]*?\\S)??)\\s+in\\s+([\\s\\S]+)$/.exec(inner))) {',
    why: 'anchored; after `in`, `\\s+([\\s\\S]+)$` gives back at most one character (`[\\s\\S]+$` matches any rest)',
  },
  {
    file: 'packages/eslint-plugin/src/code/slots.ts',
    line: "fmt.slice(0, end).replace(/\\[[^\\]]*\\]/g, '')",
    why: 'applied only up to the last `]`, so every `[` there is closed and each match resumes after its `]`',
  },
];

/**
 * Sources that never see file text: the command line, globs and the configuration the user wrote
 * (and its loader's error messages), package metadata, Node's flags. Their patterns are not checked.
 */
const NOT_FILE_TEXT = /^packages\/cli\/src\/(?:args|glob|heap|package-info|config[\w-]*)\.ts$/;

function eslint(): ESLint {
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: CONFIG });
}

describe('regular expressions on file text', () => {
  it('none backtracks super-linearly, apart from the reviewed patterns (each still reported, so the list stays true)', async () => {
    const results = await eslint().lintFiles(['packages/core/src', 'packages/markdown/src', 'packages/eslint-plugin/src', 'packages/cli/src']);
    expect(results.length).toBeGreaterThan(60);
    const unreviewed: string[] = [];
    const seen = new Set<string>();
    for (const r of results) {
      const file = r.filePath.slice(ROOT.length + 1).split('\\').join('/');
      if (NOT_FILE_TEXT.test(file)) continue;
      const lines = readFileSync(r.filePath, 'utf8').split('\n');
      for (const m of r.messages) {
        expect(m.fatal, `${file}: ${m.message}`).toBeFalsy();
        const text = lines[m.line - 1] ?? '';
        const known = REVIEWED.find((x) => x.file === file && text.includes(x.line));
        if (known) seen.add(known.line);
        else unreviewed.push(`${file}:${m.line}:${m.column} ${m.message}`);
      }
    }
    expect(unreviewed).toEqual([]);
    // a reviewed pattern that is no longer reported (changed or gone) leaves this list
    expect(REVIEWED.filter((x) => !seen.has(x.line)).map((x) => x.file)).toEqual([]);
  });

  it('the check fails on the patterns it replaced', async () => {
    const replaced = [
      'export const a = /\\d[\\d,]*\\s*(?:단어|개)/u;', // require-length-limit, Korean number + unit
      'export const b = /^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$/;', // light scanner ATX heading
      'export const c = /^for\\s+([\\s\\S]+?)\\s+in\\s+([\\s\\S]+)$/;', // Jinja for loop
      'export const d = /^\\s*#?\\s*(system|user)\\s*:\\s*$/i;', // role line
      "export const e = (s: string) => s.replace(/\\s*[\\r\\n]+\\s*/g, ' ');", // oneLine
      "export const f = (s: string) => s.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');", // slot words
    ];
    const [result] = await eslint().lintText(replaced.join('\n'), { filePath: join(ROOT, 'packages/core/src/replaced.ts') });
    const linesReported = new Set(result!.messages.map((m) => m.line));
    expect([...linesReported].sort()).toEqual(replaced.map((_, i) => i + 1));
  });
});
