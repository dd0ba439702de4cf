import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/args.js';

describe('parseArgs', () => {
  it('defaults', () => {
    expect(parseArgs([])).toMatchObject({ command: 'lint', patterns: ['.'], format: 'stylish', fix: false, maxWarnings: -1, quiet: false, color: undefined });
  });

  it('long, short and = forms; -- ends options', () => {
    expect(parseArgs(['-f', 'json', '--max-warnings=3', '-o', 'out.json', '--', '--weird.md'])).toMatchObject({
      format: 'json',
      maxWarnings: 3,
      outputFile: 'out.json',
      patterns: ['--weird.md'],
    });
  });

  it('numbers: integers, decimals, negatives where allowed', () => {
    expect(parseArgs(['--max-cost', '0.05']).command === 'lint' && (parseArgs(['--max-cost', '0.05']) as { maxCost: number }).maxCost).toBe(0.05);
    expect((parseArgs(['--max-warnings', '-1']) as { maxWarnings: number }).maxWarnings).toBe(-1);
    expect(() => parseArgs(['--max-warnings', '-2'])).toThrow('--max-warnings: expected a value >= -1, got -2');
    expect(() => parseArgs(['--max-warnings', '1.5'])).toThrow('--max-warnings: expected an integer, got "1.5"');
    expect(() => parseArgs(['--max-cost', '0x10'])).toThrow(UsageError);
  });

  it('help and version win over everything else', () => {
    expect(parseArgs(['--fix', '-h'])).toEqual({ command: 'help' });
    expect(parseArgs(['cost', '-v'])).toEqual({ command: 'version' });
  });

  it('cost', () => {
    expect(parseArgs(['cost', 'a.md', '--models', 'gpt-4o, gpt-4o-mini', '--calls', '1000', '--output-tokens', '500'])).toMatchObject({
      command: 'cost',
      files: ['a.md'],
      models: ['gpt-4o', 'gpt-4o-mini'],
      calls: 1000,
      outputTokens: 500,
      format: 'table',
    });
    expect(() => parseArgs(['cost', '--models', ','])).toThrow('--models: expected a comma-separated list of model names');
  });

  it('flags that take no value, conflicting flags', () => {
    expect(() => parseArgs(['--fix=yes'])).toThrow('--fix takes no value');
    expect(() => parseArgs(['--config', 'a.json', '--no-config'])).toThrow('--config and --no-config cannot be used together');
    expect(() => parseArgs(['--color', '--no-color'])).toThrow(UsageError);
  });
});
