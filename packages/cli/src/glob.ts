/**
 * A small glob matcher: `*`, `**`, `?`, `{a,b}` (nestable), `[abc]` / `[!abc]` and `\` escapes.
 * Matches '/'-separated relative paths; `*` and `**` also match names starting with a dot
 * (prompt files live in `.github` and `.cursor`).
 */

import { UsageError } from './args.js';

const SPECIAL = /[*?{}[\]]/;

/** True when the argument contains glob syntax. */
export function isGlob(pattern: string): boolean {
  return SPECIAL.test(pattern.replace(/\\./g, ''));
}

/** Splits a pattern into its literal leading folders and the glob remainder: `a/b/**\/*.md` -> [`a/b`, `**\/*.md`]. */
export function globBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const literal: string[] = [];
  while (segments.length > 1 && !isGlob(segments[0]!)) literal.push(segments.shift()!);
  let base = literal.join('/');
  if (base === '' && pattern.startsWith('/')) base = '/';
  return { base: base || '.', rest: segments.join('/') };
}

function escapeRe(c: string): string {
  return /[.+^$()|\\/]/.test(c) ? `\\${c}` : c;
}

/** A glob that cannot be read (a character range out of order, `[z-a]`): a usage error, exit 2. */
export class GlobError extends UsageError {}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    switch (c) {
      case '\\':
        if (i + 1 < glob.length) re += escapeRe(glob[++i]!).replace(/^([*?{}[\]])$/, '\\$1');
        else re += '\\\\';
        break;
      case '*': {
        if (glob[i + 1] === '*') {
          const atSegmentStart = i === 0 || glob[i - 1] === '/';
          let j = i;
          while (glob[j] === '*') j++;
          if (atSegmentStart && glob[j] === '/') {
            re += '(?:[^/]*/)*';
            i = j; // also consume the '/'
            break;
          }
          if (atSegmentStart && j === glob.length) {
            re += '.*';
            i = j - 1;
            break;
          }
          re += '[^/]*';
          i = j - 1;
          break;
        }
        re += '[^/]*';
        break;
      }
      case '?':
        re += '[^/]';
        break;
      case '{':
        depth++;
        re += '(?:';
        break;
      case '}':
        if (depth > 0) {
          depth--;
          re += ')';
        } else re += '\\}';
        break;
      case ',':
        re += depth > 0 ? '|' : ',';
        break;
      case '[': {
        const close = glob.indexOf(']', i + 2);
        if (close === -1) {
          re += '\\[';
          break;
        }
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
        break;
      }
      default:
        re += escapeRe(c);
    }
  }
  while (depth-- > 0) re += ')';
  try {
    return new RegExp(`^${re}$`);
  } catch {
    const range = /\[!?([^\]]*)\]/.exec(glob);
    throw new GlobError(`invalid glob ${JSON.stringify(glob)}${range ? `: the character class [${range[1]}] is not valid (a range such as z-a runs backwards)` : ''}`);
  }
}

/** A compiled set of globs; a path matches when any glob matches it or one of its parent folders. */
export class GlobSet {
  private readonly res: RegExp[];

  constructor(globs: readonly string[]) {
    this.res = globs.map((g) => globToRegExp(g.replace(/^\.\//, '').replace(/\/$/, '')));
  }

  get size(): number {
    return this.res.length;
  }

  /** Whether `rel` ('/'-separated, relative) or any of its parent folders matches. */
  matches(rel: string): boolean {
    if (this.res.length === 0) return false;
    const segments = rel.split('/');
    for (let n = segments.length; n >= 1; n--) {
      const prefix = segments.slice(0, n).join('/');
      if (this.res.some((re) => re.test(prefix))) return true;
    }
    return false;
  }
}
