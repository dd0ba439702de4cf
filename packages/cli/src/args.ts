/**
 * Command-line parsing: argv -> options, or a one-line usage error. No dependencies loaded up
 * front, so that `--version` and `--help` stay instant (`--rule` loads levn when given).
 */
import { createRequire } from 'node:module';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown', 'eslint-json'] as const;
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
  /** --stdin: lint standard input, as the file `stdinFilename` when given. */
  stdin: boolean;
  stdinFilename: string | undefined;
  /** --print-config FILE: print the configuration that applies to FILE, lint nothing. */
  printConfig: string | undefined;
  /** false with --no-ignore: .gitignore, `ignores` and --ignore-pattern are not applied. */
  ignore: boolean;
  /** --ignore-pattern (repeatable): globs relative to the working directory. */
  ignorePatterns: string[];
  /** false with --no-warn-ignored: files named explicitly but ignored are skipped without a warning. */
  warnIgnored: boolean;
  /** --rule (repeatable), merged: rule settings over every configuration's. */
  rules: Record<string, unknown> | undefined;
  /** --fix-dry-run: compute fixes, report what remains and the fixed text (`output`), write nothing. */
  fixDryRun: boolean;
  /** --report-unused-disable-directives[-severity]; `undefined`: the configuration's. */
  reportUnusedDisableDirectives: 'off' | 'warn' | 'error' | undefined;
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

type Kind = 'flag' | 'string' | 'int' | 'number' | 'list';

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
  '--stdin': { kind: 'flag', key: 'stdin', commands: LINT },
  '--stdin-filename': { kind: 'string', key: 'stdinFilename', commands: LINT },
  '--print-config': { kind: 'string', key: 'printConfig', commands: LINT },
  '--no-ignore': { kind: 'flag', key: 'noIgnore', commands: LINT },
  '--ignore-pattern': { kind: 'list', key: 'ignorePatterns', commands: LINT },
  '--no-warn-ignored': { kind: 'flag', key: 'noWarnIgnored', commands: LINT },
  '--rule': { kind: 'list', key: 'rule', commands: LINT },
  '--fix-dry-run': { kind: 'flag', key: 'fixDryRun', commands: LINT },
  '--report-unused-disable-directives': { kind: 'flag', key: 'reportUnused', commands: LINT },
  '--report-unused-disable-directives-severity': { kind: 'string', key: 'reportUnusedSeverity', commands: LINT },
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
      // A list value may start with '-' (`--ignore-pattern -x`): any next argument is taken.
      if (raw === undefined || (spec.kind !== 'list' && raw.startsWith('-') && !/^-\d/.test(raw))) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    if (spec.kind === 'list') ((values[spec.key] ??= []) as string[]).push(raw);
    else values[spec.key] = spec.kind === 'string' || (flag === '--concurrency' && (raw === 'auto' || raw === 'off')) ? raw : parseNumber(flag, raw, spec);
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
  // ESLint's combinations and messages.
  if (values.fix && values.fixDryRun) throw new UsageError('the --fix option and the --fix-dry-run option cannot be used together');
  if (values.stdin && values.fix) throw new UsageError('the --fix option is not available for piped-in text; use --fix-dry-run instead');
  if (values.stdinFilename !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (values.stdinFilename !== undefined && (values.stdinFilename as string).trim() === '') throw new UsageError('--stdin-filename: expected a file name');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin lints standard input: give no files (name it with --stdin-filename)');
  if (values.printConfig !== undefined && (positionals.length > 0 || values.stdin)) throw new UsageError('the --print-config option must be used with exactly one file name');
  if (values.printConfig !== undefined && (values.printConfig as string).trim() === '') throw new UsageError('--print-config: expected a file name');
  if (values.reportUnused && values.reportUnusedSeverity !== undefined) {
    throw new UsageError('the --report-unused-disable-directives option and the --report-unused-disable-directives-severity option cannot be used together');
  }
  let reportUnused: LintOptions['reportUnusedDisableDirectives'] = values.reportUnused ? 'error' : undefined;
  if (values.reportUnusedSeverity !== undefined) {
    const named = { off: 'off', warn: 'warn', error: 'error', '0': 'off', '1': 'warn', '2': 'error' } as const;
    const raw = values.reportUnusedSeverity as string;
    if (!Object.hasOwn(named, raw)) throw new UsageError(`--report-unused-disable-directives-severity: expected off, warn, error, 0, 1 or 2, got "${raw}"`);
    reportUnused = named[raw as keyof typeof named];
  }
  for (const p of (values.ignorePatterns as string[] | undefined) ?? []) if (p.trim() === '') throw new UsageError('--ignore-pattern: expected a glob');
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
    concurrency: values.concurrency === 'off' ? 1 : (values.concurrency as number | 'auto' | undefined),
    cache: values.cache === true,
    cacheLocation: values.cacheLocation as string | undefined,
    stdin: values.stdin === true,
    stdinFilename: values.stdinFilename as string | undefined,
    printConfig: values.printConfig as string | undefined,
    ignore: values.noIgnore !== true,
    ignorePatterns: (values.ignorePatterns as string[] | undefined) ?? [],
    warnIgnored: values.noWarnIgnored !== true,
    rules: values.rule === undefined ? undefined : parseRules(values.rule as string[]),
    fixDryRun: values.fixDryRun === true,
    reportUnusedDisableDirectives: reportUnused,
  };
}

/** Names an object already has: a rule or option named so would read Object's, not the user's. */
const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * `--rule` values, as ESLint reads them: levn's `Object` notation (`'id: [error, {max: 3}]'`) or
 * JSON (`'{"id": "warn"}'`); later ones win. Rule ids and options are checked with the configuration.
 */
export function parseRules(raws: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const raw of raws) {
    const key = /(?:^|[{,\s])["']?([A-Za-z_$][\w$]*)["']?\s*:/g;
    for (let m = key.exec(raw); m; m = key.exec(raw)) {
      if (OBJECT_NAMES.has(m[1]!)) throw new UsageError(`--rule: "${m[1]}" cannot be a rule id or an option name`);
    }
    let value: unknown;
    try {
      value = raw.trimStart().startsWith('{') && !/^\{\s*[\w-]+\s*:/.test(raw.trim()) ? JSON.parse(raw) : levnParse(raw);
    } catch (e) {
      throw new UsageError(`--rule: cannot read ${JSON.stringify(raw)}: ${(e as Error).message} (expected 'rule-id: severity' or 'rule-id: [severity, {options}]')`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
      throw new UsageError(`--rule: expected 'rule-id: severity' or 'rule-id: [severity, {options}]', got ${JSON.stringify(raw)}`);
    }
    for (const k of Object.keys(value)) out[k] = (value as Record<string, unknown>)[k];
  }
  return out;
}

function levnParse(raw: string): unknown {
  const levn = createRequire(import.meta.url)('levn') as { parse: (type: string, input: string) => unknown };
  return levn.parse('Object', raw);
}

export const HELP = `promptlint: find the money your LLM prompts waste, and say how much each finding is worth.

Usage:
  promptlint [options] [paths or globs...]      lint prompt files (default: .)
  promptlint cost [options] [files...]          compare what prompt files cost per call across models

Lint options:
  -f, --format NAME       stylish (default), json, sarif, github, markdown, eslint-json
  -o, --output-file FILE  write the report to FILE (atomically) instead of standard output
      --fix               apply safe fixes (whitespace and JSON layout only), then report what remains
      --fix-dry-run       compute the fixes without writing: report what would remain, and the
                          fixed text as "output" in json and eslint-json
      --max-warnings N    exit 1 when there are more than N warnings (-1: no limit, the default)
      --max-cost USD      exit 1 when a prompt's estimated cost per call exceeds USD
      --baseline FILE     compare each file's estimated cost per call with a saved --format json report
      --max-cost-increase PCT
                          with --baseline: exit 1 when the total cost per call grows by more than PCT%
      --model NAME        price files that name no model as NAME (default: gpt-4o)
      --calls-per-day N   call rate for per-month figures
      --rule 'ID: SETTING'
                          set a rule over the configuration, as ESLint's --rule (repeatable):
                          'max-prompt-tokens: [error, {budget: 4000}]' or JSON
  -q, --quiet             report errors only
      --color, --no-color force or turn off colour (default: on a terminal; NO_COLOR, FORCE_COLOR)
      --cache             skip files unchanged since the last run (results kept by content hash)
      --cache-location FILE
                          where --cache keeps them (default: .promptlintcache in the working directory)
      --concurrency N     lint on N worker threads (1 or off: none, on the main thread); default
                          auto: half the cores, for runs large enough to pay for them
      --stdin             lint standard input
      --stdin-filename PATH
                          the file name standard input is linted as (kind, configuration, ignores)
      --print-config PATH print the configuration that applies to PATH and lint nothing
      --no-ignore         apply no .gitignore, ignores or --ignore-pattern
      --ignore-pattern GLOB
                          also ignore GLOB, relative to the working directory (repeatable)
      --no-warn-ignored   skip ignored files named explicitly without a warning
      --report-unused-disable-directives
                          report promptlint-disable directives that silence nothing, as errors
      --report-unused-disable-directives-severity off|warn|error
                          the same at this severity

Cost options:
      --models a,b,c      models to compare (default: the file's model, gpt-4o, gpt-4o-mini,
                          claude-3-7-sonnet, gemini-1.5-flash)
      --calls N           number of calls (default 1)
      --input-tokens N    input tokens per call (default: counted from each file; no file needed)
      --output-tokens N   output tokens per call (default: the file's output limit)
  -f, --format NAME       table (default) or json

Common options:
  -c, --config FILE       use this configuration file for every file (default: for each file the
                          nearest promptlint.config.{js,mjs,cjs,json,jsonc}, .promptlintrc.json[c]
                          or "promptlint" in package.json, from its folder upward)
      --no-config         use no configuration file
      --debug             print a stack trace for internal errors
  -h, --help              show this help
  -v, --version           show the version

Prompt files found in folders: *.prompt.md; *.md and *.txt under a prompts/ folder; system.md and
user.md; *.prompty; *.prompt (dotprompt); .github/prompts/*.prompt.md; AGENTS.md, CLAUDE.md,
GEMINI.md, SKILL.md, .github/copilot-instructions.md, *.instructions.md, *.chatmode.md, *.agent.md,
*.mdc, .cursorrules, .claude/agents and .claude/commands (docs/file-kinds.md; .gitignore honoured;
node_modules skipped). Files named explicitly are linted unless ignored (a warning says so); code
files (.ts, .js, ...) are the ESLint plugin's: use @promptlint/eslint-plugin.

Exit codes: 0 no errors; 1 errors found, more warnings than --max-warnings, over --max-cost or
--max-cost-increase; 2 usage, configuration or file system error.
`;
