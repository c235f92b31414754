import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const check = (text: string, options: Parameters<typeof lintRule>[2] = {}) => lintRule('non-root-user', text, options).map((f) => [where(f), f.codes.join(',')]);

describe('non-root-user', () => {
  it('reports an explicit root USER on its value', () => {
    expect(check('FROM alpine:3.20\nUSER root\n')).toEqual([['2:6-2:10', 'DL3002,DS-0002,CKV_DOCKER_8']]);
    expect(check('FROM alpine:3.20\nUSER 0\n')).toHaveLength(1);
    expect(check('FROM alpine:3.20\nUSER root:root\n')).toHaveLength(1);
    expect(check('FROM alpine:3.20\nUSER 0:1000\n')).toHaveLength(1);
  });

  it('accepts a root group with a non-root user, and a later non-root USER', () => {
    expect(check('FROM alpine:3.20\nUSER 1000:0\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER app\n')).toEqual([]);
  });

  it('reports a USER that is never set on the target stage FROM base reference', () => {
    expect(check('FROM alpine:3.20\nRUN true\n')).toEqual([['1:6-1:17', 'DS-0002,CKV_DOCKER_3']]);
    expect(check('FROM scratch\nCOPY app /app\n')).toEqual([['1:6-1:13', 'DS-0002,CKV_DOCKER_3']]);
  });

  it('looks only at target stages, following the chain', () => {
    expect(check('FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER app\n')).toEqual([]);
    expect(check('FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN true\n')).toEqual([]);
    expect(check('FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\n')).toEqual([['2:6-2:10', 'DL3002,DS-0002,CKV_DOCKER_8']]);
    expect(check('FROM alpine:3.20 AS dev\nFROM alpine:3.20 AS prod\nUSER app\n', { settings: { targets: ['dev'] } })).toEqual([['1:6-1:17', 'DS-0002,CKV_DOCKER_3']]);
  });

  it('with stages: all, also reports each stage whose own last USER is root (hadolint DL3002)', () => {
    const text = 'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER app\n';
    expect(lintRule('non-root-user', text, { rules: { 'non-root-user': ['warning', { stages: 'all' }] } }).map(where)).toEqual(['2:6-2:10']);
  });

  it('resolves variables and ignores unknown users', () => {
    expect(check('FROM alpine:3.20\nARG U=root\nUSER $U\n')).toHaveLength(1);
    expect(check('FROM alpine:3.20\nARG U\nUSER $U\n')).toEqual([]);
  });

  it('accepts non-root base images and ignores ONBUILD USER', () => {
    expect(check('FROM gcr.io/distroless/static:nonroot\n')).toEqual([]);
    expect(check('FROM alpine:3.20\nUSER app\nONBUILD USER root\n')).toEqual([]);
  });

  it('treats ContainerAdministrator as root in Windows stages and skips missing USER there', () => {
    expect(check('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\n')).toHaveLength(1);
    expect(check('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n')).toEqual([]);
  });

  it('respects requireUser: false', () => {
    expect(lintRule('non-root-user', 'FROM alpine:3.20\n', { rules: { 'non-root-user': ['warning', { requireUser: false }] } })).toEqual([]);
  });

  it('offers an unsafe fix that inserts USER before CMD', () => {
    const text = 'FROM alpine:3.20\nRUN true\nCMD ["sh"]\n';
    const [finding] = lintRule('non-root-user', text);
    expect(finding?.fix?.safe).toBe(false);
    const fixed = runFixes(text, { unsafe: true, categoryOf: () => 'security', lint: (t) => lint(t, { presets: ['recommended'] }) });
    expect(fixed.text).toBe('FROM alpine:3.20\nRUN true\nUSER 65532:65532\nCMD ["sh"]\n');
    expect(lintRule('non-root-user', fixed.text)).toEqual([]);
    expect(runFixes(text, { unsafe: false, categoryOf: () => 'security', lint: (t) => lint(t) }).text).toBe(text);
  });
});
