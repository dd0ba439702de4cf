/**
 * The prompt model: what a front end (markdown files, TS/JS code) extracts and what rules judge.
 *
 * Offsets are UTF-16 code-unit offsets into `PromptDocument.text` (the source with any BOM removed),
 * as ESLint's `range` is. Anything a front end cannot resolve is marked unknown, never guessed.
 */

/** [start, end) offsets into the document text. */
export type Range = readonly [number, number];

export type Provider = 'openai' | 'anthropic' | 'google' | 'meta' | 'deepseek' | 'other';

/** The kinds of input a front end produces; rules may narrow on them. */
export type DocumentKind =
  | 'markdown-prompt'
  | 'prompty'
  | 'dotprompt'
  | 'vscode-prompt'
  | 'agent-instructions'
  | 'code';

/**
 * What a dynamic slot holds, as far as the front end can classify it from its name or expression.
 * - `timestamp`: the current time (changes on every call)
 * - `date`: the current date (changes once a day)
 * - `identifier`: user/session/request ids, per-call counters
 * - `user-data`: names, profiles, settings of the user
 * - `document`: retrieved or attached text (RAG context, files)
 * - `input`: the request's own input (the question, the message)
 * - `history`: previous turns of the conversation
 * - `unknown`: a dynamic value the front end could not classify
 */
export type SlotKind =
  | 'timestamp'
  | 'date'
  | 'identifier'
  | 'user-data'
  | 'document'
  | 'input'
  | 'history'
  | 'unknown';

export interface StaticPart {
  type: 'static';
  /** The exact characters sent to the model. */
  text: string;
  range?: Range;
  /**
   * True when `text === document.text.slice(range[0], range[1])`, so that character `i` of the
   * text is at offset `range[0] + i` (markdown text, string literals without escapes). Rules only
   * report sub-ranges and offer fixes inside parts that are exact.
   */
  exact?: boolean;
  /** A cache breakpoint (Anthropic `cache_control`) ends at this part. */
  cacheBreakpoint?: boolean;
}

/** A value only known at request time: a template variable or an interpolated expression. */
export interface SlotPart {
  type: 'slot';
  /** The variable name or expression text, for messages (`today`, `new Date()`). */
  name: string;
  kind: SlotKind;
  range?: Range;
  /** Set when the slot is JSON serialised with indentation (code: `JSON.stringify(x, null, 2)`). */
  /**
   * Set when the slot holds runtime data of unbounded size (a file's contents, a fetched page, query
   * results, an upload, `JSON.stringify` of such a collection) that reaches the prompt with no
   * truncation, chunking or size check on the way (code: `readFileSync(p, 'utf8')` interpolated whole).
   */
  unbounded?: {
    source: 'file' | 'fetch' | 'query' | 'upload' | 'collection';
    /** What produced it, for messages (`readFileSync(path)`). */
    origin: string;
  };
  prettyJson?: {
    indent: string;
    /** Replacing this range with `replacement` drops the indentation argument(s). */
    fix?: { range: Range; text: string };
  };
  cacheBreakpoint?: boolean;
}

export type Part = StaticPart | SlotPart;

export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'unknown';

export interface Message {
  role: Role;
  parts: Part[];
  range?: Range;
}

/**
 * A fact that may be set, absent (known not to be set), or unknown (an opaque expression:
 * a spread, a variable from another module). Rules stay silent on `unknown`.
 */
export type OutputLimit =
  | { state: 'set'; value: number; name: string; range?: Range }
  | {
      state: 'absent';
      /**
       * A limit written under a name the API ignores (`maxTokens` in the `ai` SDK v5+), or set to a
       * value that means "no cap" (`undefined`, `null`, LangChain's `-1`).
       */
      ignored?: { name: string; reason: string; range?: Range };
    }
  | { state: 'unknown'; reason: string; range?: Range };

export type CacheState =
  | { state: 'marked'; range?: Range }
  | { state: 'none' }
  | { state: 'unknown'; reason: string };

/** The call sits in a loop over a collection (or `Promise.all(xs.map(...))`), one request per item. */
export interface LoopFact {
  range: Range;
  /** How the loop runs: awaited one by one, or fanned out concurrently. */
  style: 'sequential' | 'concurrent';
  /** The collection iterated, for the message (`docs`, `languages`). */
  collection?: string;
  /** Each iteration needs the previous answer (a tool loop): not batchable. */
  dependsOnPrevious?: boolean;
  /** The request is an embeddings call made once per item where the endpoint takes an array. */
  embeddings?: boolean;
}

/** A conversation history that is appended to each turn and sent whole. */
export interface HistoryFact {
  range: Range;
  /** The variable or slot name (`messages`, `chat_history`). */
  name: string;
  /** `grows`: appended and resent whole; `trimmed`: sliced/summarised before sending. */
  state: 'grows' | 'trimmed';
  /** How sure the front end is: `exact` when it saw the append and the send. */
  confidence: 'exact' | 'estimate';
}

export interface PromptRequest {
  /** Where request-level findings are reported (a call expression, a front matter block). */
  range: Range;
  provider?: Provider;
  /** The model as written; `undefined` when the source names none. */
  model?: { value: string; range?: Range } | { unknown: string; range?: Range };
  /** Which API shape the request takes; informs messages ("set `max_completion_tokens`"). */
  api?:
    | 'openai-chat'
    | 'openai-responses'
    | 'anthropic-messages'
    | 'google-genai'
    | 'bedrock-converse'
    | 'ai-sdk'
    | 'langchain'
    | 'embeddings'
    | 'prompt-file';
  /** The name of the output-limit parameter for this API, for messages and fixes. */
  outputLimitName?: string;
  /**
   * The output limit. `undefined` means the source has no way to set one (agent instruction files):
   * output-limit rules do not apply.
   */
  outputLimit?: OutputLimit;
  /** Prompt caching markers; `undefined` when not applicable. */
  cache?: CacheState;
  messages: Message[];
  /**
   * False when this text is not the start of a prefix shared across calls (a one-shot user turn
   * appended after the host's own system prompt, as VS Code prompt files are).
   */
  sharedPrefix?: boolean;
  loop?: LoopFact;
  history?: HistoryFact;
  /** Calls per day, when the source or the configuration says. */
  callsPerDay?: number;
  /** Request-level unknowns (a spread of options) that make absence of a parameter unprovable. */
  opaque?: string[];
}

export interface PromptDocument {
  /** The source text the ranges refer to, BOM removed. */
  text: string;
  /** For messages and reports; core never reads it. */
  path?: string;
  kind: DocumentKind;
  requests: PromptRequest[];
  /** Inline directives (`promptlint-disable`, `-disable-file`, ...) are applied by the engine from these. */
  directives?: Directive[];
}

export interface Directive {
  /** `disable-file` silences its rules in the whole file, wherever it stands (as markdownlint's). */
  type: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';
  /** Rule ids; empty means all rules. */
  rules: string[];
  range: Range;
}
