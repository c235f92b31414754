import { describe, expect, it } from 'vitest';
import { lint, lintRule, where } from '../helpers.js';
import { runFixes } from '../../src/engine/fixer.js';

const brief = (ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}) =>
  lintRule(ruleId, text, options).map((f) => ({ at: where(f), codes: f.codes, message: f.message }));

describe('no-hardcoded-platform', () => {
  it('reports a constant platform at its value', () => {
    expect(brief('no-hardcoded-platform', 'FROM --platform=linux/amd64 alpine:3.20\n')).toEqual([
      { at: '1:17-1:28', codes: ['DL3029', 'FromPlatformFlagConstDisallowed'], message: "FROM pins the platform to 'linux/amd64'; use $BUILDPLATFORM or $TARGETPLATFORM unless this stage is platform-specific" },
    ]);
    expect(brief('no-hardcoded-platform', 'FROM --platform="linux/arm64/v8" alpine:3.20 AS final\n')).toHaveLength(1);
  });
  it('accepts platform variables, stage names that name the platform, and $TARGETPLATFORM', () => {
    expect(brief('no-hardcoded-platform', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=${BUILDOS}/${BUILDARCH} alpine:3.20 AS b\nFROM --platform=$TARGETPLATFORM alpine:3.20\n')).toEqual([]);
    expect(brief('no-hardcoded-platform', 'FROM --platform=linux/amd64 golang:1.23 AS build-amd64\n')).toEqual([]);
    expect(brief('no-hardcoded-platform', 'FROM --platform=linux/amd64 golang:1.23 AS build-amd64\n', { rules: { 'no-hardcoded-platform': ['warning', { allowStageNames: false }] } })).toHaveLength(1);
  });
  it('strict mode reports other variables with DL3029 only', () => {
    const strict = { rules: { 'no-hardcoded-platform': ['warning', { mode: 'strict' }] } } as const;
    expect(brief('no-hardcoded-platform', 'ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM alpine:3.20\n', strict)).toEqual([
      { at: '2:17-2:26', codes: ['DL3029'], message: "FROM pins the platform to '$PLATFORM'; use $BUILDPLATFORM or $TARGETPLATFORM unless this stage is platform-specific" },
    ]);
    expect(brief('no-hardcoded-platform', 'ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM alpine:3.20\n')).toEqual([]);
  });
  it('is silenced by # check=skip=FromPlatformFlagConstDisallowed', () => {
    expect(brief('no-hardcoded-platform', '# check=skip=FromPlatformFlagConstDisallowed\nFROM --platform=linux/amd64 alpine:3.20\n')).toEqual([]);
    expect(brief('no-hardcoded-platform', 'FROM alpine:3.20 AS a\n# check=skip=FromPlatformFlagConstDisallowed\nFROM --platform=linux/amd64 alpine:3.20\n')).toEqual([]);
  });
});

describe('no-redundant-target-platform', () => {
  it('reports the flag with a safe fix', () => {
    const text = 'FROM --platform=$TARGETPLATFORM alpine:3.20\n';
    const [finding] = lintRule('no-redundant-target-platform', text);
    expect(where(finding!)).toBe('1:6-1:32');
    expect(finding!.codes).toEqual(['DL3065', 'RedundantTargetPlatform']);
    expect(finding!.fix?.safe).toBe(true);
    const fixed = runFixes(text, { unsafe: false, categoryOf: () => 'maintainability', lint: (t) => lint(t) }).text;
    expect(fixed).toBe('FROM alpine:3.20\n');
    expect(lintRule('no-redundant-target-platform', fixed)).toEqual([]);
  });
  it('handles quotes and the :-default form (unsafe)', () => {
    expect(lintRule('no-redundant-target-platform', 'FROM --platform="${TARGETPLATFORM}" alpine:3.20\n')[0]?.fix?.safe).toBe(true);
    expect(lintRule('no-redundant-target-platform', 'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n')[0]?.fix?.safe).toBe(false);
    expect(lintRule('no-redundant-target-platform', 'FROM --platform=$TARGETPLATFORM-x alpine:3.20\n')).toEqual([]);
  });
  it('is silenced by # check=skip=RedundantTargetPlatform', () => {
    expect(lintRule('no-redundant-target-platform', '# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM alpine:3.20\n')).toEqual([]);
  });
});

describe('unique-stage-names', () => {
  it('reports later duplicates case-insensitively with related information', () => {
    const findings = lintRule('unique-stage-names', 'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS Build\nFROM alpine:3.20 AS build\n');
    expect(findings.map(where)).toEqual(['2:21-2:26', '3:21-3:26']);
    expect(findings[0]!.message).toBe("Stage name 'Build' is already used on line 1");
    expect(findings[0]!.codes).toEqual(['DL3024', 'DuplicateStageName', 'DS-0012', 'CKV_DOCKER_11']);
    expect(findings[0]!.related[0]?.range.start).toEqual({ line: 0, character: 20 });
  });
  it('reports a duplicate after other stages and with --platform (DL3024)', () => {
    expect(lintRule('unique-stage-names', 'FROM alpine:3.20 AS deps\nFROM alpine:3.20 AS app\nFROM debian:12 AS deps\n').map(where)).toEqual(['3:19-3:23']);
    expect(lintRule('unique-stage-names', 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=$BUILDPLATFORM golang:1.23 AS BUILD\n').map((f) => f.codes[0])).toEqual(['DL3024']);
  });
  it('accepts distinct names and check=skip', () => {
    expect(lintRule('unique-stage-names', 'FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\n')).toEqual([]);
    expect(lintRule('unique-stage-names', 'FROM alpine:3.20 AS build\nFROM build AS build2\nFROM alpine:3.20\n')).toEqual([]);
    expect(lintRule('unique-stage-names', '# check=skip=DuplicateStageName\nFROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n')).toEqual([]);
  });
});

describe('no-reserved-stage-name', () => {
  it('reports scratch and context in any case', () => {
    expect(brief('no-reserved-stage-name', 'FROM alpine:3.20 AS Scratch\nFROM alpine:3.20 AS context\n')).toEqual([
      { at: '1:21-1:28', codes: ['DL3063', 'ReservedStageName'], message: "'Scratch' is a reserved name and makes stage references ambiguous" },
      { at: '2:21-2:28', codes: ['DL3063', 'ReservedStageName'], message: "'context' is a reserved name and makes stage references ambiguous" },
    ]);
  });
  it('accepts FROM scratch', () => {
    expect(lintRule('no-reserved-stage-name', 'FROM scratch\nFROM scratch AS x\n')).toEqual([]);
  });
});

describe('absolute-workdir', () => {
  it('reports the first relative WORKDIR of a chain with the BuildKit code', () => {
    expect(brief('absolute-workdir', 'FROM alpine:3.20\nWORKDIR app\nWORKDIR src\n')).toEqual([
      { at: '2:9-2:12', codes: ['DL3000', 'WorkdirRelativePath', 'DS-0009', 'CKV_DOCKER_10'], message: "Relative WORKDIR 'app' depends on the base image's working directory; use an absolute path" },
    ]);
  });
  it('mode all reports later ones without the BuildKit code', () => {
    const findings = lintRule('absolute-workdir', 'FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n', { rules: { 'absolute-workdir': ['warning', { mode: 'all' }] } });
    expect(findings.map((f) => [where(f), f.codes])).toEqual([['3:9-3:12', ['DL3000', 'DS-0009', 'CKV_DOCKER_10']]]);
  });
  it('follows the chain and resolves variables', () => {
    expect(lintRule('absolute-workdir', 'FROM alpine:3.20 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n')).toEqual([]);
    expect(lintRule('absolute-workdir', 'FROM alpine:3.20\nENV D=/srv\nWORKDIR $D/app\n')).toEqual([]);
    expect(lintRule('absolute-workdir', 'FROM alpine:3.20\nENV D=srv\nWORKDIR "$D/app"\n').map(where)).toEqual(['3:9-3:17']);
    expect(lintRule('absolute-workdir', 'FROM alpine:3.20\nWORKDIR $HOME/app\n')).toEqual([]);
  });
  it('accepts Windows paths', () => {
    expect(lintRule('absolute-workdir', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\nWORKDIR \\src\n')).toEqual([]);
    expect(lintRule('absolute-workdir', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:/app\n')).toEqual([]);
  });
  it('fixes by prefixing /', () => {
    const [finding] = lintRule('absolute-workdir', 'FROM alpine:3.20\nWORKDIR app\n');
    expect(finding!.fix).toMatchObject({ safe: false, edits: [{ text: '/', range: { start: { line: 1, character: 8 } } }] });
  });
  it('is silenced by # check=skip=WorkdirRelativePath', () => {
    expect(lintRule('absolute-workdir', '# check=skip=WorkdirRelativePath\nFROM alpine:3.20\nWORKDIR app\n')).toEqual([]);
  });
});

describe('invalid-default-arg-in-from', () => {
  it('reports empty and invalid references with default values', () => {
    expect(brief('invalid-default-arg-in-from', 'ARG TAG\nFROM busybox:${TAG}\n')).toEqual([
      { at: '2:6-2:20', codes: ['InvalidDefaultArgInFrom'], message: "With default ARG values the image reference becomes 'busybox:', which is not valid" },
    ]);
    expect(lintRule('invalid-default-arg-in-from', 'ARG IMAGE\nFROM $IMAGE\n').map(where)).toEqual(['2:6-2:12']);
    expect(lintRule('invalid-default-arg-in-from', 'ARG IMAGE=Alpine\nFROM $IMAGE\n')).toHaveLength(1);
  });
  it('accepts valid evaluations', () => {
    for (const text of [
      'ARG VARIANT\nFROM busybox:stable${VARIANT}\n',
      'ARG TAG\nFROM busybox:${TAG:-1.36}\n',
      'ARG X=""\nFROM busybox:stable$X\n',
      'FROM alpine:3.20-$TARGETARCH\n',
      'ARG BASE=build\nFROM alpine:3.20 AS build\nFROM $BASE\n',
    ]) expect(lintRule('invalid-default-arg-in-from', text), text).toEqual([]);
  });
  it('uses buildArgs', () => {
    expect(lintRule('invalid-default-arg-in-from', 'ARG TAG\nFROM busybox:${TAG}\n', { settings: { buildArgs: { TAG: '1.36' } } })).toEqual([]);
  });
  it('is silenced by # check=skip=InvalidDefaultArgInFrom', () => {
    expect(lintRule('invalid-default-arg-in-from', '# check=skip=InvalidDefaultArgInFrom\nARG TAG\nFROM busybox:${TAG}\n')).toEqual([]);
  });
});

describe('invalid-image-reference', () => {
  it('reports the offending part of a literal reference', () => {
    expect(brief('invalid-image-reference', 'FROM Alpine:3.20\n')).toEqual([
      { at: '1:6-1:12', codes: ['InvalidDefaultArgInFrom'], message: "'Alpine:3.20' is not a valid image reference: repository names must be lowercase" },
    ]);
    expect(lintRule('invalid-image-reference', 'FROM alpine:3.20@sha256:abc\n').map(where)).toEqual(['1:18-1:28']);
    expect(lintRule('invalid-image-reference', 'FROM alpine:bad+tag\n').map(where)).toEqual(['1:13-1:20']);
  });
  it('checks literal parts of references with variables, COPY --from and mount from', () => {
    expect(lintRule('invalid-image-reference', 'ARG V=1\nFROM MyImage:$V\n').map(where)).toEqual(['2:6-2:16']);
    expect(lintRule('invalid-image-reference', 'ARG V\nFROM alpine:$V\n')).toEqual([]);
    const copy = lintRule('invalid-image-reference', 'FROM alpine:3.20\nCOPY --from=Busybox:1.36 /bin/busybox /busybox\nRUN --mount=from=My/Img:1,target=/x true\n');
    expect(copy.map((f) => [where(f), f.codes])).toEqual([['2:13-2:20', []], ['3:18-3:20', []]]);
  });
  it('accepts valid references, registries with ports, stages and scratch', () => {
    expect(lintRule('invalid-image-reference', 'FROM "gcr.io/distroless/static-debian13"\n')).toEqual([]);
    expect(lintRule('invalid-image-reference', 'FROM localhost:5000/team/app:1.0 AS a\nFROM a\nFROM scratch\nFROM ghcr.io/o/r@sha256:' + 'a'.repeat(64) + '\nCOPY --from=a /x /y\n')).toEqual([]);
  });
});
