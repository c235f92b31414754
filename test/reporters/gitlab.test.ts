import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/engine/types.js';
import { gitlab, toCodeQuality } from '../../src/reporters/gitlab.js';
import { OPTIONS, RESULTS, RULES, finding } from './fixtures.js';

const OPTS = { ...OPTIONS, rules: RULES };

describe('gitlab reporter', () => {
  it('matches the golden output', async () => {
    await expect(gitlab(RESULTS, OPTS)).toMatchFileSnapshot('golden/gitlab.json');
  });

  it('writes Code Quality issues with project-relative paths and mapped severities', () => {
    const issues = toCodeQuality(RESULTS, OPTS);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['instruction-casing', 'info', 'services/api/Dockerfile', 1],
      ['no-latest-tag', 'major', 'services/api/Dockerfile', 1],
      ['non-root-user', 'critical', 'services/api/Dockerfile', 2],
      ['no-secrets', 'major', 'services/api/Dockerfile', 3],
      ['minimize-run-layers', 'minor', 'services/api/Dockerfile', 5],
      ['parse-error', 'blocker', 'odd name/Dockerfile', 1],
    ]);
    expect(issues[1]?.description).toBe("Image 'ubuntu:latest' uses the floating tag 'latest' [DL3007, DS-0001]");
    expect(issues[2]?.categories).toEqual(['Security']);
    for (const issue of issues) expect(Object.keys(issue)).toEqual(expect.arrayContaining(['description', 'check_name', 'fingerprint', 'severity', 'location']));
  });

  it('gives unique fingerprints that survive unrelated edits and depend on the path', () => {
    const file = (path: string, prefix: string, lines: number[]): FileResult => ({
      filePath: path,
      source: `${prefix}FROM ubuntu\nFROM ubuntu\n`,
      findings: lines.map((line) => finding('no-latest-tag', [line, 5, line, 11])),
    });
    const a = toCodeQuality([file('Dockerfile', '', [0, 1])], OPTS).map((i) => i.fingerprint);
    const b = toCodeQuality([file('Dockerfile', '# moved\n\n', [2, 3])], OPTS).map((i) => i.fingerprint);
    expect(b).toEqual(a);
    expect(new Set(a).size).toBe(2);
    const other = toCodeQuality([file('other/Dockerfile', '', [0, 1])], OPTS).map((i) => i.fingerprint);
    expect(other.some((f) => a.includes(f))).toBe(false);
    // The same file listed twice still yields unique fingerprints.
    const twice = toCodeQuality([file('Dockerfile', '', [0]), file('Dockerfile', '', [0])], OPTS).map((i) => i.fingerprint);
    expect(new Set(twice).size).toBe(2);
  });

  it('prints an empty array when clean', () => {
    expect(gitlab([{ filePath: 'Dockerfile', source: 'FROM a\n', findings: [] }], OPTS)).toBe('[]\n');
  });
});
