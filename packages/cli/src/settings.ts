/** Configuration + command-line flags -> the engine's configuration. Flags win over the file. */
import { DEFAULT_MODEL, presetRules, type EngineConfig, type ModelOverride, type RuleSetting } from '@promptlint/core';
import type { DirectiveSeverity, LoadedConfig, UserConfig } from './config.js';

/** The model files that name none are priced as when neither --model nor the configuration says. */

export interface SettingsFlags {
  model?: string | undefined;
  callsPerDay?: number | undefined;
  /** `--rule` settings, over the configuration's (as ESLint's --rule). */
  rules?: Readonly<Record<string, unknown>> | undefined;
  /** `--report-unused-disable-directives[-severity]`, over the configuration's. */
  reportUnusedDisableDirectives?: DirectiveSeverity | undefined;
}

export interface Settings {
  engine: EngineConfig & { defaultModel: string };
  /** Where the default model came from. */
  modelFrom: 'flag' | 'config' | 'builtin';
}

/** ESLint's reading of `reportUnusedDisableDirectives`: true is "warn", false is "off". */
export function directiveSeverity(value: UserConfig['reportUnusedDisableDirectives']): DirectiveSeverity {
  switch (value) {
    case true:
    case 'warn':
    case 1:
      return 'warn';
    case 'error':
    case 2:
      return 'error';
    default:
      return 'off';
  }
}

export function buildEngineConfig(loaded: LoadedConfig, flags: SettingsFlags): Settings {
  const c = loaded.config;
  const ruleSettings: Record<string, RuleSetting> = {
    ...presetRules(c.extends ?? 'recommended'),
    ...((c.rules ?? {}) as Record<string, RuleSetting>),
    ...((flags.rules ?? {}) as Record<string, RuleSetting>),
  };
  const modelFrom: Settings['modelFrom'] = flags.model !== undefined ? 'flag' : c.model !== undefined ? 'config' : 'builtin';
  const defaultModel = flags.model ?? c.model ?? DEFAULT_MODEL;
  const callsPerDay = flags.callsPerDay ?? c.callsPerDay;
  const unused = flags.reportUnusedDisableDirectives ?? directiveSeverity(c.reportUnusedDisableDirectives);
  return {
    engine: {
      rules: ruleSettings,
      defaultModel,
      ...(callsPerDay !== undefined ? { callsPerDay } : {}),
      ...(c.models ? { models: c.models as Record<string, ModelOverride> } : {}),
      ...(unused !== 'off' ? { reportUnusedDisableDirectives: unused } : {}),
    },
    modelFrom,
  };
}
