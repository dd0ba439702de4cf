import { describe, expect, it } from 'vitest';
import { GlobSet, globBase, globToRegExp, isGlob } from '../src/glob.js';

const m = (glob: string, path: string): boolean => globToRegExp(glob).test(path);

describe('glob', () => {
  it('* stays inside one folder, ** crosses folders (zero or more)', () => {
    expect(m('*.md', 'a.md')).toBe(true);
    expect(m('*.md', 'x/a.md')).toBe(false);
    expect(m('**/*.md', 'a.md')).toBe(true);
    expect(m('**/*.md', 'x/y/a.md')).toBe(true);
    expect(m('x/**/a.md', 'x/a.md')).toBe(true);
    expect(m('x/**/a.md', 'x/y/z/a.md')).toBe(true);
    expect(m('x/**', 'x/y/z')).toBe(true);
    expect(m('x/**', 'y/x/z')).toBe(false);
  });

  it('dot files and folders are matched', () => {
    expect(m('**/*.md', '.github/prompts/a.md')).toBe(true);
    expect(m('*', '.cursorrules')).toBe(true);
  });

  it('? is one character but not /', () => {
    expect(m('?.md', 'a.md')).toBe(true);
    expect(m('?.md', 'ab.md')).toBe(false);
    expect(m('a?b', 'a/b')).toBe(false);
  });

  it('braces, nested, and character classes', () => {
    expect(m('*.{md,txt}', 'a.txt')).toBe(true);
    expect(m('*.{md,txt}', 'a.mdx')).toBe(false);
    expect(m('{a,b{c,d}}.md', 'bd.md')).toBe(true);
    expect(m('[ab].md', 'b.md')).toBe(true);
    expect(m('[!ab].md', 'b.md')).toBe(false);
    expect(m('[!ab].md', 'c.md')).toBe(true);
  });

  it('regex characters are literal; escapes work', () => {
    expect(m('a+b(1).md', 'a+b(1).md')).toBe(true);
    expect(m('a.md', 'aXmd')).toBe(false);
    expect(m('\\*.md', '*.md')).toBe(true);
    expect(m('\\*.md', 'a.md')).toBe(false);
  });

  it('isGlob and globBase', () => {
    expect(isGlob('prompts/a.md')).toBe(false);
    expect(isGlob('prompts/*.md')).toBe(true);
    expect(isGlob('a\\*.md')).toBe(false);
    expect(globBase('prompts/x/**/*.md')).toEqual({ base: 'prompts/x', rest: '**/*.md' });
    expect(globBase('*.md')).toEqual({ base: '.', rest: '*.md' });
    expect(globBase('{a,b}/*.md')).toEqual({ base: '.', rest: '{a,b}/*.md' });
  });

  it('GlobSet matches a path or any of its parent folders', () => {
    const set = new GlobSet(['legacy', 'drafts/', './old/**', '**/*.bak.md']);
    expect(set.matches('legacy/a/b.md')).toBe(true);
    expect(set.matches('drafts/x.md')).toBe(true);
    expect(set.matches('old/x.md')).toBe(true);
    expect(set.matches('p/q.bak.md')).toBe(true);
    expect(set.matches('prompts/legacy.md')).toBe(false);
    expect(new GlobSet([]).matches('a')).toBe(false);
  });
});
