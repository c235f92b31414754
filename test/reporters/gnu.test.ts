import { describe, expect, it } from 'vitest';
import { gnu } from '../../src/reporters/gnu.js';
import { OPTIONS, RESULTS, finding } from './fixtures.js';

describe('gnu reporter', () => {
  it('matches the golden output', async () => {
    await expect(gnu(RESULTS, OPTIONS)).toMatchFileSnapshot('golden/gnu.txt');
  });

  it('prints file:line.col-line.col: severity: message with inclusive end columns', () => {
    const lines = gnu(RESULTS, OPTIONS).trimEnd().split('\n');
    expect(lines).toEqual([
      "services/api/Dockerfile:1.1-1.4: note: Write 'from' as 'FROM' [instruction-casing]",
      "services/api/Dockerfile:1.13-1.18: warning: Image 'ubuntu:latest' uses the floating tag 'latest' [no-latest-tag: DL3007, DS-0001]",
      'services/api/Dockerfile:2.6-2.9: error: The image runs as root (USER root) [non-root-user: DL3002]',
      'services/api/Dockerfile:3.10-4.14: warning: Odd text "a<b>&\'c", 100% sure: second line, third [no-secrets: DL3999]',
      'services/api/Dockerfile:5.1-5.3: info: Merge this RUN into the RUN on line 3 [minimize-run-layers: DL3059]',
      'odd name/Dockerfile:1.1-1.1: error: Cannot parse file: it is binary (a NUL byte) [parse-error: DL1000]',
    ]);
  });

  it('prints a point for an empty range and nothing when clean', () => {
    expect(gnu([{ filePath: 'Dockerfile', source: undefined, findings: [finding('io-error', [0, 0, 0, 0], { severity: 'error', message: 'Cannot read file' })] }], OPTIONS)).toBe(
      'Dockerfile:1.1: error: Cannot read file [io-error]\n',
    );
    expect(gnu([{ filePath: 'Dockerfile', source: 'FROM a\n', findings: [] }], OPTIONS)).toBe('');
  });
});
