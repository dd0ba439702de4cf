import { describe, expect, it } from 'vitest';
import { ConfigError, Engine, presetRules, rules, type PromptDocument } from '../src/index.js';
import { makeDocument } from './helpers.js';

const noLimit = (): PromptDocument =>
  makeDocument({ model: 'gpt-4o', outputLimit: { state: 'absent' }, messages: [['user', 'Hello there']] });

describe('engine', () => {
  it('rejects unknown rules, bad severities and invalid options with one clear message', () => {
    expect(() => new Engine({ rules: { 'no-such-rule': 'error' } }, rules)).toThrow(ConfigError);
    expect(() => new Engine({ rules: { 'no-such-rule': 'error' } }, rules)).toThrow(/unknown rule "no-such-rule"/);
    expect(() => new Engine({ rules: { 'require-max-tokens': 'loud' as never } }, rules)).toThrow(/severity must be/);
    expect(() => new Engine({ rules: { 'require-max-tokens': ['error', { bogus: 1 }] } }, rules)).toThrow(
      /rule "require-max-tokens" options: unknown option "bogus"/,
    );
    expect(() => new Engine({ rules: { 'require-max-tokens': ['error', { effectiveCapRatio: 'x' }] } }, rules)).toThrow(
      /options.effectiveCapRatio: expected a number, got "x"/,
    );
    expect(() => new Engine({ models: { x: { input: 1 } } }, rules)).toThrow(ConfigError);
  });

  it('applies severities and 1-based positions', () => {
    const warn = new Engine({ rules: { 'require-max-tokens': 'warn' } }, rules).lint(noLimit());
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatchObject({ ruleId: 'require-max-tokens', severity: 'warning', line: 1, column: 1 });
    const err = new Engine({ rules: { 'require-max-tokens': 2 } }, rules).lint(noLimit());
    expect(err[0]!.severity).toBe('error');
    expect(new Engine({ rules: { 'require-max-tokens': 'off' } }, rules).lint(noLimit())).toHaveLength(0);
  });

  it('honours disable, enable, disable-next-line and disable-line directives', () => {
    const doc = noLimit();
    const run = (directives: PromptDocument['directives']) =>
      new Engine({ rules: { 'require-max-tokens': 'error' } }, rules).lint({ ...doc, directives });
    expect(run([{ type: 'disable', rules: [], range: [0, 0] }])).toHaveLength(0);
    expect(run([{ type: 'disable', rules: ['require-max-tokens'], range: [0, 0] }])).toHaveLength(0);
    expect(run([{ type: 'disable', rules: ['no-verbose-json'], range: [0, 0] }])).toHaveLength(1);
    expect(
      run([
        { type: 'disable', rules: [], range: [0, 0] },
        { type: 'enable', rules: [], range: [0, 0] },
      ]),
    ).toHaveLength(1);
    expect(run([{ type: 'disable-line', rules: ['require-max-tokens'], range: [0, 1] }])).toHaveLength(0);
  });

  it('prices unknown models at nothing and says so', () => {
    const doc = makeDocument({ model: 'my-private-model', outputLimit: { state: 'absent' }, messages: [['user', 'Hi']] });
    const [f] = new Engine({ rules: { 'require-max-tokens': 'error' } }, rules).lint(doc);
    expect(f!.savings.usdPerCall).toBeNull();
    expect(f!.savings.model).toBeNull();
    expect(f!.savings.basis).toMatch(/unknown model "my-private-model": no price/);
  });

  it('uses the default model when the request names none, visibly', () => {
    const doc = makeDocument({ outputLimit: { state: 'absent' }, messages: [['user', 'Hi']] });
    const [f] = new Engine({ defaultModel: 'gpt-4o-mini', rules: { 'require-max-tokens': 'error' } }, rules).lint(doc);
    expect(f!.savings.model).toBe('gpt-4o-mini');
    expect(f!.savings.basis).toMatch(/default model/);
  });

  it('builds presets from rule metadata: every recommended rule is in strict, strict in all', () => {
    const rec = Object.keys(presetRules('recommended'));
    const strict = Object.keys(presetRules('strict'));
    const all = Object.keys(presetRules('all'));
    for (const id of rec) expect(strict).toContain(id);
    expect(all).toHaveLength(rules.length);
    for (const r of rules) expect(r.meta.recommended && !r.meta.strict, r.meta.id).toBe(false);
  });
});

describe('engine directives, mixed', () => {
  it('re-enables one rule after disabling all', () => {
    const doc = noLimit();
    const found = new Engine({ rules: { 'require-max-tokens': 'error' } }, rules).lint({
      ...doc,
      directives: [
        { type: 'disable', rules: [], range: [0, 0] },
        { type: 'enable', rules: ['require-max-tokens'], range: [0, 0] },
      ],
    });
    expect(found).toHaveLength(1);
  });
});

describe('engine directives: disable-file and unused directives', () => {
  const engine = () => new Engine({ rules: { 'require-max-tokens': 'error' } }, rules);
  it('disable-file silences its rules in the whole file, wherever it stands', () => {
    const doc = noLimit();
    const end = doc.text.length;
    expect(engine().lint({ ...doc, directives: [{ type: 'disable-file', rules: [], range: [end, end] }] })).toHaveLength(0);
    expect(engine().lint({ ...doc, directives: [{ type: 'disable-file', rules: ['require-max-tokens'], range: [end, end] }] })).toHaveLength(0);
    expect(engine().lint({ ...doc, directives: [{ type: 'disable-file', rules: ['no-verbose-json'], range: [end, end] }] })).toHaveLength(1);
  });

  it('reports the directives, and the rules of a list, that silenced nothing', () => {
    const doc = noLimit();
    const r = engine().lintWithDirectives({
      ...doc,
      directives: [
        { type: 'disable', rules: ['require-max-tokens', 'no-verbose-json'], range: [0, 0] },
        { type: 'disable-line', rules: [], range: [3, 3] },
        { type: 'enable', rules: [], range: [4, 4] },
      ],
    });
    expect(r.findings).toHaveLength(0);
    // The one finding (line 1) is silenced by the disable-line on its line, which takes the credit
    // before the block disable in force: both rules of the block disable silenced nothing.
    expect(r.unusedDirectives.map((u) => [u.directive.type, u.ruleId, u.message])).toEqual([
      ['disable', 'require-max-tokens', "Unused promptlint-disable directive (no problems were reported from 'require-max-tokens')."],
      ['disable', 'no-verbose-json', "Unused promptlint-disable directive (no problems were reported from 'no-verbose-json')."],
    ]);
    const alone = engine().lintWithDirectives({ ...doc, directives: [{ type: 'disable-next-line', rules: [], range: [3, 3] }] });
    expect(alone.findings).toHaveLength(1);
    expect(alone.unusedDirectives.map((u) => [u.ruleId, u.message, u.line, u.column])).toEqual([
      [undefined, 'Unused promptlint-disable-next-line directive (no problems were reported).', 1, 4],
    ]);
    expect(engine().lintWithDirectives(doc).unusedDirectives).toEqual([]);
  });
});
