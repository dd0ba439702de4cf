/**
 * What a template slot holds, from its name (English and Korean): `current_time` -> timestamp,
 * `today`/`오늘` -> date, `user_id` -> identifier, `chat_history` -> history, and so on.
 */
import type { SlotKind } from '@promptlint/core';

/** Categories in priority order: the first that matches a word of the name wins (`user_id` is an id). */
const CATEGORIES: readonly { kind: SlotKind; words: readonly string[]; korean: readonly string[] }[] = [
  {
    kind: 'timestamp',
    words: ['time', 'timestamp', 'timestamps', 'now', 'datetime', 'clock', 'ts', 'hour', 'minute'],
    korean: ['시간', '시각', '현재시각'],
  },
  { kind: 'date', words: ['date', 'today', 'todays', 'weekday', 'yesterday', 'tomorrow'], korean: ['오늘', '날짜', '일자', '요일'] },
  {
    kind: 'identifier',
    words: ['id', 'ids', 'uuid', 'guid', 'session', 'sid', 'nonce', 'trace', 'request_id', 'uid'],
    korean: ['아이디', '세션', '식별자'],
  },
  {
    kind: 'history',
    words: ['history', 'histories', 'messages', 'conversation', 'conversations', 'turns', 'thread', 'transcript', 'dialog', 'dialogue'],
    korean: ['대화', '기록', '히스토리', '이력'],
  },
  {
    kind: 'document',
    words: [
      'context', 'contexts', 'document', 'documents', 'doc', 'docs', 'file', 'files', 'selection', 'selected', 'retrieved',
      'retrieval', 'knowledge', 'content', 'contents', 'sources', 'passage', 'passages', 'chunk', 'chunks',
      'article', 'articles', 'snippet', 'snippets', 'excerpt', 'attachment', 'attachments', 'rag', 'results',
    ],
    korean: ['문서', '컨텍스트', '맥락', '자료', '본문', '파일'],
  },
  {
    kind: 'input',
    words: ['question', 'questions', 'query', 'input', 'message', 'text', 'prompt', 'request', 'ask', 'task', 'instruction', 'utterance'],
    korean: ['질문', '입력', '메시지', '요청', '질의', '문의'],
  },
  {
    kind: 'user-data',
    words: ['user', 'username', 'name', 'names', 'profile', 'customer', 'email', 'persona', 'account', 'firstname', 'lastname', 'nickname', 'member'],
    korean: ['사용자', '이름', '고객', '프로필', '회원', '닉네임'],
  },
];

const LOOKUP = new Map<string, SlotKind>();
for (const c of [...CATEGORIES].reverse()) for (const w of c.words) LOOKUP.set(w, c.kind);
const RANK = new Map<SlotKind, number>(CATEGORIES.map((c, i) => [c.kind, i]));

/** Words of an identifier: `currentTime` -> current, time; `chat_history` -> chat, history. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ') // a capital before a capitalised word: no run read again at each capital
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * A date-time slot named as both (`currentDateTime`, `date_time`, `datetime`): the products that
 * publish such prompts fill it with the day's date (Claude's `{{currentDateTime}}` reads "The
 * current date is ..."), so it changes once a day, not on every call. `now`, `timestamp` and
 * `time` alone stay per call.
 */
const DATE_TIME = (words: readonly string[]): boolean =>
  words.includes('datetime') || (words.includes('date') && words.includes('time'));

/** The kind of a slot from its name or expression (string literals and filters are ignored). */
export function classifySlot(name: string): SlotKind {
  const value = name
    .replace(/"[^"]*"|'[^']*'/g, ' ')
    .split('|', 1)[0]!
    .slice(0, 200);
  const words = wordsOf(value);
  if (DATE_TIME(words) && !words.some((w) => w === 'timestamp' || w === 'now' || w === 'clock')) return 'date';
  let best: SlotKind = 'unknown';
  let bestRank = Infinity;
  for (const word of words) {
    let kind = LOOKUP.get(word);
    if (!kind && /[\uac00-\ud7a3]/.test(word)) kind = CATEGORIES.find((c) => c.korean.some((k) => word.includes(k)))?.kind;
    if (kind !== undefined && RANK.get(kind)! < bestRank) {
      best = kind;
      bestRank = RANK.get(kind)!;
    }
  }
  return best;
}
