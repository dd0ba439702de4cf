/**
 * Command-line parsing: argv -> options, or a one-line usage error. No dependencies, so that
 * `--version` and `--help` stay instant.
 */

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'] as const;
export type LintFormat = (typeof LINT_FORMATS)[number];
export const COST_FORMATS = ['table', 'json'] as const;
export type CostFormat = (typeof COST_FORMATS)[number];

export interface CommonOptions {
  config: string | undefined;
  noConfig: boolean;
  model: string | undefined;
  debug: boolean;
}

export interface LintOptions extends CommonOptions {
  command: 'lint';
  patterns: string[];
  format: LintFormat;
  outputFile: string | undefined;
  fix: boolean;
  /** -1 (the default) means no limit, as in ESLint. */
  maxWarnings: number;
  maxCost: number | undefined;
  /** A `--format json` report to compare per-file costs with. */
  baseline: string | undefined;
  /** With `baseline`: exit 1 when the total cost per call grows by more than this percent. */
  maxCostIncrease: number | undefined;
  callsPerDay: number | undefined;
  quiet: boolean;
  color: boolean | undefined;
  /** Worker threads to lint on (1: none); `'auto'` or `undefined`: chosen from the machine's cores and the run's size. */
  concurrency: number | 'auto' | undefined;
  /** --cache: skip files unchanged since the last run. */
  cache: boolean;
  cacheLocation: string | undefined;
}

export interface CostOptions extends CommonOptions {
  command: 'cost';
  files: string[];
  models: string[] | undefined;
  calls: number;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  format: CostFormat;
}

export type Parsed =
  | { command: 'help' }
  | { command: 'version' }
  | LintOptions
  | CostOptions;

/** A usage problem: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Kind = 'flag' | 'string' | 'int' | 'number';

interface Spec {
  kind: Kind;
  key: string;
  /** For numbers: the smallest accepted value. */
  min?: number;
  commands: readonly ('lint' | 'cost')[];
}

const BOTH = ['lint', 'cost'] as const;
const LINT = ['lint'] as const;
const COST = ['cost'] as const;

const SPECS: Record<string, Spec> = {
  '--help': { kind: 'flag', key: 'help', commands: BOTH },
  '--version': { kind: 'flag', key: 'version', commands: BOTH },
  '--debug': { kind: 'flag', key: 'debug', commands: BOTH },
  '--config': { kind: 'string', key: 'config', commands: BOTH },
  '--no-config': { kind: 'flag', key: 'noConfig', commands: BOTH },
  '--model': { kind: 'string', key: 'model', commands: BOTH },
  '--format': { kind: 'string', key: 'format', commands: BOTH },
  '--output-file': { kind: 'string', key: 'outputFile', commands: LINT },
  '--fix': { kind: 'flag', key: 'fix', commands: LINT },
  '--max-warnings': { kind: 'int', key: 'maxWarnings', min: -1, commands: LINT },
  '--max-cost': { kind: 'number', key: 'maxCost', min: 0, commands: LINT },
  '--baseline': { kind: 'string', key: 'baseline', commands: LINT },
  '--max-cost-increase': { kind: 'number', key: 'maxCostIncrease', min: 0, commands: LINT },
  '--calls-per-day': { kind: 'number', key: 'callsPerDay', min: 0, commands: LINT },
  '--quiet': { kind: 'flag', key: 'quiet', commands: LINT },
  '--color': { kind: 'flag', key: 'color', commands: LINT },
  '--no-color': { kind: 'flag', key: 'noColor', commands: LINT },
  '--concurrency': { kind: 'int', key: 'concurrency', min: 1, commands: LINT },
  '--cache': { kind: 'flag', key: 'cache', commands: LINT },
  '--cache-location': { kind: 'string', key: 'cacheLocation', commands: LINT },
  '--models': { kind: 'string', key: 'models', commands: COST },
  '--calls': { kind: 'int', key: 'calls', min: 1, commands: COST },
  '--input-tokens': { kind: 'int', key: 'inputTokens', min: 0, commands: COST },
  '--output-tokens': { kind: 'int', key: 'outputTokens', min: 0, commands: COST },
};

const SHORT: Record<string, string> = {
  '-h': '--help',
  '-v': '--version',
  '-f': '--format',
  '-o': '--output-file',
  '-c': '--config',
  '-q': '--quiet',
};

function parseNumber(flag: string, raw: string, spec: Spec): number {
  const ok = spec.kind === 'int' ? /^-?\d+$/.test(raw) : /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(raw);
  const n = Number(raw);
  if (!ok || !Number.isFinite(n)) {
    throw new UsageError(`${flag}: expected ${spec.kind === 'int' ? 'an integer' : 'a number'}, got "${raw}"`);
  }
  if (spec.min !== undefined && n < spec.min) throw new UsageError(`${flag}: expected a value >= ${spec.min}, got ${raw}`);
  return n;
}

/** Parses argv (without `node` and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): Parsed {
  const command: 'lint' | 'cost' = argv[0] === 'cost' ? 'cost' : 'lint';
  const rest = command === 'cost' ? argv.slice(1) : argv;
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (onlyPositionals || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    let flag = eq > 0 ? arg.slice(0, eq) : arg;
    flag = SHORT[flag] ?? flag;
    const spec = SPECS[flag];
    if (!spec) throw new UsageError(`unknown option ${JSON.stringify(eq > 0 ? arg.slice(0, eq) : arg)} (see promptlint --help)`);
    if (!spec.commands.includes(command)) {
      throw new UsageError(`${flag} is not an option of ${command === 'cost' ? '`promptlint cost`' : 'linting'} (see promptlint --help)`);
    }
    if (spec.kind === 'flag') {
      if (eq > 0) throw new UsageError(`${flag} takes no value`);
      values[spec.key] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq > 0) raw = arg.slice(eq + 1);
    else {
      raw = rest[i + 1];
      if (raw === undefined || (raw.startsWith('-') && !/^-\d/.test(raw))) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    values[spec.key] = spec.kind === 'string' || (flag === '--concurrency' && raw === 'auto') ? raw : parseNumber(flag, raw, spec);
  }

  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const common: CommonOptions = {
    config: values.config as string | undefined,
    noConfig: values.noConfig === true,
    model: values.model as string | undefined,
    debug: values.debug === true,
  };
  if (common.config !== undefined && common.noConfig) throw new UsageError('--config and --no-config cannot be used together');
  if (common.model !== undefined && common.model.trim() === '') throw new UsageError('--model: expected a model name');

  if (command === 'cost') {
    const format = (values.format as string | undefined) ?? 'table';
    if (!(COST_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`unknown format "${format}" for promptlint cost (expected ${COST_FORMATS.join(' or ')})`);
    }
    let models: string[] | undefined;
    if (values.models !== undefined) {
      models = (values.models as string).split(',').map((m) => m.trim()).filter((m) => m.length > 0);
      if (models.length === 0) throw new UsageError('--models: expected a comma-separated list of model names');
    }
    return {
      ...common,
      command: 'cost',
      files: positionals,
      models,
      calls: (values.calls as number | undefined) ?? 1,
      inputTokens: values.inputTokens as number | undefined,
      outputTokens: values.outputTokens as number | undefined,
      format: format as CostFormat,
    };
  }

  const format = (values.format as string | undefined) ?? 'stylish';
  if (!(LINT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (expected one of ${LINT_FORMATS.join(', ')})`);
  }
  if (values.color && values.noColor) throw new UsageError('--color and --no-color cannot be used together');
  if (values.maxCostIncrease !== undefined && values.baseline === undefined) {
    throw new UsageError('--max-cost-increase needs --baseline FILE (a --format json report to compare with)');
  }
  if (values.baseline !== undefined && (values.baseline as string).trim() === '') throw new UsageError('--baseline: expected a file name');
  if (values.cacheLocation !== undefined && !values.cache) throw new UsageError('--cache-location needs --cache');
  if (values.cacheLocation !== undefined && (values.cacheLocation as string).trim() === '') throw new UsageError('--cache-location: expected a file name');
  return {
    ...common,
    command: 'lint',
    patterns: positionals.length ? positionals : ['.'],
    format: format as LintFormat,
    outputFile: values.outputFile as string | undefined,
    fix: values.fix === true,
    maxWarnings: (values.maxWarnings as number | undefined) ?? -1,
    maxCost: values.maxCost as number | undefined,
    baseline: values.baseline as string | undefined,
    maxCostIncrease: values.maxCostIncrease as number | undefined,
    callsPerDay: values.callsPerDay as number | undefined,
    quiet: values.quiet === true,
    color: values.color ? true : values.noColor ? false : undefined,
    concurrency: values.concurrency as number | 'auto' | undefined,
    cache: values.cache === true,
    cacheLocation: values.cacheLocation as string | undefined,
  };
}

export const HELP = `promptlint: find the money your LLM prompts waste, and say how much each finding is worth.

Usage:
  promptlint [options] [paths or globs...]      lint prompt files (default: .)
  promptlint cost [options] [files...]          compare what prompt files cost per call across models

Lint options:
  -f, --format NAME       stylish (default), json, sarif, github, markdown
  -o, --output-file FILE  write the report to FILE (atomically) instead of standard output
      --fix               apply safe fixes (whitespace and JSON layout only), then report what remains
      --max-warnings N    exit 1 when there are more than N warnings (-1: no limit, the default)
      --max-cost USD      exit 1 when a prompt's estimated cost per call exceeds USD
      --baseline FILE     compare each file's estimated cost per call with a saved --format json report
      --max-cost-increase PCT
                          with --baseline: exit 1 when the total cost per call grows by more than PCT%
      --model NAME        price files that name no model as NAME (default: gpt-4o)
      --calls-per-day N   call rate for per-month figures
  -q, --quiet             report errors only
      --color, --no-color force or turn off colour (default: on a terminal; NO_COLOR, FORCE_COLOR)
      --cache             skip files unchanged since the last run (results kept by content hash)
      --cache-location FILE
                          where --cache keeps them (default: .promptlintcache in the working directory)
      --concurrency N     lint on N worker threads (1: none, on the main thread); default
                          auto: half the cores, for runs large enough to pay for them

Cost options:
      --models a,b,c      models to compare (default: the file's model, gpt-4o, gpt-4o-mini,
                          claude-3-7-sonnet, gemini-1.5-flash)
      --calls N           number of calls (default 1)
      --input-tokens N    input tokens per call (default: counted from each file; no file needed)
      --output-tokens N   output tokens per call (default: the file's output limit)
  -f, --format NAME       table (default) or json

Common options:
  -c, --config FILE       use this configuration file (default: promptlint.config.{js,mjs,json},
                          .promptlintrc.json or "promptlint" in package.json, from here upward)
      --no-config         use no configuration file
      --debug             print a stack trace for internal errors
  -h, --help              show this help
  -v, --version           show the version

Prompt files found in folders: *.prompt.md; *.md and *.txt under a prompts/ folder; system.md and
user.md; *.prompty; *.prompt (dotprompt); .github/prompts/*.prompt.md; AGENTS.md, CLAUDE.md,
GEMINI.md, SKILL.md, .github/copilot-instructions.md, *.instructions.md, *.chatmode.md, *.agent.md,
*.mdc, .cursorrules, .claude/agents and .claude/commands (docs/file-kinds.md; .gitignore honoured;
node_modules skipped). Files named explicitly are always linted.

Exit codes: 0 no errors; 1 errors found, more warnings than --max-warnings, over --max-cost or
--max-cost-increase; 2 usage, configuration or file system error.
`;
