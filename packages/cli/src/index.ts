export { main, type MainOptions, type Output } from './main.js';
export { parseArgs, UsageError, type LintOptions, type CostOptions } from './args.js';
export { CliError } from './errors.js';
export { createLinter, type CreateLinterOptions, type InProcessLinter } from './api.js';
export { applyFixes, fixUntilStable, MAX_PASSES } from './fix.js';
export type { CliFinding } from './report.js';
export { configSchema } from './config-schema.js';
