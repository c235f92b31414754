import { describe, expect, it } from 'vitest';
import type { FileResult, Severity } from '../../src/engine/types.js';
import { escapeData, escapeProperty, github } from '../../src/reporters/github.js';
import { OPTIONS, RESULTS, finding } from './fixtures.js';

describe('github reporter', () => {
  it('matches the golden output', async () => {
    await expect(github(RESULTS, OPTIONS)).toMatchFileSnapshot('golden/github.txt');
  });

  it('writes one workflow command per finding with 1-based positions and escaped values', () => {
    const lines = github(RESULTS, OPTIONS).split('\n');
    expect(lines).toContain(
      "::warning file=services/api/Dockerfile,line=1,col=13,endLine=1,endColumn=19,title=no-latest-tag [DL3007%2C DS-0001]::Image 'ubuntu:latest' uses the floating tag 'latest'",
    );
    expect(lines).toContain('::error file=services/api/Dockerfile,line=2,col=6,endLine=2,endColumn=10,title=non-root-user [DL3002]::The image runs as root (USER root)');
    // Multi-line ranges carry no columns (GitHub ignores them there); the message keeps its line break, escaped.
    expect(lines).toContain('::warning file=services/api/Dockerfile,line=3,endLine=4,title=no-secrets [DL3999]::Odd text "a<b>&\'c", 100%25 sure:%0Asecond line, third');
    expect(lines).toContain("::notice file=services/api/Dockerfile,line=1,col=1,endLine=1,endColumn=5,title=instruction-casing::Write 'from' as 'FROM'");
    expect(lines).toContain('::error file=odd name/Dockerfile,line=1,col=1,endLine=1,endColumn=2,title=parse-error [DL1000]::Cannot parse file: it is binary (a NUL byte)');
    expect(lines.at(-2)).toBe('6 problems (2 errors, 2 warnings, 1 info, 1 style), 1 fixable with --fix, 1 fixable with --fix-unsafe');
  });

  it('escapes data and properties as GitHub does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('annotates at most 10 findings of each kind and lists the rest with a note instead of dropping them', () => {
    const many = (severity: Severity, count: number) => Array.from({ length: count }, (_, i) => finding(`rule-${severity}`, [i, 0, i, 3], { severity }));
    const results: FileResult[] = [{ filePath: 'Dockerfile', source: undefined, findings: [...many('error', 12), ...many('warning', 3), ...many('info', 6), ...many('style', 6)] }];
    const lines = github(results, OPTIONS).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(10);
    expect(lines).toContain('layerlint: 4 more findings are not shown as annotations (GitHub shows at most 10 errors, 10 warnings and 10 notices per step):');
    expect(lines).toContain('  Dockerfile:11:1: error rule-error rule-error message');
    expect(lines).toContain('  Dockerfile:12:1: error rule-error rule-error message');
    expect(lines).toContain('  Dockerfile:6:1: info rule-info rule-info message');
    expect(lines).toContain('  Dockerfile:6:1: style rule-style rule-style message');
    expect(lines.filter((l) => l.startsWith('  Dockerfile:'))).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^27 problems \(12 errors/);
  });

  it('prints only the summary when there is nothing to report', () => {
    expect(github([{ filePath: 'Dockerfile', source: 'FROM a\n', findings: [] }], OPTIONS)).toBe('No problems found in 1 file\n');
  });
});
