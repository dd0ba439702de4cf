import { describe, expect, it } from 'vitest';
import { definesRequest, detectKind, refineKind } from '../src/index.js';

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
    // VS Code instruction, chat mode and custom agent files, and Cursor rules, wherever they sit
    ['instructions/ts.instructions.md', 'agent-instructions'],
    ['chatmodes/planner.chatmode.md', 'agent-instructions'],
    ['agents/reviewer.agent.md', 'agent-instructions'],
    ['rules/style.mdc', 'agent-instructions'],
    // Claude, Codex, Gemini and Copilot agent, command and skill files
    ['skills/pdf/SKILL.md', 'agent-instructions'],
    ['.claude/agents/reviewer.md', 'agent-instructions'],
    ['.claude/commands/release/notes.md', 'agent-instructions'],
    ['.codex/prompts/review.md', 'agent-instructions'],
    ['.github/agents/planner.md', 'agent-instructions'],
    // a library with a folder per prompt
    ['patterns/summarize/system.md', 'markdown-prompt'],
    ['patterns/summarize/user.md', 'markdown-prompt'],
    // VS Code instruction, chat mode and custom agent files, and Cursor rules, wherever they sit
    ['instructions/ts.instructions.md', 'agent-instructions'],
    ['chatmodes/planner.chatmode.md', 'agent-instructions'],
    ['agents/reviewer.agent.md', 'agent-instructions'],
    ['rules/style.mdc', 'agent-instructions'],
    // Claude, Codex, Gemini and Copilot agent, command and skill files
    ['skills/pdf/SKILL.md', 'agent-instructions'],
    ['.claude/agents/reviewer.md', 'agent-instructions'],
    ['.claude/commands/release/notes.md', 'agent-instructions'],
    ['.codex/prompts/review.md', 'agent-instructions'],
    ['.github/agents/planner.md', 'agent-instructions'],
    // a library with a folder per prompt
    ['patterns/summarize/system.md', 'markdown-prompt'],
    ['patterns/summarize/user.md', 'markdown-prompt'],
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
    'docs/system-design.md',
    '.claude/settings.md', // only agents/ and commands/ under .claude
    '.instructions.md', // a suffix alone is no name
    'prompts', // a folder name alone
    '',
  ])('%s is not a prompt file', (path) => {
    expect(detectKind(path)).toBeUndefined();
  });

  it('a plain .md under .github/prompts is not a VS Code prompt file (those end in .prompt.md) but a markdown prompt', () => {
    expect(detectKind('.github/prompts/explain.md')).toBe('markdown-prompt');
  });
});

describe('refineKind and definesRequest: what the front matter says', () => {
  it.each([
    // VS Code prompt files outside .github/prompts: mode/tools and a model the editor picks
    ['prompts/review.prompt.md', { mode: 'agent', model: 'GPT-4.1', tools: ['codebase'] }, 'vscode-prompt'],
    // Claude Code subagent outside .claude/agents: tools and a model alias the host resolves
    ['categories/reviewer.md', { name: 'reviewer', tools: 'Read, Grep', model: 'sonnet' }, 'agent-instructions'],
    // VS Code instructions and Cursor rules by their keys, wherever they sit
    ['notes/style.md', { applyTo: '**/*.ts' }, 'agent-instructions'],
    ['notes/style.md', { globs: '**/*.ts', alwaysApply: false }, 'agent-instructions'],
    // a request parameter says the file defines its request, host keys or not
    ['prompts/review.prompt.md', { model: 'gpt-4o', max_tokens: 500, tools: ['x'] }, 'markdown-prompt'],
    ['prompts/plain.md', { model: 'gpt-4o' }, 'markdown-prompt'],
    ['prompts/plain.md', undefined, 'markdown-prompt'],
  ] as const)('%s with %j is %s', (path, fm, kind) => {
    expect(refineKind('markdown-prompt', path, fm as Record<string, unknown> | undefined)).toBe(kind);
  });

  it('other kinds are never refined', () => {
    expect(refineKind('prompty', 'a.prompty', { tools: [] })).toBe('prompty');
    expect(refineKind('agent-instructions', 'AGENTS.md', { model: 'gpt-4o', max_tokens: 5 })).toBe('agent-instructions');
  });

  it.each([
    ['prompty', undefined, true],
    ['dotprompt', undefined, true],
    ['markdown-prompt', { model: 'gpt-4o' }, true],
    ['markdown-prompt', { temperature: 0 }, true],
    ['markdown-prompt', { description: 'x' }, false],
    ['markdown-prompt', undefined, false],
    ['vscode-prompt', { model: 'GPT-4.1' }, false],
    ['agent-instructions', { model: 'sonnet', max_tokens: 100 }, false],
  ] as const)('%s with %j defines its request: %s', (kind, fm, expected) => {
    expect(definesRequest(kind, fm as Record<string, unknown> | undefined)).toBe(expected);
  });
});
