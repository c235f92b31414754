import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../rules/index.js';
import rule from '../../rules/pinned-versions.js';
import { lintText } from '../../src/engine/lint.js';
import { RuleRegistry } from '../../src/engine/registry.js';
import type { ReportDescriptor, RuleDefinition } from '../../src/engine/types.js';
import { BuildFile } from '../../src/model/build-file.js';
import { config } from '../helpers.js';

type Options = Parameters<typeof rule.check>[0]['options'];

function run(text: string, overrides: Partial<Options> = {}): ReportDescriptor[] {
  const file = new BuildFile(text);
  const out: ReportDescriptor[] = [];
  const defaults = rule.meta.options?.defaults as unknown as Options;
  rule.check({ file, options: { ...defaults, ...overrides }, settings: {} as never, report: (d) => out.push(d) });
  return out;
}

/** `line:col-endLine:endCol` (1-based), the codes and the package from the message. */
function summary(d: ReportDescriptor): string {
  const r = d.range;
  const pkg = /package '([^']*)'/.exec(d.message)?.[1];
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${(d.codes ?? []).join(',') || '-'} ${pkg}`;
}

function lint(text: string, overrides: Partial<Options> = {}): string[] {
  return run(text, overrides).map(summary);
}

describe('pinned-versions: metadata', () => {
  it('follows the spec', () => {
    expect(rule.meta).toMatchObject({
      id: 'pinned-versions',
      codes: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041', 'DL3062'],
      severity: 'warning',
      category: 'reproducibility',
      presets: ['recommended'],
      fixable: undefined,
    });
    expect(rule.meta.alsoKnownAs).toEqual(expect.arrayContaining(['kics:965a08d7', 'kics:562952e4', 'cis:4.7']));
    expect(rule.meta.options?.defaults).toEqual({
      managers: { apt: true, pip: true, npm: true, yarn: true, pnpm: true, apk: true, gem: true, yum: true, dnf: true, zypper: true, go: true, cargo: false, composer: false, conda: false },
      allow: [],
      exactOnly: false,
    });
  });

  it('runs its examples', () => {
    expect(rule.meta.examples.invalid.length).toBeGreaterThanOrEqual(8);
    expect(rule.meta.examples.valid.length).toBeGreaterThanOrEqual(8);
    for (const example of rule.meta.examples.invalid) expect(run(example).length, example).toBeGreaterThan(0);
    for (const example of rule.meta.examples.valid) expect(run(example), example).toEqual([]);
  });
});

describe('pinned-versions: through the engine', () => {
  const rules = BUILTIN_RULES.some((each) => each.meta.id === rule.meta.id) ? BUILTIN_RULES : [...BUILTIN_RULES, rule as unknown as RuleDefinition];
  const registry = new RuleRegistry(rules);
  const findings = (text: string, rulesConfig: Parameters<typeof config>[0] = {}) =>
    lintText(text, { config: config({ presets: ['recommended'], ...rulesConfig }), registry, reportUnusedIgnores: false })
      .findings.filter((f) => f.ruleId === 'pinned-versions')
      .map((f) => `${f.codes.join(',')} ${/package '([^']*)'/.exec(f.message)?.[1]}`);
  const text = 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl && pip install flask\nRUN apt-get install -y wget\n';

  it('is on in the recommended preset and silenced per code', () => {
    expect(findings(text)).toEqual(['DL3013 flask', 'DL3008 wget']);
  });

  it('lets a code be turned off on its own', () => {
    expect(findings(text, { rules: { DL3008: 'off' } })).toEqual(['DL3013 flask']);
    expect(findings(text, { rules: { 'pinned-versions': 'off', DL3013: 'warning' } })).toEqual(['DL3013 flask']);
  });

  it('has a schema that accepts its defaults and rejects unknown options', () => {
    const options = rule.meta.options;
    if (!options) throw new Error('no options');
    const validate = new Ajv({ strict: false }).compile(options.schema);
    expect(validate(options.defaults)).toBe(true);
    expect(validate({ managers: { cargo: true }, allow: ['pip'], exactOnly: true })).toBe(true);
    expect(validate({ managers: { brew: true } })).toBe(false);
    expect(validate({ ...options.defaults, notAnOption: true })).toBe(false);
    expect(Object.keys(options.docs).sort()).toEqual(Object.keys(options.defaults).sort());
  });
});

describe('pinned-versions: messages', () => {
  it('names the manager, the package and an example', () => {
    const messages = run(
      [
        'FROM debian:12',
        'RUN apt-get install -y curl:amd64',
        'RUN pip install "flask[async]" git+https://github.com/u/r.git',
        'RUN npm i @types/node',
        'RUN gem install rails',
        'RUN dnf install -y httpd',
        'RUN go install golang.org/x/tools/gopls@latest',
        '',
      ].join('\n'),
    ).map((d) => d.message);
    expect(messages).toEqual([
      "Pin the version of apt package 'curl:amd64' (e.g. curl:amd64=<version>)",
      "Pin the version of pip package 'flask[async]' (e.g. flask[async]==<version>)",
      "Pin the version of pip package 'git+https://github.com/u/r.git' (e.g. git+https://github.com/u/r.git@<ref>)",
      "Pin the version of npm package '@types/node' (e.g. @types/node@<version>)",
      "Pin the version of gem package 'rails' (e.g. rails:<version>)",
      "Pin the version of dnf package 'httpd' (e.g. httpd-<version>)",
      "Pin the version of go package 'golang.org/x/tools/gopls@latest' (e.g. golang.org/x/tools/gopls@<version>)",
    ]);
  });

  it('asks to quote an unquoted constraint', () => {
    const [d] = run('FROM python:3.12\nRUN pip install flask>=2\n');
    expect(d?.message).toBe("Pin the version of pip package 'flask' (e.g. flask==<version>); quote the version constraint");
    expect(d && summary(d)).toBe('2:17-2:22 DL3013 flask');
  });
});

describe('DL3008 apt', () => {
  it('reports each unpinned package word', () => {
    expect(lint('FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl wget=1.21\n')).toEqual(['2:66-2:70 DL3008 curl']);
    expect(lint('FROM debian:12\nRUN sudo apt install -y curl git\n')).toEqual(['2:25-2:29 DL3008 curl', '2:30-2:33 DL3008 git']);
    expect(lint('FROM debian:12\nRUN env DEBIAN_FRONTEND=noninteractive aptitude install -y vim\n')).toEqual(['2:60-2:63 DL3008 vim']);
    expect(lint('FROM debian:12\nARG PKGS="curl wget"\nRUN apt-get install -y $PKGS\n')).toEqual(['3:24-3:29 DL3008 curl', '3:24-3:29 DL3008 wget']);
  });

  it('does not report pinned, non-install or skipped words', () => {
    expect(lint('FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 foo/bookworm-backports ./x.deb\n')).toEqual([]);
    expect(lint('FROM debian:12\nRUN apt-get download install curl && apt-get -o install=1 update\n')).toEqual([]);
    expect(lint('FROM debian:12\nARG V\nRUN apt-get install -y curl=${V} $UNKNOWN_FROM_BASE\n')).toEqual([]);
    expect(lint('FROM debian:12\nRUN apt-get install -y curl\n', { managers: { apt: false } })).toEqual([]);
  });
});

describe('DL3013 pip', () => {
  it('reports unpinned requirements', () => {
    expect(lint('FROM python:3.12\nRUN pip install --no-cache-dir flask\n')).toEqual(['2:32-2:37 DL3013 flask']);
    expect(lint('FROM python:3.12\nRUN python3 -m pip install -r requirements.txt requests\n')).toEqual(['2:48-2:56 DL3013 requests']);
    expect(lint("FROM python:3.12\nRUN sh -c 'pipx install black'\n")).toEqual(['2:25-2:30 DL3013 black']);
    expect(lint('FROM python:3.12\nRUN uv pip install --system "flask[async]"\n')).toEqual(['2:29-2:43 DL3013 flask[async]']);
  });

  it('does not report pinned requirements or constrained installs', () => {
    expect(lint('FROM python:3.12\nRUN pip install "flask==3.0.3" "requests>=2" ./pkg dist/x.whl\n')).toEqual([]);
    expect(lint('FROM python:3.12\nRUN pip install -c constraints.txt flask requests\n')).toEqual([]);
    expect(lint('FROM python:3.12\nRUN pip install -e . git+https://github.com/u/r.git@v1.0#egg=r\n')).toEqual([]);
    expect(lint('FROM python:3.12\nRUN pip install -U pip setuptools wheel\n', { allow: ['pip', 'setuptools', 'wheel'] })).toEqual([]);
  });

  it('exactOnly turns ranges into findings', () => {
    expect(lint('FROM python:3.12\nRUN pip install "flask>=3" "requests==2.32.3"\n', { exactOnly: true })).toEqual(['2:17-2:27 DL3013 flask>=3']);
  });
});

describe('DL3016 npm (and yarn, pnpm without a code)', () => {
  it('reports unpinned packages', () => {
    expect(lint('FROM node:22\nRUN npm install -g express\n')).toEqual(['2:20-2:27 DL3016 express']);
    expect(lint('FROM node:22\nRUN npm i typescript@latest\n')).toEqual(['2:11-2:28 DL3016 typescript@latest']);
    expect(lint('FROM node:22\nRUN npm add --registry https://r.example @scope/pkg\n')).toEqual(['2:42-2:52 DL3016 @scope/pkg']);
    expect(lint('FROM node:22\nRUN yarn global add serve && pnpm add -g vite\n')).toEqual(['2:21-2:26 - serve', '2:42-2:46 - vite']);
  });

  it('does not report pinned packages or lockfile installs', () => {
    expect(lint('FROM node:22\nRUN npm install -g express@4.19.2 @scope/pkg@^1.2.0\n')).toEqual([]);
    expect(lint('FROM node:22\nRUN npm ci && npm install && yarn install --frozen-lockfile\n')).toEqual([]);
    expect(lint('FROM node:22\nRUN npm install github:user/repo#v1.0.0 ./local ./x.tgz\n')).toEqual([]);
    expect(lint('FROM node:22\nRUN yarn add react\n', { managers: { yarn: false } })).toEqual([]);
  });
});

describe('DL3018 apk', () => {
  it('reports unpinned packages', () => {
    expect(lint('FROM alpine:3.20\nRUN apk add --no-cache git\n')).toEqual(['2:24-2:27 DL3018 git']);
    expect(lint('FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev\n')).toEqual(['2:35-2:38 DL3018 gcc', '2:39-2:47 DL3018 musl-dev']);
    expect(lint('FROM alpine:3.20\nRUN apk --update add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing curl\n')).toEqual(['2:76-2:80 DL3018 curl']);
  });

  it('does not report pinned packages', () => {
    expect(lint('FROM alpine:3.20\nRUN apk add --no-cache git=2.45.2-r0 "curl~8.9" ./x.apk\n')).toEqual([]);
    expect(lint('FROM alpine:3.20\nRUN apk update && apk upgrade && apk del git\n')).toEqual([]);
    expect(lint('FROM alpine:3.20\nRUN apk add py3-pip py3-yaml\n', { allow: ['py3-*'] })).toEqual([]);
  });

  it('resolves an ENV list written over continued lines (no stray backslash package)', () => {
    // Corpus: moby libnetwork ssd — `ENV PACKAGES="\` + one package per line, then `apk add $PACKAGES`.
    const text = 'FROM alpine:3.20\nENV PACKAGES="\\\n    musl \\\n    git=2.45.2-r0 \\\n"\nRUN apk add --no-cache $PACKAGES\n';
    expect(lint(text)).toEqual(['6:24-6:33 DL3018 musl']);
  });
});

describe('DL3028 gem', () => {
  it('reports unpinned gems', () => {
    expect(lint('FROM ruby:3.3\nRUN gem install rails\n')).toEqual(['2:17-2:22 DL3028 rails']);
    expect(lint('FROM ruby:3.3\nRUN gem install --no-document bundler\n')).toEqual(['2:31-2:38 DL3028 bundler']);
    expect(lint('FROM ruby:3.3\nRUN gem i -N rake:13.2.1 rspec\n')).toEqual(['2:26-2:31 DL3028 rspec']);
  });

  it('does not report pinned gems', () => {
    expect(lint('FROM ruby:3.3\nRUN gem install rails:7.1.3\n')).toEqual([]);
    expect(lint('FROM ruby:3.3\nRUN gem install -v 2.5.9 bundler\n')).toEqual([]);
    expect(lint('FROM ruby:3.3\nRUN gem install pg:1.5.6 -- --with-pg-config=/usr/bin/pg_config && gem update --system\n')).toEqual([]);
  });
});

describe('DL3033 yum', () => {
  it('reports unpinned packages', () => {
    expect(lint('FROM centos:7\nRUN yum install -y httpd\n')).toEqual(['2:20-2:25 DL3033 httpd']);
    expect(lint('FROM centos:7\nRUN yum --enablerepo epel install -y python3-devel\n')).toEqual(['2:38-2:51 DL3033 python3-devel']);
    expect(lint('FROM centos:7\nRUN yum reinstall -y openssl tomcat-9.0.1\n')).toEqual(['2:22-2:29 DL3033 openssl']);
  });

  it('does not report pinned or skipped arguments', () => {
    expect(lint('FROM centos:7\nRUN yum install -y httpd-2.4.6-99.el7 ./local.rpm\n')).toEqual([]);
    expect(lint('FROM centos:7\nRUN yum groupinstall -y "Development Tools" && yum install -y @core\n')).toEqual([]);
    expect(lint('FROM centos:7\nRUN yum update -y && yum clean all\n')).toEqual([]);
  });
});

describe('DL3037 zypper', () => {
  it('reports unpinned packages', () => {
    expect(lint('FROM opensuse/leap:15.6\nRUN zypper install -y curl\n')).toEqual(['2:23-2:27 DL3037 curl']);
    expect(lint('FROM opensuse/leap:15.6\nRUN zypper -n in git\n')).toEqual(['2:18-2:21 DL3037 git']);
    expect(lint('FROM opensuse/leap:15.6\nRUN zypper --non-interactive install --from repo vim\n')).toEqual(['2:50-2:53 DL3037 vim']);
  });

  it('does not report pinned packages or patterns', () => {
    expect(lint('FROM opensuse/leap:15.6\nRUN zypper install -y "curl=8.0.1" git\\>=2.43\n')).toEqual([]);
    expect(lint('FROM opensuse/leap:15.6\nRUN zypper install -t pattern devel_basis\n')).toEqual([]);
    expect(lint('FROM opensuse/leap:15.6\nRUN zypper refresh && zypper clean -a\n')).toEqual([]);
  });
});

describe('DL3041 dnf, microdnf, tdnf', () => {
  it('reports unpinned packages', () => {
    expect(lint('FROM fedora:40\nRUN dnf install -y python3-devel\n')).toEqual(['2:20-2:33 DL3041 python3-devel']);
    expect(lint('FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y --nodocs shadow-utils\n')).toEqual(['2:34-2:46 DL3041 shadow-utils']);
    expect(lint('FROM photon:5.0\nRUN tdnf install -y curl && dnf module install -y php\n')).toEqual(['2:21-2:25 DL3041 curl', '2:51-2:54 DL3041 php']);
  });

  it('does not report pinned or skipped arguments', () => {
    expect(lint('FROM fedora:40\nRUN dnf install -y gcc-c++-11.3.1 openssl-1:3.0.7 "dnf-command(config-manager)"\n')).toEqual([]);
    expect(lint('FROM fedora:40\nRUN dnf module install -y nodejs:20 && dnf install -y /usr/bin/python3\n')).toEqual([]);
    expect(lint('FROM fedora:40\nRUN dnf install -y curl\n', { managers: { dnf: false } })).toEqual([]);
  });
});

describe('DL3062 go', () => {
  it('reports unpinned module paths', () => {
    expect(lint('FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@latest\n')).toEqual(['2:16-2:55 DL3062 golang.org/x/tools/cmd/goimports@latest']);
    expect(lint('FROM golang:1.23\nRUN go get github.com/pkg/errors\n')).toEqual(['2:12-2:33 DL3062 github.com/pkg/errors']);
    expect(lint('FROM golang:1.23\nRUN go run -mod=mod github.com/a/b@master ./x\n')).toEqual(['2:21-2:42 DL3062 github.com/a/b@master']);
  });

  it('does not report pinned, local or standard-library paths', () => {
    expect(lint('FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/goimports@v0.24.0\n')).toEqual([]);
    expect(lint('FROM golang:1.23\nRUN go run main.go && go install ./cmd/... && go build ./...\n')).toEqual([]);
    expect(lint('FROM golang:1.23\nRUN go get github.com/pkg/errors@none fmt\n')).toEqual([]);
  });
});

describe('managers off by default: cargo, composer, conda', () => {
  it('are silent by default and report without a code when enabled', () => {
    const text = 'FROM rust:1.80\nRUN cargo install ripgrep && composer require monolog/monolog && conda install -y numpy\n';
    expect(lint(text)).toEqual([]);
    expect(lint(text, { managers: { cargo: true, composer: true, conda: true } })).toEqual([
      '2:19-2:26 - ripgrep',
      '2:47-2:62 - monolog/monolog',
      '2:83-2:88 - numpy',
    ]);
  });
});

describe('pinned-versions: RUN forms', () => {
  it('checks ONBUILD RUN triggers', () => {
    expect(lint('FROM debian:12\nONBUILD RUN apt-get install -y curl\n')).toEqual(['2:32-2:36 DL3008 curl']);
  });

  it('checks heredoc scripts', () => {
    expect(lint('FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\npip install flask==3.0.3\nEOF\n')).toEqual(['5:20-5:24 DL3008 curl']);
    expect(lint('FROM debian:12\nRUN cat > /x <<EOF\napt-get install -y curl\nEOF\n')).toEqual([]);
  });

  it('checks exec form', () => {
    expect(lint('FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n')).toEqual(['2:34-2:40 DL3008 curl']);
    expect(lint('FROM debian:12\nRUN ["/bin/sh", "-c", "apt-get install -y curl"]\n')).toEqual(['2:43-2:47 DL3008 curl']);
  });

  it('checks continuation lines and skips comment lines inside them', () => {
    const text = ['FROM debian:12', 'RUN apt-get update \\', '    && apt-get install -y \\', '#      not-a-package \\', '       curl \\', '       wget=1.21 \\', '       git', ''].join('\n');
    expect(lint(text)).toEqual(['5:8-5:12 DL3008 curl', '7:8-7:11 DL3008 git']);
  });

  it('does not check PowerShell stages', () => {
    expect(lint('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN pip install flask\n')).toEqual([]);
  });
});

describe('one finding per package behind a variable', () => {
  it('reports each unpinned package of $PKGS, all ranged on the variable', async () => {
    const { lintRule, where } = await import('../helpers.js');
    const findings = lintRule('pinned-versions', 'FROM debian:12\nARG PKGS="curl git"\nRUN apt-get install -y $PKGS\nUSER app\n');
    expect(findings.map((f) => [where(f), f.message])).toEqual([
      ['3:24-3:29', "Pin the version of apt package 'curl' (e.g. curl=<version>)"],
      ['3:24-3:29', "Pin the version of apt package 'git' (e.g. git=<version>)"],
    ]);
  });
});
