import { describe, expect, it } from 'vitest';
import { detectKind } from '../src/index.js';

describe('detectKind', () => {
  it.each([
    ['prompts/summarize.md', 'markdown-prompt'],
    ['src/app/prompts/system/triage.md', 'markdown-prompt'],
    ['prompts/qa.txt', 'markdown-prompt'],
    ['summarize.prompt.md', 'markdown-prompt'],
    ['docs/review.prompt.md', 'markdown-prompt'],
    ['app/chat.prompty', 'prompty'],
    ['prompts/extract.prompt', 'dotprompt'],
    ['.github/prompts/explain.prompt.md', 'vscode-prompt'],
    ['pkg/.github/prompts/explain.prompt.md', 'vscode-prompt'],
    ['AGENTS.md', 'agent-instructions'],
    ['packages/api/AGENTS.md', 'agent-instructions'],
    ['CLAUDE.md', 'agent-instructions'],
    ['docs/GEMINI.md', 'agent-instructions'],
    ['.github/copilot-instructions.md', 'agent-instructions'],
    ['.github/instructions/typescript.instructions.md', 'agent-instructions'],
    ['.cursor/rules/style.mdc', 'agent-instructions'],
    ['.cursorrules', 'agent-instructions'],
    ['web/.cursorrules', 'agent-instructions'],
    ['C:\\repo\\prompts\\qa.txt', 'markdown-prompt'],
  ])('%s is %s', (path, kind) => {
    expect(detectKind(path)).toBe(kind);
  });

  it.each([
    'README.md',
    'docs/guide.md',
    'prompts/README.md',
    'CHANGELOG.md',
    'notes.txt',
    'src/index.ts',
    'copilot-instructions.md', // only under .github
    'instructions/ts.instructions.md', // only under .github/instructions
    'rules/style.mdc', // only under .cursor/rules
    'prompts', // a folder name alone
    '',
  ])('%s is not a prompt file', (path) => {
    expect(detectKind(path)).toBeUndefined();
  });

  it('a plain .md under .github/prompts is not a VS Code prompt file (those end in .prompt.md) but a markdown prompt', () => {
    expect(detectKind('.github/prompts/explain.md')).toBe('markdown-prompt');
  });
});
