/**
 * The `SourceCode` of a prompt file: text, locations, a one-node traversal, and ESLint's inline
 * controls written as HTML comments (`<!-- eslint-disable rule -->`, `<!-- eslint rule: "off" -->`).
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep, type DirectiveType, type RulesConfig } from '@eslint/plugin-kit';
import type { HtmlComment, PromptFileNode, PromptLanguageOptions, SourceLocation } from './types.js';

const commentParser = new ConfigCommentParser();

/** The labels ESLint reads in comments; anything else (`promptlint-disable`, notes) is not ESLint's. */
const ESLINT_LABELS = new Set(['eslint', 'eslint-disable', 'eslint-enable', 'eslint-disable-line', 'eslint-disable-next-line']);

/** Line ends exactly as core's `LineIndex` counts them (LF, CRLF, lone CR), so both agree on lines. */
export const LINE_ENDING = /\r\n|[\r\n]/u;

interface FileProblem {
  ruleId: null;
  message: string;
  loc: SourceLocation;
}

export class PromptSourceCode extends TextSourceCodeBase<{
  LangOptions: PromptLanguageOptions;
  RootNode: PromptFileNode;
  SyntaxElementWithLoc: PromptFileNode | HtmlComment;
  ConfigNode: HtmlComment;
}> {
  declare ast: PromptFileNode;
  #configNodes: HtmlComment[] | undefined;
  #steps: VisitNodeStep[] | undefined;

  constructor({ text, ast }: { text: string; ast: PromptFileNode }) {
    super({ text, ast, lineEndingPattern: LINE_ENDING });
  }

  /** The file node has no parent and holds no other nodes. */
  override getParent(): undefined {
    return undefined;
  }

  /** Comments that carry an ESLint directive or inline configuration. */
  getInlineConfigNodes(): HtmlComment[] {
    this.#configNodes ??= this.ast.comments.filter((c) => {
      const parsed = commentParser.parseDirective(c.value.trim());
      return parsed !== undefined && ESLINT_LABELS.has(parsed.label);
    });
    return this.#configNodes;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const node of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(node.value.trim());
      if (!parsed || parsed.label === 'eslint') continue;
      if (parsed.label === 'eslint-disable-line' && node.loc.start.line !== node.loc.end.line) {
        problems.push({ ruleId: null, message: `${parsed.label} comment should not span multiple lines.`, loc: node.loc });
        continue;
      }
      directives.push(
        new Directive({
          type: parsed.label.slice('eslint-'.length) as DirectiveType,
          node,
          value: parsed.value,
          justification: parsed.justification,
        }),
      );
    }
    return { problems, directives };
  }

  /** `<!-- eslint promptlint/rule: "off" -->`: rule settings for this file. */
  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const node of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(node.value.trim());
      if (!parsed || parsed.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: node.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: node.loc });
    }
    return { configs, problems };
  }

  /** Enter and leave the file node: rules listen for `PromptFile` (and `PromptFile:exit`). */
  override traverse(): readonly VisitNodeStep[] {
    this.#steps ??= [
      new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, undefined] }),
      new VisitNodeStep({ target: this.ast, phase: 2, args: [this.ast, undefined] }),
    ];
    return this.#steps;
  }
}
