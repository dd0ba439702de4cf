/** Shared views of a request that several rules need. */
import type { Message, Part, PromptDocument, PromptRequest, Range, SlotKind, SlotPart, StaticPart } from './model.js';

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



/** Sum of the token counts of the static parts among `parts` (slots count 0). */
export function staticTokens(parts: readonly LocatedPart[], count: (text: string) => number): number {
  let n = 0;
  for (const { part } of parts) if (part.type === 'static') n += count(part.text);
  return n;
}

/** Index in `parts` of the first dynamic slot, or -1 when there is none. */
export function firstSlotIndex(parts: readonly LocatedPart[]): number {
  return parts.findIndex(({ part }) => part.type === 'slot');
}

/** Whether a request has any dynamic slot (its size is then only known from below). */
export function hasSlots(request: PromptRequest): boolean {
  return request.messages.some((m) => m.parts.some((p) => p.type === 'slot'));
}

/** How a slot is written in its source, for messages (`{{today}}`, `${new Date()}`); its name when the source is long or unknown. */
export function slotLabel(document: PromptDocument, slot: SlotPart): string {
  const source = slot.range ? document.text.slice(slot.range[0], slot.range[1]) : '';
  const text = source && source.length <= 60 && !source.includes('\n') ? source : slot.name;
  return text.includes('`') ? `"${text}"` : `\`${text}\``;
}

/** The request's output limit when one is set to a usable number of tokens (finite, >= 0). */
export function setOutputLimit(request: PromptRequest): { value: number; name: string } | undefined {
  const limit = request.outputLimit;
  if (limit?.state !== 'set' || !Number.isFinite(limit.value) || limit.value < 0) return undefined;
  return { value: limit.value, name: limit.name };
}
