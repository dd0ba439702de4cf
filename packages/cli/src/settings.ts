/** Configuration + command-line flags -> the engine's configuration. Flags win over the file. */
import { DEFAULT_MODEL, presetRules, type EngineConfig, type ModelOverride, type RuleSetting } from '@promptlint/core';
import type { LoadedConfig } from './config.js';

/** The model files that name none are priced as when neither --model nor the configuration says. */

export interface Settings {
  engine: EngineConfig & { defaultModel: string };
  /** Where the default model came from. */
  modelFrom: 'flag' | 'config' | 'builtin';
}

export function buildEngineConfig(loaded: LoadedConfig, flags: { model?: string | undefined; callsPerDay?: number | undefined }): Settings {
  const c = loaded.config;
  const ruleSettings: Record<string, RuleSetting> = { ...presetRules(c.extends ?? 'recommended'), ...((c.rules ?? {}) as Record<string, RuleSetting>) };
  const modelFrom: Settings['modelFrom'] = flags.model !== undefined ? 'flag' : c.model !== undefined ? 'config' : 'builtin';
  const defaultModel = flags.model ?? c.model ?? DEFAULT_MODEL;
  const callsPerDay = flags.callsPerDay ?? c.callsPerDay;
  return {
    engine: {
      rules: ruleSettings,
      defaultModel,
      ...(callsPerDay !== undefined ? { callsPerDay } : {}),
      ...(c.models ? { models: c.models as Record<string, ModelOverride> } : {}),
    },
    modelFrom,
  };
}
