/**
 * @promptlint/eslint-plugin: promptlint's cost rules for code that calls LLM SDKs and, through the
 * `prompt` language, for prompt files, with flat-config presets covering both.
 *
 *   import promptlint from '@promptlint/eslint-plugin';             // ESM
 *   const promptlint = require('@promptlint/eslint-plugin');        // CommonJS (eslint.config.cjs)
 *   export default [...promptlint.configs.recommended];
 *
 * The package is ESM only; `require()` of it (Node >= 20.19) returns the plugin object itself, not a
 * module namespace with `.default`, through the `'module.exports'` export below, so a CommonJS config
 * that names the plugin in `plugins: { promptlint }` beside the presets gets the same object.
 */
import { createRequire } from 'node:module';
import { rules as coreRules } from '@promptlint/core';
import type { ESLint, Linter, Rule } from 'eslint';
import { buildConfigs } from './configs.js';
import { PromptLanguage } from './language/prompt-language.js';
import { promptAwareRule } from './language/prompt-aware-rule.js';
import { rules as codeRules } from './rules/index.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const rules: Record<string, Rule.RuleModule> = {};
for (const core of coreRules) rules[core.meta.id] = promptAwareRule(core, codeRules[core.meta.id]);

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: 'promptlint' },
  rules,
  languages: { prompt: new PromptLanguage() },
  configs: {} as Record<'recommended' | 'strict' | 'all', Linter.Config[]>,
} satisfies ESLint.Plugin;

Object.assign(plugin.configs, buildConfigs(plugin as ESLint.Plugin));

export { PromptLanguage } from './language/prompt-language.js';
export { PromptSourceCode } from './language/prompt-source-code.js';
export { DEFAULT_MODEL, type PromptlintSettings } from './language/run-core-rule.js';
export type { PromptFileNode, PromptLanguageOptions } from './language/types.js';
export { CODE_FILES, PROMPT_FILES } from './configs.js';
export const { configs, languages, meta } = plugin;
export { rules };
export default plugin;
export { plugin as 'module.exports' };
