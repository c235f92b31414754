import { describe, expect, it } from 'vitest';
import { finding } from './fixtures.js';
import type { FileResult } from '../../src/engine/types.js';
import { renderLine, stylish } from '../../src/reporters/stylish.js';

const OFF = { color: false, cwd: '/work' };
const ON = { color: true, cwd: '/work' };
const ANSI = '\x1b[';


const NO_TAG = finding('no-latest-tag', [0, 5, 0, 11], {
  codes: ['DL3006', 'DS-0001', 'CKV_DOCKER_7'],
  message: "Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version",
  fix: { edits: [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: ':24.04' }], safe: true },
});

describe('stylish reporter', () => {
  it('prints the code frame of the design', () => {
    const results: FileResult[] = [{ filePath: '/work/examples/Dockerfile', source: 'FROM ubuntu\nRUN true\n', findings: [NO_TAG] }];
    expect(stylish(results, OFF)).toBe(
      [
        "warning[no-latest-tag]: Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version",
        '  --> examples/Dockerfile:1:6',
        '   |',
        ' 1 | FROM ubuntu',
        '   |      ^^^^^^ DL3006, DS-0001, CKV_DOCKER_7',
        '   = help: a fix is available (--fix)',
        '',
        '\u2716 1 problem (0 errors, 1 warning, 0 info, 0 style), 1 fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('prints only the summary when nothing was found', () => {
    const results: FileResult[] = [
      { filePath: 'a/Dockerfile', source: 'FROM a:1\n', findings: [] },
      { filePath: 'b/Dockerfile', source: 'FROM b:1\n', findings: [] },
    ];
    expect(stylish(results, OFF)).toBe('\u2714 No problems found in 2 files\n');
    expect(stylish([], OFF)).toBe('\u2714 No problems found in 0 files\n');
  });

  it('separates frames and files by blank lines, sorts by position, widens the gutter, names unsafe fixes', () => {
    const source = ['FROM alpine:3', ...Array.from({ length: 10 }, (_, i) => `RUN step${i}`)].join('\r\n');
    const results: FileResult[] = [
      {
        filePath: 'one/Dockerfile',
        source,
        findings: [
          finding('late', [10, 4, 10, 9], { severity: 'info', fix: { edits: [], safe: false, description: 'Merge the RUN instructions' } }),
          finding('early', [0, 5, 0, 11], { severity: 'error', fix: { edits: [], safe: false } }),
        ],
      },
      { filePath: 'clean/Dockerfile', source: 'FROM a:1\n', findings: [] },
      { filePath: 'two/Containerfile', source: 'FROM x\rUSER root\r', findings: [finding('root-user', [1, 5, 1, 9], { severity: 'style', codes: ['DL3002'] })] },
    ];
    expect(stylish(results, OFF)).toBe(
      [
        'error[early]: early message',
        '  --> one/Dockerfile:1:6',
        '   |',
        ' 1 | FROM alpine:3',
        '   |      ^^^^^^',
        '   = help: a fix is available (--fix-unsafe)',
        '',
        'info[late]: late message',
        '   --> one/Dockerfile:11:5',
        '    |',
        ' 11 | RUN step9',
        '    |     ^^^^^',
        '    = help: Merge the RUN instructions (--fix-unsafe)',
        '',
        'style[root-user]: root-user message',
        '  --> two/Containerfile:2:6',
        '   |',
        ' 2 | USER root',
        '   |      ^^^^ DL3002',
        '',
        '\u2716 3 problems (1 error, 0 warnings, 1 info, 1 style), 2 fixable with --fix-unsafe',
        '',
      ].join('\n'),
    );
  });

  it('underlines a multi-line range to the end of its first line and adds ...', () => {
    const results: FileResult[] = [
      { filePath: 'Dockerfile', source: 'RUN apt-get update && \\\n    apt-get install -y curl\n', findings: [finding('multi', [0, 4, 1, 27])] },
    ];
    expect(stylish(results, OFF)).toBe(
      [
        'warning[multi]: multi message',
        '  --> Dockerfile:1:5',
        '   |',
        ' 1 | RUN apt-get update && \\',
        '   |     ^^^^^^^^^^^^^^^^^^^...',
        '',
        '\u2716 1 problem (0 errors, 1 warning, 0 info, 0 style)',
        '',
      ].join('\n'),
    );
  });

  it('expands tabs so the carets stay under the range', () => {
    const results: FileResult[] = [
      { filePath: 'Dockerfile', source: 'FROM a:1\n\tRUN\tapt-get install curl\n', findings: [finding('tabs', [1, 5, 1, 12])] },
    ];
    expect(stylish(results, OFF)).toBe(
      [
        'warning[tabs]: tabs message',
        '  --> Dockerfile:2:6',
        '   |',
        ' 2 |     RUN apt-get install curl',
        '   |         ^^^^^^^',
        '',
        '\u2716 1 problem (0 errors, 1 warning, 0 info, 0 style)',
        '',
      ].join('\n'),
    );
  });

  it('draws at least one caret for an empty range, also past the end of the line or of the file', () => {
    const results: FileResult[] = [
      {
        filePath: 'Dockerfile',
        source: 'FROM a',
        findings: [finding('eol', [0, 6, 0, 6]), finding('eof', [3, 2, 3, 2], { codes: ['X1'] })],
      },
    ];
    expect(stylish(results, OFF)).toBe(
      [
        'warning[eol]: eol message',
        '  --> Dockerfile:1:7',
        '   |',
        ' 1 | FROM a',
        '   |       ^',
        '',
        'warning[eof]: eof message',
        '  --> Dockerfile:4:3',
        '   |',
        ' 4 |',
        '   | ^ X1',
        '',
        '\u2716 2 problems (0 errors, 2 warnings, 0 info, 0 style)',
        '',
      ].join('\n'),
    );
  });

  it('cuts very long lines around the range with …', () => {
    const line = `RUN echo ${'a'.repeat(300)} TARGET ${'b'.repeat(300)}`;
    const start = line.indexOf('TARGET');
    const results: FileResult[] = [{ filePath: 'Dockerfile', source: line, findings: [finding('long', [0, start, 0, start + 6])] }];
    const shown = `\u2026${'a'.repeat(39)} TARGET ${'b'.repeat(153)}\u2026`;
    expect(stylish(results, OFF)).toBe(
      [
        'warning[long]: long message',
        `  --> Dockerfile:1:${start + 1}`,
        '   |',
        ` 1 | ${shown}`,
        `   | ${' '.repeat(41)}^^^^^^`,
        '',
        '\u2716 1 problem (0 errors, 1 warning, 0 info, 0 style)',
        '',
      ].join('\n'),
    );
  });

  it('prints only the header and location when the source could not be read', () => {
    const results: FileResult[] = [
      { filePath: 'missing/Dockerfile', source: undefined, findings: [finding('io-error', [0, 0, 0, 0], { severity: 'error', message: "Cannot read 'missing/Dockerfile': ENOENT" })] },
    ];
    expect(stylish(results, OFF)).toBe(
      [
        "error[io-error]: Cannot read 'missing/Dockerfile': ENOENT",
        '  --> missing/Dockerfile:1:1',
        '',
        '\u2716 1 problem (1 error, 0 warnings, 0 info, 0 style)',
        '',
      ].join('\n'),
    );
  });

  it('colours severity, rule id, carets and path only when asked', () => {
    const results: FileResult[] = [{ filePath: 'examples/Dockerfile', source: 'FROM ubuntu\n', findings: [NO_TAG] }];
    expect(stylish(results, OFF)).not.toContain(ANSI);
    const colored = stylish(results, ON);
    expect(colored).toContain(ANSI);
    expect(colored.split('\n').slice(0, 5)).toEqual([
      "\x1b[33mwarning\x1b[39m[\x1b[2mno-latest-tag\x1b[22m]: Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version",
      '  --> \x1b[1mexamples/Dockerfile:1:6\x1b[22m',
      '   |',
      ' 1 | FROM ubuntu',
      '   |      \x1b[33m^^^^^^\x1b[39m DL3006, DS-0001, CKV_DOCKER_7',
    ]);
    const error = stylish([{ filePath: 'D', source: 'X', findings: [finding('e', [0, 0, 0, 1], { severity: 'error' })] }], ON);
    expect(error).toContain('\x1b[31merror\x1b[39m');
    const info = stylish([{ filePath: 'D', source: 'X', findings: [finding('i', [0, 0, 0, 1], { severity: 'info' })] }], ON);
    expect(info).toContain('\x1b[34minfo\x1b[39m');
    const style = stylish([{ filePath: 'D', source: 'X', findings: [finding('s', [0, 0, 0, 1], { severity: 'style' })] }], ON);
    expect(style).toContain('\x1b[90mstyle\x1b[39m');
  });

  it('never passes escape sequences from the file, its name or the message through to the terminal', () => {
    const results: FileResult[] = [
      { filePath: 'evil\x1b[2J/Dockerfile', source: 'FROM \x1b[31mred\x07\n', findings: [finding('x', [0, 5, 0, 14], { message: 'bad \x1b]0;title\x07 \u009b' })] },
    ];
    const output = stylish(results, OFF);
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(output).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    expect(output).toContain(' 1 | FROM \u241b[31mred\u2407');
    expect(output).toContain('   |      ^^^^^^^^^\n');
    expect(output).toContain('  --> evil\u241b[2J/Dockerfile:1:6');
  });
});

describe('renderLine', () => {
  it('maps UTF-16 offsets to display columns across tab stops', () => {
    expect(renderLine('a\tb\t\tc', 2, 5)).toEqual({ text: 'a   b       c', from: 4, to: 12 });
    expect(renderLine('a\tb\t\tc', 3, 6)).toEqual({ text: 'a   b       c', from: 5, to: 13 });
  });

  it('keeps the whole budget at the end of a long line', () => {
    const raw = 'x'.repeat(250);
    const { text, from, to } = renderLine(raw, 248, 250);
    expect(text).toBe(`\u2026${'x'.repeat(200)}`);
    expect([from, to]).toEqual([199, 201]);
  });

  it('clips carets of a range longer than the window', () => {
    const raw = 'y'.repeat(500);
    const { text, from, to } = renderLine(raw, 0, 500);
    expect(text).toBe(`${'y'.repeat(200)}\u2026`);
    expect([from, to]).toEqual([0, 200]);
  });
});

describe('secret redaction', () => {
  it('masks the secret text a finding points out in every quoted source line', async () => {
    const { lintText } = await import('../../src/engine/lint.js');
    const { config, registry } = await import('../helpers.js');
    const source = 'FROM alpine:3.20\nENV GITHUB_TOKEN=ghp_1234567890abcdefghijklmnopqrstuvwxyzAB\nUSER app\n';
    const findings = lintText(source, { config: config(), registry }).findings;
    expect(findings.some((f) => f.redact && f.redact.length > 0)).toBe(true);
    const output = stylish([{ filePath: 'Dockerfile', source, findings }], { color: false, cwd: '/' });
    expect(output).not.toContain('ghp_1234567890abcdefghijklmnopqrstuvwxyzAB');
    expect(output).toContain('ENV GITHUB_TOKEN=ghp_*************');
  });
});
