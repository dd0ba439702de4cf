/**
 * Same-file constant data flow: follows identifiers to `const` initializers (and `let`/`var` that are
 * never reassigned), destructuring of constant objects, and static member reads of constant objects.
 * Anything else stays as written: callers mark it unknown, never guess.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { astUtils } from './ast-utils.js';
import { propertyName, shortText, staticKey, unwrap, type Node } from './ast.js';
import { importBindingValue, requiredValue, sourceFor } from './modules.js';

type Variable = TSESLint.Scope.Variable;

/** What extraction needs from ESLint's `SourceCode`. */
export interface SourceLike {
  text: string;
  getScope(node: Node): TSESLint.Scope.Scope;
}

const MAX_DEPTH = 12;

export function variableOf(source: SourceLike, id: TSESTree.Identifier): Variable | null {
  try {
    return astUtils().findVariable(sourceFor(id, source).getScope(id), id) as Variable | null;
  } catch {
    return null;
  }
}

/** True when the variable is only ever written by its declaration. */
export function isNeverReassigned(v: Variable): boolean {
  return v.references.every((r) => !r.isWrite() || r.init === true);
}

/** The identifier's single constant value source: a declarator initializer or a destructured part. */
function definitionValue(source: SourceLike, id: TSESTree.Identifier, depth: number): Node | undefined {
  const v = variableOf(source, id);
  if (!v || v.defs.length !== 1) return undefined;
  const def = v.defs[0]!;
  // another module's export (untyped module graph), a function declaration (its body may return a template)
  if (def.type === 'ImportBinding') return importBindingValue(sourceFor(id, source), def.node as Node);
  if (def.type === 'FunctionName') return def.node as Node;
  if (def.type !== 'Variable') return undefined;
  const decl = def.node as TSESTree.VariableDeclarator;
  if (!decl.init) return undefined;
  const kind = (decl.parent as TSESTree.VariableDeclaration | undefined)?.kind;
  if (kind !== 'const' && !isNeverReassigned(v)) return undefined;
  if (decl.id.type === 'Identifier') return decl.init;
  if (decl.id.type === 'ObjectPattern') {
    for (const p of decl.id.properties) {
      if (p.type !== 'Property') continue;
      const target = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
      if (target.type !== 'Identifier' || target.name !== id.name) continue;
      const key = propertyName(p);
      if (key === undefined) return undefined;
      const found = findProperty(source, decl.init, key, depth + 1);
      if (found.kind === 'found') return found.value;
      if (p.value.type === 'AssignmentPattern' && found.opaque.length === 0) return p.value.right;
      return undefined;
    }
  }
  return undefined;
}

/**
 * Follows identifiers to constant initializers and static member reads of constant objects, through
 * TS wrappers. Returns the node where resolution stopped (an identifier when it could go no further).
 */
export function resolveValue(source: SourceLike, node: Node, depth = 0): Node {
  const n = unwrap(node);
  if (depth > MAX_DEPTH) return n;
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) {
    // `require('./prompts')` of the app's own module: its `module.exports`
    const a = n.arguments[0]!;
    if (a.type === 'Literal' && typeof a.value === 'string' && a.value.startsWith('.')) {
      const v = requiredValue(sourceFor(n, source), a.value);
      return v ? resolveValue(source, v, depth + 1) : n;
    }
    return n;
  }
  if (n.type === 'Identifier') {
    const init = definitionValue(source, n, depth);
    return init ? resolveValue(source, init, depth + 1) : n;
  }
  if (n.type === 'MemberExpression') {
    const key = staticKey(n.property, n.computed);
    if (key === undefined) return n;
    const obj = resolveValue(source, n.object, depth + 1);
    if (obj.type === 'ObjectExpression') {
      const found = findProperty(source, obj, key, depth + 1);
      if (found.kind === 'found') return resolveValue(source, found.value, depth + 1);
    }
    if (obj.type === 'ArrayExpression' && /^\d+$/.test(key)) {
      const el = obj.elements[Number(key)];
      if (el && el.type !== 'SpreadElement' && !obj.elements.slice(0, Number(key)).some((e) => e?.type === 'SpreadElement')) {
        return resolveValue(source, el, depth + 1);
      }
    }
    return n;
  }
  return n;
}

export type PropertyLookup =
  | { kind: 'found'; value: Node; property: TSESTree.Property }
  /** Not found; `opaque` lists what might hold it (spreads, an unresolvable object). */
  | { kind: 'absent'; opaque: string[] };

/** Looks a key up in an object expression (following const objects and spreads of const objects). */
export function findProperty(source: SourceLike, objectNode: Node, name: string, depth = 0): PropertyLookup {
  const obj = resolveValue(source, objectNode, depth + 1);
  if (obj.type !== 'ObjectExpression') return { kind: 'absent', opaque: [shortText(sourceFor(objectNode, source).text, objectNode)] };
  let found: PropertyLookup | undefined;
  const opaque: string[] = [];
  for (const p of obj.properties) {
    if (p.type === 'Property') {
      const key = p.computed && staticKey(p.key, true) === undefined ? stringValue(source, p.key, depth + 1) : propertyName(p);
      if (key === name) found = { kind: 'found', value: p.value, property: p };
      else if (key === undefined) opaque.push(`[${shortText(sourceFor(p.key, source).text, p.key)}]`);
      continue;
    }
    // SpreadElement
    const arg = unwrap(p.argument);
    if (depth < MAX_DEPTH) {
      const spread = resolveValue(source, arg, depth + 1);
      if (spread.type === 'ObjectExpression') {
        const inner = findProperty(source, spread, name, depth + 1);
        if (inner.kind === 'found') found = inner;
        else opaque.push(...inner.opaque);
        continue;
      }
    }
    opaque.push(`...${shortText(sourceFor(arg, source).text, arg)}`);
  }
  return found ?? { kind: 'absent', opaque };
}

/** Looks a dotted path up (`config.maxOutputTokens`). */
export function findPath(source: SourceLike, objectNode: Node, path: readonly string[]): PropertyLookup {
  let cur: Node = objectNode;
  let last: PropertyLookup = { kind: 'absent', opaque: [] };
  for (const key of path) {
    last = findProperty(source, cur, key);
    if (last.kind !== 'found') return last;
    cur = last.value;
  }
  return last;
}

/** The value of a constant string expression, or `undefined` when it is not constant. */
export function stringValue(source: SourceLike, node: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = resolveValue(source, node, depth + 1);
  if (n.type === 'Literal') return typeof n.value === 'string' ? n.value : undefined;
  if (n.type === 'TemplateLiteral') {
    let s = '';
    for (let i = 0; i < n.quasis.length; i++) {
      const cooked = n.quasis[i]!.value.cooked;
      if (cooked === null || cooked === undefined) return undefined;
      s += cooked;
      const e = n.expressions[i];
      if (e) {
        const v = stringValue(source, e, depth + 1);
        if (v === undefined) return undefined;
        s += v;
      }
    }
    return s;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const a = stringValue(source, n.left, depth + 1);
    const b = a === undefined ? undefined : stringValue(source, n.right, depth + 1);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  return undefined;
}

export type NumberValue = { kind: 'number'; value: number } | { kind: 'none'; what: 'undefined' | 'null' } | { kind: 'unknown' };

/** The value of a constant numeric expression (`4096`, `4 * 1024`, a const), or "no value" (`undefined`, `null`). */
export function numberValue(source: SourceLike, node: Node, depth = 0): NumberValue {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  const n = resolveValue(source, node, depth + 1);
  if (n.type === 'Literal') {
    if (typeof n.value === 'number') return { kind: 'number', value: n.value };
    if (n.value === null && !('regex' in n) && !('bigint' in n)) return { kind: 'none', what: 'null' };
    return { kind: 'unknown' };
  }
  if (n.type === 'Identifier' && n.name === 'undefined' && !variableOf(source, n)?.defs.length) return { kind: 'none', what: 'undefined' };
  if (n.type === 'Identifier' && n.name === 'Infinity' && !variableOf(source, n)?.defs.length) return { kind: 'number', value: Infinity };
  if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.property.type === 'Identifier' && !variableOf(source, n.object)?.defs.length) {
    // `Number.POSITIVE_INFINITY`, `Number.MAX_SAFE_INTEGER`; a misspelt `Math.infinity` reads `undefined`
    const { name: obj } = n.object;
    const { name: prop } = n.property;
    if (obj === 'Number' && (prop === 'POSITIVE_INFINITY' || prop === 'MAX_SAFE_INTEGER' || prop === 'MAX_VALUE')) return { kind: 'number', value: Number[prop] };
    if (obj === 'Math' && !(prop in Math)) return { kind: 'none', what: 'undefined' };
  }
  if (n.type === 'UnaryExpression') {
    if (n.operator === 'void') return { kind: 'none', what: 'undefined' };
    const v = numberValue(source, n.argument, depth + 1);
    if (v.kind !== 'number') return { kind: 'unknown' };
    if (n.operator === '-') return { kind: 'number', value: -v.value };
    if (n.operator === '+') return v;
    return { kind: 'unknown' };
  }
  if (n.type === 'BinaryExpression') {
    const a = numberValue(source, n.left, depth + 1);
    const b = numberValue(source, n.right, depth + 1);
    if (a.kind !== 'number' || b.kind !== 'number') return { kind: 'unknown' };
    switch (n.operator) {
      case '*':
        return { kind: 'number', value: a.value * b.value };
      case '+':
        return { kind: 'number', value: a.value + b.value };
      case '-':
        return { kind: 'number', value: a.value - b.value };
      case '/':
        return { kind: 'number', value: a.value / b.value };
      default:
        return { kind: 'unknown' };
    }
  }
  return { kind: 'unknown' };
}
