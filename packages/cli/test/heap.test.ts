/**
 * The V8 heap flag is process-wide: main() run inside another program's process must not set it;
 * only promptlint's own executable (which calls ownProcess()) does, and never over the user's value.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof import('node:v8')>()), setFlagsFromString: setFlags }));

const sink = () => new Writable({ write: (_chunk, _enc, done) => done() });

async function lintOnce(): Promise<number> {
  const { main } = await import('../src/main.js');
  const cwd = mkdtempSync(join(tmpdir(), 'promptlint-heap-'));
  writeFileSync(join(cwd, 'a.prompt.md'), 'Answer briefly.\n');
  return main({ argv: ['--no-config', '--concurrency', '1', '.'], cwd, stdout: sink(), stderr: sink(), env: {} });
}

describe('heap growth flag', () => {
  beforeEach(() => {
    vi.resetModules();
    setFlags.mockClear();
  });

  it('main() inside another program leaves its V8 flags alone', async () => {
    expect(await lintOnce()).toBeLessThan(2); // linted (findings or none), no usage error
    expect(setFlags).not.toHaveBeenCalled();
  });

  it("in promptlint's own process (ownProcess) a lint run caps heap growth once", async () => {
    const { ownProcess, HEAP_GROWING_PERCENT } = await import('../src/heap.js');
    ownProcess();
    expect(await lintOnce()).toBeLessThan(2); // linted (findings or none), no usage error
    expect(await lintOnce()).toBeLessThan(2); // linted (findings or none), no usage error
    expect(setFlags.mock.calls).toEqual([[`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]]);
  });

  it("keeps the user's own value from NODE_OPTIONS", async () => {
    const { ownProcess, limitHeapGrowth } = await import('../src/heap.js');
    ownProcess();
    limitHeapGrowth({ NODE_OPTIONS: '--heap-growing-percent=30' });
    expect(setFlags).not.toHaveBeenCalled();
  });
});
