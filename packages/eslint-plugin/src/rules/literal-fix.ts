/**
 * Core's fixes replace characters of the prompt text; in code that text lives inside a string or
 * template literal, so the replacement must be written in the literal's own syntax (`\n` in a quoted
 * string, an escaped backtick in a template). Fixes outside literals pass through unchanged.
 */
type TextFix = { range: [number, number]; text: string };

type Fixer = { replaceTextRange(range: [number, number], text: string): TextFix };
type FixFn = (fixer: Fixer) => TextFix;

interface NodeLike {
  type: string;
  range: [number, number];
  value?: unknown;
}

export interface LiteralSource {
  text: string;
  getNodeByRangeIndex(index: number): NodeLike | null;
}

export function escapeForQuoted(text: string, quote: string): string {
  return text.replace(/[\\\n\r\t\u2028\u2029'"]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\u2028':
        return '\\u2028';
      case '\u2029':
        return '\\u2029';
      default:
        return c === quote ? `\\${c}` : c;
    }
  });
}

export function escapeForTemplate(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** The replacement text as it must be written at `range` in the source. */
export function inSourceSyntax(source: LiteralSource, range: [number, number], text: string): string {
  let node: NodeLike | null;
  try {
    node = source.getNodeByRangeIndex(range[0]);
  } catch {
    return text;
  }
  if (!node || node.range[0] >= range[0] || range[1] >= node.range[1]) return text;
  if (node.type === 'Literal' && typeof node.value === 'string') return escapeForQuoted(text, source.text[node.range[0]] ?? '"');
  if (node.type === 'TemplateElement') return escapeForTemplate(text);
  return text;
}

/** Wraps a fix so that its text is written in the syntax of the literal it edits. */
export function literalAwareFix(source: LiteralSource, fix: FixFn): FixFn {
  return (fixer) => {
    let captured: { range: [number, number]; text: string } | undefined;
    const probe: Fixer = {
      replaceTextRange: (range, text) => {
        captured = { range, text };
        return fixer.replaceTextRange(range, text);
      },
    };
    const original = fix(probe);
    if (!captured) return original;
    return fixer.replaceTextRange(captured.range, inSourceSyntax(source, captured.range, captured.text));
  };
}
