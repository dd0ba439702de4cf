/**
 * @promptlint/markdown: prompt files (markdown prompts, Prompty, dotprompt, VS Code prompt files,
 * agent instruction files) -> the prompt model of @promptlint/core.
 */
import type { PromptDocument } from '@promptlint/core';
import { stripBom } from '@promptlint/core';
import { detectKind, type PromptFileKind } from './kind.js';

export { detectKind, type PromptFileKind } from './kind.js';

export interface ParseOptions {
  /** Relative, '/'-separated path: decides the kind when `kind` is not given. */
  path: string;
  kind?: PromptFileKind;
}

export type ParseResult =
  | { ok: true; document: PromptDocument; frontMatter: Record<string, unknown> | undefined }
  | { ok: false; error: { message: string; line: number; column: number } };

/** Never throws: bad input returns ok: false with a clear one-line message. (First version: body only.) */
export function parsePromptFile(source: string, options: ParseOptions): ParseResult {
  const text = stripBom(source);
  const kind = options.kind ?? detectKind(options.path) ?? 'markdown-prompt';
  const document: PromptDocument = {
    text,
    path: options.path,
    kind,
    requests: [
      {
        range: [0, Math.min(text.length, Math.max(1, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')))],
        api: 'prompt-file',
        messages: [{ role: kind === 'vscode-prompt' ? 'user' : 'system', parts: [{ type: 'static', text, range: [0, text.length], exact: true }], range: [0, text.length] }],
      },
    ],
  };
  return { ok: true, document, frontMatter: undefined };
}

/** HTML comments of a parsed document (`value` is the text between `<!--` and `-->`). */
export function htmlComments(document: PromptDocument): { value: string; range: [number, number] }[] {
  const out: { value: string; range: [number, number] }[] = [];
  const re = /<!--([\s\S]*?)-->/g;
  for (let m = re.exec(document.text); m; m = re.exec(document.text)) out.push({ value: m[1]!, range: [m.index, m.index + m[0].length] });
  return out;
}
