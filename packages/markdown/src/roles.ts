/**
 * Role markers that split a prompt body into messages: markdown headings (`# System`, `## User`),
 * role lines (`system:`, Prompty's `user[name="x"]:`), dotprompt `{{role "system"}}` (template.ts).
 */
import type { Range, Role } from '@promptlint/core';
import { linesOf, endOfLineWithBreak, startOfLineBounded } from './lines.js';
import type { Heading } from './structure.js';

export interface RoleMarker {
  role: Role;
  /** What the marker takes out of the text (its whole line with the line end, for lines and headings). */
  range: Range;
  /** Where the message it opens starts, for the message range. */
  start: number;
}

const ROLE_WORDS: Record<string, Role> = {
  system: 'system',
  user: 'user',
  assistant: 'assistant',
  developer: 'developer',
  tool: 'tool',
  function: 'tool',
  시스템: 'system',
  사용자: 'user',
  어시스턴트: 'assistant',
};

/** Prompty's role boundary (prompty/parsers): a line holding only `role:` or `role[attrs]:`, `#` allowed. */
// `(?:#\s*)?`: with `#?\s*`, two `\s*` split a run of spaces every way (cubic on a long blank-ish line)
const ROLE_LINE = /^\s*(?:#\s*)?(system|user|assistant|developer|function|tool)(?:\[[^\]]*\])?\s*:\s*$/i;
const ROLE_HEADING = /^(system|user|assistant|developer|tool|시스템|사용자|어시스턴트)(?:\s*(?:prompt|message|instructions?|turn|프롬프트|메시지))?\s*:?$/i;

/** Role of a heading's text (`System`, `User message`, `시스템`), if it names one. */
export function roleOfHeading(text: string): Role | undefined {
  const m = ROLE_HEADING.exec(text.trim());
  return m ? ROLE_WORDS[m[1]!.toLowerCase()] : undefined;
}

/** Markers from headings that name a role. */
export function headingMarkers(text: string, headings: readonly Heading[]): RoleMarker[] {
  const out: RoleMarker[] = [];
  for (const h of headings) {
    if (!h.topLevel) continue;
    const role = roleOfHeading(h.text);
    if (role) out.push({ role, range: [startOfLineBounded(text, h.range[0]), endOfLineWithBreak(text, h.range[1])], start: h.range[0] });
  }
  return out;
}

/**
 * Markers from role lines in `text[from, to)`, skipping lines that start inside `code` (sorted
 * ranges) and lines already taken (`taken`: line starts of heading markers).
 */
export function roleLineMarkers(text: string, from: number, to: number, code: readonly Range[], taken: ReadonlySet<number>): RoleMarker[] {
  const out: RoleMarker[] = [];
  let k = 0;
  for (const line of linesOf(text, from, to)) {
    if (line.end - line.start > 200 || line.end === line.start) continue;
    while (k < code.length && code[k]![1] <= line.start) k++;
    if (k < code.length && code[k]![0] <= line.start) continue;
    if (taken.has(line.start)) continue;
    const m = ROLE_LINE.exec(text.slice(line.start, line.end));
    if (m) out.push({ role: ROLE_WORDS[m[1]!.toLowerCase()]!, range: [line.start, line.next], start: line.start });
  }
  return out;
}
