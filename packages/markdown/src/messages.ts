/**
 * Messages and parts of a prompt body: role markers start messages; template slots split the text
 * into static parts (exact slices of the document) and slot parts; template control tags and
 * directive comments are left out. Blank lines at the edges of a message are dropped (hosts send
 * the section text, not the blank lines around it); so are empty messages.
 */
import type { Message, Part, Range, Role, SlotKind } from '@promptlint/core';
import { isSpace } from './lines.js';
import type { RoleMarker } from './roles.js';
import type { TemplateToken } from './template.js';

type Cut =
  | { type: 'marker'; range: Range; role: Role; start: number }
  | { type: 'slot'; range: Range; name: string; kind: SlotKind }
  | { type: 'skip'; range: Range };

/**
 * Drops blank lines at the edges of a message: leading whitespace up to the line of the first
 * content, trailing line ends after the last content. Spaces on a content line are kept (trailing
 * spaces on the last line are the file's, and whitespace rules should see them).
 */
function trimEdges(text: string, parts: Part[]): Part[] {
  let first = 0;
  while (first < parts.length) {
    const p = parts[first]!;
    if (p.type !== 'static') break;
    let s = 0;
    while (s < p.text.length && isSpace(p.text.charCodeAt(s))) s++;
    if (s < p.text.length) {
      while (s > 0 && (p.text.charCodeAt(s - 1) === 32 || p.text.charCodeAt(s - 1) === 9)) s--;
      if (s > 0) parts[first] = staticPart(text, p.range![0] + s, p.range![1]);
      break;
    }
    first++;
  }
  let last = parts.length - 1;
  while (last >= first) {
    const p = parts[last]!;
    if (p.type !== 'static') break;
    let e = p.text.length;
    while (e > 0 && isSpace(p.text.charCodeAt(e - 1))) e--;
    if (e > 0) {
      while (e < p.text.length && (p.text.charCodeAt(e) === 32 || p.text.charCodeAt(e) === 9)) e++;
      if (e < p.text.length) parts[last] = staticPart(text, p.range![0], p.range![0] + e);
      break;
    }
    last--;
  }
  return parts.slice(first, last + 1);
}

function staticPart(text: string, start: number, end: number): Part {
  return { type: 'static', text: text.slice(start, end), range: [start, end], exact: true };
}

/**
 * Builds the messages of `text[from, to)`. `markers`, `tokens` and `excluded` may come in any
 * order; anything overlapping an earlier cut is ignored.
 */
export function buildMessages(
  text: string,
  from: number,
  to: number,
  defaultRole: Role,
  markers: readonly RoleMarker[],
  tokens: readonly TemplateToken[],
  excluded: readonly Range[],
): Message[] {
  const cuts: Cut[] = [];
  for (const m of markers) cuts.push({ type: 'marker', range: m.range, role: m.role, start: m.start });
  for (const t of tokens) {
    if (t.type === 'role') cuts.push({ type: 'marker', range: t.range, role: t.role, start: t.range[0] });
    else cuts.push(t);
  }
  for (const r of excluded) cuts.push({ type: 'skip', range: r });
  cuts.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);

  const messages: Message[] = [];
  let role = defaultRole;
  let markerStart: number | undefined;
  let parts: Part[] = [];
  let pos = from;
  const finish = (): void => {
    const kept = trimEdges(text, parts);
    if (kept.length) {
      const start = markerStart ?? kept[0]!.range![0];
      messages.push({ role, parts: kept, range: [start, kept[kept.length - 1]!.range![1]] });
    }
    parts = [];
  };
  for (const cut of cuts) {
    if (cut.range[0] < pos || cut.range[0] >= to) continue;
    if (cut.range[0] > pos) parts.push(staticPart(text, pos, cut.range[0]));
    if (cut.type === 'marker') {
      finish();
      role = cut.role;
      markerStart = cut.start;
    } else if (cut.type === 'slot') {
      parts.push({ type: 'slot', name: cut.name, kind: cut.kind, range: cut.range });
    }
    pos = Math.min(cut.range[1], to);
  }
  if (to > pos) parts.push(staticPart(text, pos, to));
  finish();
  return messages;
}
