import { describe, expect, it } from 'vitest';
import { classifyArgs, hasOption, optionValue } from '../../src/shell/options.js';
import { cmds } from './helpers.js';

function classify(text: string, withValue: string[]) {
  const c = cmds(text)[0];
  return classifyArgs(c?.args ?? [], { withValue });
}

const APT = ['-o', '--option', '-t', '--target-release', '-c', '--config-file'];

describe('classifyArgs', () => {
  it('splits operands and flags', () => {
    const c = classify('apt-get -y install --no-install-recommends curl wget', APT);
    expect(c.operands.map((w) => w.value)).toEqual(['install', 'curl', 'wget']);
    expect(c.options.map((o) => o.name)).toEqual(['-y', '--no-install-recommends']);
    expect(hasOption(c, '-y', '--yes')).toBe(true);
    expect(hasOption(c, '-q')).toBe(false);
  });

  it('clustered short flags', () => {
    const c = classify('apt-get -qqy install x', APT);
    expect(c.options.map((o) => o.name)).toEqual(['-q', '-q', '-y']);
    expect(c.options.every((o) => o.word.value === '-qqy')).toBe(true);
  });

  it('-ovalue, -o value, a cluster ending with a value option', () => {
    const c = classify('apt-get -oDpkg::Options::=--force-confnew -o APT::x=1 -yt bookworm install x', APT);
    expect(c.options.map((o) => [o.name, o.value, o.valueWord?.value])).toEqual([
      ['-o', 'Dpkg::Options::=--force-confnew', undefined],
      ['-o', 'APT::x=1', 'APT::x=1'],
      ['-y', undefined, undefined],
      ['-t', 'bookworm', 'bookworm'],
    ]);
    expect(c.operands.map((w) => w.value)).toEqual(['install', 'x']);
    expect(optionValue(c, '-t', '--target-release')).toBe('bookworm');
  });

  it('--opt=value and --opt value', () => {
    const c = classify('apt-get --target-release=sid --option x=y install --config-file c pkg', APT);
    expect(c.options.map((o) => [o.name, o.value])).toEqual([
      ['--target-release', 'sid'],
      ['--option', 'x=y'],
      ['--config-file', 'c'],
    ]);
    expect(c.options[1]?.valueWord?.value).toBe('x=y');
    expect(c.options[0]?.valueWord).toBeUndefined();
    expect(c.operands.map((w) => w.value)).toEqual(['install', 'pkg']);
  });

  it('a flag --opt=value is split even when not value-taking', () => {
    const c = classify('pip install --index-url=https://x pkg', []);
    expect(c.options[0]).toMatchObject({ name: '--index-url', value: 'https://x' });
  });

  it('-- ends the options', () => {
    const c = classify('rm -f -- -x --y', []);
    expect(c.options.map((o) => o.name)).toEqual(['-f']);
    expect(c.operands.map((w) => w.value)).toEqual(['-x', '--y']);
  });

  it('a lone - is an operand; a value option at the end has no value', () => {
    const c = classify('tar -x -f - -o', ['-f', '-o']);
    expect(c.options.map((o) => [o.name, o.value])).toEqual([
      ['-x', undefined],
      ['-f', '-'],
      ['-o', undefined],
    ]);
    const d = classify('cat - x', []);
    expect(d.operands.map((w) => w.value)).toEqual(['-', 'x']);
  });

  it('multi-letter single-dash options listed as value-taking', () => {
    const c = classify('find . -name "*.pyc" -delete', ['-name']);
    expect(c.options.map((o) => [o.name, o.value])).toEqual([
      ['-name', '*.pyc'],
      ['-d', undefined],
      ['-e', undefined],
      ['-l', undefined],
      ['-e', undefined],
      ['-t', undefined],
      ['-e', undefined],
    ]);
  });

  it('quoted option words are still options', () => {
    const c = classify('apt-get "-y" install x', APT);
    expect(hasOption(c, '-y')).toBe(true);
  });
});
