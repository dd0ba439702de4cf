/** Template slots: which syntax is a slot where, how each is classified, loops over a history. */
import { describe, expect, it } from 'vitest';
import { classifySlot } from '../src/index.js';
import { parseOk, slice, view } from './helpers.js';

const md = (body: string, path = 'prompts/x.md') => parseOk(body, path).document;
const slotsOf = (body: string, path = 'prompts/x.md') => {
  const doc = md(body, path);
  return doc.requests[0]!.messages.flatMap((m) => m.parts.filter((p) => p.type === 'slot').map((p) => [slice(doc, p.range), p.kind]));
};

describe('classifySlot', () => {
  it.each([
    ['time', 'timestamp'],
    ['timestamp', 'timestamp'],
    ['now', 'timestamp'],
    ['current_time', 'timestamp'],
    ['currentTime', 'timestamp'],
    ['datetime', 'date'], // a date-time is filled with the day's date (see classify.ts)
    ['currentDateTime', 'date'],
    ['current_date_time', 'date'],
    ['datetime_now', 'timestamp'],
    ['timestamp', 'timestamp'],
    ['date', 'date'],
    ['today', 'date'],
    ['current_date', 'date'],
    ['user_id', 'identifier'],
    ['session', 'identifier'],
    ['request_id', 'identifier'],
    ['uuid', 'identifier'],
    ['id', 'identifier'],
    ['user_name', 'user-data'],
    ['name', 'user-data'],
    ['profile', 'user-data'],
    ['user', 'user-data'],
    ['context', 'document'],
    ['documents', 'document'],
    ['file', 'document'],
    ['selection', 'document'],
    ['retrieved_docs', 'document'],
    ['knowledge', 'document'],
    ['content', 'document'],
    ['question', 'input'],
    ['query', 'input'],
    ['user_input', 'input'],
    ['message', 'input'],
    ['text', 'input'],
    ['prompt', 'input'],
    ['history', 'history'],
    ['chat_history', 'history'],
    ['messages', 'history'],
    ['conversation', 'history'],
    ['오늘', 'date'],
    ['날짜', 'date'],
    ['오늘_날짜', 'date'],
    ['현재_시간', 'timestamp'],
    ['사용자_이름', 'user-data'],
    ['사용자_질문', 'input'],
    ['대화_기록', 'history'],
    ['검색된_문서', 'document'],
    ['tone', 'unknown'],
    ['x', 'unknown'],
    ['question | default("today")', 'input'], // string literals and filters do not count
  ])('%s -> %s', (name, kind) => {
    expect(classifySlot(name)).toBe(kind);
  });
});

describe('slot syntaxes in a markdown prompt', () => {
  it('a static "Knowledge cutoff: 2024-06" line and a literal date are text, not slots', () => {
    const doc = md('Knowledge cutoff: 2024-06\nThe policy changed on 2025-01-31.\n');
    expect(view(doc)).toEqual([['system', 'Knowledge cutoff: 2024-06\nThe policy changed on 2025-01-31.']]);
  });

  it('JSON braces are not slots; `{{` is not a single-brace slot', () => {
    expect(slotsOf('Answer as {"a": 1} or {"b": {"c": 2}} or { x } or {x y} or {1}.\n')).toEqual([]);
    expect(slotsOf('Escaped {{"a": 1}} and {{ "literal" }} are text.\n')).toEqual([]);
    expect(slotsOf('Mustache {{x}} then {y}.\n')).toEqual([
      ['{{x}}', 'unknown'],
      ['{y}', 'unknown'],
    ]);
  });

  it('{{ x }}, {{x}}, {{{x}}} and Jinja filters are slots named by their expression', () => {
    expect(slotsOf('{{ question }} {{today}} {{{ context }}} {{ user.name | upper }} {{- history -}}\n')).toEqual([
      ['{{ question }}', 'input'],
      ['{{today}}', 'date'],
      ['{{{ context }}}', 'document'],
      ['{{ user.name | upper }}', 'user-data'],
      ['{{- history -}}', 'history'],
    ]);
  });

  it('inside fenced and inline code, and in example blocks, nothing is a slot: it shows the model an example', () => {
    const body = 'Use `{name}` and `${name}` and `{{ PROJECT }}`.\n\n```js\nconst s = `${user_id}`; f({question});\nrender("{{ today }}");\n```\n\n<example>\nHello {{ user_name }}, it is {% now %}.\n</example>\n\nOutside: {question}\n';
    expect(slotsOf(body)).toEqual([['{question}', 'input']]);
  });

  it('a markdown prompt that defines its request is rendered whole: {{x}} in its code is a slot ({x} and ${x} stay code)', () => {
    const body = '---\nmodel: gpt-4o\n---\n```js\nf({question}, `${user_id}`);\nrender("{{ today }}");\n```\n';
    expect(slotsOf(body)).toEqual([['{{ today }}', 'date']]);
  });

  it('Prompty renders its code blocks too (Jinja2 sees no markdown)', () => {
    expect(slotsOf('---\nmodel: gpt-4o\n---\nsystem:\n```\n{{ context }}\n```\n', 'x.prompty')).toEqual([['{{ context }}', 'document']]);
  });

  it('single braces glued to a word or a backslash are not slots (LaTeX, code-like text)', () => {
    expect(slotsOf('\\frac{a}{b} and x{y} and ${z}\n')).toEqual([['${z}', 'unknown']]);
  });

  it('Jinja control tags and comments are left out of the text; for loops are slots of their collection', () => {
    const doc = md('{# note #}{% if premium %}Premium.{% else %}Basic.{% endif %}\n{% for d in documents %}{{ d.title }}{% endfor %}\n');
    expect(view(doc)).toEqual([['system', 'Premium.', 'Basic.', '\n', { documents: 'document' }, { 'd.title': 'document' }]]);
    expect(doc.requests[0]!.history).toBeUndefined();
  });

  it('{% raw %} keeps template syntax as text', () => {
    const doc = md('{% raw %}{{ not_a_slot }}{% endraw %} and {{ slot }}\n');
    expect(view(doc)).toEqual([['system', '{{ not_a_slot }}', ' and ', { slot: 'unknown' }]]);
  });
});

describe('history loops', () => {
  const historyOf = (body: string, path = 'x.prompty') => md(body, path).requests[0]!.history;

  it.each([
    ['{% for m in history %}{{ m.content }}{% endfor %}', 'grows', 'history'],
    ['{% for m in chat_history %}{{ m }}{% endfor %}', 'grows', 'chat_history'],
    ['{% for m in conversation.messages %}{{ m }}{% endfor %}', 'grows', 'conversation.messages'],
    ['{% for m in history[-10:] %}{{ m }}{% endfor %}', 'trimmed', 'history'],
    ['{% for m in messages | slice(10) %}{{ m }}{% endfor %}', 'trimmed', 'messages'],
    ['{% for m in history | last(5) %}{{ m }}{% endfor %}', 'trimmed', 'history'],
    ['{% for m in history %}{% if loop.index > history|length - 10 %}{{ m }}{% endif %}{% endfor %}', 'trimmed', 'history'],
    ['{% for m in history %}{% if loop.revindex <= 10 %}{{ m }}{% endif %}{% endfor %}', 'trimmed', 'history'],
  ])('%s -> %s', (body, state, name) => {
    const h = historyOf(`system:\nYou help.\n${body}\n`);
    expect(h).toMatchObject({ state, name, confidence: 'estimate' });
  });

  it('a loop over documents is not a history; an unclosed loop still counts', () => {
    expect(historyOf('{% for d in documents %}{{ d }}{% endfor %}')).toBeUndefined();
    expect(historyOf('{% for m in messages %}{{ m }}')).toMatchObject({ state: 'grows', name: 'messages' });
  });

  it('Handlebars {{#each history}} in dotprompt grows; a trimmed subexpression does not', () => {
    expect(historyOf('{{#each history}}{{this.content}}{{/each}}', 'x.prompt')).toMatchObject({ state: 'grows', name: 'history' });
    expect(historyOf('{{#each (last history 10)}}{{this}}{{/each}}', 'x.prompt')).toMatchObject({ state: 'trimmed' });
  });

  it('when one loop grows and another is trimmed, the growing one is reported', () => {
    const h = historyOf('{% for m in history[-5:] %}{{m}}{% endfor %}\n{% for t in turns %}{{t}}{% endfor %}');
    expect(h).toMatchObject({ state: 'grows', name: 'turns' });
  });
});

describe('syntax per kind', () => {
  it('Prompty and dotprompt do not read single braces or ${x}', () => {
    expect(slotsOf('{question} ${x} {{ question }}', 'x.prompty')).toEqual([['{{ question }}', 'input']]);
    expect(slotsOf('{question} ${x} {{ question }}', 'x.prompt')).toEqual([['{{ question }}', 'input']]);
  });

  it('dotprompt does not read Jinja tags; Prompty does', () => {
    expect(slotsOf('{% for m in history %}', 'x.prompt')).toEqual([]);
    expect(slotsOf('{% for m in history %}', 'x.prompty')).toEqual([['{% for m in history %}', 'history']]);
  });

  it('VS Code prompt files read only ${...} variables, in code too', () => {
    expect(slotsOf('`${selection}` {{x}} {y} ${input:topic} ${workspaceFolder}', '.github/prompts/a.prompt.md')).toEqual([
      ['${selection}', 'document'],
      ['${input:topic}', 'input'],
      ['${workspaceFolder}', 'unknown'],
    ]);
  });

  it('agent instruction files have no slots at all', () => {
    expect(slotsOf('{{today}} {today} ${today} {% for m in history %}', 'AGENTS.md')).toEqual([]);
  });
});

describe('adjacent slots', () => {
  it('{first}{last} are two slots; a brace group after a non-slot group is not', () => {
    expect(slotsOf('Dear {first_name}{last_name},\n')).toEqual([
      ['{first_name}', 'user-data'],
      ['{last_name}', 'user-data'],
    ]);
  });
});
