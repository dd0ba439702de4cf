export { main, type MainOptions, type Output } from './main.js';
export { parseArgs, UsageError, type LintOptions, type CostOptions } from './args.js';
export { CliError } from './errors.js';
