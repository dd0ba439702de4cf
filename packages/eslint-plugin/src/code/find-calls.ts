/**
 * Finds LLM SDK calls by import tracking (ESM imports, namespace imports, renamed imports, CommonJS
 * `require`), never by names alone: a local function called `generateText` is not the `ai` SDK's.
 * Client instances are followed from `new OpenAI()` to the variable, `this.x` field or parameter
 * typed with the SDK class that holds them.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ReferenceTracker } from '@typescript-eslint/utils/ast-utils';
import type { Provider } from '@promptlint/core';
import { astUtils } from './ast-utils.js';
import { calleeName, memberChainFrom, memberName, outerWrapper, propertyName, unwrap, walk, type Node } from './ast.js';
import { variableOf, type SourceLike } from './resolve.js';
import { findHttpCalls } from './http.js';
import { findWrapperCalls, type Wrapper } from './wrappers.js';
import {
  AI_AGENT_CLASSES,
  AI_FUNCTIONS,
  AI_PROVIDERS,
  BEDROCK_COMMANDS,
  BEDROCK_MODULE,
  CLIENT_CLASSES,
  CLIENT_METHODS,
  GOOGLE_LEGACY_CHAT_METHODS,
  GOOGLE_LEGACY_METHODS,
  GOOGLE_LEGACY_MODEL_GETTERS,
  LANGCHAIN_WRAPPERS,
  PROVIDER_MODEL_METHODS,
  type Api,
  type ClientClass,
  type HttpEndpoint,
  type Sdk,
} from './sdks.js';

/** Request shapes beyond "an options object as the first argument" (see shapes.ts). */
export type Shape =
  /** `@google/generative-ai`: the model's params (`getGenerativeModel(...)`), the chat's (`startChat(...)`), the request. */
  | { kind: 'google-legacy'; model: TSESTree.CallExpression; chat?: TSESTree.CallExpression }
  /** Bedrock runtime command objects: `new ConverseCommand(input)`. */
  | { kind: 'bedrock'; command: 'converse' | 'invoke' }
  /** `fetch`/`axios` to a provider's endpoint: `body` is the JSON body's value. */
  | { kind: 'http'; endpoint: HttpEndpoint; body: Node | undefined; opaque?: string; urlModel?: { value: string; range: [number, number] } }
  /** The `ai` SDK's agent classes: the request's settings are the constructor's. */
  | { kind: 'agent' }
  /** A LangChain model that runs inside a chain or an agent: the request is reported at its constructor. */
  | { kind: 'lc-model' };

export interface FoundCall {
  api: Api;
  sdk: Sdk | 'bedrock' | 'http' | 'wrapper';
  /** Which argument holds the request (an app's wrapper may take it second); default 0. */
  argIndex?: number;
  /** From the client class; for the `ai` SDK, from the model expression (later). */
  provider?: Provider;
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  shape?: Shape;
  /** The method's member path on the client (`createCompletion`). */
  method?: string;
  /** The callee (`client.chat.completions.create`): where request-level findings are reported. */
  callee: Node;
  /** LangChain: the model's constructor call, whose options carry model and limit. */
  ctor?: TSESTree.NewExpression;
  className?: string;
}

export interface CallScan {
  calls: FoundCall[];
  /** `ai` SDK model factory calls (`openai('gpt-4o')`, `myProvider.chat('x')`) and their provider. */
  modelFactories: Map<Node, Provider>;
}

type Info =
  | { kind: 'client'; cls: ClientClass }
  | { kind: 'ai-function' }
  | { kind: 'ai-agent' }
  | { kind: 'bedrock-command'; command: 'converse' | 'invoke' }
  | { kind: 'factory'; provider: Provider }
  | { kind: 'creator'; provider: Provider };

// eslint-utils' trace map: nested objects keyed by export names, with READ/CALL/CONSTRUCT symbols
type TraceMap = Record<string, any>;

function setAt(map: TraceMap, path: readonly string[], key: symbol, info: Info): void {
  let cur = map as Record<string | symbol, unknown>;
  for (const p of path) {
    if (!cur[p]) cur[p] = {};
    cur = cur[p] as Record<string | symbol, unknown>;
  }
  cur[key] = info;
}

function buildTraceMap(): TraceMap {
  const { ReferenceTracker } = astUtils();
  const map: TraceMap = {};
  for (const cls of CLIENT_CLASSES) {
    for (const e of cls.exports) setAt(map, e ? [cls.module, e] : [cls.module], ReferenceTracker.CONSTRUCT, { kind: 'client', cls });
  }
  for (const fn of AI_FUNCTIONS) setAt(map, ['ai', fn], ReferenceTracker.CALL, { kind: 'ai-function' });
  for (const cls of AI_AGENT_CLASSES) setAt(map, ['ai', cls], ReferenceTracker.CONSTRUCT, { kind: 'ai-agent' });
  for (const [name, command] of Object.entries(BEDROCK_COMMANDS)) setAt(map, [BEDROCK_MODULE, name], ReferenceTracker.CONSTRUCT, { kind: 'bedrock-command', command });
  for (const p of AI_PROVIDERS) {
    setAt(map, [p.module, p.instance], ReferenceTracker.CALL, { kind: 'factory', provider: p.provider });
    for (const m of PROVIDER_MODEL_METHODS) setAt(map, [p.module, p.instance, m], ReferenceTracker.CALL, { kind: 'factory', provider: p.provider });
    setAt(map, [p.module, p.creator], ReferenceTracker.CALL, { kind: 'creator', provider: p.provider });
  }
  // ES modules: default imports read `default`, named imports their name (CommonJS `require` reads the root)
  for (const mod of Object.keys(map)) (map[mod] as Record<symbol, unknown>)[ReferenceTracker.ESM] = true;
  return map;
}

type Tracker = InstanceType<typeof ReferenceTracker>;
type Found = { node: Node; info: Info; path: readonly string[] };

/**
 * `require('openai')` in a file where `require` is not a declared global (an ES module or a file
 * linted without Node globals): eslint-utils only follows `require` when the scope declares it.
 */
function* undeclaredRequireReferences(tracker: Tracker, globalScope: TSESLint.Scope.Scope, traceMap: TraceMap): Generator<Found> {
  if (globalScope.set.get('require')) return;
  const iterate = (tracker as unknown as { _iteratePropertyReferences?: (node: Node, path: string[], map: unknown) => Iterable<Found> })._iteratePropertyReferences;
  if (typeof iterate !== 'function') return;
  for (const ref of globalScope.through) {
    const id = ref.identifier as Node;
    if (id.type !== 'Identifier' || id.name !== 'require') continue;
    const call = id.parent;
    if (call?.type !== 'CallExpression' || call.callee !== id) continue;
    const arg = call.arguments[0];
    const key = arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
    if (key === undefined || !Object.hasOwn(traceMap, key)) continue;
    yield* iterate.call(tracker, call, [key], traceMap[key]);
  }
}

let traceMapBuilt: TraceMap | undefined;
const traceMap = (): TraceMap => (traceMapBuilt ??= buildTraceMap());

/** The modules the trace map starts from (the prefilter's SDK_MODULES must be exactly these). */
export function tracedModules(): string[] {
  return Object.keys(traceMap());
}

/** `this.<name>` reads inside a class body. */
function thisMemberUses(cls: Node, name: string, except?: Node): Node[] {
  const out: Node[] = [];
  walk(cls, (n) => {
    if (n.type === 'MemberExpression' && n.object.type === 'ThisExpression' && memberName(n) === name && n !== except) out.push(n);
  });
  return out;
}

function enclosingClass(node: Node): Node | undefined {
  let n: Node | undefined = node.parent;
  while (n && n.type !== 'ClassBody') n = n.parent;
  return n;
}

function readsOf(source: SourceLike, id: TSESTree.Identifier): Node[] {
  const v = variableOf(source, id);
  if (!v) return [];
  return v.references.filter((r) => r.isRead() && r.identifier !== id).map((r) => r.identifier as Node);
}

/** The expressions that evaluate to the value created at `node` (an instance or a provider). */
export function usesOfValue(source: SourceLike, node: Node): Node[] {
  const outer = outerWrapper(node);
  const p = outer.parent;
  if (!p) return [];
  if (p.type === 'AwaitExpression') return usesOfValue(source, p);
  if (p.type === 'MemberExpression' && p.object === outer) return [outer];
  if (p.type === 'CallExpression' && p.callee === outer) return [outer];
  if (p.type === 'VariableDeclarator' && p.init === outer && p.id.type === 'Identifier') return readsOf(source, p.id);
  if (p.type === 'AssignmentExpression' && p.right === outer) {
    if (p.left.type === 'Identifier') return readsOf(source, p.left);
    if (p.left.type === 'MemberExpression' && p.left.object.type === 'ThisExpression') {
      const name = memberName(p.left);
      const cls = enclosingClass(p);
      return name && cls ? thisMemberUses(cls, name, p.left) : [];
    }
  }
  if (p.type === 'PropertyDefinition' && p.value === outer) {
    const name = propertyName(p);
    return name && p.parent ? thisMemberUses(p.parent, name) : [];
  }
  return [];
}

/**
 * Parameters and fields annotated with an SDK client class (`constructor(private openai: OpenAI)`,
 * `async function ask(client: Anthropic)`): their reads are instance uses.
 */
function typedInstanceUses(source: SourceLike, typeName: TSESTree.Identifier): Node[] {
  const ref = typeName.parent;
  if (!ref || ref.type !== 'TSTypeReference' || ref.typeName !== typeName) return [];
  const ann = ref.parent;
  if (!ann || ann.type !== 'TSTypeAnnotation') return [];
  const holder = ann.parent;
  if (!holder) return [];
  if (holder.type === 'Identifier') {
    const prop = holder.parent;
    // constructor(private client: OpenAI): a parameter property, read as this.client
    if (prop && prop.type === 'TSParameterProperty') {
      const cls = enclosingClass(prop);
      return cls ? [...thisMemberUses(cls, holder.name), ...readsOf(source, holder)] : [];
    }
    return readsOf(source, holder);
  }
  if (holder.type === 'PropertyDefinition') {
    const name = propertyName(holder);
    return name && holder.parent ? thisMemberUses(holder.parent, name) : [];
  }
  return [];
}

/** Type-only references to the imported SDK classes (`OpenAI` in `client: OpenAI`). */
function typeReferencesOf(source: SourceLike, program: TSESTree.Program): Map<Node, ClientClass> {
  const out = new Map<Node, ClientClass>();
  for (const stmt of program.body) {
    if (stmt.type !== 'ImportDeclaration') continue;
    const mod = stmt.source.value;
    for (const spec of stmt.specifiers) {
      const exported = spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value) : spec.type === 'ImportDefaultSpecifier' ? 'default' : undefined;
      if (exported === undefined) continue;
      const cls = CLIENT_CLASSES.find((c) => c.module === mod && c.exports.includes(exported));
      if (!cls) continue;
      const v = variableOf(source, spec.local);
      for (const r of v?.references ?? []) {
        const id = r.identifier as Node;
        if (id.parent?.type === 'TSTypeReference') out.set(id, cls);
      }
    }
  }
  return out;
}

function methodPathOf(cls: ClientClass, path: readonly string[]): Api | undefined {
  if (cls.sdk === 'ai' || cls.sdk === 'google-legacy') return undefined;
  return CLIENT_METHODS[cls.sdk][path.join('.')];
}

/** `@google/generative-ai`: client use -> `getGenerativeModel(...)` -> model methods and chats. */
function googleLegacyCalls(source: SourceLike, use: Node, cls: ClientClass, add: (c: FoundCall) => void): void {
  const chain = memberChainFrom(use);
  if (!chain.call || chain.path.length !== 1 || !GOOGLE_LEGACY_MODEL_GETTERS.has(chain.path[0]!)) return;
  const model = chain.call;
  for (const m of usesOfValue(source, model)) {
    const c = memberChainFrom(m);
    if (!c.call || c.path.length !== 1) continue;
    const method = c.path[0]!;
    const api = GOOGLE_LEGACY_METHODS[method];
    if (api) {
      add({ api, sdk: 'google-legacy', provider: cls.provider, call: c.call, callee: c.end, className: cls.className, shape: { kind: 'google-legacy', model } });
      continue;
    }
    if (method !== 'startChat') continue;
    const chat = c.call;
    for (const u of usesOfValue(source, chat)) {
      const s = memberChainFrom(u);
      if (!s.call || s.path.length !== 1 || !GOOGLE_LEGACY_CHAT_METHODS.has(s.path[0]!)) continue;
      add({ api: 'google-genai', sdk: 'google-legacy', provider: cls.provider, call: s.call, callee: s.end, className: cls.className, shape: { kind: 'google-legacy', model, chat } });
    }
  }
}

const LC_RUNNABLE_METHODS = new Set(['pipe']);
const LC_SEQUENCE = /(?:^|\.)(?:RunnableSequence(?:\.from)?|RunnableMap(?:\.from)?|RunnableParallel(?:\.from)?)$/;
const LC_MODEL_KEYS = new Set(['llm', 'model', 'chatModel', 'languageModel']);

/**
 * A LangChain model used as a runnable rather than called: piped (`prompt.pipe(model)`,
 * `model.pipe(parser)`), an element of `RunnableSequence.from([...])`, or handed to an agent or chain
 * (`createReactAgent({ llm: model })`). Wrappers (`model.withStructuredOutput(s)`) pass through.
 */
function isRunnableUse(source: SourceLike, use: Node, depth = 0): boolean {
  let n = outerWrapper(use);
  for (let i = 0; i < 4; i++) {
    const p = n.parent;
    if (p?.type === 'MemberExpression' && p.object === n && LANGCHAIN_WRAPPERS.has(memberName(p) ?? '') && p.parent?.type === 'CallExpression' && p.parent.callee === p) {
      n = outerWrapper(p.parent);
      continue;
    }
    break;
  }
  const p = n.parent;
  if (!p) return false;
  // `const structured = model.withStructuredOutput(schema)`, then `prompt.pipe(structured)`
  if (n !== outerWrapper(use) && depth < 3 && p.type === 'VariableDeclarator' && p.init === n && p.id.type === 'Identifier') {
    return readsOf(source, p.id).some((r) => isRunnableUse(source, r, depth + 1));
  }
  if (p.type === 'MemberExpression' && p.object === n && LC_RUNNABLE_METHODS.has(memberName(p) ?? '')) return true;
  if ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.arguments.includes(n as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(p.callee);
    if (callee.type === 'MemberExpression' && LC_RUNNABLE_METHODS.has(memberName(callee) ?? '')) return true;
  }
  if (p.type === 'ArrayExpression') {
    const host = p.parent;
    if ((host?.type === 'CallExpression' || host?.type === 'NewExpression') && LC_SEQUENCE.test(calleeName(host.callee) ?? '')) return true;
  }
  if (p.type === 'Property' && p.value === n && LC_MODEL_KEYS.has(propertyName(p) ?? '')) {
    const obj = p.parent;
    const host = obj?.parent;
    if (obj?.type === 'ObjectExpression' && (host?.type === 'CallExpression' || host?.type === 'NewExpression') && host.arguments.includes(obj)) return true;
  }
  return false;
}

/** Follows one instance use to the request call it makes, if any. */
function callFromUse(source: SourceLike, use: Node, cls: ClientClass, ctor: TSESTree.NewExpression | undefined): FoundCall | undefined {
  if (cls.sdk === 'langchain' && ctor && isRunnableUse(source, use)) {
    return { api: 'langchain', sdk: 'langchain', provider: cls.provider, call: ctor, callee: ctor.callee, ctor, className: cls.className, shape: { kind: 'lc-model' } };
  }
  let chain = memberChainFrom(use);
  // LangChain: model.withStructuredOutput(schema).invoke(...)
  for (let i = 0; i < 4 && cls.sdk === 'langchain' && chain.call && chain.path.length === 1 && LANGCHAIN_WRAPPERS.has(chain.path[0]!); i++) {
    chain = memberChainFrom(chain.call);
  }
  if (!chain.call) return undefined;
  const api = methodPathOf(cls, chain.path);
  if (!api) return undefined;
  return {
    api,
    sdk: cls.sdk,
    provider: cls.provider,
    method: chain.path.join('.'),
    call: chain.call,
    callee: chain.end,
    ...(ctor && cls.sdk === 'langchain' ? { ctor, className: cls.className } : { className: cls.className }),
  };
}

export function findCalls(source: SourceLike & { scopeManager?: unknown }, program: TSESTree.Program, globalScope: TSESLint.Scope.Scope, wrappers: readonly Wrapper[] = [], file?: string): CallScan {
  const TRACE_MAP = traceMap();
  const tracker = new (astUtils().ReferenceTracker)(globalScope);
  const seen = new Set<Node>();
  const found: { node: Node; info: Info; path: readonly string[] }[] = [];
  const iterators: Iterable<{ node: unknown; info: unknown; path: readonly string[] }>[] = [
    tracker.iterateEsmReferences(TRACE_MAP),
    tracker.iterateCjsReferences(TRACE_MAP),
    undeclaredRequireReferences(tracker, globalScope, TRACE_MAP),
  ];
  for (const iter of iterators) {
    for (const r of iter) {
      if (seen.has(r.node as Node)) continue;
      seen.add(r.node as Node);
      found.push({ node: r.node as Node, info: r.info as Info, path: r.path });
    }
  }

  const calls: FoundCall[] = [];
  const callSeen = new Set<Node>();
  const add = (c: FoundCall | undefined): void => {
    if (c && !callSeen.has(c.call)) {
      callSeen.add(c.call);
      calls.push(c);
    }
  };
  const modelFactories = new Map<Node, Provider>();

  for (const { node, info } of found) {
    switch (info.kind) {
      case 'client': {
        const ctor = node.type === 'NewExpression' ? node : undefined;
        if (info.cls.sdk === 'google-legacy') {
          for (const use of usesOfValue(source, node)) googleLegacyCalls(source, use, info.cls, add);
          break;
        }
        for (const use of usesOfValue(source, node)) add(callFromUse(source, use, info.cls, ctor));
        break;
      }
      case 'ai-function':
        if (node.type === 'CallExpression') add({ api: 'ai-sdk', sdk: 'ai', call: node, callee: node.callee });
        break;
      case 'ai-agent':
        if (node.type === 'NewExpression') add({ api: 'ai-sdk', sdk: 'ai', call: node, callee: node.callee, shape: { kind: 'agent' } });
        break;
      case 'bedrock-command':
        if (node.type === 'NewExpression') add({ api: 'bedrock-converse', sdk: 'bedrock', call: node, callee: node.callee, shape: { kind: 'bedrock', command: info.command } });
        break;
      case 'factory':
        modelFactories.set(node, info.provider);
        break;
      case 'creator':
        for (const use of usesOfValue(source, node)) {
          const chain = memberChainFrom(use);
          if (chain.call && (chain.path.length === 0 || (chain.path.length === 1 && PROVIDER_MODEL_METHODS.includes(chain.path[0]!)))) {
            modelFactories.set(chain.call, info.provider);
          }
        }
        break;
    }
  }

  for (const [id, cls] of typeReferencesOf(source, program)) {
    if (id.type !== 'Identifier') continue;
    for (const use of typedInstanceUses(source, id)) {
      if (cls.sdk === 'google-legacy') googleLegacyCalls(source, use, cls, add);
      else add(callFromUse(source, use, cls, undefined));
    }
  }

  for (const c of findHttpCalls(source, program, globalScope)) add(c);
  for (const c of findWrapperCalls(source, program, wrappers, file)) add(c);

  calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
  return { calls, modelFactories };
}

