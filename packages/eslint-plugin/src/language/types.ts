/** The AST of the `prompt` language and the few ESLint shapes it uses (written out to keep @eslint/core out of our dependencies). */
import type { PromptDocument } from '@promptlint/core';
import type { PromptFileKind } from '@promptlint/markdown';

/** A 1-based line and column (the `prompt` language's `lineStart` and `columnStart` are 1). */
export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

/** The whole file: one node holding the prompt model the core rules judge. */
export interface PromptFileNode {
  type: 'PromptFile';
  range: [number, number];
  loc: SourceLocation;
  kind: PromptFileKind;
  document: PromptDocument;
  frontMatter: Record<string, unknown> | undefined;
  /** HTML comments outside code (where `eslint-disable` and `eslint` directives live). */
  comments: HtmlComment[];
  children: [];
}

/** An HTML comment: `value` is the text between `<!--` and `-->`. */
export interface HtmlComment {
  type: 'HTMLComment';
  value: string;
  range: [number, number];
  loc: SourceLocation;
}

/** `languageOptions` of the `prompt` language. */
export type PromptLanguageOptions = {
  /** Treat every file as this kind instead of deciding from its path. */
  kind?: PromptFileKind;
};

/** What ESLint hands to `parse` and `createSourceCode`. */
export interface LanguageFile {
  path: string;
  physicalPath?: string;
  bom?: boolean;
  body: string | Uint8Array;
}
