export * from './model.js';
export * from './text.js';
export * from './tokenizer.js';
export * from './prices.js';
export * from './savings.js';
export * from './options.js';
export * from './rule.js';
export * from './analysis.js';
export * from './engine.js';
export * from './cost.js';
export * from './rules/index.js';
export * from './presets.js';
/** Fenced code blocks line by line (CommonMark's rules), shared with the markdown front end. */
export { FenceTracker } from './scan.js';
