/**
 * Imports one JS configuration file in a worker thread, for config.ts, which waits on `signal`
 * (Atomics) and then reads the answer from `port`: `{ ok, json }` (the configuration as JSON text)
 * or `{ ok: false, error }` (one line). What the configuration writes to stdout or stderr is sent as
 * `{ output }` and goes to the run's stderr. `process.exit()` answers with an error; an import that
 * leaves nothing to wait for (a top-level await that never settles) answers when the thread ends.
 */
import { pathToFileURL } from 'node:url';
import { workerData, type MessagePort } from 'node:worker_threads';

interface Init {
  path: string;
  signal: Int32Array;
  port: MessagePort;
}

const { path, signal, port } = workerData as Init;
let answered = false;

function answer(message: { ok: true; json: string } | { ok: false; error: string }): void {
  if (answered) return;
  answered = true;
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
const messageOf = (e: unknown): string => {
  try {
    return oneLine(e instanceof Error ? e.message : String(e));
  } catch {
    return 'a value that cannot be shown';
  }
};

// Writes go to the main thread as messages, never to the run's stdout.
for (const stream of [process.stdout, process.stderr]) {
  stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    port.postMessage({ output: text });
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (typeof cb === 'function') queueMicrotask(cb as () => void);
    return true;
  }) as typeof stream.write;
}

const realExit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  answer({ ok: false, error: `failed to load: it called process.exit(${code ?? ''}) while loading (a configuration must only export a value)` });
  realExit(typeof code === 'number' ? code : 0);
}) as typeof process.exit;

process.on('exit', () => {
  answer({ ok: false, error: 'failed to load: it never finished loading (a top-level await that never settles?)' });
});

/** The configuration as JSON text: plain objects, arrays, strings, finite numbers, booleans, null. */
function toJson(value: unknown): string {
  const seen = new Set<object>();
  const read = (o: object, k: string, at: string): unknown => {
    try {
      return (o as Record<string, unknown>)[k];
    } catch (e) {
      throw new Error(`"${at}": reading it threw: ${messageOf(e)}`, { cause: e });
    }
  };
  const walk = (v: unknown, at: string): string => {
    const where = at === '' ? 'the default export' : `"${at}"`;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`${where}: expected a finite number, got ${v}`);
      return JSON.stringify(v);
    }
    if (typeof v !== 'object') throw new Error(`${where}: expected data (an object, array, string, number, boolean or null), got ${typeof v}`);
    if (seen.has(v)) throw new Error(`${where}: a value that contains itself`);
    seen.add(v);
    try {
      if (Array.isArray(v)) return `[${Array.from({ length: v.length }, (_, i) => walk(read(v, String(i), `${at}[${i}]`), `${at}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error(`${where}: expected a plain object, got an instance of ${(v as object).constructor?.name ?? 'a class'}`);
      // Own keys as JSON text: a "__proto__" key stays a key (JSON.parse makes it an own property).
      return `{${Object.keys(v)
        .map((k) => {
          const path = at === '' ? k : `${at}.${k}`;
          return `${JSON.stringify(k)}:${walk(read(v, k, path), path)}`;
        })
        .join(',')}}`;
    } finally {
      seen.delete(v);
    }
  };
  return walk(value, '');
}

try {
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  let value: unknown;
  try {
    value = await mod.default; // a default export may be a promise of the configuration
  } catch (e) {
    throw new Error(messageOf(e), { cause: e });
  }
  if (value === undefined) answer({ ok: false, error: 'expected a default export (export default { ... })' });
  else {
    try {
      answer({ ok: true, json: toJson(value) });
    } catch (e) {
      answer({ ok: false, error: messageOf(e) });
    }
  }
} catch (e) {
  answer({ ok: false, error: `failed to load: ${messageOf(e)}` });
}
