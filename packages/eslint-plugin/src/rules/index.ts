/** The code-side ESLint rules, keyed by core rule id (no prefix): one adapter per core rule. */
import { rules as coreRules } from '@promptlint/core';
import type { Rule } from 'eslint';
import { toEslintRule } from './adapter.js';

export type RuleModule = Rule.RuleModule;

export const rules: Record<string, RuleModule> = Object.fromEntries(coreRules.map((r) => [r.meta.id, toEslintRule(r)]));

export { extractionStats } from '../code/extract.js';
export { prefilterStats } from '../code/prefilter.js';
