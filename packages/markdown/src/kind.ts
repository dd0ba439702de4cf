/**
 * Which kind of prompt file a path is, from its name and folders (`detectKind`), refined by its
 * front matter (`refineKind`), and whether it defines a model request itself (`definesRequest`).
 * The table of layouts is docs/file-kinds.md.
 */
import type { DocumentKind } from '@promptlint/core';

export type PromptFileKind = Exclude<DocumentKind, 'code'>;

const AGENT_FILE_NAMES = new Set(['agents.md', 'claude.md', 'gemini.md', 'skill.md']);
/** Documentation that sits beside prompts in a `prompts/` folder without being one. */
const DOC_FILE_NAMES = new Set(['readme', 'changelog', 'contributing', 'license', 'code_of_conduct', 'security']);
/** A folder per prompt in a prompt library: `<name>/system.md`, `<name>/user.md`. */
const PROMPT_PART_NAMES = new Set(['system.md', 'user.md', 'system-prompt.md', 'system_prompt.md']);
/** Suffixes of VS Code's instruction, chat mode and custom agent files, wherever they sit. */
const VSCODE_HOST_SUFFIXES = ['.instructions.md', '.chatmode.md', '.agent.md'];

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
  if (VSCODE_HOST_SUFFIXES.some((s) => name.endsWith(s) && name.length > s.length)) return 'agent-instructions';
  if (name.endsWith('.mdc')) return 'agent-instructions';
  // Claude Code subagents and slash commands, Codex custom prompts, Gemini CLI and Copilot agents.
  if (name.endsWith('.md') && agentHostFolder(dirs)) return 'agent-instructions';
  if (name.endsWith('.prompty')) return 'prompty';
  if (name.endsWith('.prompt')) return 'dotprompt';
  if (name.endsWith('.prompt.md')) {
    return parent === 'prompts' && grandparent === '.github' ? 'vscode-prompt' : 'markdown-prompt';
  }
  if (PROMPT_PART_NAMES.has(name)) return 'markdown-prompt';
  if ((name.endsWith('.md') || name.endsWith('.txt')) && dirs.includes('prompts')) {
    return DOC_FILE_NAMES.has(name.replace(/\.(md|txt)$/, '')) ? undefined : 'markdown-prompt';
  }
  return undefined;
}

/** `.claude/agents`, `.claude/commands`, `.codex/prompts`, `.gemini/agents`, `.github/agents` (and below). */
function agentHostFolder(dirs: readonly string[]): boolean {
  for (let i = 0; i + 1 < dirs.length; i++) {
    const host = dirs[i];
    const sub = dirs[i + 1];
    if ((host === '.claude' || host === '.gemini') && (sub === 'agents' || sub === 'commands')) return true;
    if (host === '.codex' && sub === 'prompts') return true;
    if (host === '.github' && (sub === 'agents' || sub === 'chatmodes')) return true;
  }
  return false;
}

/** Kinds whose files are plain text (no markdown structure): `.txt` prompts and `.cursorrules`. */
export function isPlainTextPath(path: string): boolean {
  const name = path.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  return name.endsWith('.txt') || name === '.cursorrules';
}

/**
 * Front matter keys that set a request parameter: a file that sets one defines its request.
 * `model` alone is not among them: agent hosts (VS Code, Claude Code subagents) read it to pick
 * their own model, and a plain markdown prompt that names one counts through `definesRequest`.
 */
const REQUEST_PARAMETER_KEYS = [
  'max_tokens', 'max_output_tokens', 'max_completion_tokens', 'maxOutputTokens', 'temperature', 'top_p', 'top_k',
  'topP', 'topK', 'stop', 'stop_sequences', 'seed', 'response_format', 'presence_penalty', 'frequency_penalty',
  'config', 'parameters', 'provider', 'api', 'calls_per_day',
];

/**
 * Front matter keys that only an agent host reads: VS Code (`applyTo`, `mode`, `agent`, `tools`,
 * `handoffs`), Cursor (`globs`, `alwaysApply`), Claude Code and Codex (`allowed-tools`,
 * `argument-hint`, `disable-model-invocation`, `color`).
 */
const HOST_KEYS = ['applyTo', 'mode', 'agent', 'tools', 'handoffs', 'globs', 'alwaysApply', 'allowed-tools', 'argument-hint', 'disable-model-invocation', 'color'];

/** Claude Code's model aliases in agent and command front matter (`model: sonnet`): the host resolves them. */
const hostModel = (model: unknown): boolean => typeof model === 'string' && /^(?:sonnet|opus|haiku|inherit)$/i.test(model.trim());

const has = (fm: Record<string, unknown> | undefined, keys: readonly string[]): boolean =>
  fm !== undefined && keys.some((k) => Object.prototype.hasOwnProperty.call(fm, k));

/**
 * The kind of a markdown prompt refined by its front matter: one that an agent host reads (keys
 * only a host reads, and no request parameter) is that host's file wherever it sits, a VS Code
 * prompt file for `*.prompt.md`, else an instruction file. Other kinds are returned unchanged.
 */
export function refineKind(kind: PromptFileKind, path: string, frontMatter: Record<string, unknown> | undefined): PromptFileKind {
  if (kind !== 'markdown-prompt' || has(frontMatter, REQUEST_PARAMETER_KEYS)) return kind;
  if (!has(frontMatter, HOST_KEYS) && !hostModel(frontMatter?.['model'])) return kind;
  return path.toLowerCase().endsWith('.prompt.md') ? 'vscode-prompt' : 'agent-instructions';
}

/**
 * Whether a file of `kind` defines its model request itself, so that request rules (the output
 * limit, cache breakpoints) apply: Prompty and dotprompt files always; a markdown prompt when its
 * front matter names a model or sets a request parameter; never a host's file (instructions,
 * rules, agents, commands, skills, VS Code prompt files), whose request the host makes.
 */
export function definesRequest(kind: PromptFileKind, frontMatter: Record<string, unknown> | undefined): boolean {
  if (kind === 'prompty' || kind === 'dotprompt') return true;
  if (kind !== 'markdown-prompt') return false;
  return has(frontMatter, ['model', ...REQUEST_PARAMETER_KEYS]);
}
