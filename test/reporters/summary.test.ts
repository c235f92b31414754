import { describe, expect, it } from 'vitest';
import type { FileResult, Finding, Severity } from '../../src/engine/types.js';
import { summarize, summaryLine } from '../../src/reporters/summary.js';

function finding(severity: Severity, fix?: 'safe' | 'unsafe'): Finding {
  return {
    ruleId: 'r',
    codes: [],
    severity,
    message: 'm',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    fix: fix === undefined ? undefined : { edits: [], safe: fix === 'safe' },
    related: [],
  };
}

function results(...files: Finding[][]): FileResult[] {
  return files.map((findings, i) => ({ filePath: `f${i}`, source: '', findings }));
}

describe('summarize', () => {
  it('counts files, severities and fixes', () => {
    const s = summarize(results(
      [finding('error', 'safe'), finding('warning'), finding('warning', 'unsafe')],
      [],
      [finding('info', 'safe'), finding('style')],
    ));
    expect(s).toEqual({ files: 3, errors: 1, warnings: 2, info: 1, style: 1, total: 5, fixable: 2, unsafeFixable: 1 });
  });

  it('is all zeros for no results', () => {
    expect(summarize([])).toEqual({ files: 0, errors: 0, warnings: 0, info: 0, style: 0, total: 0, fixable: 0, unsafeFixable: 0 });
  });
});

describe('summaryLine', () => {
  it('pluralises', () => {
    expect(summaryLine(summarize(results([finding('error')])), false)).toBe('\u2716 1 problem (1 error, 0 warnings, 0 info, 0 style)');
    expect(summaryLine(summarize(results([finding('error'), finding('error'), finding('warning')])), false)).toBe(
      '\u2716 3 problems (2 errors, 1 warning, 0 info, 0 style)',
    );
    expect(summaryLine(summarize(results([])), false)).toBe('\u2714 No problems found in 1 file');
    expect(summaryLine(summarize(results([], [])), false)).toBe('\u2714 No problems found in 2 files');
  });

  it('mentions fixable findings, safe and unsafe separately', () => {
    expect(summaryLine(summarize(results([finding('warning', 'safe'), finding('warning', 'safe')])), false)).toBe(
      '\u2716 2 problems (0 errors, 2 warnings, 0 info, 0 style), 2 fixable with --fix',
    );
    expect(summaryLine(summarize(results([finding('info', 'safe'), finding('style', 'unsafe')])), false)).toBe(
      '\u2716 2 problems (0 errors, 0 warnings, 1 info, 1 style), 1 fixable with --fix, 1 fixable with --fix-unsafe',
    );
    expect(summaryLine(summarize(results([finding('info', 'unsafe')])), false)).toBe(
      '\u2716 1 problem (0 errors, 0 warnings, 1 info, 0 style), 1 fixable with --fix-unsafe',
    );
  });

  it('can leave out the icon (concise)', () => {
    expect(summaryLine(summarize(results([finding('style')])), false, { icon: false })).toBe('1 problem (0 errors, 0 warnings, 0 info, 1 style)');
    expect(summaryLine(summarize(results([])), false, { icon: false })).toBe('No problems found in 1 file');
  });

  it('colours by the worst severity only when asked', () => {
    const errors = summarize(results([finding('error'), finding('warning')]));
    expect(summaryLine(errors, false)).not.toContain('\x1b[');
    expect(summaryLine(errors, true)).toBe('\x1b[1m\x1b[31m\u2716 2 problems (1 error, 1 warning, 0 info, 0 style)\x1b[39m\x1b[22m');
    expect(summaryLine(summarize(results([finding('warning')])), true)).toContain('\x1b[33m');
    expect(summaryLine(summarize(results([])), true)).toBe('\x1b[32m\u2714 No problems found in 1 file\x1b[39m');
  });
});
