/**
 * Patterns learned from real prompt files (the prompts-realworld bench corpus), each as a small
 * fixture in fixtures/prompts/realworld/: what the file is, and which rules may speak about it.
 */
import { Engine, presetRules, rules, type Finding } from '@promptlint/core';
import { describe, expect, it } from 'vitest';
import { parsePromptFile } from '../src/index.js';
import { fixture, parseOk } from './helpers.js';

const engine = new Engine({ rules: presetRules('all') }, rules);
const REQUEST_RULES = ['require-max-tokens', 'require-cache-control', 'no-unbounded-history', 'prefer-batch-api'];
const lintFixture = (rel: string): { kind: string; findings: Finding[] } => {
  const { path, text } = fixture(`realworld/${rel}`);
  const { document } = parseOk(text, path);
  return { kind: document.kind, findings: engine.lint(document) };
};

describe('files whose request is made elsewhere: no request rule', () => {
  it.each([
    // a library of reusable system prompts, a folder per prompt (the program that sends it sets the limit)
    ['library/summarize/system.md', 'markdown-prompt'],
    // a VS Code prompt file outside .github/prompts: `mode`, `tools` and the editor's model picker
    ['prompts/review.prompt.md', 'vscode-prompt'],
    // a Claude Code subagent outside .claude/agents: `tools` and a model alias Claude Code resolves
    ['subagents/reviewer.md', 'agent-instructions'],
    // a Claude Code slash command
    ['.claude/commands/ship.md', 'agent-instructions'],
    // a Claude skill
    ['skills/pdf/SKILL.md', 'agent-instructions'],
  ])('%s is %s, and no request rule reports on it', (rel, kind) => {
    const r = lintFixture(rel);
    expect(r.kind).toBe(kind);
    expect(r.findings.filter((f) => REQUEST_RULES.includes(f.ruleId ?? '')).map((f) => f.ruleId)).toEqual([]);
  });

  it('a markdown prompt whose front matter names a model defines its request: require-max-tokens reports it', () => {
    const r = lintFixture('request.md');
    expect(r.kind).toBe('markdown-prompt');
    expect(r.findings.filter((f) => f.ruleId === 'require-max-tokens')).toHaveLength(1);
  });
});

describe('front matter as the hosts read it', () => {
  it.each([
    // Cursor writes globs unquoted (`*` is an alias to strict YAML) and descriptions with `: `
    ['rules/typescript.mdc', { description: 'TypeScript style: strict types, no any', globs: '**/*.ts, **/*.tsx', alwaysApply: false }],
    ['rules/react.mdc', { description: 'React components', globs: '*.tsx' }],
  ])('%s is read as Cursor reads it, not a fatal', (rel, expected) => {
    const { path, text } = fixture(`realworld/${rel}`);
    const r = parsePromptFile(text, { path });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.frontMatter).toEqual(expected);
    expect(r.document.kind).toBe('agent-instructions');
  });

  it('the same unquoted glob in a markdown prompt whose front matter no host reads stays a fatal (strict YAML)', () => {
    const r = parsePromptFile('---\nmodel: gpt-4o\nstop: *end\n---\nHi\n', { path: 'prompts/a.md' });
    expect(r.ok).toBe(false);
  });

  it('a markdown file with host keys is read leniently, and is a host file', () => {
    const r = parsePromptFile('---\nname: reviewer\ntools: Read, Grep\ndescription: Use when: reviewing\n---\nReview.\n', { path: 'agents/reviewer.md' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.document.kind).toBe('agent-instructions');
  });

  it('a first line that is no `key: value` cannot be read: still a fatal', () => {
    const r = parsePromptFile('---\n[broken\nglobs: **/*.ts\n---\nHi\n', { path: '.cursor/rules/a.mdc' });
    expect(r.ok).toBe(false);
  });

  it('a Claude Code agent whose description runs on over unindented lines, with a model alias, is read as Claude Code reads it', () => {
    const { path, text } = fixture('realworld/plugin/agents/creator.md');
    const r = parsePromptFile(text, { path });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.kind).toBe('agent-instructions');
    expect(r.frontMatter?.['model']).toBe('sonnet');
    expect(String(r.frontMatter?.['description'])).toMatch(/^Use this agent when the user asks to create an agent\.\n<example>/);
    expect(engine.lint(r.document).filter((f) => f.ruleId === 'require-max-tokens')).toEqual([]);
  });

  it('a file that is one outer ````prompt fence is read as its inside: front matter, headings, code', () => {
    const { path, text } = fixture('realworld/prompts/wrapped.md');
    const r = parseOk(text, path);
    expect(r.frontMatter).toEqual({ model: 'gpt-4o', description: 'Summarise a ticket' });
    const request = r.document.requests[0]!;
    expect(request.model).toMatchObject({ value: 'gpt-4o' });
    const body = request.messages.flatMap((m) => m.parts).map((p) => (p.type === 'static' ? p.text : '')).join('');
    expect(body).toContain('Summarise the ticket below in three bullet points.');
    expect(body).not.toContain('````');
    // it defines its request (a model named): require-max-tokens reports at the front matter
    const [f, ...rest] = engine.lint(r.document).filter((x) => x.ruleId === 'require-max-tokens');
    expect(rest).toHaveLength(0);
    expect([f!.line, f!.column]).toEqual([2, 1]);
  });

  it('a fence that closes before the end is not a wrapper', () => {
    const r = parseOk('```\ncode\n```\n\nProse after.\n', 'prompts/a.md');
    const text = r.document.requests[0]!.messages.flatMap((m) => m.parts).map((p) => (p.type === 'static' ? p.text : '')).join('');
    expect(text).toContain('```');
  });
});
