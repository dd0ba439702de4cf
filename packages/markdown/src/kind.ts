/** Which kind of prompt file a path is, from its name and folders alone. */
import type { DocumentKind } from '@promptlint/core';

export type PromptFileKind = Exclude<DocumentKind, 'code'>;

const AGENT_FILE_NAMES = new Set(['agents.md', 'claude.md', 'gemini.md']);
/** Documentation that sits beside prompts in a `prompts/` folder without being one. */
const DOC_FILE_NAMES = new Set(['readme', 'changelog', 'contributing', 'license', 'code_of_conduct', 'security']);

/**
 * The kind of prompt file a path is, or `undefined` when it is not one. `path` is relative and
 * '/'-separated (backslashes are accepted too). Matching is case-insensitive on names and folders.
 */
export function detectKind(path: string): PromptFileKind | undefined {
  const parts = path.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  const name = parts[parts.length - 1]?.toLowerCase();
  if (!name) return undefined;
  const dirs = parts.slice(0, -1).map((d) => d.toLowerCase());
  const parent = dirs[dirs.length - 1];
  const grandparent = dirs[dirs.length - 2];

  if (AGENT_FILE_NAMES.has(name) || name === '.cursorrules') return 'agent-instructions';
  if (name === 'copilot-instructions.md' && parent === '.github') return 'agent-instructions';
  if (name.endsWith('.instructions.md') && parent === 'instructions' && grandparent === '.github') return 'agent-instructions';
  if (name.endsWith('.mdc') && parent === 'rules' && grandparent === '.cursor') return 'agent-instructions';
  if (name.endsWith('.prompty')) return 'prompty';
  if (name.endsWith('.prompt')) return 'dotprompt';
  if (name.endsWith('.prompt.md')) {
    return parent === 'prompts' && grandparent === '.github' ? 'vscode-prompt' : 'markdown-prompt';
  }
  if ((name.endsWith('.md') || name.endsWith('.txt')) && dirs.includes('prompts')) {
    return DOC_FILE_NAMES.has(name.replace(/\.(md|txt)$/, '')) ? undefined : 'markdown-prompt';
  }
  return undefined;
}

/** Kinds whose files are plain text (no markdown structure): `.txt` prompts and `.cursorrules`. */
export function isPlainTextPath(path: string): boolean {
  const name = path.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  return name.endsWith('.txt') || name === '.cursorrules';
}
