/**
 * Template syntax in a prompt body: the slots it leaves for run-time values, the tags that are not
 * sent to the model (control blocks, comments), dotprompt role markers, and loops over a
 * conversation history.
 *
 * Syntaxes: Mustache/Handlebars/Jinja/Prompty/dotprompt `{{x}}`, `{{{x}}}`, block helpers
 * `{{#each xs}}`...`{{/each}}`, comments `{{! }}`; Jinja `{% %}` and `{# #}`; VS Code `${input:x}`,
 * `${file}`...; JS-style `${x}`; Python/LangChain `{x}` (an identifier only: never JSON, never `{{`).
 * One left-to-right pass with memoised searches for closing delimiters: linear in the text.
 */
import type { HistoryFact, Range, Role, SlotKind } from '@promptlint/core';
import { classifySlot } from './classify.js';

export type TemplateToken =
  | { type: 'slot'; range: Range; name: string; kind: SlotKind }
  /** Template text that is not sent to the model (control tags, comments, closers). */
  | { type: 'skip'; range: Range }
  /** A dotprompt `{{role "system"}}` marker. */
  | { type: 'role'; range: Range; role: Role };

export interface TemplateSyntax {
  /** `{{x}}`, `{{{x}}}`, `{{#block}}`, `{{/block}}`, `{{! comment }}`. */
  mustache: boolean;
  /** `{% tag %}`, `{# comment #}`. */
  jinja: boolean;
  /**
   * Mustache and Jinja tags inside code are slots too: the file is a template its engine renders
   * whole (Prompty, dotprompt). Elsewhere a tag in code (or an example block) shows an example.
   */
  tagsInCode?: boolean;
  /** dotprompt helpers: `{{role "x"}}`, `{{history}}`, `{{media url=x}}`, `{{section "x"}}`. */
  dotprompt: boolean;
  /** `${...}`: VS Code variables (everywhere) or JS-style `${identifier}` (outside code). */
  dollar: 'vscode' | 'identifier' | false;
  /** `{identifier}` (outside code). */
  singleBrace: boolean;
}

export interface TemplateScan {
  tokens: TemplateToken[];
  history?: HistoryFact;
}

/** indexOf with memory: linear over queries that move forward. */
function finder(text: string, needle: string): (from: number) => number {
  let queried = -1;
  let found = -1;
  return (from) => {
    if (queried >= 0 && from >= queried && (found < 0 || from <= found)) return found;
    queried = from;
    found = text.indexOf(needle, from);
    return found;
  };
}

/** Whether offsets fall inside sorted, non-overlapping ranges, for offsets that only move forward. */
function rangeCursor(ranges: readonly Range[]): (offset: number) => Range | undefined {
  let k = 0;
  return (offset) => {
    while (k < ranges.length && ranges[k]![1] <= offset) k++;
    const r = ranges[k];
    return r && r[0] <= offset ? r : undefined;
  };
}

const IDENT_PATH = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*\}/u;
const EXPRESSION_START = /^[\p{L}_@.(]/u;
const ROOT = /^[\s(]*([\p{L}_@.][\p{L}\p{N}_]*)/u;
/** A collection expression that keeps only part of the history: `history[-10:]`, `| last(10)`, `(slice h -10)`. */
const SLICED = /\[\s*(?:(?:-\d*|\d+)\s*)?:\s*(?:(?:-\d*|\d+)\s*)?\]|\|\s*(?:slice|last|first|batch|truncate|limit|take|tail)\b|\(\s*(?:slice|last|first|limit|take|tail)\s/;
/** A condition on the loop position (`loop.index > 10`, `loop.revindex <= 10`, `(lt @index 10)`). */
const LOOP_POSITION = /\bloop\.(?:rev)?index0?\b|@index/;
const COMPARISON = /[<>]|\b(?:lt|gt|lte|gte)\b/;
const HANDLEBARS_CONTEXT = new Set(['this', '.', '@index', '@key', '@first', '@last']);
const ROLE_NAMES: Record<string, Role> = { system: 'system', user: 'user', model: 'assistant', assistant: 'assistant', tool: 'tool' };

interface LoopFrame {
  kind: SlotKind;
  vars: readonly string[];
  handlebars: boolean;
  history?: { name: string; range: Range; trimmed: boolean };
}

function stripControl(inner: string): string {
  return inner.replace(/^[-~+]/, '').replace(/[-~+]$/, '').trim();
}

/** The collection's name for messages: `history`, `conversation.messages`. */
function collectionName(expr: string): string {
  const m = /^[\s(]*(?:(?:slice|last|first|limit|take|tail)\s+)?([\p{L}_@][\p{L}\p{N}_.]*)/u.exec(expr);
  return m?.[1] ?? expr.trim().slice(0, 60);
}

export function scanTemplate(
  text: string,
  from: number,
  to: number,
  syntax: TemplateSyntax,
  code: readonly Range[],
  excluded: readonly Range[],
): TemplateScan {
  const tokens: TemplateToken[] = [];
  if (!syntax.mustache && !syntax.jinja && !syntax.dollar && !syntax.singleBrace) return { tokens };
  const closeMustache = finder(text, '}}');
  const closeTriple = finder(text, '}}}');
  const closeComment = finder(text, '--}}');
  const closeTag = finder(text, '%}');
  const closeJinjaComment = finder(text, '#}');
  const inCode = rangeCursor(code);
  const inExcluded = rangeCursor(excluded);

  const loops: LoopFrame[] = [];
  /** Open Handlebars blocks: a loop frame or `undefined` for `{{#if}}`-like blocks. */
  const blocks: (LoopFrame | undefined)[] = [];
  const loopVars = new Map<string, LoopFrame[]>();
  const histories: { state: HistoryFact['state']; name: string; range: Range }[] = [];

  const pushLoop = (frame: LoopFrame): void => {
    loops.push(frame);
    for (const v of frame.vars) {
      const list = loopVars.get(v) ?? [];
      list.push(frame);
      loopVars.set(v, list);
    }
  };
  const popLoop = (frame: LoopFrame): void => {
    const i = loops.lastIndexOf(frame);
    if (i >= 0) loops.splice(i, 1);
    for (const v of frame.vars) loopVars.get(v)?.pop();
    if (frame.history) histories.push({ state: frame.history.trimmed ? 'trimmed' : 'grows', name: frame.history.name, range: frame.history.range });
  };
  const kindOf = (expr: string): SlotKind => {
    const root = ROOT.exec(expr)?.[1];
    const inner = loops[loops.length - 1];
    if (root !== undefined) {
      const frame = loopVars.get(root)?.at(-1);
      if (frame && frame.kind !== 'unknown') return frame.kind;
      if (inner?.handlebars && (HANDLEBARS_CONTEXT.has(root) || root.startsWith('.')) && inner.kind !== 'unknown') return inner.kind;
    }
    const own = classifySlot(expr);
    if (own === 'unknown' && inner?.handlebars) return inner.kind;
    return own;
  };
  const openLoop = (collection: string, vars: readonly string[], handlebars: boolean, range: Range, name: string): void => {
    const kind = kindOf(collection);
    tokens.push({ type: 'slot', range, name, kind });
    const frame: LoopFrame = { kind, vars, handlebars };
    if (kind === 'history') frame.history = { name: collectionName(collection), range, trimmed: SLICED.test(collection) };
    pushLoop(frame);
  };
  const markPositionLimit = (condition: string): void => {
    if (!(LOOP_POSITION.test(condition) && COMPARISON.test(condition))) return;
    const frame = loops[loops.length - 1];
    if (frame?.history) frame.history.trimmed = true;
  };

  /** The next `{% endraw %}` at or after `from`, remembering a search that found none (linear with many `{% raw %}`). */
  let noEndRawFrom = Infinity;
  const findEndRaw = (from: number): RegExpExecArray | null => {
    if (from >= noEndRawFrom) return null;
    const re = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
    re.lastIndex = from;
    const found = re.exec(text);
    if (!found) noEndRawFrom = from;
    return found;
  };

  /** Handles `{% ... %}` at `i`; returns the offset after it, or -1 when it is not a tag. */
  const jinjaTag = (i: number): number => {
    const close = closeTag(i + 2);
    if (close < 0) return -1;
    const end = close + 2;
    const inner = stripControl(text.slice(i + 2, close));
    const range: Range = [i, end];
    let m: RegExpExecArray | null;
    if (/^raw$/.test(inner)) {
      const endRaw = findEndRaw(end);
      tokens.push({ type: 'skip', range });
      if (!endRaw || endRaw.index >= to) return end;
      tokens.push({ type: 'skip', range: [endRaw.index, endRaw.index + endRaw[0].length] });
      return endRaw.index + endRaw[0].length;
    }
    // the loop variables start and end with a non-space: `\s+` and `[\s\S]+?` cannot trade spaces (that was cubic)
    if ((m = /^for\s+(\S(?:[\s\S]*?\S)??)\s+in\s+([\s\S]+)$/.exec(inner))) {
      const vars = m[1]!.split(',').map((v) => v.trim().replace(/^\(|\)$/g, ''));
      const collection = m[2]!.replace(/(?<!\s)\s+recursive\s*$/, '').replace(/(?<!\s)\s+if\s[\s\S]*$/, '').trim();
      openLoop(collection, vars, false, range, collection);
      return end;
    }
    if (/^endfor\b/.test(inner)) {
      for (let k = loops.length - 1; k >= 0; k--) {
        if (!loops[k]!.handlebars) {
          popLoop(loops[k]!);
          break;
        }
      }
    } else if (/^(?:if|elif)\b/.test(inner)) markPositionLimit(inner);
    else if (/^(?:include|extends)\b/.test(inner)) {
      tokens.push({ type: 'slot', range, name: inner, kind: 'unknown' });
      return end;
    }
    tokens.push({ type: 'skip', range });
    return end;
  };

  /** Handles `{{ ... }}` / `{{{ ... }}}` at `i`; returns the offset after it, or -1. */
  const mustacheTag = (i: number): number => {
    if (text.charCodeAt(i + 2) === 123) {
      const close = closeTriple(i + 3);
      if (close >= 0 && close - i <= 1000) {
        const body = stripControl(text.slice(i + 3, close));
        if (EXPRESSION_START.test(body)) {
          tokens.push({ type: 'slot', range: [i, close + 3], name: body, kind: kindOf(body) });
          return close + 3;
        }
      }
      return -1;
    }
    if (text.startsWith('{{!--', i)) {
      const close = closeComment(i + 5);
      if (close < 0) return -1;
      tokens.push({ type: 'skip', range: [i, close + 4] });
      return close + 4;
    }
    const close = closeMustache(i + 2);
    if (close < 0 || close - i > 1000) return -1;
    const end = close + 2;
    const range: Range = [i, end];
    const body = stripControl(text.slice(i + 2, close));
    const sigil = body[0];
    if (sigil === '!') {
      tokens.push({ type: 'skip', range });
      return end;
    }
    if (sigil === '#' || sigil === '^') {
      const expr = body.slice(1).trim();
      const helper = /^\S+/.exec(expr)?.[0] ?? '';
      const arg = expr.slice(helper.length).trim();
      if (sigil === '#' && helper === 'each') {
        const params = /(?<!\s)\s+as\s+\|([^|]*)\|\s*$/.exec(arg);
        const vars = params ? params[1]!.trim().split(/\s+/).filter((v) => v !== '') : [];
        openLoop(params ? arg.slice(0, params.index) : arg, vars, true, range, body);
        blocks.push(loops[loops.length - 1]);
        return end;
      }
      if (sigil === '#' && !['if', 'unless', 'with', 'section'].includes(helper)) {
        // A Mustache section over a collection repeats its content per item.
        const kind = kindOf(expr);
        if (kind === 'history' || kind === 'document') {
          openLoop(expr, [], true, range, body);
          blocks.push(loops[loops.length - 1]);
          return end;
        }
      }
      if (helper === 'if' || helper === 'unless') markPositionLimit(arg);
      blocks.push(undefined);
      tokens.push({ type: 'skip', range });
      return end;
    }
    if (sigil === '/') {
      const frame = blocks.pop();
      if (frame) popLoop(frame);
      tokens.push({ type: 'skip', range });
      return end;
    }
    if (/^else\b/.test(body)) {
      tokens.push({ type: 'skip', range });
      return end;
    }
    if (sigil === '>') {
      tokens.push({ type: 'slot', range, name: body, kind: 'unknown' });
      return end;
    }
    if (syntax.dotprompt) {
      const role = /^role\s+["']([a-z]+)["']/.exec(body);
      if (role) {
        tokens.push({ type: 'role', range, role: ROLE_NAMES[role[1]!] ?? 'unknown' });
        return end;
      }
      if (body === 'history') {
        tokens.push({ type: 'slot', range, name: body, kind: 'history' });
        return end;
      }
      if (/^media\b/.test(body)) {
        tokens.push({ type: 'slot', range, name: body, kind: 'document' });
        return end;
      }
      if (/^section\b/.test(body)) {
        tokens.push({ type: 'skip', range });
        return end;
      }
    }
    const expr = sigil === '&' ? body.slice(1).trim() : body;
    if (!EXPRESSION_START.test(expr)) return -1;
    tokens.push({ type: 'slot', range, name: expr, kind: kindOf(expr) });
    return end;
  };

  const candidates = /[{$]/g;
  let i = from;
  while (i < to) {
    candidates.lastIndex = i;
    const m = candidates.exec(text);
    if (!m || m.index >= to) break;
    i = m.index;
    const skip = inExcluded(i);
    if (skip) {
      i = skip[1];
      continue;
    }
    const next = text.charCodeAt(i + 1);
    let end = -1;
    if (m[0] === '$') {
      if (next === 123 && syntax.dollar && (syntax.dollar === 'vscode' || !inCode(i))) {
        if (syntax.dollar === 'vscode') {
          const v = /^[^}\r\n]{1,200}\}/.exec(text.slice(i + 2, i + 204));
          if (v) {
            const name = v[0].slice(0, -1).trim();
            let kind: SlotKind;
            if (/^input:/.test(name)) {
              const own = classifySlot(name.split(':')[1] ?? '');
              kind = own === 'unknown' ? 'input' : own;
            } else kind = classifySlot(name);
            end = i + 2 + v[0].length;
            tokens.push({ type: 'slot', range: [i, end], name, kind });
          }
        } else {
          const v = IDENT_PATH.exec(text.slice(i + 2, i + 132));
          if (v) {
            end = i + 2 + v[0].length;
            const name = v[0].slice(0, -1);
            tokens.push({ type: 'slot', range: [i, end], name, kind: classifySlot(name) });
          }
        }
      }
    } else if ((next === 37 /* % */ || next === 35 /* # */ || next === 123) && !syntax.tagsInCode && inCode(i)) {
      // a template tag inside code or an example block: shown to the model, not filled
    } else if (next === 37 /* % */ && syntax.jinja) end = jinjaTag(i);
    else if (next === 35 /* # */ && syntax.jinja) {
      const close = closeJinjaComment(i + 2);
      if (close >= 0) {
        end = close + 2;
        tokens.push({ type: 'skip', range: [i, end] });
      }
    } else if (next === 123 /* { */ && syntax.mustache) end = mustacheTag(i);
    else if (syntax.singleBrace && next !== 123 && !inCode(i)) {
      const before = i > 0 ? text.charCodeAt(i - 1) : 32;
      // Glued to a word, a backslash or a brace group that was not a slot (`\\frac{a}{b}`): not a slot.
      const lastEnd = tokens.length ? tokens[tokens.length - 1]!.range[1] : -1;
      const glued =
        before === 123 || before === 36 || before === 92 || before === 95 || (before === 125 && lastEnd !== i) ||
        (before >= 48 && before <= 57) || ((before | 32) >= 97 && (before | 32) <= 122);
      if (!glued) {
        const v = IDENT_PATH.exec(text.slice(i + 1, i + 130));
        if (v && text.charCodeAt(i + 1 + v[0].length) !== 125) {
          end = i + 1 + v[0].length;
          const name = v[0].slice(0, -1);
          tokens.push({ type: 'slot', range: [i, end], name, kind: classifySlot(name) });
        }
      }
    }
    i = end > i ? end : i + 1;
  }
  while (loops.length) popLoop(loops[loops.length - 1]!);

  const grows = histories.filter((h) => h.state === 'grows').sort((a, b) => a.range[0] - b.range[0])[0];
  const chosen = grows ?? histories.sort((a, b) => a.range[0] - b.range[0])[0];
  return chosen ? { tokens, history: { ...chosen, confidence: 'estimate' } } : { tokens };
}
