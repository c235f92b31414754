import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const check = (text: string, options?: Record<string, unknown>) =>
  lintRule('minimize-run-layers', text, options ? { rules: { 'minimize-run-layers': ['info', options] } } : {}).map((f) => [where(f), f.codes.join(','), f.message]);

const fix = (text: string) =>
  runFixes(text, { unsafe: false, categoryOf: () => 'size', lint: (t) => lint(t, { presets: ['recommended'], rules: { 'non-root-user': 'off' } }) }).text;

describe('minimize-run-layers', () => {
  it('reports the later of two consecutive single-command RUNs on its keyword (DL3059)', () => {
    expect(check('FROM alpine:3.20\nRUN apk add curl\nRUN mkdir /app\n')).toEqual([['3:1-3:4', 'DL3059', 'Merge this RUN into the RUN on line 2; each RUN adds a layer']]);
  });

  it('reports each RUN of a run of three against its predecessor, across comments and blank lines', () => {
    expect(check('FROM alpine:3.20\nRUN echo 1\n# note\n\nRUN echo 2\nRUN echo 3\n').map((r) => r[0])).toEqual(['5:1-5:4', '6:1-6:4']);
  });

  it('does not report across other instructions, parser-directive-like comments, or stages', () => {
    expect(check('FROM alpine:3.20\nRUN echo 1\nENV A=1\nRUN echo 2\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nRUN echo 1\n# syntax=docker/dockerfile:1\nRUN echo 2\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nRUN echo 1\nFROM alpine:3.20\nRUN echo 2\n')).toEqual([]);
  });

  it('in simple mode, skips RUNs that are lists, pipelines or substitutions; all mode reports them', () => {
    const text = 'FROM alpine:3.20\nRUN a && b\nRUN c | d\n';
    expect(check(text)).toEqual([]);
    expect(check(text, { mode: 'all' }).map((r) => r[0])).toEqual(['3:1-3:4']);
    expect(check('FROM alpine:3.20\nRUN echo $(date)\nRUN true\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nRUN ["echo", "a"]\nRUN ["echo", "b"]\n')).toHaveLength(1);
  });

  it('compares flags: different mounts or network never merge, but mount key order and synonyms do not matter', () => {
    expect(check('FROM alpine:3.20\nRUN --mount=type=cache,target=/c a\nRUN b\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nRUN --network=none a\nRUN --network=host b\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nRUN --mount=type=cache,target=/c a\nRUN --mount=dst=/c,type=cache b\n')).toHaveLength(1);
    expect(check('FROM alpine:3.20\nRUN --mount=target=/src a\nRUN --mount=type=bind,target=/src b\n')).toHaveLength(1);
  });

  it('forms separate sequences for ONBUILD RUN triggers', () => {
    expect(check('FROM alpine:3.20\nONBUILD RUN a\nONBUILD RUN b\n').map((r) => r[0])).toEqual(['3:9-3:12']);
    expect(check('FROM alpine:3.20\nRUN a\nONBUILD RUN b\n')).toEqual([]);
  });

  it('exempts RUNs with ignoreCommands', () => {
    expect(check('FROM alpine:3.20\nRUN apk update\nRUN mkdir x\n', { ignoreCommands: ['apk'] })).toEqual([]);
  });

  it('merges consecutive COPY into the same directory (no code), never into a file', () => {
    expect(check('FROM alpine:3.20\nCOPY a /app/\nCOPY b c /app/\n')).toEqual([['3:1-3:5', '', 'Merge this COPY into the one on line 2; both copy into /app/']]);
    expect(check('FROM alpine:3.20\nCOPY a /app/a\nCOPY b /app/b\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nCOPY --chown=1:1 a /app/\nCOPY b /app/\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nCOPY a /app/\nCOPY b /app/\n', { mergeCopy: false })).toEqual([]);
  });

  it('fixes by joining the RUNs with && and a continuation, keeping indentation', () => {
    expect(fix('FROM alpine:3.20\nRUN echo a\nRUN echo b\nRUN echo c\n')).toBe('FROM alpine:3.20\nRUN echo a && \\\n    echo b && \\\n    echo c\n');
    expect(fix('FROM alpine:3.20\n  RUN echo a\n  RUN echo b\n')).toBe('FROM alpine:3.20\n  RUN echo a && \\\n  echo b\n');
  });

  it('offers no fix when merging could change behaviour', () => {
    for (const text of [
      'FROM alpine:3.20\nRUN export A=1\nRUN echo b\n',
      'FROM alpine:3.20\nRUN echo a\n# keep me\nRUN echo b\n',
      'FROM alpine:3.20\nRUN echo a # c\nRUN echo b\n',
      'FROM alpine:3.20\nRUN ["echo", "a"]\nRUN ["echo", "b"]\n',
    ]) {
      const findings = lintRule('minimize-run-layers', text, { rules: { 'minimize-run-layers': ['info', { mode: 'all' }] } });
      expect(findings.length, text).toBe(1);
      expect(findings[0]?.fix, text).toBeUndefined();
    }
  });

  it('fixes COPY by moving the sources into the earlier instruction', () => {
    expect(fix('FROM alpine:3.20\nCOPY a /app/\nCOPY b c /app/\n')).toBe('FROM alpine:3.20\nCOPY a b c /app/\n');
  });
});
