import { describe, expect, it } from 'vitest';
import { finding } from './fixtures.js';
import type { FileResult } from '../../src/engine/types.js';
import { json } from '../../src/reporters/json.js';

const OPTIONS = { color: true, cwd: '/work' };


function parse(output: string): Array<{ filePath: string; diagnostics: Array<Record<string, unknown>> }> {
  return JSON.parse(output) as Array<{ filePath: string; diagnostics: Array<Record<string, unknown>> }>;
}

describe('json reporter', () => {
  it('prints an empty array, with a final newline, when there is nothing to report', () => {
    expect(json([], OPTIONS)).toBe('[]\n');
  });

  it('prints one element per file, in the given order, even for files without findings', () => {
    const results: FileResult[] = [
      { filePath: 'b/Dockerfile', source: 'FROM a\n', findings: [] },
      { filePath: 'a/Dockerfile', source: 'FROM a\n', findings: [] },
    ];
    expect(json(results, OPTIONS)).toBe('[{"filePath":"b/Dockerfile","diagnostics":[]},{"filePath":"a/Dockerfile","diagnostics":[]}]\n');
  });

  it('follows the contract exactly: 1-based positions, exclusive ends, contract keys only', () => {
    const results: FileResult[] = [
      {
        filePath: 'services/api/Dockerfile',
        source: 'FROM ubuntu:latest\n',
        findings: [
          finding('no-latest-tag', [0, 5, 0, 18], {
            codes: ['DL3007', 'DS-0001'],
            message: "Using 'latest' is prone to errors",
            fix: {
              edits: [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } }, text: '24.04' }],
              safe: true,
              description: 'Pin the tag',
            },
            related: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'here' }],
          }),
        ],
      },
    ];
    const output = json(results, OPTIONS);
    expect(output).toBe(
      '[{"filePath":"services/api/Dockerfile","diagnostics":[{"ruleId":"no-latest-tag","codes":["DL3007","DS-0001"],' +
        '"severity":"warning","message":"Using \'latest\' is prone to errors","line":1,"column":6,"endLine":1,"endColumn":19,' +
        '"fix":{"edits":[{"line":1,"column":13,"endLine":1,"endColumn":19,"text":"24.04"}],"safe":true}}]}]\n',
    );
    const [file] = parse(output);
    expect(Object.keys(file ?? {})).toEqual(['filePath', 'diagnostics']);
    const diagnostic = file?.diagnostics[0] ?? {};
    expect(Object.keys(diagnostic)).toEqual([
      'ruleId', 'codes', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fix',
    ]);
    const fix = diagnostic.fix as { edits: object[] };
    expect(Object.keys(fix)).toEqual(['edits', 'safe']);
    expect(Object.keys(fix.edits[0] ?? {})).toEqual(['line', 'column', 'endLine', 'endColumn', 'text']);
  });

  it('omits fix when the finding has none, and serialises multi-line ranges and unsafe fixes', () => {
    const results: FileResult[] = [
      {
        filePath: 'Dockerfile',
        source: 'RUN a \\\n  b\n',
        findings: [
          finding('plain', [0, 0, 0, 3]),
          finding('multi', [0, 4, 1, 3], {
            fix: { edits: [{ range: { start: { line: 0, character: 5 }, end: { line: 1, character: 2 } }, text: ' && ' }], safe: false },
          }),
        ],
      },
    ];
    const [file] = parse(json(results, OPTIONS));
    expect(file?.diagnostics).toEqual([
      { ruleId: 'plain', codes: [], severity: 'warning', message: 'plain message', line: 1, column: 1, endLine: 1, endColumn: 4 },
      {
        ruleId: 'multi', codes: [], severity: 'warning', message: 'multi message', line: 1, column: 5, endLine: 2, endColumn: 4,
        fix: { edits: [{ line: 1, column: 6, endLine: 2, endColumn: 3, text: ' && ' }], safe: false },
      },
    ]);
    expect(Object.keys(file?.diagnostics[0] ?? {})).not.toContain('fix');
  });

  it('sorts findings by line, column, then rule id without touching the input', () => {
    const findings = [
      finding('zeta', [2, 0, 2, 1]),
      finding('beta', [0, 7, 0, 8]),
      finding('gamma', [0, 2, 0, 3]),
      finding('alpha', [0, 7, 0, 9]),
      finding('alpha', [0, 7, 0, 8]),
    ];
    const before = findings.map((f) => f.ruleId);
    const [file] = parse(json([{ filePath: 'Dockerfile', source: '', findings }], OPTIONS));
    expect(file?.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column}-${d.endColumn}`)).toEqual([
      'gamma@1:3-4', 'alpha@1:8-9', 'alpha@1:8-10', 'beta@1:8-9', 'zeta@3:1-2',
    ]);
    expect(findings.map((f) => f.ruleId)).toEqual(before);
  });

  it('keeps io-error results (no source) and never emits ANSI codes, whatever the colour option', () => {
    const results: FileResult[] = [
      { filePath: 'missing/Dockerfile', source: undefined, findings: [finding('io-error', [0, 0, 0, 0], { severity: 'error', message: 'ENOENT \x1b[31m' })] },
    ];
    const output = json(results, { color: true, cwd: '/' });
    expect(output).not.toContain('\x1b[');
    expect(parse(output)[0]?.diagnostics[0]).toMatchObject({ ruleId: 'io-error', severity: 'error', message: 'ENOENT \x1b[31m', line: 1, column: 1 });
  });
});
