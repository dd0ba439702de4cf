/**
 * Builds prompt documents for rule tests: the document text is the concatenation of the parts,
 * so every range is real and every static part is exact.
 */
import { Engine, rulesById, type EngineConfig, type Finding, type Message, type Part, type PromptDocument, type PromptRequest, type Role, type SlotKind } from '../src/index.js';

export type PartSpec = string | { slot: string; kind: SlotKind; prettyJson?: boolean };
export const slot = (name: string, kind: SlotKind = 'unknown'): PartSpec => ({ slot: name, kind });

export interface RequestSpec extends Partial<Omit<PromptRequest, 'messages' | 'range' | 'model'>> {
  model?: string;
  messages: [Role, ...PartSpec[]][];
}

export function makeDocument(spec: RequestSpec | RequestSpec[], kind: PromptDocument['kind'] = 'markdown-prompt'): PromptDocument {
  const specs = Array.isArray(spec) ? spec : [spec];
  let text = '';
  const requests: PromptRequest[] = specs.map((s) => {
    const start = text.length;
    const messages: Message[] = s.messages.map(([role, ...parts]) => {
      const mStart = text.length;
      const out: Part[] = parts.map((p) => {
        const pStart = text.length;
        if (typeof p === 'string') {
          text += p;
          return { type: 'static', text: p, range: [pStart, text.length], exact: true };
        }
        text += `{{${p.slot}}}`;
        return { type: 'slot', name: p.slot, kind: p.kind, range: [pStart, text.length] };
      });
      text += '\n';
      return { role, parts: out, range: [mStart, text.length - 1] };
    });
    const { model, messages: _m, ...rest } = s;
    return {
      range: [start, Math.max(start + 1, text.length - 1)],
      ...(model ? { model: { value: model } } : {}),
      ...rest,
      messages,
    } as PromptRequest;
  });
  return { text, kind, requests };
}

/** Lints with one rule on (with options) through the real engine. */
export function lintWith(ruleId: string, doc: PromptDocument, options?: Record<string, unknown>, config: EngineConfig = {}): Finding[] {
  if (!rulesById.has(ruleId)) throw new Error(`no rule ${ruleId}`);
  const engine = new Engine({ ...config, rules: { [ruleId]: options ? ['error', options] : 'error' } }, [...rulesById.values()]);
  return engine.lint(doc);
}

/** A text of roughly `n` distinct tokens (numbered sentences so BPE cannot merge across them). */
export function filler(sentences: number, word = 'Follow the style guide'): string {
  let s = '';
  for (let i = 0; i < sentences; i++) s += `${word} rule ${i}. `;
  return s;
}
