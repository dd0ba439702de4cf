/** Small, parser-agnostic AST helpers (ESTree from espree or typescript-estree). */
import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;

/** Wrappers that do not change a value: `x as T`, `x satisfies T`, `x!`, `<T>x`, `(x)`, `a?.b` chains. */
export function unwrap(node: Node): Node {
  let n: Node = node;
  for (;;) {
    switch (n.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        n = n.expression;
        continue;
      default:
        return n;
    }
  }
}

/** Walks up from a node through value-preserving wrappers; returns the outermost wrapper. */
export function outerWrapper(node: Node): Node {
  let n = node;
  while (
    n.parent &&
    (n.parent.type === 'TSAsExpression' ||
      n.parent.type === 'TSSatisfiesExpression' ||
      n.parent.type === 'TSNonNullExpression' ||
      n.parent.type === 'TSTypeAssertion' ||
      n.parent.type === 'ChainExpression') &&
    (n.parent as { expression?: Node }).expression === n
  ) {
    n = n.parent;
  }
  return n;
}

/** The static name of a property key or member property: `a.b`, `a['b']`, `{ b: 1 }`, `{ 'b': 1 }`. */
export function staticKey(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  if (!computed && key.type === 'PrivateIdentifier') return `#${key.name}`;
  return undefined;
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  return staticKey(node.property, node.computed);
}

export function propertyName(node: TSESTree.Property | TSESTree.PropertyDefinition): string | undefined {
  return staticKey(node.key, node.computed);
}

/**
 * The member path read from `base` by the expression that contains it, and the outermost node of
 * that chain: for `base` in `base.chat.completions.create(...)` -> `{ path: ['chat', 'completions',
 * 'create'], end: <the member expression>, call: <the call> }`.
 */
export function memberChainFrom(base: Node): { path: string[]; end: Node; call?: TSESTree.CallExpression } {
  const path: string[] = [];
  let cur: Node = outerWrapper(base);
  for (;;) {
    const p = cur.parent;
    if (p && p.type === 'MemberExpression' && p.object === cur) {
      const name = memberName(p);
      if (name === undefined) break;
      path.push(name);
      cur = outerWrapper(p);
      continue;
    }
    break;
  }
  const p = cur.parent;
  const call = p && p.type === 'CallExpression' && p.callee === cur ? p : undefined;
  return { path, end: cur, ...(call ? { call } : {}) };
}

/** The callee's dotted name when it is a plain identifier or member chain: `Promise.all`, `xs.map`. */
export function calleeName(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression') {
    const prop = memberName(n);
    if (prop === undefined) return undefined;
    const obj = calleeName(n.object);
    return obj === undefined ? undefined : `${obj}.${prop}`;
  }
  return undefined;
}

/** The last name of an expression (`user.profile.name` -> `name`, `getDocs()` -> `getDocs`). */
export function lastName(node: Node): string | undefined {
  const n = unwrap(node);
  switch (n.type) {
    case 'Identifier':
      return n.name;
    case 'MemberExpression':
      return memberName(n) ?? lastName(n.object);
    case 'CallExpression':
      return lastName(n.callee);
    case 'AwaitExpression':
      return lastName(n.argument);
    default:
      return undefined;
  }
}

export function isFunction(node: Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The nearest enclosing function (or the Program). */
export function enclosingFunction(node: Node): Node {
  let n: Node | undefined = node.parent;
  while (n && !isFunction(n) && n.type !== 'Program') n = n.parent;
  return n ?? node;
}

/** True when `inner` lies within `outer` (by range). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** A visitor over every node below `root` (child keys found by inspection, `parent` skipped). */
export function walk(root: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    for (const key of Object.keys(n)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
      const v = (n as unknown as Record<string, unknown>)[key];
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) {
          const c = v[i];
          if (c && typeof c === 'object' && typeof (c as Node).type === 'string') stack.push(c as Node);
        }
      } else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') stack.push(v as Node);
    }
  }
}

/** Source text of a node, shortened for messages. */
export function shortText(text: string, node: Node, max = 60): string {
  const s = text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
