/** Facts about the surroundings of a call: loops over collections and growing histories. */
import { describe, expect, it } from 'vitest';
import { extract, onlyRequest } from './helpers.js';

const OPENAI = `import OpenAI from 'openai'; const client = new OpenAI();`;
const CALL = (args = `{ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user', content: doc }] }`) => `client.chat.completions.create(${args})`;

describe('loops over a collection', () => {
  it('an awaited call in for...of is sequential, with the loop head as range and the collection named', () => {
    const { request, at } = onlyRequest(`${OPENAI}\nasync function f(docs) {\n  for (const doc of docs) {\n    await ${CALL()};\n  }\n}`);
    expect(request.loop).toMatchObject({ style: 'sequential', collection: 'docs' });
    expect(at(request.loop!.range)).toBe('for (const doc of docs)');
    expect(request.loop!.dependsOnPrevious).toBeUndefined();
  });

  it('Promise.all(xs.map(async ...)) and xs.forEach(async ...) are concurrent; for over xs.length is a loop', () => {
    const mapped = onlyRequest(`${OPENAI}\nawait Promise.all(docs.map(async (doc) => ${CALL()}));`);
    expect(mapped.request.loop).toMatchObject({ style: 'concurrent', collection: 'docs' });
    expect(mapped.at(mapped.request.loop!.range)).toBe('docs.map');
    expect(onlyRequest(`${OPENAI}\nlanguages.forEach(async (lang) => { await ${CALL()}; });`).request.loop).toMatchObject({ style: 'concurrent', collection: 'languages' });
    expect(onlyRequest(`${OPENAI}\nfor (let i = 0; i < docs.length; i++) { const doc = docs[i]; await ${CALL()}; }`).request.loop).toMatchObject({ style: 'sequential', collection: 'docs' });
  });

  it('a call wrapped in an awaited retry helper inside the loop still counts', () => {
    expect(onlyRequest(`${OPENAI}\nfor (const doc of docs) { await withRetry(() => ${CALL()}); }`).request.loop).toMatchObject({ style: 'sequential' });
  });

  it('while loops (tool-calling loops) and a callback registered elsewhere are not loops over a collection', () => {
    expect(onlyRequest(`${OPENAI}\nwhile (!done) { const r = await ${CALL()}; done = r.x; }`).request.loop).toBeUndefined();
    expect(onlyRequest(`${OPENAI}\nfor (const route of routes) { app.get(route, async () => ${CALL()}); }`).request.loop).toBeUndefined();
    expect(onlyRequest(`${OPENAI}\nfor (let i = 0; i < 3; i++) { await ${CALL()}; }`).request.loop).toBeUndefined();
  });

  it('dependsOnPrevious: the loop pushes answers into the messages it sends, or feeds a previous result into the next call', () => {
    const conv = onlyRequest(`${OPENAI}\nconst messages = [];\nfor (const q of questions) {\n  messages.push({ role: 'user', content: q });\n  const r = await ${CALL(`{ model: 'gpt-4o', max_tokens: 10, messages }`)};\n  messages.push(r.choices[0].message);\n}`);
    expect(conv.request.loop).toMatchObject({ dependsOnPrevious: true });
    const chained = onlyRequest(`${OPENAI}\nlet summary = '';\nfor (const chunk of chunks) {\n  const r = await ${CALL("{ model: 'gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: summary + chunk }] }")};\n  summary = r.choices[0].message.content;\n}`);
    expect(chained.request.loop).toMatchObject({ dependsOnPrevious: true });
  });

  it('embeddings: one input per item is flagged as such; an array input is not per item', () => {
    const one = onlyRequest(`${OPENAI}\nfor (const chunk of chunks) { await client.embeddings.create({ model: 'text-embedding-3-small', input: chunk }); }`);
    expect(one.request.loop).toMatchObject({ embeddings: true, collection: 'chunks' });
    const many = onlyRequest(`${OPENAI}\nfor (const batch of batches) { await client.embeddings.create({ model: 'text-embedding-3-small', input: batch.map((c) => c.text) }); }`);
    expect(many.request.loop).toBeDefined();
    expect(many.request.loop!.embeddings).toBeUndefined();
  });
});

describe('conversation history', () => {
  const server = (send: string, extra = '') => `${OPENAI}
const history = [{ role: 'system', content: 'You are kind.' }];
export async function reply(text) {
  history.push({ role: 'user', content: text });
  ${extra}
  const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 200, messages: ${send} });
  history.push(r.choices[0].message);
  return r;
}`;

  it('a module-level array appended every turn and sent whole grows', () => {
    const { request, at } = onlyRequest(server('history'));
    expect(request.history).toMatchObject({ state: 'grows', confidence: 'exact', name: 'history' });
    expect(at(request.history!.range)).toBe('history');
  });

  it('slice(-10), a shift() budget loop or a summarise call in between is trimmed; slice(0, -1) is not trimming', () => {
    expect(onlyRequest(server('history.slice(-10)')).request.history).toMatchObject({ state: 'trimmed' });
    expect(onlyRequest(server('[history[0], ...history.slice(-10)]')).request.history).toMatchObject({ state: 'trimmed' });
    expect(onlyRequest(server('history', 'while (countTokens(history) > 8000) history.shift();')).request.history).toMatchObject({ state: 'trimmed' });
    expect(onlyRequest(server('history', 'await summarizeOld(history);')).request.history).toMatchObject({ state: 'trimmed' });
    expect(onlyRequest(server('history.slice(0, -1)')).request.history).toMatchObject({ state: 'grows' });
  });

  it('a chat loop appending to a local array grows; an array built once per call does not', () => {
    const loop = onlyRequest(`${OPENAI}\nasync function chat(rl) {\n  const messages = [];\n  while (true) {\n    messages.push({ role: 'user', content: await rl.question('> ') });\n    const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages });\n    messages.push(r.choices[0].message);\n  }\n}`);
    expect(loop.request.history).toMatchObject({ state: 'grows', name: 'messages' });
    const once = onlyRequest(`${OPENAI}\nasync function ask(q) {\n  const messages = [{ role: 'system', content: 'S' }];\n  messages.push({ role: 'user', content: q });\n  return client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages });\n}`);
    expect(once.request.history).toBeUndefined();
  });

  it('class fields and the ai SDK: this.history spread into messages, and a prompt string grown with +=', () => {
    const cls = onlyRequest(`import { generateText } from 'ai';\nclass Bot {\n  history = [];\n  async say(text) {\n    this.history.push({ role: 'user', content: text });\n    const r = await generateText({ model: 'openai/gpt-4o', maxOutputTokens: 100, messages: [...this.history] });\n    this.history.push({ role: 'assistant', content: r.text });\n  }\n}`);
    expect(cls.request.history).toMatchObject({ state: 'grows', name: 'this.history' });
    const str = onlyRequest(`import { generateText } from 'ai';\nlet transcript = 'Conversation:';\nexport async function turn(line) {\n  transcript += '\\nUser: ' + line;\n  const r = await generateText({ model: 'openai/gpt-4o', maxOutputTokens: 100, prompt: transcript });\n  transcript += '\\nAI: ' + r.text;\n}`);
    expect(str.request.history).toMatchObject({ state: 'grows', name: 'transcript' });
  });

  it('a tool-calling loop appending tool results is not a growing conversation', () => {
    const agent = onlyRequest(`${OPENAI}\nexport async function agent(messages) {\n  while (true) {\n    const r = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 100, messages });\n    messages.push(r.choices[0].message);\n    for (const call of r.choices[0].message.tool_calls ?? []) messages.push({ role: 'tool', tool_call_id: call.id, content: 'ok' });\n  }\n}`);
    expect(agent.request.history).toBeUndefined();
  });

  it('an array appended to after its declaration is sent as its initial messages plus a history slot', () => {
    const { request } = onlyRequest(server('history'));
    expect(request.messages.map((m) => [m.role, m.parts.map((p) => (p.type === 'slot' ? p.kind : p.text))])).toEqual([
      ['system', ['You are kind.']],
      ['unknown', ['history']],
    ]);
  });

  it('an unrelated messages array sent to a chat app is not a request at all', () => {
    expect(extract(`const messages = []; messages.push({ text: 'hi' }); await slack.chat.postMessage({ channel: 'c', messages });`).document.requests).toEqual([]);
  });
});
