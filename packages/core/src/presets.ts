/** The presets: recommended (high precision), strict (adds heuristic rules), all. */
import type { RuleSetting } from './engine.js';
import { rules } from './rules/index.js';

export type PresetName = 'recommended' | 'strict' | 'all';

export function presetRules(name: PresetName): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const r of rules) {
    const on = name === 'all' || (name === 'strict' ? r.meta.strict : r.meta.recommended);
    if (on) out[r.meta.id] = r.meta.defaultSeverity;
  }
  return out;
}
