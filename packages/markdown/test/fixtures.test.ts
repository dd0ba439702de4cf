/** Every kind of prompt file, read from fixtures/prompts/ on disk, into the expected prompt model. */
import { describe, expect, it } from 'vitest';
import { parseFixture, slice, view } from './helpers.js';

describe('markdown prompt with role headings (markdown/support.prompt.md)', () => {
  const { document: doc, request, frontMatter } = parseFixture('markdown/support.prompt.md');

  it('reads model, output limit and calls per day from the front matter, with ranges', () => {
    expect(doc.kind).toBe('markdown-prompt');
    expect(frontMatter).toEqual({ model: 'gpt-4o', max_completion_tokens: 400, calls_per_day: 2000 });
    expect(request.api).toBe('prompt-file');
    expect(request.model).toMatchObject({ value: 'gpt-4o' });
    expect(slice(doc, request.model!.range)).toBe('gpt-4o');
    expect(request.provider).toBeUndefined(); // the file does not say; core resolves the model
    expect(request.outputLimit).toMatchObject({ state: 'set', value: 400, name: 'max_completion_tokens' });
    expect(slice(doc, (request.outputLimit as { range: readonly [number, number] }).range)).toBe('max_completion_tokens: 400');
    expect(request.outputLimitName).toBe('max_completion_tokens');
    expect(request.callsPerDay).toBe(2000);
    expect(slice(doc, request.range)).toBe('---\nmodel: gpt-4o\nmax_completion_tokens: 400\ncalls_per_day: 2000\n---');
    expect(request.sharedPrefix).toBeUndefined();
  });

  it('splits messages at # System / ## User and classifies slots; static text keeps markdown, code and JSON', () => {
    expect(view(doc)).toEqual([
      [
        'system',
        'You are the support assistant of Acme Cloud.\nKnowledge cutoff: 2024-06. Today is ',
        { today: 'date' },
        '.\nYou are talking to ',
        { user_name: 'user-data' },
        '.\n\nReply with JSON like {"answer": "...", "sources": [1, 2]}.\n\n```python\ndef render(question):\n    return f"Q: {question}"  # ',
        { template_in_code: 'unknown' },
        '\n```\n\n<!-- A note for maintainers: keep answers short. -->\n',
        'Please note that refunds take five days.\n\n',
        { 'chat_history[-6:]': 'history' },
        '\n',
        { 'turn.role': 'history' },
        ': ',
        { 'turn.content': 'history' },
      ],
      ['user', 'Order ', { order_id: 'identifier' }, ': ', { question: 'input' }],
    ]);
  });

  it('slot ranges slice back to the template syntax as written', () => {
    const slots = request.messages.flatMap((m) => m.parts.filter((p) => p.type === 'slot'));
    expect(slots.map((s) => slice(doc, s.range))).toEqual([
      '{today}',
      '{{ user_name }}',
      '{{ template_in_code }}',
      '{% for turn in chat_history[-6:] %}',
      '{{ turn.role }}',
      '{{ turn.content }}',
      '${order_id}',
      '{question}',
    ]);
  });

  it('a Jinja loop over a sliced history is a trimmed history fact at the for tag', () => {
    expect(request.history).toEqual({ state: 'trimmed', name: 'chat_history', confidence: 'estimate', range: expect.any(Array) });
    expect(slice(doc, request.history!.range)).toBe('{% for turn in chat_history[-6:] %}');
  });

  it('the directive comment becomes a directive and leaves the prompt text; other comments stay text', () => {
    expect(doc.directives).toEqual([{ type: 'disable-next-line', rules: ['no-filler-phrases'], range: expect.any(Array) }]);
    expect(slice(doc, doc.directives![0]!.range)).toBe('<!-- promptlint-disable-next-line no-filler-phrases -->');
    const system = request.messages[0]!;
    expect(system.parts.some((p) => p.type === 'static' && p.text.includes('promptlint'))).toBe(false);
    expect(system.range && slice(doc, system.range).startsWith('# System')).toBe(true);
  });
});

describe('Korean markdown prompt (markdown/ko/요약.prompt.md)', () => {
  const { document: doc, request } = parseFixture('markdown/ko/요약.prompt.md');

  it('reads # 시스템 / # 사용자 as roles and classifies Korean slot names', () => {
    expect(view(doc)).toEqual([
      ['system', '당신은 고객 지원 상담원입니다. 오늘 날짜는 ', { 오늘: 'date' }, '입니다.\n답변은 다섯 문장 이내로 작성하세요.'],
      ['user', { 사용자_질문: 'input' }],
    ]);
    expect(request.model).toMatchObject({ value: 'claude-sonnet-4-5' });
    expect(request.outputLimit).toMatchObject({ state: 'set', value: 500, name: 'max_tokens' });
  });
});

describe('plain-text markdown prompt (markdown/prompts/qa.txt)', () => {
  const { document: doc, request } = parseFixture('markdown/prompts/qa.txt');

  it('splits at `System:` / `User:` lines, single-brace slots; no front matter: its request is made elsewhere, no limit to judge', () => {
    expect(view(doc)).toEqual([
      ['system', 'Answer from the context only. If the context does not say, reply "unknown".\n\nContext: ', { context: 'document' }],
      ['user', { question: 'input' }],
    ]);
    expect(request.outputLimit).toBeUndefined();
    expect(request.outputLimitName).toBeUndefined();
    expect(request.model).toBeUndefined();
    expect(slice(doc, request.range)).toBe('System:'); // the first line of the body
  });
});

describe('Prompty, newer schema (prompty/chat.prompty)', () => {
  const { document: doc, request } = parseFixture('prompty/chat.prompty');

  it('model.id and model.provider; no options.maxOutputTokens: absent under that name', () => {
    expect(request.model).toMatchObject({ value: 'claude-haiku-4-5' });
    expect(slice(doc, request.model!.range)).toBe('claude-haiku-4-5');
    expect(request.provider).toBe('anthropic');
    expect(request.outputLimit).toEqual({ state: 'absent' });
    expect(request.outputLimitName).toBe('maxOutputTokens');
  });

  it('role lines, a Jinja comment left out, and a loop over the whole history that grows', () => {
    expect(view(doc)).toEqual([
      [
        'system',
        'You answer questions about Acme Cloud billing. Be brief.\n',
        '\n\n',
        { messages: 'history' },
        '\n',
        { 'message.role': 'history' },
        ':\n',
        { 'message.content': 'history' },
      ],
      ['user', { question: 'input' }],
    ]);
    expect(request.history).toMatchObject({ state: 'grows', name: 'messages', confidence: 'estimate' });
    expect(slice(doc, request.history!.range)).toBe('{% for message in messages %}');
  });
});

describe('Prompty, classic schema (prompty/classic.prompty)', () => {
  const { document: doc, request } = parseFixture('prompty/classic.prompty');

  it('configuration.azure_deployment and type; max_tokens: -1 is no limit, reported at the key', () => {
    expect(request.model).toMatchObject({ value: 'gpt-4o-mini' });
    expect(request.provider).toBe('openai');
    expect(request.outputLimit).toMatchObject({ state: 'absent', ignored: { name: 'max_tokens', reason: '-1 means no limit' } });
    const limit = request.outputLimit as { ignored: { range: readonly [number, number] } };
    expect(slice(doc, limit.ignored.range)).toBe('max_tokens: -1');
    expect(request.outputLimitName).toBe('max_tokens');
    expect(view(doc)).toEqual([
      ['system', 'Summarise the document for an executive in three bullet points.'],
      ['user', { document: 'document' }],
    ]);
  });
});

describe('dotprompt (dotprompt/extract.prompt)', () => {
  const { document: doc, request } = parseFixture('dotprompt/extract.prompt');

  it('model prefix gives the provider; config.maxOutputTokens is the limit', () => {
    expect(request.model).toMatchObject({ value: 'googleai/gemini-2.5-flash' });
    expect(request.provider).toBe('google');
    expect(request.outputLimit).toMatchObject({ state: 'set', value: 300, name: 'maxOutputTokens' });
    expect(slice(doc, (request.outputLimit as { range: readonly [number, number] }).range)).toBe('maxOutputTokens: 300');
  });

  it('{{role}} markers split messages; {{#each}} is a loop slot, {{this}} takes its kind; helpers and comments', () => {
    expect(view(doc)).toEqual([
      ['system', 'Extract every invoice number and total from the documents.'],
      ['user', { '#each docs': 'document' }, '\n- ', { this: 'document' }, '\n', '\n', { 'media url=photoUrl': 'document' }, '\n', { history: 'history' }],
    ]);
    expect(request.history).toBeUndefined(); // {{history}} is filled by the caller: trimmed or not is unknown
  });
});

describe('VS Code prompt file (vscode/.github/prompts/explain.prompt.md)', () => {
  const { document: doc, request } = parseFixture('vscode/.github/prompts/explain.prompt.md');

  it('one user message, ${...} variables as slots, {{x}} stays text; no limit can be set; not a shared prefix', () => {
    expect(doc.kind).toBe('vscode-prompt');
    expect(view(doc)).toEqual([
      [
        'user',
        'Explain ',
        { selection: 'document' },
        ' from ',
        { file: 'document' },
        ' to ',
        { 'input:audience:who will read this': 'input' },
        '.\nLiteral braces stay text here: {{not_a_slot}}.',
      ],
    ]);
    expect(request.outputLimit).toBeUndefined();
    expect(request.outputLimitName).toBeUndefined();
    expect(request.sharedPrefix).toBe(false);
    expect(request.model).toMatchObject({ value: 'GPT-4o' });
  });
});

describe('agent instruction files', () => {
  it('AGENTS.md: one system message, template syntax is literal, headings are not roles, a shared prefix', () => {
    const { document: doc, request } = parseFixture('agents/AGENTS.md');
    expect(doc.kind).toBe('agent-instructions');
    expect(view(doc)).toEqual([
      [
        'system',
        '# Repository guide\n\nRun `npm test` before committing. Template syntax is literal here: {{name}} and {today}.\n\n',
        '## User\n\nThe "User" heading above is a section of the instructions, not a role.',
      ],
    ]);
    expect(request.outputLimit).toBeUndefined();
    expect(request.sharedPrefix).toBe(true);
    expect(doc.directives).toEqual([{ type: 'disable', rules: ['no-filler-phrases'], range: expect.any(Array) }]);
    expect(slice(doc, request.range)).toBe('# Repository guide');
  });

  it.each([
    ['agents/service/CLAUDE.md', 'Use pnpm in this folder.', undefined],
    ['agents/.cursor/rules/style.mdc', 'Prefer named exports.', { description: 'Style rules', globs: 'src/**/*.ts', alwaysApply: false }],
    ['agents/.github/instructions/ts.instructions.md', 'Use strict TypeScript.', { applyTo: '**/*.ts' }],
  ])('%s', (rel, body, fm) => {
    const { document: doc, request, frontMatter } = parseFixture(rel);
    expect(doc.kind).toBe('agent-instructions');
    expect(frontMatter).toEqual(fm);
    expect(view(doc)).toEqual([['system', body]]);
    expect(request.sharedPrefix).toBe(true);
    expect(request.outputLimit).toBeUndefined();
  });

  it('.cursorrules is plain text: its comment is still a directive, braces are literal', () => {
    const { document: doc } = parseFixture('agents/.cursorrules');
    expect(view(doc)).toEqual([['system', 'Always answer in English.\n', 'Never use {placeholders} literally.']]);
    expect(doc.directives).toEqual([{ type: 'disable', rules: [], range: expect.any(Array) }]);
  });
});
