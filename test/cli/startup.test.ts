/**
 * `--version` and `--help` answer without loading the tokenizer, the markdown parser or any rule:
 * start-up time is benchmarked. A module-load hook records every ES module the process loads; a
 * control run (a real lint) shows the hook does see core, the markdown front end and remark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers.js';

const HOOK = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (m) => seen.push(m));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(\`
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
\`), { data: { port: port2 }, transferList: [port2] });
process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(seen) + '\\n'));
`;

function loaded(args: string[], cwd: string): { status: number | null; stdout: string; modules: string[] } {
  const r = run(args, cwd, {}, ['--import', `data:text/javascript,${encodeURIComponent(HOOK)}`]);
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`no module list: ${r.stderr}`);
  return { status: r.status, stdout: r.stdout, modules: JSON.parse(line.slice('LOADED '.length)) as string[] };
}

const HEAVY = /packages\/core\/|packages\/markdown\/|gpt-tokenizer|remark|micromark|unified|\/rules\//;

describe('start-up', () => {
  const cwd = tempDir({ 'prompts/a.md': '---\nmax_tokens: 200\n---\nAnswer briefly.\n' });
  const version = (JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string }).version;

  it('--version prints the package version and loads no heavy module', () => {
    const r = loaded(['--version'], cwd);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
    expect(r.modules.some((m) => m.endsWith('/packages/cli/dist/main.js'))).toBe(true);
    expect(r.modules.filter((m) => HEAVY.test(m))).toEqual([]);
  });

  it('--help prints usage, formats and exit codes and loads no heavy module', () => {
    const r = loaded(['--help'], cwd);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage:/m);
    expect(r.stdout).toContain('stylish (default), json, sarif, github, markdown');
    expect(r.stdout).toMatch(/Exit codes: 0 no errors; 1 errors found/);
    expect(r.modules.filter((m) => HEAVY.test(m))).toEqual([]);
  });

  it('control: a real lint run is seen loading core, the markdown front end and rules', () => {
    const r = loaded(['--format', 'json', 'prompts'], cwd);
    expect(r.status).toBe(0);
    expect(r.modules.some((m) => m.includes('/packages/core/dist/'))).toBe(true);
    expect(r.modules.some((m) => m.includes('/packages/markdown/dist/'))).toBe(true);
    expect(r.modules.some((m) => m.includes('/packages/core/dist/rules/'))).toBe(true);
  });
});
