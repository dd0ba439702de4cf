/**
 * Flat-config presets built from core's rule metadata: each is two objects, one for code files
 * and one for prompt files (parsed by the `prompt` language), with the same rules.
 */
import { presetRules, type PresetName } from '@promptlint/core';
import type { ESLint, Linter } from 'eslint';

export const CODE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** Every kind of prompt file @promptlint/markdown reads (see its `detectKind`). */
export const PROMPT_FILES = [
  '**/*.prompt.md',
  '**/prompts/**/*.{md,txt}',
  '**/*.prompty',
  '**/*.prompt',
  '**/.github/prompts/*.prompt.md',
  '**/AGENTS.md',
  '**/CLAUDE.md',
  '**/GEMINI.md',
  '**/.github/copilot-instructions.md',
  '**/.github/instructions/*.instructions.md',
  '**/.cursor/rules/*.mdc',
  '**/.cursorrules',
  // docs/file-kinds.md: host files wherever they sit, skills, agents and commands, a folder per prompt
  '**/*.{instructions,chatmode,agent}.md',
  '**/*.mdc',
  '**/SKILL.md',
  '**/.{claude,gemini}/{agents,commands}/**/*.md',
  '**/.codex/prompts/**/*.md',
  '**/.github/{agents,chatmodes}/**/*.md',
  '**/{system,user,system-prompt,system_prompt}.md',
];

export const PRESETS: readonly PresetName[] = ['recommended', 'strict', 'all'];

/** `'promptlint/<id>': severity` for a preset. */
export function presetEslintRules(name: PresetName, prefix = 'promptlint'): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const [id, setting] of Object.entries(presetRules(name))) out[`${prefix}/${id}`] = setting as Linter.RuleEntry;
  return out;
}

export function buildConfigs(plugin: ESLint.Plugin): Record<PresetName, Linter.Config[]> {
  const configs = {} as Record<PresetName, Linter.Config[]>;
  for (const name of PRESETS) {
    const rules = presetEslintRules(name);
    configs[name] = [
      { name: `promptlint/${name}/code`, files: CODE_FILES, plugins: { promptlint: plugin }, rules },
      { name: `promptlint/${name}/prompts`, files: PROMPT_FILES, plugins: { promptlint: plugin }, language: 'promptlint/prompt', rules },
    ];
  }
  return configs;
}
