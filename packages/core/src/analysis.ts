/** Shared views of a request that several rules need. */
import type { Message, Part, PromptRequest, Range, SlotKind, StaticPart } from './model.js';

export interface LocatedPart {
  part: Part;
  message: Message;
  messageIndex: number;
  partIndex: number;
}

/** All parts of a request in the order the provider receives them. */
export function partsInOrder(request: PromptRequest): LocatedPart[] {
  const out: LocatedPart[] = [];
  request.messages.forEach((message, messageIndex) => {
    message.parts.forEach((part, partIndex) => out.push({ part, message, messageIndex, partIndex }));
  });
  return out;
}

/** How often a slot's value changes between calls. */
export function slotVolatility(kind: SlotKind): 'daily' | 'per-call' {
  return kind === 'date' ? 'daily' : 'per-call';
}

/** The range of characters [from, to) of an exact static part, else the whole part's range. */
export function subRange(part: StaticPart, from: number, to: number): Range | undefined {
  if (!part.range) return undefined;
  if (!part.exact) return part.range;
  return [part.range[0] + from, part.range[0] + to];
}

/** A range to report a request-level finding at. */
export function requestRange(request: PromptRequest): Range {
  return request.range;
}

/** All static text of a request, concatenated in order (what a counter needs for totals). */
export function staticText(request: PromptRequest): string {
  let s = '';
  for (const m of request.messages) for (const p of m.parts) if (p.type === 'static') s += p.text;
  return s;
}
