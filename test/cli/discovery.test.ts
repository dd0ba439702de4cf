/**
 * Which files are linted: prompt files by kind in folders (dot folders included), .gitignore files
 * (nested ones and negations), the configuration's `ignores`, node_modules and .git skipped;
 * explicit files always; globs with *, **, ?, braces.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, run, tempDir, writeFiles } from './helpers.js';

const paths = (args: string[], cwd: string): string[] => json(run(['--format', 'json', ...args], cwd)).files.map((f) => f.path).sort();

const TEXT = 'Answer the question briefly.\n';

describe('folders', () => {
  const cwd = tempDir({
    'AGENTS.md': TEXT,
    'CLAUDE.md': TEXT,
    'README.md': '# not a prompt\n',
    'docs/guide.md': '# not a prompt\n',
    '.github/copilot-instructions.md': TEXT,
    '.github/prompts/review.prompt.md': TEXT,
    '.github/instructions/ts.instructions.md': TEXT,
    '.cursor/rules/style.mdc': TEXT,
    'prompts/summarise.md': TEXT,
    'prompts/nested/classify.txt': TEXT,
    'flows/support.prompty': '---\nname: support\n---\nsystem:\nAnswer briefly.\n',
    'genkit/extract.prompt': '---\nmodel: googleai/gemini-2.5-flash\n---\nExtract the fields.\n',
    'node_modules/pkg/AGENTS.md': TEXT,
    'sub/node_modules/x/prompts/a.md': TEXT,
    '.git/AGENTS.md': TEXT,
    'src/app.ts': 'export {};\n',
  }); // '.git/AGENTS.md' also makes this folder a repository root

  it('finds every prompt-file kind, in dot folders too, and nothing else', () => {
    expect(paths([], cwd)).toEqual([
      '.cursor/rules/style.mdc',
      '.github/copilot-instructions.md',
      '.github/instructions/ts.instructions.md',
      '.github/prompts/review.prompt.md',
      'AGENTS.md',
      'CLAUDE.md',
      'flows/support.prompty',
      'genkit/extract.prompt',
      'prompts/nested/classify.txt',
      'prompts/summarise.md',
    ]);
  });

  it('reports paths relative to the working directory with "/"; kinds count from the repository root', () => {
    expect(paths(['.'], join(cwd, 'prompts'))).toEqual(['nested/classify.txt', 'summarise.md']);
    expect(paths(['prompts/nested'], cwd)).toEqual(['prompts/nested/classify.txt']);
  });

  it('lints an explicitly named file even when it is not a prompt file by name', () => {
    expect(paths(['README.md', 'docs/guide.md'], cwd)).toEqual(['README.md', 'docs/guide.md']);
  });

  it('lists a file named twice once', () => {
    expect(paths(['AGENTS.md', './AGENTS.md', '.'], cwd).filter((p) => p === 'AGENTS.md')).toEqual(['AGENTS.md']);
  });
});

describe('.gitignore and ignores', () => {
  it('honours .gitignore, nested .gitignore files and negations, from the repository root', () => {
    const cwd = tempDir({
      '.gitignore': 'prompts/generated/\n*.draft.md\n',
      'prompts/a.md': TEXT,
      'prompts/b.draft.md': TEXT,
      'prompts/generated/c.md': TEXT,
      'prompts/team/.gitignore': 'secret.md\n!keep.draft.md\n',
      'prompts/team/secret.md': TEXT,
      'prompts/team/keep.draft.md': TEXT,
      'prompts/team/open.md': TEXT,
    });
    mkdirSync(join(cwd, '.git'));
    expect(paths([], cwd)).toEqual(['prompts/a.md', 'prompts/team/keep.draft.md', 'prompts/team/open.md']);
    // the root .gitignore still applies when only a subfolder is linted, or when run from inside it
    expect(paths(['prompts/team'], cwd)).toEqual(['prompts/team/keep.draft.md', 'prompts/team/open.md']);
    expect(paths([], join(cwd, 'prompts'))).toEqual(['a.md', 'team/keep.draft.md', 'team/open.md']);
    // an explicitly named file is linted even when ignored
    expect(paths(['prompts/team/secret.md'], cwd)).toEqual(['prompts/team/secret.md']);
  });

  it('honours the configuration\'s ignores (globs relative to the configuration file)', () => {
    const cwd = tempDir({
      'promptlint.config.json': JSON.stringify({ ignores: ['prompts/legacy/**', '**/*.old.md', 'AGENTS.md'] }),
      'AGENTS.md': TEXT,
      'prompts/a.md': TEXT,
      'prompts/a.old.md': TEXT,
      'prompts/legacy/x.md': TEXT,
      'prompts/legacy/deep/y.md': TEXT,
    });
    expect(paths([], cwd)).toEqual(['prompts/a.md']);
    expect(paths(['AGENTS.md'], cwd)).toEqual(['AGENTS.md']);
  });
});

describe('globs', () => {
  const cwd = tempDir({
    'prompts/a.md': TEXT,
    'prompts/b.md': TEXT,
    'prompts/ab.md': TEXT,
    'prompts/x/c.md': TEXT,
    'prompts/x/y/d.txt': TEXT,
    'notes/n1.md': TEXT,
    'notes/n2.md': TEXT,
    'flows/f.prompty': TEXT,
  });
  writeFiles(cwd, { '.gitignore': 'notes/n2.md\n' });

  it('* and ** (dot folders included)', () => {
    expect(paths(['prompts/*.md'], cwd)).toEqual(['prompts/a.md', 'prompts/ab.md', 'prompts/b.md']);
    expect(paths(['prompts/**/*.md'], cwd)).toEqual(['prompts/a.md', 'prompts/ab.md', 'prompts/b.md', 'prompts/x/c.md']);
    expect(paths(['**/*.txt'], cwd)).toEqual(['prompts/x/y/d.txt']);
  });

  it('? and braces', () => {
    expect(paths(['prompts/?.md'], cwd)).toEqual(['prompts/a.md', 'prompts/b.md']);
    expect(paths(['{notes,flows}/*.{md,prompty}'], cwd)).toEqual(['flows/f.prompty', 'notes/n1.md']);
  });

  it('glob matches are linted even when not prompt files by name, .gitignore still applies', () => {
    expect(paths(['notes/*.md'], cwd)).toEqual(['notes/n1.md']);
  });
});

describe('an empty folder', () => {
  it('is not an error: no files, exit 0', () => {
    const cwd = tempDir({ 'README.md': '# hi\n' });
    const r = run(['--format', 'json'], cwd);
    expect(r.status).toBe(0);
    expect(json(r).files).toEqual([]);
    const s = run([], cwd);
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('No problems in 0 prompt files');
  });
});
