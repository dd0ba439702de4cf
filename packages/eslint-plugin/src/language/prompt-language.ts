/**
 * The `prompt` language (ESLint languages API, ESLint >= 9.7): parses prompt files with
 * @promptlint/markdown, the CLI's own front end, so both see the same model and positions.
 */
import { createRequire } from 'node:module';
import { LineIndex } from '@promptlint/core';
import type * as Markdown from '@promptlint/markdown';
import type { PromptFileKind } from '@promptlint/markdown';
import { PromptSourceCode } from './prompt-source-code.js';
import type { HtmlComment, LanguageFile, PromptFileNode, PromptLanguageOptions } from './types.js';

const KINDS: readonly PromptFileKind[] = ['markdown-prompt', 'prompty', 'dotprompt', 'vscode-prompt', 'agent-instructions'];

type ParseResult = { ok: true; ast: PromptFileNode } | { ok: false; errors: { message: string; line: number; column: number }[] };

const require = createRequire(import.meta.url);
let markdown: typeof Markdown | undefined;

/**
 * The markdown front end (remark, micromark, yaml: about 260 modules, 0.25 s), loaded by the first
 * prompt file: an ESLint run over code alone never pays for it. `parse` is synchronous, so this is
 * require() of an ES module (Node >= 20.19).
 */
function frontEnd(): typeof Markdown {
  markdown ??= require('@promptlint/markdown') as typeof Markdown;
  return markdown;
}

/** The path as the CLI sees it: relative to the working directory when inside it, '/'-separated. */
export function relativePath(path: string, cwd = process.cwd()): string {
  const p = path.replace(/\\/g, '/');
  const base = cwd.replace(/\\/g, '/').replace(/\/?$/, '/');
  return p.startsWith(base) ? p.slice(base.length) : p;
}

export class PromptLanguage {
  readonly fileType = 'text' as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 1 as const;
  readonly nodeTypeKey = 'type';
  readonly visitorKeys: Record<string, string[]> = { PromptFile: ['children'], HTMLComment: [] };
  readonly defaultLanguageOptions: PromptLanguageOptions = {};

  validateLanguageOptions(options: PromptLanguageOptions): void {
    for (const key of Object.keys(options ?? {})) {
      if (key !== 'kind') throw new TypeError(`promptlint/prompt: unknown language option "${key}" (known: kind)`);
    }
    const kind = options?.kind;
    if (kind !== undefined && !KINDS.includes(kind)) {
      throw new TypeError(`promptlint/prompt: languageOptions.kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    }
  }

  /** Never throws: a file that cannot be read as a prompt is one fatal message with its line. */
  parse(file: LanguageFile, context?: { languageOptions?: PromptLanguageOptions }): ParseResult {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    const path = relativePath(file.path);
    const { detectKind, htmlComments, parsePromptFile } = frontEnd();
    const kind = context?.languageOptions?.kind ?? detectKind(path) ?? 'markdown-prompt';
    const parsed = parsePromptFile(text, { path, kind });
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    const { document } = parsed;
    const index = new LineIndex(document.text);
    const comments: HtmlComment[] = htmlComments(document).map(({ value, range }) => ({
      type: 'HTMLComment',
      value,
      range,
      loc: { start: index.position(range[0]), end: index.position(range[1]) },
    }));
    const ast: PromptFileNode = {
      type: 'PromptFile',
      range: [0, document.text.length],
      loc: { start: { line: 1, column: 1 }, end: index.position(document.text.length) },
      kind,
      document,
      frontMatter: parsed.frontMatter,
      comments,
      children: [],
    };
    return { ok: true, ast };
  }

  createSourceCode(_file: LanguageFile, parseResult: { ok: true; ast: PromptFileNode }): PromptSourceCode {
    return new PromptSourceCode({ text: parseResult.ast.document.text, ast: parseResult.ast });
  }
}

