/** Prompt content -> parts: exact static text with ranges, slots classified, JSON.stringify layout, cache markers. */
import type { Part, SlotPart, StaticPart } from '@promptlint/core';
import { describe, expect, it } from 'vitest';
import { extract, onlyRequest } from './helpers.js';

const chat = (content: string, pre = '') =>
  onlyRequest(`import OpenAI from 'openai'; const client = new OpenAI(); ${pre}\nclient.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: ${content} }] });`);

const summary = (parts: Part[]) => parts.map((p) => (p.type === 'static' ? `S:${p.text}` : `${p.kind}:${p.name}`));

describe('content parts', () => {
  it('string literals are exact: the text is the source slice at its range', () => {
    const { request, at } = chat(`'You are terse.'`);
    const [p] = request.messages[0]!.parts as StaticPart[];
    expect(p).toMatchObject({ type: 'static', text: 'You are terse.', exact: true });
    expect(at(p!.range)).toBe('You are terse.');
  });

  it('escapes make a part inexact (the text is the cooked value, not the source)', () => {
    const { request } = chat(`'Line one.\\nLine two.'`);
    expect(request.messages[0]!.parts[0]).toMatchObject({ text: 'Line one.\nLine two.', exact: false });
    const t = chat('`A\\tB ${x}`').request.messages[0]!.parts[0];
    expect(t).toMatchObject({ text: 'A\tB ', exact: false });
  });

  it('template literals: quasis are static and exact, expressions are slots at their own ranges', () => {
    const { request, at } = chat('`Hello ${user.name}, today is ${today}.\nRules follow.`', `const today = new Date().toDateString();`);
    const parts = request.messages[0]!.parts;
    expect(summary(parts)).toEqual(['S:Hello ', 'user-data:user.name', 'S:, today is ', 'date:today', 'S:.\nRules follow.']);
    for (const p of parts) {
      if (p.type === 'static') {
        expect(p.exact).toBe(true);
        expect(at(p.range)).toBe(p.text);
      } else expect(at(p.range)).toBe(p.name);
    }
  });

  it('follows consts across + concatenation, .join of an array literal, .trim(), dedent', () => {
    const pre = `const HEAD = 'You are a support agent. '; const RULES = ['Be brief.', 'Cite sources.'].join('\\n');`;
    expect(summary(chat(`HEAD + RULES + question`, pre).request.messages[0]!.parts)).toEqual(['S:You are a support agent. ', 'S:Be brief.', 'S:\n', 'S:Cite sources.', 'input:question']);
    const trimmed = chat('`\n  Answer in French.\n`.trim()');
    expect(trimmed.request.messages[0]!.parts[0]).toMatchObject({ text: 'Answer in French.', exact: true });
    expect(trimmed.at((trimmed.request.messages[0]!.parts[0] as StaticPart).range)).toBe('Answer in French.');
    const ded = chat('dedent`\n    Line A\n      Line B\n  `', `import dedent from 'dedent';`);
    expect(ded.request.messages[0]!.parts[0]).toMatchObject({ text: 'Line A\n  Line B', exact: false });
  });

  it('classifies slots by expression and by name', () => {
    const pre = `import { randomUUID } from 'node:crypto'; import dayjs from 'dayjs';`;
    const kinds = (e: string) => (chat('`x ${' + e + '} y`', pre).request.messages[0]!.parts[1] as SlotPart).kind;
    expect(kinds('new Date()')).toBe('timestamp');
    expect(kinds('Date.now()')).toBe('timestamp');
    expect(kinds('new Date().toISOString()')).toBe('timestamp');
    expect(kinds('new Date().toISOString().slice(0, 10)')).toBe('date');
    expect(kinds("new Date().toISOString().split('T')[0]")).toBe('date');
    expect(kinds('new Date().toLocaleDateString()')).toBe('date');
    expect(kinds("dayjs().format('YYYY-MM-DD')")).toBe('date');
    expect(kinds("dayjs().format('YYYY-MM-DD HH:mm')")).toBe('timestamp');
    // `[...]` is escaped text; brackets never closed are read once (they were quadratic)
    expect(kinds("dayjs().format('YYYY-MM-DD [h]')")).toBe('date');
    expect(kinds(`dayjs().format('YYYY-MM-DD [h] ${'['.repeat(20_000)}')`)).toBe('date');
    expect(kinds(`dayjs().format('YYYY-MM-DD [h] ${'['.repeat(20_000)}H')`)).toBe('timestamp');
    expect(kinds('randomUUID()')).toBe('identifier');
    expect(kinds('crypto.randomUUID()')).toBe('identifier');
    expect(kinds('sessionId')).toBe('identifier');
    expect(kinds('req.user.id')).toBe('identifier');
    expect(kinds('profile')).toBe('user-data');
    expect(kinds('retrievedDocs')).toBe('document');
    expect(kinds('context')).toBe('document');
    expect(kinds('userQuestion')).toBe('input');
    expect(kinds('query')).toBe('input');
    expect(kinds('chatHistory')).toBe('history');
    expect(kinds('today')).toBe('date');
    expect(kinds('foo')).toBe('unknown');
  });

  it('JSON.stringify with indentation in content is a slot with the fix that drops the indentation arguments', () => {
    const cases: [string, string][] = [
      ['JSON.stringify(data, null, 2)', 'JSON.stringify(data)'],
      ['JSON.stringify(data, undefined, "\\t")', 'JSON.stringify(data)'],
      ['JSON.stringify(\n  data,\n  null,\n  4\n)', 'JSON.stringify(\n  data\n)'],
    ];
    for (const [call, compact] of cases) {
      const { request, at } = chat('`Data:\n${' + call + '}`');
      const slot = request.messages[0]!.parts[1] as SlotPart;
      expect(slot).toMatchObject({ type: 'slot', name: 'data' });
      expect(at(slot.range)).toBe(call);
      const fix = slot.prettyJson!.fix!;
      const [s0, s1] = slot.range!;
      const src = at(slot.range)!;
      expect(src.slice(0, fix.range[0] - s0) + fix.text + src.slice(fix.range[1] - s0)).toBe(compact);
      expect(fix.range[1]).toBeLessThanOrEqual(s1);
    }
    const indents = ['JSON.stringify(x, null, 2)', "JSON.stringify(x, null, '  ')", 'JSON.stringify(x, null, "\\t")'].map(
      (c) => (chat('`${' + c + '}`').request.messages[0]!.parts[0] as SlotPart).prettyJson?.indent,
    );
    expect(indents).toEqual(['  ', '  ', '\t']);
    // a replacer that is kept: only the indentation goes
    const rep = chat('`${JSON.stringify(x, ["a"], 2)}`');
    const s = rep.request.messages[0]!.parts[0] as SlotPart;
    expect(rep.at(s.prettyJson!.fix!.range)).toBe(', 2');
  });

  it('JSON.stringify reaching content through a const keeps the fix on the const', () => {
    const { request, at } = chat('`Records: ${payload}`', `const payload = JSON.stringify(rows, null, 2);`);
    const slot = request.messages[0]!.parts[1] as SlotPart;
    expect(slot.name).toBe('payload');
    expect(at(slot.prettyJson!.fix!.range)).toBe(', null, 2');
  });

  it('compact JSON.stringify, and JSON.stringify that never reaches content, are not pretty slots', () => {
    const { request } = chat('`Data: ${JSON.stringify(data)}`', `console.log(JSON.stringify(data, null, 2));`);
    expect((request.messages[0]!.parts[1] as SlotPart).prettyJson).toBeUndefined();
  });
});

describe('messages per API', () => {
  it('Anthropic system blocks with cache_control mark the cache and the breakpoint', () => {
    const code = `import Anthropic from '@anthropic-ai/sdk'; const a = new Anthropic();
      a.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 100,
        system: [{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: [{ type: 'text', text: q }] }] });
      const SYSTEM = 'Policy.';`;
    const { request, at } = onlyRequest(code);
    expect(request.cache).toMatchObject({ state: 'marked' });
    expect(at((request.cache as { range: readonly [number, number] }).range)).toBe(`cache_control: { type: 'ephemeral' }`);
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(request.messages[0]!.parts[0]).toMatchObject({ text: 'Policy.', cacheBreakpoint: true });
  });

  it('Anthropic without a marker: cache none; other providers: no cache fact', () => {
    const a = onlyRequest(`import Anthropic from '@anthropic-ai/sdk'; new Anthropic().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, system: 'S', messages: [] });`).request;
    expect(a.cache).toEqual({ state: 'none' });
    expect(chat(`'S'`).request.cache).toBeUndefined();
  });

  it('the ai SDK: system, prompt, messages; providerOptions.anthropic.cacheControl marks the cache', () => {
    const code = `import { generateText } from 'ai'; import { anthropic } from '@ai-sdk/anthropic';
      generateText({ model: anthropic('claude-sonnet-4-5'), maxOutputTokens: 100,
        messages: [
          { role: 'system', content: 'Big rules.', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
          { role: 'user', content: question },
        ] });`;
    const { request } = onlyRequest(code);
    expect(request.cache).toMatchObject({ state: 'marked' });
    expect(summary(request.messages.flatMap((m) => m.parts))).toEqual(['S:Big rules.', 'input:question']);
    const plain = onlyRequest(`import { generateText } from 'ai'; import { anthropic } from '@ai-sdk/anthropic'; generateText({ model: anthropic('claude-sonnet-4-5'), system: 'Rules.', prompt: q });`).request;
    expect(plain.cache).toEqual({ state: 'none' });
    expect(plain.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('OpenAI Responses: instructions and input; Gemini: systemInstruction and contents', () => {
    const r = onlyRequest(`import OpenAI from 'openai'; new OpenAI().responses.create({ model: 'gpt-4o', instructions: 'Be brief.', input: question });`).request;
    expect(r.messages.map((m) => [m.role, summary(m.parts)])).toEqual([
      ['system', ['S:Be brief.']],
      ['user', ['input:question']],
    ]);
    const g = onlyRequest(`import { GoogleGenAI } from '@google/genai'; const ai = new GoogleGenAI({});
      ai.models.generateContent({ model: 'gemini-2.5-flash', contents: [{ role: 'user', parts: [{ text: 'Hi ' }, { text: name }] }], config: { systemInstruction: 'Rules.' } });`).request;
    expect(g.messages.map((m) => [m.role, summary(m.parts)])).toEqual([
      ['system', ['S:Rules.']],
      ['user', ['S:Hi ', 'user-data:name']],
    ]);
  });

  it('LangChain: message classes, tuples and plain strings', () => {
    const code = `import { ChatOpenAI } from '@langchain/openai'; import { SystemMessage, HumanMessage } from '@langchain/core/messages';
      const llm = new ChatOpenAI({ model: 'gpt-4o', maxTokens: 100 });
      await llm.invoke([new SystemMessage('Rules.'), new HumanMessage(input)]);
      await llm.invoke([['system', 'Rules.'], ['human', input]]);`;
    const { document } = extract(code);
    for (const r of document.requests) expect(r.messages.map((m) => [m.role, summary(m.parts)])).toEqual([
      ['system', ['S:Rules.']],
      ['user', ['input:input']],
    ]);
  });

  it('a spread history in a messages array is a history slot in order', () => {
    const { request } = chat(`'S'`);
    expect(request.messages).toHaveLength(1);
    const h = onlyRequest(`import OpenAI from 'openai'; new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: 'S' }, ...history, { role: 'user', content: q }] });`).request;
    expect(h.messages.map((m) => summary(m.parts))).toEqual([['S:S'], ['history:history'], ['input:q']]);
  });
});
