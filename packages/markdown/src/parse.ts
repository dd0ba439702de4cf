/** A prompt file's text -> the prompt model: one request with its settings, messages and directives. */
import { LineIndex, stripBom, type Directive, type PromptDocument, type PromptRequest, type Range, type Role } from '@promptlint/core';
import { directiveOf, exclusionRange, findComments, isLinterDirective, type HtmlComment } from './comments.js';
import { findFrontMatter, parseFrontMatter } from './frontmatter.js';
import { detectKind, isPlainTextPath, type PromptFileKind } from './kind.js';
import { isSpace, lineAt } from './lines.js';
import { buildMessages } from './messages.js';
import { headingMarkers, roleLineMarkers, type RoleMarker } from './roles.js';
import { settingsOf } from './settings.js';
import { markdownStructure, type MarkdownStructure } from './structure.js';
import { scanTemplate, type TemplateSyntax } from './template.js';

export interface ParseOptions {
  /** Relative, '/'-separated path: decides the kind when `kind` is not given, and `.txt` means plain text. */
  path: string;
  kind?: PromptFileKind;
}

export type ParseResult =
  | { ok: true; document: PromptDocument; frontMatter: Record<string, unknown> | undefined }
  | { ok: false; error: { message: string; line: number; column: number } };

const NONE: TemplateSyntax = { mustache: false, jinja: false, dotprompt: false, dollar: false, singleBrace: false };

/**
 * Template syntax each kind's host substitutes. Agent instruction files are sent as written (no
 * templating); VS Code substitutes only its `${...}` variables; dotprompt is Handlebars.
 */
const SYNTAX: Record<PromptFileKind, TemplateSyntax> = {
  'markdown-prompt': { mustache: true, jinja: true, dotprompt: false, dollar: 'identifier', singleBrace: true },
  prompty: { mustache: true, jinja: true, dotprompt: false, dollar: false, singleBrace: false },
  dotprompt: { mustache: true, jinja: false, dotprompt: true, dollar: false, singleBrace: false },
  'vscode-prompt': { ...NONE, dollar: 'vscode' },
  'agent-instructions': NONE,
};

/**
 * The role of text before any role marker. A prompt file without roles is a system prompt or
 * template (markdown prompts, Prompty's own default, agent instructions); VS Code prompt files are a
 * user turn; dotprompt's runtime renders unmarked text as a user message.
 */
const DEFAULT_ROLE: Record<PromptFileKind, Role> = {
  'markdown-prompt': 'system',
  prompty: 'system',
  dotprompt: 'user',
  'vscode-prompt': 'user',
  'agent-instructions': 'system',
};

/** Comments of each parsed document, for `htmlComments` (no second parse). */
const commentsByDocument = new WeakMap<PromptDocument, HtmlComment[]>();

type Failure = Extract<ParseResult, { ok: false }>;

function failAt(text: string, offset: number, message: string): Failure {
  const { line, column } = new LineIndex(text).position(offset);
  return { ok: false, error: { message, line, column } };
}

function plainStructure(text: string, bodyStart: number): MarkdownStructure {
  return { code: [], headings: [], comments: findComments(text, bodyStart, text.length), lightChunks: 0 };
}

function structureOf(text: string, bodyStart: number, path: string): MarkdownStructure {
  return isPlainTextPath(path) ? plainStructure(text, bodyStart) : markdownStructure(text, bodyStart);
}

/** Where request-level findings go without front matter: the first non-blank line of the body (directives skipped). */
function firstLineRange(text: string, from: number, excluded: readonly Range[]): Range {
  let i = from;
  let k = 0;
  while (i < text.length) {
    while (k < excluded.length && excluded[k]![1] <= i) k++;
    if (k < excluded.length && excluded[k]![0] <= i) {
      i = excluded[k]![1];
      continue;
    }
    if (!isSpace(text.charCodeAt(i))) break;
    i++;
  }
  if (i >= text.length) return [from, from];
  const line = lineAt(text, i);
  let end = line.end;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  return [i, end];
}

function markersOf(text: string, bodyStart: number, kind: PromptFileKind, structure: MarkdownStructure): RoleMarker[] {
  if (kind === 'markdown-prompt') {
    const headings = headingMarkers(text, structure.headings);
    const taken = new Set(headings.map((m) => m.range[0]));
    return [...headings, ...roleLineMarkers(text, bodyStart, text.length, structure.code, taken)];
  }
  // Prompty's parser splits on role lines wherever they are.
  if (kind === 'prompty') return roleLineMarkers(text, bodyStart, text.length, [], new Set());
  return [];
}

function parse(source: string, options: ParseOptions): ParseResult {
  const text = stripBom(source);
  const kind = options.kind ?? detectKind(options.path) ?? 'markdown-prompt';
  const nul = text.indexOf('\0');
  if (nul >= 0) return failAt(text, nul, 'binary content (a NUL byte): not a text prompt file');

  const block = findFrontMatter(text);
  let frontMatter: Record<string, unknown> | undefined;
  let yaml: Extract<ReturnType<typeof parseFrontMatter>, { ok: true }>['doc'] | undefined;
  if (block) {
    const parsed = parseFrontMatter(text, block);
    if (!parsed.ok) return failAt(text, parsed.offset, parsed.message);
    frontMatter = parsed.value;
    yaml = parsed.doc;
  }
  const found = settingsOf(yaml, block?.content[0] ?? 0, kind);
  if (!found.ok) return failAt(text, found.offset, found.message);
  const { settings } = found;

  const bodyStart = block?.bodyStart ?? 0;
  const structure = structureOf(text, bodyStart, options.path);
  const directives: Directive[] = [];
  const excluded: Range[] = [];
  for (const c of structure.comments) {
    const d = directiveOf(c);
    if (d) directives.push(d);
    if (isLinterDirective(c)) excluded.push(exclusionRange(text, c.range));
  }
  const scan = scanTemplate(text, bodyStart, text.length, SYNTAX[kind], structure.code, excluded);
  const markers = markersOf(text, bodyStart, kind, structure);
  const messages = buildMessages(text, bodyStart, text.length, DEFAULT_ROLE[kind], markers, scan.tokens, excluded);

  const request: PromptRequest = {
    range: block ? block.range : firstLineRange(text, bodyStart, excluded),
    api: 'prompt-file',
    messages,
  };
  if (settings.provider) request.provider = settings.provider;
  if (settings.model) request.model = settings.model;
  if (kind === 'vscode-prompt') {
    request.sharedPrefix = false; // a one-shot user turn after the host's own system prompt; no limit can be set
  } else if (kind === 'agent-instructions') {
    request.sharedPrefix = true; // opens the system prompt of every request; no limit can be set
  } else {
    request.outputLimitName = settings.outputLimitName;
    request.outputLimit = settings.outputLimit ?? { state: 'absent' };
  }
  if (scan.history) request.history = scan.history;
  if (settings.callsPerDay !== undefined) request.callsPerDay = settings.callsPerDay;

  const document: PromptDocument = { text, path: options.path, kind, requests: [request] };
  if (directives.length) document.directives = directives;
  commentsByDocument.set(document, structure.comments);
  return { ok: true, document, frontMatter };
}

/** Never throws: bad input (invalid or non-mapping front matter, binary content) returns ok: false with a one-line message. */
export function parsePromptFile(text: string, options: ParseOptions): ParseResult {
  try {
    return parse(text, options);
  } catch (e) {
    const message = String((e as Error)?.message ?? e).split('\n', 1)[0];
    return { ok: false, error: { message: `could not read this prompt file: ${message}`, line: 1, column: 1 } };
  }
}

/**
 * HTML comments of a document (`value` is the text between `<!--` and `-->`), outside code:
 * for linters' own directives (`<!-- eslint-disable ... -->`). Documents from `parsePromptFile`
 * answer without parsing again.
 */
export function htmlComments(document: PromptDocument): { value: string; range: [number, number] }[] {
  let comments = commentsByDocument.get(document);
  if (!comments) {
    const text = document.text;
    const block = findFrontMatter(text);
    comments = structureOf(text, block?.bodyStart ?? 0, document.path ?? '').comments;
    commentsByDocument.set(document, comments);
  }
  return comments.map((c) => ({ value: c.value, range: [c.range[0], c.range[1]] }));
}
