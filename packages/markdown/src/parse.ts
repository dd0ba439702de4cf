/** A prompt file's text -> the prompt model: one request with its settings, messages and directives. */
import { LineIndex, stripBom, type Directive, type PromptDocument, type PromptRequest, type Range, type Role } from '@promptlint/core';
import { directiveOf, exclusionRange, findComments, isLinterDirective, type HtmlComment } from './comments.js';
import { findFrontMatter, parseFrontMatter, parseFrontMatterLenient, type FrontMatterBlock } from './frontmatter.js';
import { definesRequest, detectKind, isPlainTextPath, refineKind, type PromptFileKind } from './kind.js';
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
  prompty: { mustache: true, jinja: true, tagsInCode: true, dotprompt: false, dollar: false, singleBrace: false },
  dotprompt: { mustache: true, jinja: false, tagsInCode: true, dotprompt: true, dollar: false, singleBrace: false },
  'vscode-prompt': { ...NONE, dollar: 'vscode' },
  'agent-instructions': NONE,
};

/**
 * The template syntax of one file: its kind's. A markdown prompt that defines its request is a
 * template its program renders whole, so tags inside its code are filled too; in any other
 * markdown prompt (a reusable system prompt, a transcript) a tag in code shows an example.
 */
function syntaxOf(kind: PromptFileKind, frontMatter: Record<string, unknown> | undefined): TemplateSyntax {
  const syntax = SYNTAX[kind];
  return kind === 'markdown-prompt' && definesRequest(kind, frontMatter) ? { ...syntax, tagsInCode: true } : syntax;
}

/** `<example>`, `<examples>`, `<example_x ...>` blocks: text shown to the model as an example. */
const EXAMPLE_TAG = /<(\/?)(examples?(?:[_-][\w-]*)?)(?:\s[^<>]*)?>/gi;

/**
 * Ranges no slot is read in: code (fenced, indented, inline) and example blocks, merged, sorted,
 * not overlapping.
 */
function noSlotRanges(text: string, from: number, to: number, code: readonly Range[]): Range[] {
  const examples: Range[] = [];
  const open: { name: string; start: number }[] = [];
  EXAMPLE_TAG.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = EXAMPLE_TAG.exec(text)) && m.index < to) {
    const name = m[2]!.toLowerCase();
    if (m[1] === '') {
      open.push({ name, start: m.index });
      continue;
    }
    const k = open.map((o) => o.name).lastIndexOf(name);
    if (k < 0) continue;
    const start = open[k]!.start;
    open.length = k;
    if (open.length === 0) examples.push([start, m.index + m[0].length]);
  }
  if (examples.length === 0) return code as Range[];
  const all = [...code, ...examples].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) out[out.length - 1] = [last[0], Math.max(last[1], r[1])];
    else out.push([r[0], r[1]]);
  }
  return out;
}

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
function firstLineRange(text: string, from: number, excluded: readonly Range[], to: number): Range {
  let i = from;
  let k = 0;
  while (i < to) {
    while (k < excluded.length && excluded[k]![1] <= i) k++;
    if (k < excluded.length && excluded[k]![0] <= i) {
      i = excluded[k]![1];
      continue;
    }
    if (!isSpace(text.charCodeAt(i))) break;
    i++;
  }
  if (i >= to) return [from, from];
  const line = lineAt(text, i);
  let end = line.end;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  return [i, end];
}

function markersOf(text: string, bodyStart: number, bodyEnd: number, kind: PromptFileKind, structure: MarkdownStructure): RoleMarker[] {
  if (kind === 'markdown-prompt') {
    const headings = headingMarkers(text, structure.headings);
    const taken = new Set(headings.map((m) => m.range[0]));
    return [...headings, ...roleLineMarkers(text, bodyStart, bodyEnd, structure.code, taken)];
  }
  // Prompty's parser splits on role lines wherever they are.
  if (kind === 'prompty') return roleLineMarkers(text, bodyStart, bodyEnd, [], new Set());
  return [];
}

/**
 * A fence line: up to three spaces, a run of three or more backticks or tildes, then spaces or tabs,
 * the info word (up to the first white space), anything else; no backtick after the run. A scan
 * rather than a pattern: a pattern here backtracks polynomially on long runs of tildes.
 */
function fenceLine(line: string): { marker: string; info: string } | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  const ch = line[i];
  if (ch !== '`' && ch !== '~') return undefined;
  let j = i;
  while (line[j] === ch) j++;
  if (j - i < 3 || line.includes('`', j)) return undefined;
  let k = j;
  while (line[k] === ' ' || line[k] === '\t') k++;
  let e = k;
  while (e < line.length && !/\s/.test(line[e]!)) e++;
  return { marker: line.slice(i, j), info: line.slice(k, e) };
}
/** Info strings of a fence that wraps a whole prompt (pasted from documentation), not code. */
const WRAPPER_INFO = new Set(['', 'prompt', 'markdown', 'md', 'mdc', 'text', 'txt', 'plaintext', 'instructions', 'chatmode', 'agent']);

/**
 * The inside of a file that is one fenced block (its first and last non-blank lines open and close
 * the same fence, nothing between closes it, the info string names prose), as [start, end):
 * from the line after the opening fence to the start of the closing fence's line.
 */
export function outerFence(text: string): { inner: Range } | undefined {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length || (text[i] !== '`' && text[i] !== '~')) return undefined;
  const first = lineAt(text, startOfLine(text, i));
  const open = fenceLine(text.slice(first.start, first.end));
  if (!open || !WRAPPER_INFO.has(open.info.toLowerCase())) return undefined;
  const marker = open.marker;
  const closes = (start: number, end: number): boolean => {
    const m = fenceLine(text.slice(start, end));
    return m !== undefined && m.marker[0] === marker[0] && m.marker.length >= marker.length && m.info === '' && text.slice(start, end).trim() === m.marker;
  };
  let at = first.next;
  let closing: number | undefined;
  while (at < text.length) {
    const line = lineAt(text, at);
    if (closes(line.start, line.end)) {
      closing = line.start;
      break;
    }
    if (line.next === at) break;
    at = line.next;
  }
  if (closing === undefined) return undefined;
  const after = lineAt(text, closing).next;
  if (text.slice(after).trim() !== '') return undefined;
  return { inner: [first.next, closing] };
}

function startOfLine(text: string, i: number): number {
  let s = i;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  return s;
}

/** The front matter block at `from` (the start of an outer fence's inside, else 0), in document offsets. */
function frontMatterIn(text: string, from: number): FrontMatterBlock | undefined {
  if (from === 0) return findFrontMatter(text);
  const b = findFrontMatter(text.slice(from));
  if (!b) return undefined;
  return { range: [b.range[0] + from, b.range[1] + from], content: [b.content[0] + from, b.content[1] + from], bodyStart: b.bodyStart + from };
}

/** `text` with every character outside [from, to) but line ends blanked (offsets kept). */
function blankOutside(text: string, from: number, to: number): string {
  const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');
  return blank(text.slice(0, from)) + text.slice(from, to) + blank(text.slice(to));
}

function parse(source: string, options: ParseOptions): ParseResult {
  const text = stripBom(source);
  const named = options.kind ?? detectKind(options.path) ?? 'markdown-prompt';
  const nul = text.indexOf('\0');
  if (nul >= 0) return failAt(text, nul, 'binary content (a NUL byte): not a text prompt file');

  const wrapper = outerFence(text);
  const scope = wrapper?.inner ?? [0, text.length];
  const block = frontMatterIn(text, scope[0]);
  let frontMatter: Record<string, unknown> | undefined;
  let yaml: Extract<ReturnType<typeof parseFrontMatter>, { ok: true }>['doc'] | undefined;
  if (block) {
    let parsed = parseFrontMatter(text, block);
    // Agent hosts that read `key: value` lines (Cursor, VS Code, Claude Code) accept what strict
    // YAML rejects: their files, by name or by the keys only a host reads, are read that way.
    // Prompty, dotprompt and plain markdown prompts are read as YAML: their errors stay fatal.
    if (!parsed.ok && named !== 'prompty' && named !== 'dotprompt') {
      const lenient = parseFrontMatterLenient(text, block);
      if (lenient?.ok && (named !== 'markdown-prompt' || refineKind(named, options.path, lenient.value) !== 'markdown-prompt')) parsed = lenient;
    }
    if (!parsed.ok) return failAt(text, parsed.offset, parsed.message);
    frontMatter = parsed.value;
    yaml = parsed.doc;
  }
  const kind = refineKind(named, options.path, frontMatter);
  const found = settingsOf(yaml, block?.content[0] ?? 0, kind);
  if (!found.ok) return failAt(text, found.offset, found.message);
  const { settings } = found;

  const bodyStart = block?.bodyStart ?? scope[0];
  const bodyEnd = scope[1];
  // Inside an outer fence the structure is read from the inside alone (the rest blanked, offsets kept).
  const structure = structureOf(wrapper ? blankOutside(text, bodyStart, bodyEnd) : text, wrapper ? 0 : bodyStart, options.path);
  const directives: Directive[] = [];
  const excluded: Range[] = [];
  for (const c of structure.comments) {
    const d = directiveOf(c);
    if (d) directives.push(d);
    if (isLinterDirective(c)) excluded.push(exclusionRange(text, c.range));
  }
  const syntax = syntaxOf(kind, frontMatter);
  const scan = scanTemplate(text, bodyStart, bodyEnd, syntax, syntax.tagsInCode ? structure.code : noSlotRanges(text, bodyStart, bodyEnd, structure.code), excluded);
  const markers = markersOf(text, bodyStart, bodyEnd, kind, structure);
  const messages = buildMessages(text, bodyStart, bodyEnd, DEFAULT_ROLE[kind], markers, scan.tokens, excluded);

  const request: PromptRequest = {
    range: block ? block.range : firstLineRange(text, bodyStart, excluded, bodyEnd),
    api: 'prompt-file',
    messages,
  };
  if (settings.provider) request.provider = settings.provider;
  if (settings.model) request.model = settings.model;
  if (kind === 'vscode-prompt') {
    request.sharedPrefix = false; // a one-shot user turn after the host's own system prompt; no limit can be set
  } else if (kind === 'agent-instructions') {
    request.sharedPrefix = true; // opens the system prompt of every request; no limit can be set
  } else if (definesRequest(kind, frontMatter)) {
    request.outputLimitName = settings.outputLimitName;
    request.outputLimit = settings.outputLimit ?? { state: 'absent' };
  }
  // Else a prompt whose request is made elsewhere (a reusable system prompt, a transcript): the
  // program that sends it sets the output limit, so request rules do not apply.
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
