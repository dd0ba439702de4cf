/**
 * Runs a command as a whole child process and measures its wall time and peak resident memory.
 *
 * Peak RSS, by the first method that applies (forced with BENCH_RSS=time|node|proc):
 *  - `time`: GNU time (`/usr/bin/time -f %M`), the kernel's rusage of the command (the largest
 *    process in its tree), in KB. On Debian: `apt-get install time`.
 *  - `node`: for Node.js commands without GNU time: NODE_OPTIONS gets `--import lib/report-rss.mjs`,
 *    which appends `process.resourceUsage().maxRSS` (KB, the same kernel figure) to a file when each
 *    Node process of the tree exits; the peak is the largest. Children started with a clean
 *    environment are missed; a process killed by a signal reports nothing.
 *  - `proc`: other commands on Linux: /proc/<pid>/status VmHWM polled every 10 ms (the high-water mark
 *    so far, so only growth in the last interval before exit can be missed; the command's own
 *    process only).
 * Wall time is measured around spawn -> exit with `performance.now()`, so it includes Node's own
 * start-up for Node commands, as a user's shell would see it.
 * A timeout kills the whole process group (the command runs detached in its own group).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPORT_RSS = pathToFileURL(new URL('./report-rss.mjs', import.meta.url).pathname).href;

let gnuTime;
/** Whether /usr/bin/time is GNU time (BSD and busybox `time` lack `-f ... -o`). */
export function hasGnuTime() {
  if (gnuTime === undefined) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', process.execPath, '-e', ''], { stdio: 'ignore' });
    gnuTime = r.status === 0;
  }
  return gnuTime;
}

/** The peak-RSS method for a command (see the header). */
export function rssMethodFor(cmd) {
  const forced = process.env.BENCH_RSS;
  if (forced) {
    if (!['time', 'node', 'proc'].includes(forced)) throw new Error(`BENCH_RSS: expected time, node or proc, got "${forced}"`);
    return forced;
  }
  if (hasGnuTime()) return 'time';
  if (cmd === process.execPath) return 'node';
  return process.platform === 'linux' ? 'proc' : 'none';
}

function readVmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @returns {Promise<{ wallMs: number, peakRssKb: number | null, rssMethod: string, code: number | null,
 *   signal: string | null, timedOut: boolean, stdout: string, stderr: string }>}
 */
export function measure(cmd, args = [], { cwd, env = process.env, timeoutMs = 120_000, input } = {}) {
  const method = rssMethodFor(cmd);
  const dir = mkdtempSync(join(tmpdir(), 'promptlint-bench-'));
  const rssFile = join(dir, 'rss');
  let file = cmd;
  let argv = args;
  let childEnv = env;
  if (method === 'time') {
    file = '/usr/bin/time';
    argv = ['-f', '%M', '-o', rssFile, cmd, ...args];
  } else if (method === 'node') {
    childEnv = { ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import=${REPORT_RSS}`.trim() };
  }
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { cwd, env: childEnv, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let wallMs = 0;
    let exit = { code: null, signal: null };
    let timedOut = false;
    let hwm = 0;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    if (input !== undefined) child.stdin.end(input);
    const poll = method === 'proc' ? setInterval(() => (hwm = Math.max(hwm, readVmHwm(child.pid) ?? 0)), 10) : undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      clearInterval(poll);
      rmSync(dir, { recursive: true, force: true });
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      wallMs = performance.now() - t0;
      exit = { code, signal };
      clearTimeout(timer);
      clearInterval(poll);
    });
    child.on('close', () => {
      let peakRssKb = null;
      if (method === 'proc') peakRssKb = hwm || null;
      else if (method === 'time' || method === 'node') {
        try {
          // GNU time may write "Command exited with non-zero status N" before the number.
          const numbers = readFileSync(rssFile, 'utf8').split('\n').map((l) => /^(?:\d+ )?(\d+)$/.exec(l.trim())?.[1]).filter(Boolean).map(Number);
          peakRssKb = numbers.length ? Math.max(...numbers) : null;
        } catch {
          peakRssKb = null; // killed before reporting
        }
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ wallMs, peakRssKb, rssMethod: method, code: exit.code, signal: exit.signal, timedOut, stdout, stderr });
    });
  });
}

export function median(xs) {
  const v = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * `runs` whole-process runs of a command, one after the other. Fails on a non-zero exit (unless
 * `allowFailure`), returns the medians and every run.
 */
export async function measureRuns(runs, cmd, args, options = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    const r = await measure(cmd, args, options);
    if (!r.timedOut && r.code !== 0 && !options.allowFailure) {
      throw new Error(`${[cmd, ...args].join(' ')} exited ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    }
    all.push(r);
    if (r.timedOut) break; // a second try would time out too
  }
  return {
    runs: all.length,
    wallMs: median(all.map((r) => r.wallMs)),
    minWallMs: Math.min(...all.map((r) => r.wallMs)),
    maxWallMs: Math.max(...all.map((r) => r.wallMs)),
    peakRssKb: median(all.map((r) => r.peakRssKb)),
    rssMethod: all[0]?.rssMethod,
    timedOut: all.some((r) => r.timedOut),
    results: all,
  };
}
