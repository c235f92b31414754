import { describe, expect, it } from 'vitest';
import { lintRule } from '../helpers.js';
import { fixed, hits } from './_pm-helpers.js';

const schema = (entries: Record<string, string>, strict = false) =>
  ({ settings: { labels: { schema: Object.fromEntries(Object.entries(entries).map(([k, type]) => [k, { type, required: true }])), strict } } }) as never;

describe('copy-from-unknown-stage (DL3022)', () => {
  const rule = 'copy-from-unknown-stage';
  it.each([
    ['FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=biuld /a /a\n', ['3:13-3:18 DL3022']],
    ['FROM alpine:3.20\nCOPY --from=builder /a /a\n', ['2:13-2:20 DL3022']],
    ['FROM alpine:3.20\nCOPY --from=0 /a /a\n', ['2:13-2:14 DL3022']],
    ['FROM alpine:3.20 AS a\nCOPY --from=later /x /x\nFROM alpine:3.20 AS later\n', ['2:13-2:18 DL3022']],
    ['FROM alpine:3.20 AS a\nFROM alpine:3.20\nRUN --mount=from=nope,target=/n true\n', ['3:18-3:22 DL3022']],
    ['FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=1foo /x /x\n', ['3:13-3:17 DL3022']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n',
    'FROM alpine:3.20 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD /a /a\n',
    'FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=0 /a /a\n',
    'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
    'FROM alpine:3.20\nCOPY --from=ghcr.io/org/tool /bin/tool /bin/tool\n',
    'FROM alpine:3.20 AS build\nFROM alpine:3.20\nRUN --mount=from=build,target=/b true\n',
    'FROM alpine:3.20\nONBUILD COPY --from=anything /x /x\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('accepts named contexts', () => {
    expect(hits(rule, 'FROM alpine:3.20\nCOPY --from=docs /d /d\n', { rules: { [rule]: ['warning', { contexts: ['docs'] }] } } as never)).toEqual([]);
  });
  it('messages and did-you-mean fix', () => {
    const text = 'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=biuld /a /a\n';
    expect(lintRule(rule, text)[0]?.message).toBe("'biuld' is not a stage defined before this line; it would be pulled as image 'biuld:latest'; did you mean 'build'?");
    expect(fixed(rule, text)).toEqual({ text: text.replace('biuld', 'build'), safe: false, after: 0 });
    expect(lintRule(rule, 'FROM alpine:3.20 AS a\nCOPY --from=later /x /x\nFROM alpine:3.20 AS later\n')[0]?.message).toBe("Stage 'later' is defined later, on line 3");
  });
});

describe('no-copy-from-self (DL3023)', () => {
  const rule = 'no-copy-from-self';
  it.each([
    ['FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n', ['2:13-2:16 DL3023,DS-0006']],
    ['FROM alpine:3.20 AS App\nCOPY --from=app /a /b\n', ['2:13-2:16 DL3023,DS-0006']],
    ['FROM alpine:3.20\nCOPY --from=0 /a /b\n', ['2:13-2:14 DL3023,DS-0006']],
    ['FROM alpine:3.20 AS base\nFROM alpine:3.20 AS app\nRUN --mount=from=app,target=/x true\n', ['3:18-3:21 DL3023,DS-0006']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20 AS base\nFROM alpine:3.20 AS app\nCOPY --from=base /a /b\n',
    'FROM alpine:3.20 AS base\nFROM alpine:3.20 AS app\nCOPY --from=0 /a /b\n',
    'FROM alpine:3.20 AS app\nCOPY --from=app:1.0 /a /b\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
});

describe('no-stage-index-reference', () => {
  const rule = 'no-stage-index-reference';
  it('reports and fixes an index with a named target', () => {
    const text = 'FROM golang:1.23 AS Build\nFROM alpine:3.20\nCOPY --from=0 /app /app\n';
    expect(hits(rule, text)).toEqual(['3:13-3:14 -']);
    expect(fixed(rule, text)).toEqual({ text: text.replace('--from=0', '--from=Build'), safe: true, after: 0 });
  });
  it('has no fix for unnamed stages and ignores invalid indexes', () => {
    expect(lintRule(rule, 'FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=0 /app /app\n')[0]?.fix).toBeUndefined();
    expect(hits(rule, 'FROM alpine:3.20\nCOPY --from=1 /app /app\n')).toEqual([]);
  });
});

describe('no-env-self-reference (DL3044)', () => {
  const rule = 'no-env-self-reference';
  it.each([
    ['FROM alpine:3.20\nENV A=1 B=$A\n', ['2:11-2:13 DL3044']],
    ['FROM alpine:3.20\nENV B=${A:-x} A=1\n', ['2:7-2:14 DL3044']],
    ['FROM alpine:3.20\nENV JAVA_HOME=/opt/jdk \\\n    PATH=$JAVA_HOME/bin:$PATH\n', ['3:10-3:20 DL3044']],
    ['FROM alpine:3.20\nENV A=0\nENV A=1 B="${A}"\n', ['3:12-3:16 DL3044']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20\nENV A=1\nENV B=$A\n',
    'FROM alpine:3.20\nENV PATH=/x:$PATH A=1\n',
    "FROM alpine:3.20\nENV A=1 B='$A'\n",
    'FROM alpine:3.20\nENV A=1 B=\\$A\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('reportRedefined: false keeps only references to new keys', () => {
    expect(hits(rule, 'FROM alpine:3.20\nENV A=0\nENV A=1 B=$A\n', { rules: { [rule]: ['error', { reportRedefined: false }] } } as never)).toEqual([]);
  });
  it('splits the instruction (unsafe)', () => {
    expect(fixed(rule, 'FROM alpine:3.20\nENV A=1 B=$A\n')).toEqual({ text: 'FROM alpine:3.20\nENV A=1\nENV B=$A\n', safe: false, after: 0 });
    expect(fixed(rule, 'FROM alpine:3.20\nENV B=$A \\\n    A=1\n')).toEqual({ text: 'FROM alpine:3.20\nENV A=1\nENV B=$A\n', safe: false, after: 0 });
  });
});

describe('no-builtin-arg-default', () => {
  const rule = 'no-builtin-arg-default';
  it('reports platform and proxy defaults on the =value part', () => {
    expect(hits(rule, 'ARG TARGETARCH=amd64\nFROM alpine:3.20\nARG HTTP_PROXY="http://proxy:3128"\n')).toEqual(['1:15-1:21 -', '3:15-3:35 -']);
    expect(fixed(rule, 'FROM alpine:3.20\nARG BUILDPLATFORM=linux/amd64\n')).toEqual({ text: 'FROM alpine:3.20\nARG BUILDPLATFORM\n', safe: false, after: 0 });
  });
  it.each(['FROM alpine:3.20\nARG TARGETARCH\n', 'FROM alpine:3.20\nARG VERSION=1\n'])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('proxies: false', () => {
    expect(hits(rule, 'FROM alpine:3.20\nARG no_proxy=localhost\n', { rules: { [rule]: ['warning', { proxies: false }] } } as never)).toEqual([]);
  });
});

describe('relative-dest-without-workdir (DL3045)', () => {
  const rule = 'relative-dest-without-workdir';
  it.each([
    ['FROM node:22\nCOPY package.json ./\n', ['2:19-2:21 DL3045']],
    ['FROM node:22\nCOPY . .\n', ['2:8-2:9 DL3045']],
    ['FROM node:22\nADD ["a b", "dest/"]\n', ['2:13-2:20 DL3045']],
    ['FROM node:22 AS build\nCOPY --from=0 /x app/\n', ['2:18-2:22 DL3045']],
    ['FROM node:22\nARG D=lib\nCOPY x $D\n', ['3:8-3:10 DL3045']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM node:22\nWORKDIR /app\nCOPY . .\n',
    'FROM node:22 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n',
    'FROM node:22\nCOPY . /app/\n',
    'FROM scratch\nCOPY app ./\n',
    'FROM node:22\nCOPY x $UNKNOWN\n',
    'FROM node:22\nONBUILD COPY . .\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
});

describe('no-maintainer (DL4000)', () => {
  const rule = 'no-maintainer';
  it.each([
    ['FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n', ['2:1-2:11 DL4000,DS-0022,CKV_DOCKER_6,MaintainerDeprecated']],
    ['FROM alpine:3.20\nmaintainer jane\n', ['2:1-2:11 DL4000,DS-0022,CKV_DOCKER_6,MaintainerDeprecated']],
    ['FROM alpine:3.20 AS a\nMAINTAINER x\nFROM alpine:3.20\nMAINTAINER y\n', ['2:1-2:11 DL4000,DS-0022,CKV_DOCKER_6,MaintainerDeprecated', '4:1-4:11 DL4000,DS-0022,CKV_DOCKER_6,MaintainerDeprecated']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane"\n',
    'FROM alpine:3.20\nLABEL maintainer="jane"\n',
    'FROM alpine:3.20\nRUN echo MAINTAINER\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it.each([
    ['FROM alpine:3.20\nMAINTAINER Jane "JD" Doe\n', 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe"\n'],
    ['FROM alpine:3.20\nmaintainer jane\n', 'FROM alpine:3.20\nlabel org.opencontainers.image.authors="jane"\n'],
  ])('fixes %j', (input, output) => {
    expect(fixed(rule, input)).toEqual({ text: output, safe: true, after: 0 });
  });
  it('offers no fix when the label is already set', () => {
    expect(lintRule(rule, 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="x"\nMAINTAINER y\n')[0]?.fix).toBeUndefined();
  });
});

describe('invalid-label-key (DL3048)', () => {
  const rule = 'invalid-label-key';
  it.each([
    ['FROM alpine:3.20\nLABEL Version=1\n', ['2:7-2:14 DL3048']],
    ['FROM alpine:3.20\nLABEL com.docker.x=1 ok=2 "bad..key"=3\n', ['2:7-2:19 DL3048', '2:27-2:37 DL3048']],
    ['FROM alpine:3.20\nLABEL 1abc=1\n', ['2:7-2:11 DL3048']],
    ['FROM alpine:3.20\nLABEL abc-=1\n', ['2:7-2:11 DL3048']],
    ['FROM alpine:3.20\nONBUILD LABEL Foo=bar\n', ['2:15-2:18 DL3048']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x\n',
    'FROM alpine:3.20\nLABEL io.k8s.display-name=x com.example/team_a=y\n',
    'FROM alpine:3.20\nLABEL $KEY=x\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('allow option', () => {
    expect(hits(rule, 'FROM alpine:3.20\nLABEL Name=x\n', { rules: { [rule]: ['style', { allow: ['Name'] }] } } as never)).toEqual([]);
  });
});

describe('required-labels (DL3049)', () => {
  const rule = 'required-labels';
  const s = schema({ 'org.opencontainers.image.source': 'url', maintainer: 'text' });
  it.each([
    ['FROM alpine:3.20\nRUN true\n', ['1:6-1:17 DL3049']],
    ['FROM alpine:3.20\nLABEL maintainer=me\n', ['1:6-1:17 DL3049']],
    ['FROM alpine:3.20 AS base\nLABEL maintainer=me\nFROM scratch\nCOPY --from=base / /\n', ['3:6-3:13 DL3049']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text, s)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20\nLABEL maintainer=me org.opencontainers.image.source=https://x\n',
    'FROM alpine:3.20 AS base\nLABEL maintainer=me org.opencontainers.image.source=https://x\nFROM base\nRUN true\n',
    'FROM alpine:3.20 AS build\nRUN true\nFROM alpine:3.20\nLABEL maintainer=me org.opencontainers.image.source=https://x\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text, s)).toEqual([]);
  });
  it('lists every missing label', () => {
    expect(lintRule(rule, 'FROM alpine:3.20\n', s)[0]?.message).toBe("The image does not set required labels 'org.opencontainers.image.source', 'maintainer'");
    expect(lintRule(rule, 'FROM alpine:3.20\nLABEL maintainer=me\n', s)[0]?.message).toBe("The image does not set required label 'org.opencontainers.image.source'");
  });
  it('is silent without a schema and checks leaves with stages: leaves', () => {
    expect(hits(rule, 'FROM alpine:3.20\n')).toEqual([]);
    const text = 'FROM alpine:3.20 AS a\nRUN true\nFROM alpine:3.20 AS b\nLABEL maintainer=me org.opencontainers.image.source=https://x\n';
    expect(hits(rule, text, { ...(s as object), rules: { [rule]: ['info', { stages: 'leaves' }] } } as never)).toEqual(['1:6-1:17 DL3049']);
  });
});

describe('invalid-label-value (DL3051-DL3056, DL3058)', () => {
  const rule = 'invalid-label-value';
  const s = schema({ url: 'url', date: 'rfc3339', lic: 'spdx', sha: 'hash', ver: 'semver', mail: 'email', name: 'text', tier: 'regex:(gold|silver)' });
  const check = (label: string): string[] => hits(rule, `FROM alpine:3.20\nLABEL ${label}\n`, s);
  it.each([
    // DL3051 empty
    ['name=""', 'DL3051'],
    ['url=', 'DL3051'],
    ['ver=""', 'DL3051'],
    // DL3052 url
    ['url=example.com', 'DL3052'],
    ['url="not a url"', 'DL3052'],
    ['url=/relative/path', 'DL3052'],
    // DL3053 rfc3339
    ['date=2021-03-10', 'DL3053'],
    ['date="2021-03-10 10:26"', 'DL3053'],
    ['date=yesterday', 'DL3053'],
    // DL3054 spdx
    ['lic=MITT', 'DL3054'],
    ['lic="MIT OR"', 'DL3054'],
    ['lic="GPL"', 'DL3054'],
    // DL3055 hash
    ['sha=abc', 'DL3055'],
    ['sha=ABCDEF1234', 'DL3055'],
    ['sha=0123456789abcdef0123456789abcdef0123456789', 'DL3055'],
    // DL3056 semver
    ['ver=v1.2.3', 'DL3056'],
    ['ver=1.2', 'DL3056'],
    ['ver=01.2.3', 'DL3056'],
    // DL3058 email
    ['mail="Jane <jane@example.com>"', 'DL3058'],
    ['mail=jane', 'DL3058'],
    ['mail=@example.com', 'DL3058'],
    ['tier=bronze', '-'],
  ])('reports %j', (label, code) => {
    expect(check(label).map((hit) => hit.split(' ')[1])).toEqual([code]);
  });
  it.each([
    'url=https://example.com/x',
    'url=git+ssh://git@example.com/x.git',
    'date=2021-03-10T10:26:33Z',
    'date=2021-03-10T10:26:33.5+01:00',
    'lic=MIT',
    'lic="Apache-2.0 OR MIT"',
    'lic="(MIT AND BSD-3-Clause) OR LicenseRef-Custom"',
    'lic="GPL-2.0-or-later WITH Classpath-exception-2.0"',
    'sha=abcdef1',
    'sha=0123456789abcdef0123456789abcdef01234567',
    'sha=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'ver=1.2.3',
    'ver=1.2.3-rc.1+b5',
    'mail=jane@example.com',
    'name=anything',
    'tier=gold',
    'ver=$VERSION',
    'other=""',
  ])('does not report %j', (label) => {
    expect(check(label)).toEqual([]);
  });
  it('ranges the value and names the expectation', () => {
    const finding = lintRule(rule, 'FROM alpine:3.20\nLABEL ver="v1"\n', s)[0];
    expect(finding?.message).toBe("Label 'ver' needs a semantic version");
    expect(check('ver="v1"')).toEqual(['2:11-2:15 DL3056']);
  });
});

describe('no-unknown-labels (DL3050)', () => {
  const rule = 'no-unknown-labels';
  const s = schema({ maintainer: 'text' }, true);
  it.each([
    ['FROM alpine:3.20\nLABEL team=x\n', ['2:7-2:11 DL3050']],
    ['FROM alpine:3.20\nLABEL maintainer=me team=x other=y\n', ['2:21-2:25 DL3050', '2:28-2:33 DL3050']],
    ['FROM alpine:3.20\nONBUILD LABEL team=x\n', ['2:15-2:19 DL3050']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text, s)).toEqual(expected);
  });
  it.each(['FROM alpine:3.20\nLABEL maintainer=me\n', 'FROM alpine:3.20\nRUN true\n', 'FROM alpine:3.20\nLABEL "maintainer"="me"\n'])('does not report %j', (text) => {
    expect(hits(rule, text, s)).toEqual([]);
  });
  it('is off unless strict labels are configured (recommended preset)', () => {
    expect(lintRule(rule, 'FROM alpine:3.20\nLABEL team=x\n', { presets: ['recommended'] })).toEqual([]);
    expect(lintRule(rule, 'FROM alpine:3.20\nLABEL team=x\n', { presets: ['recommended'], ...(s as object) } as never)).toHaveLength(1);
  });
});

describe('definition-description', () => {
  const rule = 'definition-description';
  it.each([
    ['FROM alpine:3.20\n# the version\nARG VERSION=1\n', ['2:1-2:14 InvalidDefinitionDescription']],
    ['# builds the app\nFROM alpine:3.20 AS builder\n', ['1:1-1:17 InvalidDefinitionDescription']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    'FROM alpine:3.20\n# VERSION is the version\nARG VERSION=1\n',
    '# builder compiles the app\nFROM alpine:3.20 AS builder\n',
    'FROM alpine:3.20\n# the version\n\nARG VERSION=1\n',
    '# just a comment\nFROM alpine:3.20\n',
    'FROM alpine:3.20\n# hadolint ignore=DL3006\nARG VERSION=1\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
});
