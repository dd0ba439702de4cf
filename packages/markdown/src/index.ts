/**
 * @promptlint/markdown: prompt files (markdown prompts, Prompty, dotprompt, VS Code prompt files,
 * agent instruction files) -> the prompt model of @promptlint/core.
 */
export { definesRequest, detectKind, refineKind, type PromptFileKind } from './kind.js';
export { parsePromptFile, htmlComments, type ParseOptions, type ParseResult } from './parse.js';
export { findComments as findHtmlComments, type HtmlComment } from './comments.js';
export { classifySlot } from './classify.js';
