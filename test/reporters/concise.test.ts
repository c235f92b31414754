import { describe, expect, it } from 'vitest';
import { finding } from './fixtures.js';
import type { FileResult } from '../../src/engine/types.js';
import { concise } from '../../src/reporters/concise.js';

const OFF = { color: false, cwd: '/work' };
const ON = { color: true, cwd: '/work' };


const RESULTS: FileResult[] = [
  {
    filePath: '/work/a/Dockerfile',
    source: 'FROM ubuntu\nRUN a \\\n  b\n',
    findings: [
      finding('multi', [1, 4, 2, 3], { severity: 'info', fix: { edits: [], safe: true } }),
      finding('no-latest-tag', [0, 5, 0, 11], { codes: ['DL3007', 'DS-0001'] }),
      finding('apt-pin', [0, 5, 0, 11], { severity: 'error' }),
    ],
  },
  { filePath: 'clean/Dockerfile', source: 'FROM a:1\n', findings: [] },
  { filePath: 'missing/Dockerfile', source: undefined, findings: [finding('io-error', [0, 0, 0, 0], { severity: 'style', message: 'ENOENT' })] },
];

describe('concise reporter', () => {
  it('prints one line per finding, sorted, then the summary', () => {
    expect(concise(RESULTS, OFF)).toBe(
      [
        'a/Dockerfile:1:6: error apt-pin apt-pin message',
        'a/Dockerfile:1:6: warning no-latest-tag no-latest-tag message [DL3007, DS-0001]',
        'a/Dockerfile:2:5: info multi multi message',
        'missing/Dockerfile:1:1: style io-error ENOENT',
        '4 problems (1 error, 1 warning, 1 info, 1 style), 1 fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing at all when there are no findings', () => {
    expect(concise([], OFF)).toBe('');
    expect(concise([{ filePath: 'Dockerfile', source: 'FROM a:1\n', findings: [] }], OFF)).toBe('');
  });

  it('colours only the severity word, and only when asked', () => {
    expect(concise(RESULTS, OFF)).not.toContain('\x1b[');
    const lines = concise(RESULTS, ON).split('\n');
    expect(lines).toEqual([
      'a/Dockerfile:1:6: \x1b[31merror\x1b[39m apt-pin apt-pin message',
      'a/Dockerfile:1:6: \x1b[33mwarning\x1b[39m no-latest-tag no-latest-tag message [DL3007, DS-0001]',
      'a/Dockerfile:2:5: \x1b[34minfo\x1b[39m multi multi message',
      'missing/Dockerfile:1:1: \x1b[90mstyle\x1b[39m io-error ENOENT',
      '4 problems (1 error, 1 warning, 1 info, 1 style), 1 fixable with --fix',
      '',
    ]);
  });

  it('keeps each finding on one line even if the message holds a newline or escape', () => {
    const output = concise([{ filePath: 'D', source: '', findings: [finding('x', [0, 0, 0, 1], { message: 'a\nb\x1b[2J' })] }], OFF);
    expect(output).toBe('D:1:1: warning x a\u240ab\u241b[2J\n1 problem (0 errors, 1 warning, 0 info, 0 style)\n');
  });
});
