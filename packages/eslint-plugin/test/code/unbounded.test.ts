/** Which interpolated values the code front end marks as unbounded runtime data (no-unbounded-input's input). */
import type { SlotPart } from '@promptlint/core';
import { describe, expect, it } from 'vitest';
import { onlyRequest } from './helpers.js';

function marks(setup: string, content: string): SlotPart['unbounded'][] {
  const code = `import OpenAI from 'openai'; import { readFileSync } from 'node:fs'; import { readFile } from 'node:fs/promises'; import axios from 'axios';
const c = new OpenAI();
export async function f(path: string, url: string, req: Request) {
  ${setup}
  return c.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: 5, messages: [{ role: 'user', content: ${content} }] });
}
declare const db: any; declare const prisma: any; declare const docs: any[]; declare function chunkText(s: string): string[];`;
  const { request } = onlyRequest(code, { ts: true });
  return request.messages.flatMap((m) => m.parts).filter((p): p is SlotPart => p.type === 'slot').map((p) => p.unbounded);
}

describe('unbounded inputs', () => {
  it.each([
    ['a file read whole', `const t = readFileSync(path, 'utf8');`, '`${t}`', 'file'],
    ['a file read with fs/promises', `const t = await readFile(path, 'utf8');`, '`${t}`', 'file'],
    ['a buffer turned to text', `const b = readFileSync(path);`, 'b.toString()', 'file'],
    ['a fetched page', `const res = await fetch(url); const t = await res.text();`, '`${t}`', 'fetch'],
    ['axios data', `const r = await axios.get(url);`, 'JSON.stringify(r.data)', 'collection'],
    ['query rows serialised', `const rows = await db.query('select * from t');`, 'JSON.stringify(rows)', 'collection'],
    ['a findMany mapped and joined', `const rows = await prisma.user.findMany();`, "rows.map((r: any) => r.name).join('\\n')", 'query'],
    ['an upload', `const file: any = (await req.formData()).get('file'); const t = await file.text();`, '`${t}`', 'upload'],
    ['a LangChain document', ``, 'docs[0].pageContent', 'file'],
  ])('%s: marked', (_n, setup, content, source) => {
    expect(marks(setup, content)).toEqual([expect.objectContaining({ source })]);
  });
  it.each([
    ['sliced where used', `const t = readFileSync(path, 'utf8');`, 't.slice(0, 8000)'],
    ['sliced before', `const t = readFileSync(path, 'utf8').slice(0, 8000);`, '`${t}`'],
    ['a length check in the function', `const t = readFileSync(path, 'utf8'); if (t.length > 10000) throw new Error('big');`, '`${t}`'],
    ['chunked', `const t = readFileSync(path, 'utf8'); const parts = chunkText(t);`, '`${t}`'],
    ['a parameter (its origin is not seen)', ``, '`${path}`'],
    ['a fetched status line, not the body', `const res = await fetch(url);`, '`${res.status}`'],
  ])('%s: not marked', (_n, setup, content) => {
    expect(marks(setup, content).filter(Boolean)).toEqual([]);
  });
});
