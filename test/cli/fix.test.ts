/**
 * --fix applies autofixes only (whitespace and JSON layout): what the model reads is unchanged but
 * for whitespace, a second run changes nothing, file modes are kept, and a read-only file is refused
 * with exit 2 before any file is written.
 */
import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLine, json, run, tempDir } from './helpers.js';

const MESSY = `---
model: gpt-4o
max_tokens: 400
---
You are a support assistant for Acme.   
Answer    in a friendly    tone.

Use this customer record:

\`\`\`json
{
    "name": "Hong Gildong",
    "plan": "premium",
    "tickets": [
        { "id": 1, "status": "open" },
        { "id": 2, "status": "closed" }
    ]
}
\`\`\`
`;

const JSON_BLOCK = /```json\n([\s\S]*?)```/;
const noWhitespace = (s: string): string => s.replace(/\s+/g, '');

describe('--fix', () => {
  it('fixes whitespace and JSON layout and nothing else, then reports what remains', () => {
    const cwd = tempDir({ 'prompts/messy.md': MESSY });
    const before = json(run(['--format', 'json'], cwd)).files[0]!.findings;
    expect(before.filter((f) => f.fix).map((f) => f.ruleId).sort()).toEqual(['no-redundant-whitespace', 'no-redundant-whitespace', 'no-verbose-json']);

    const r = run(['--fix', '--format', 'json'], cwd);
    expect(r.status).toBe(0);
    expect(json(r).files[0]!.findings.filter((f) => f.fix)).toEqual([]);
    const after = readFileSync(join(cwd, 'prompts/messy.md'), 'utf8');
    expect(after).not.toBe(MESSY);
    // the same characters apart from whitespace, and the same JSON data
    expect(noWhitespace(after)).toBe(noWhitespace(MESSY));
    expect(JSON.parse(after.match(JSON_BLOCK)![1]!)).toEqual(JSON.parse(MESSY.match(JSON_BLOCK)![1]!));
    expect(after).toContain('Answer in a friendly tone.\n');
    expect(after).toContain('{"name":"Hong Gildong","plan":"premium","tickets":[{"id":1,"status":"open"},{"id":2,"status":"closed"}]}');
    // no temp files left behind
    expect(readdirSync(join(cwd, 'prompts'))).toEqual(['messy.md']);
  });

  it('is idempotent: a second run leaves the file byte for byte', () => {
    const cwd = tempDir({ 'prompts/messy.md': MESSY });
    run(['--fix'], cwd);
    const once = readFileSync(join(cwd, 'prompts/messy.md'));
    const r = run(['--fix'], cwd);
    expect(r.status).toBe(0);
    expect(readFileSync(join(cwd, 'prompts/messy.md')).equals(once)).toBe(true);
  });

  it('keeps the file mode and a byte order mark', () => {
    const cwd = tempDir({ 'prompts/messy.md': `\ufeff${MESSY}` });
    const file = join(cwd, 'prompts/messy.md');
    chmodSync(file, 0o640);
    run(['--fix'], cwd);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    const after = readFileSync(file, 'utf8');
    expect(after.charCodeAt(0)).toBe(0xfeff);
    expect(noWhitespace(after)).toBe(noWhitespace(`\ufeff${MESSY}`));
  });

  it('never applies suggestions (prefer-compact-data offers a table, not a fix)', () => {
    const records = Array.from({ length: 4 }, (_, i) => `{"name":"Customer ${i}","age":${30 + i},"email":"c${i}@example.com","city":"Seoul"}`).join(',');
    const text = `---\nmax_tokens: 300\n---\nClassify each customer.\n\n\`\`\`json\n[${records}]\n\`\`\`\n`;
    const cwd = tempDir({ 'prompts/data.md': text, 'promptlint.config.json': '{ "extends": "strict" }' });
    const r = run(['--fix', '--format', 'json'], cwd);
    expect(json(r).files[0]!.findings.map((f) => f.ruleId)).toContain('prefer-compact-data');
    expect(readFileSync(join(cwd, 'prompts/data.md'), 'utf8')).toBe(text);
  });

  it('a read-only file: one clear line, exit 2, no file changed', () => {
    const cwd = tempDir({ 'prompts/a.md': MESSY, 'prompts/b.md': MESSY });
    const ro = join(cwd, 'prompts/b.md');
    chmodSync(ro, 0o444);
    const r = run(['--fix'], cwd);
    expect(r.status).toBe(2);
    expect(expectOneLine(r.stderr)).toBe('promptlint: cannot fix prompts/b.md: the file is read-only (no file was changed)');
    expect(readFileSync(ro, 'utf8')).toBe(MESSY);
    expect(readFileSync(join(cwd, 'prompts/a.md'), 'utf8')).toBe(MESSY);
    expect(statSync(ro).mode & 0o777).toBe(0o444);
  });

  it('without --fix nothing is written', () => {
    const cwd = tempDir({ 'prompts/messy.md': MESSY });
    writeFileSync(join(cwd, 'prompts/messy.md'), MESSY);
    run([], cwd);
    expect(readFileSync(join(cwd, 'prompts/messy.md'), 'utf8')).toBe(MESSY);
  });
});
