/**
 * Nothing is ever sent over the network: the built CLI runs with a preload (NODE_OPTIONS=--require) that
 * makes every way out throw (sockets, TLS, DNS, http(s), UDP, fetch, WebSocket) and logs each
 * attempt. Linting, fixing, every format and `promptlint cost` succeed, and the log shows the
 * preload was active and no attempt was made. A control run proves the preload really blocks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, report, run, tempDir } from './helpers.js';

const T = { timeout: 120_000 };
const PRELOAD = join(import.meta.dirname, 'preload/no-network.cjs');

const FILES = {
  'prompts/support.prompt.md': '---\nmodel: gpt-4o\n---\n# System\n\nYou are a support assistant.    Answer every question in detail.\n\n```json\n{\n    "plan": "premium"\n}\n```\n',
  'AGENTS.md': '# Agents\n\nRun the tests before you commit.   \n',
  'support.prompty': '---\nname: support\nmodel:\n  api: chat\n  configuration:\n    type: azure_openai\n    azure_deployment: gpt-4o\n  parameters:\n    max_tokens: 200\n---\nsystem:\nYou answer questions about orders.\n\nuser:\n{{question}}\n',
  'promptlint.config.json': '{ "extends": "all" }',
};

interface Attempt {
  what: string;
  pid: number;
}

function offline(args: string[], cwd: string): { r: ReturnType<typeof run>; attempts: Attempt[]; activeIn: number } {
  const log = join(tempDir(), 'net.log');
  // NODE_OPTIONS, so that any process the CLI might start is covered too.
  const r = run(args, cwd, { env: { NODE_OPTIONS: `--require ${PRELOAD}`, PROMPTLINT_NET_LOG: log } });
  const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Attempt) : [];
  return { r, attempts: lines.filter((a) => a.what !== 'preload-active'), activeIn: lines.filter((a) => a.what === 'preload-active').length };
}

describe('the CLI never touches the network', T, () => {
  it('the preload blocks and logs (control)', () => {
    const log = join(tempDir(), 'net.log');
    const code = "fetch('https://example.com').catch(e => console.log(e.message)); require('node:dns').lookup('example.com', () => {});";
    const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', `try { ${code} } catch (e) { console.log(e.message) }`], { encoding: 'utf8', env: { ...process.env, PROMPTLINT_NET_LOG: log } });
    expect(r.stdout).toMatch(/network access blocked by the test preload: fetch/);
    expect(readFileSync(log, 'utf8')).toMatch(/"what":"fetch"/);
  });

  it('lints every kind of prompt file in every format with no attempt', () => {
    const cwd = tempDir(FILES);
    for (const format of ['json', 'stylish', 'sarif', 'github', 'markdown']) {
      const { r, attempts, activeIn } = offline(['--format', format, '.'], cwd);
      expect(activeIn, 'the preload was loaded').toBeGreaterThanOrEqual(1);
      expect(r.stderr, format).not.toMatch(/blocked by the test preload/);
      expect([0, 1], `${format}: ${r.stderr}`).toContain(r.status);
      expect(attempts, format).toEqual([]);
      if (format === 'json') expect(report(r).files.length).toBe(3);
    }
  });

  it('--fix and promptlint cost run with no attempt', () => {
    const cwd = tempDir(FILES);
    const fix = offline(['--fix', '--format', 'json', '.'], cwd);
    expect([0, 1], fix.r.stderr).toContain(fix.r.status);
    expect(fix.attempts).toEqual([]);
    const cost = offline(['cost', '--calls', '1000', '--models', 'gpt-4o,gpt-4o-mini,claude-sonnet-4-5,gemini-2.5-flash', 'prompts/support.prompt.md'], cwd);
    expect(cost.r.status, cost.r.stderr).toBe(0);
    expect(cost.r.stdout).toMatch(/gpt-4o-mini/);
    expect(cost.attempts).toEqual([]);
  });

  it('every prompt fixture of the repository is linted with no attempt', () => {
    const fixtures = join(ROOT, 'fixtures/prompts');
    expect(existsSync(fixtures) && readdirSync(fixtures).length > 0).toBe(true);
    const { r, attempts } = offline(['--format', 'json', '--no-config', fixtures], ROOT);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(report(r).files.length).toBeGreaterThan(5);
    expect(attempts).toEqual([]);
  });
});
