/**
 * The CLI as a function: `main({ argv, cwd, stdout, stderr, env }) -> exit code`.
 * Only argument parsing is loaded eagerly; linting, the tokenizer and rules are imported on demand
 * so that `--version` and `--help` start instantly.
 */
import { HELP, parseArgs, UsageError } from './args.js';
import { CliError } from './errors.js';
import { version } from './package-info.js';

export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface MainOptions {
  argv: readonly string[];
  cwd: string;
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  /** What --stdin reads (default: file descriptor 0). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export async function main(options: MainOptions): Promise<number> {
  const { argv, stderr } = options;
  const debug = argv.includes('--debug');
  try {
    const parsed = parseArgs(argv);
    if (parsed.command === 'help') {
      options.stdout.write(HELP);
      return 0;
    }
    if (parsed.command === 'version') {
      options.stdout.write(`${version()}\n`);
      return 0;
    }
    if (parsed.command === 'cost') {
      const { runCost } = await import('./cost.js');
      return await runCost(parsed, options);
    }
    const { runLint } = await import('./run.js');
    return await runLint(parsed, options);
  } catch (e) {
    if (e instanceof UsageError || e instanceof CliError) {
      stderr.write(`promptlint: ${oneLine(e.message)}\n`);
      if (debug && e.stack) stderr.write(`${e.stack}\n`);
      return 2;
    }
    const err = e as Error;
    stderr.write(`promptlint: internal error: ${oneLine(err?.message ?? String(e))} (run with --debug for a stack trace)\n`);
    if (debug && err?.stack) stderr.write(`${err.stack}\n`);
    return 2;
  }
}

function oneLine(s: string): string {
  return s.replace(/(?<!\s)\s*[\r\n]+\s*/g, ' ').trim(); // (?<!\s): tried once per run of whitespace (linear)
}
