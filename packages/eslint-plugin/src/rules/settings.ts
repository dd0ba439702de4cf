/**
 * `settings.promptlint` for code files: the engine's keys (`defaultModel`, `callsPerDay`, `models`,
 * validated by the shared bridge) plus what only extraction reads: `aiSdkVersion` (the `ai` SDK's
 * major version; `maxTokens` is an output limit only before 5).
 */
import type { ExtractOptions } from '../code/request.js';
import { parseWrappers } from '../code/wrappers.js';

export type CodeSettings =
  | { ok: true; extract: ExtractOptions; engineSettings: Record<string, unknown> }
  | { ok: false; error: string };

const EXTRACT_KEYS = ['aiSdkVersion', 'wrappers'] as const;

export function codeSettings(settings: Record<string, unknown> | undefined): CodeSettings {
  const raw = settings?.promptlint;
  if (raw === undefined || typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    // not ours to judge here: the bridge reports a malformed `settings.promptlint`
    return { ok: true, extract: {}, engineSettings: settings ?? {} };
  }
  const s = { ...(raw as Record<string, unknown>) };
  const extract: ExtractOptions = {};
  const v = s.aiSdkVersion;
  if (v !== undefined) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      return { ok: false, error: `settings.promptlint.aiSdkVersion: expected the ai SDK's major version (an integer such as 4 or 5), got ${JSON.stringify(v)}` };
    }
    extract.aiSdkVersion = v;
  }
  if (s.wrappers !== undefined) {
    const w = parseWrappers(s.wrappers);
    if (!w.ok) return { ok: false, error: w.error };
    extract.wrappers = w.wrappers;
  }
  for (const k of EXTRACT_KEYS) delete s[k];
  return { ok: true, extract, engineSettings: { ...settings, promptlint: s } };
}
