import { describe, expect, it } from 'vitest';
import { lintRule } from '../helpers.js';
import { fixed, hits } from './_pm-helpers.js';

const F = (body: string, base = 'debian:12'): string => `FROM ${base}\n${body}\n`;

describe('non-interactive-install', () => {
  const rule = 'non-interactive-install';
  it.each([
    // DL3014 (apt-get/apt)
    [F('RUN apt-get install curl'), ['2:13-2:20 DL3014,DS-0021']],
    [F('RUN apt-get -q install curl'), ['2:16-2:23 DL3014,DS-0021']],
    [F('RUN ["apt-get", "install", "curl"]'), ['2:17-2:26 DL3014,DS-0021']],
    [F('ONBUILD RUN apt-get install curl'), ['2:21-2:28 DL3014,DS-0021']],
    [F('RUN apt-get update && \\\n    apt-get remove --force-yes curl'), ['3:13-3:19 DL3014,DS-0021']],
    [F('RUN <<EOF\napt-get install curl\nEOF'), ['3:9-3:16 DL3014,DS-0021']],
    // DL3030 (yum)
    [F('RUN yum install httpd', 'centos:7'), ['2:9-2:16 DL3030']],
    [F('RUN yum update', 'centos:7'), ['2:9-2:15 DL3030']],
    [F('RUN sudo yum groupinstall "Dev Tools"', 'centos:7'), ['2:14-2:26 DL3030']],
    // DL3034 (zypper)
    [F('RUN zypper install curl', 'opensuse/leap'), ['2:12-2:19 DL3034']],
    [F('RUN zypper in -n curl', 'opensuse/leap'), ['2:12-2:14 DL3034']],
    [F('RUN zypper dup', 'opensuse/leap'), ['2:12-2:15 DL3034']],
    // DL3038 (dnf, microdnf, tdnf)
    [F('RUN dnf install python3', 'fedora'), ['2:9-2:16 DL3038']],
    [F('RUN microdnf install python3', 'ubi9'), ['2:14-2:21 DL3038']],
    [F('RUN tdnf remove python3', 'photon'), ['2:10-2:16 DL3038']],
    [F('RUN dnf module install nodejs:20', 'fedora'), ['2:9-2:15 DL3038']],
    // extensions without a code
    [F('RUN pip uninstall flask', 'python:3.12'), ['2:9-2:18 -']],
    [F('RUN conda install numpy', 'continuumio/miniconda3'), ['2:11-2:18 -']],
    [F('RUN add-apt-repository ppa:deadsnakes/ppa'), ['2:5-2:23 -']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });

  it.each([
    F('RUN apt-get install -y curl'),
    F('RUN apt-get install -qy curl'),
    F('RUN apt-get install -yq curl'),
    F('RUN apt-get -qq install curl'),
    F('RUN apt-get -q -q install curl'),
    F('RUN apt-get -qqq install curl'),
    F('RUN apt-get --quiet=2 install curl'),
    F('RUN apt-get -o APT::Get::Assume-Yes=true install curl'),
    F('RUN apt-get install --assume-yes curl'),
    F('RUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl'),
    F('RUN apt-get update && apt-cache search curl && apt-get clean'),
    F('RUN ["apt-get", "install", "-y", "curl"]'),
    F('RUN yum install -y httpd', 'centos:7'),
    F('RUN yum --assumeyes install httpd', 'centos:7'),
    F('RUN yum install --setopt=assumeyes=1 httpd', 'centos:7'),
    F('RUN yum makecache && yum clean all', 'centos:7'),
    F('RUN zypper -n install curl', 'opensuse/leap'),
    F('RUN zypper --non-interactive install curl', 'opensuse/leap'),
    F('RUN zypper install -y curl && zypper refresh', 'opensuse/leap'),
    F('RUN dnf -y install python3', 'fedora'),
    F('RUN microdnf install --assumeyes python3', 'ubi9'),
    F('RUN dnf makecache', 'fedora'),
    F('RUN pip uninstall -y flask', 'python:3.12'),
    F('RUN conda install -y numpy', 'continuumio/miniconda3'),
    F('RUN add-apt-repository -y ppa:deadsnakes/ppa'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });

  it('respects the managers option', () => {
    expect(hits(rule, F('RUN microdnf install x', 'ubi9'), { rules: { [rule]: ['warning', { managers: { microdnf: false } }] } })).toEqual([]);
  });

  it('says what to add', () => {
    expect(lintRule(rule, F('RUN zypper install curl'))[0]?.message).toBe('zypper install may prompt and abort the build; add -n');
    expect(lintRule(rule, F('RUN dnf group install x'))[0]?.message).toBe('dnf group install may prompt and abort the build; add -y');
  });

  it.each([
    [F('RUN apt-get install curl'), F('RUN apt-get install -y curl')],
    [F('RUN apt-get -q install \\\n  curl'), F('RUN apt-get -q install -y \\\n  curl')],
    [F('RUN ["apt-get", "install", "curl"]'), F('RUN ["apt-get", "install", "-y", "curl"]')],
    [F('RUN zypper install curl'), F('RUN zypper -n install curl')],
    [F('RUN yum install httpd'), F('RUN yum install -y httpd')],
  ])('fixes %j', (input, output) => {
    const result = fixed(rule, input);
    expect(result).toEqual({ text: output, safe: true, after: 0 });
  });

  it('does not edit heredoc bodies', () => {
    expect(lintRule(rule, F('RUN <<EOF\napt-get install curl\nEOF'))[0]?.fix).toBeUndefined();
  });
});

describe('no-install-recommends', () => {
  const rule = 'no-install-recommends';
  it.each([
    [F('RUN apt-get install -y curl'), ['2:13-2:20 DL3015,DS-0029']],
    [F('RUN apt install -y curl'), ['2:9-2:16 DL3015,DS-0029']],
    [F('RUN ["apt-get", "install", "-y", "curl"]'), ['2:17-2:26 DL3015,DS-0029']],
    [F('ONBUILD RUN apt-get install -y curl'), ['2:21-2:28 DL3015,DS-0029']],
    [F('RUN apt-get -o APT::Install-Recommends=true install -y curl'), ['2:45-2:52 DL3015,DS-0029']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    F('RUN apt-get install -y --no-install-recommends curl'),
    F('RUN apt-get install -y -o APT::Install-Recommends=false curl'),
    F('RUN apt-get install -y -o APT::Install-Recommends=off curl'),
    F('RUN apt-get install -y -o APT::Install-Recommends=0 curl'),
    F('RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl'),
    F('RUN apt-get update && apt-get upgrade -y'),
    F('RUN dnf install -y python3', 'fedora'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('checks dnf and zypper when enabled', () => {
    const options = { rules: { [rule]: ['info', { managers: { dnf: true, zypper: true } }] as [string, unknown] } } as never;
    expect(hits(rule, F('RUN dnf install -y python3 && zypper -n in curl'), options)).toEqual(['2:9-2:16 -', '2:41-2:43 -']);
    expect(hits(rule, F('RUN dnf install -y --setopt=install_weak_deps=False python3'), options)).toEqual([]);
  });
  it('fixes (unsafe)', () => {
    expect(fixed(rule, F('RUN apt-get install -y curl'))).toEqual({ text: F('RUN apt-get install --no-install-recommends -y curl'), safe: false, after: 0 });
  });
});

describe('clean-package-cache', () => {
  const rule = 'clean-package-cache';
  it.each([
    // DL3009 apt
    [F('RUN apt-get update && apt-get install -y curl'), ['2:13-2:19 DL3009']],
    [F('RUN apt-get update && apt-get install -y curl && rm -rf /tmp/*'), ['2:13-2:19 DL3009']],
    [F('RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl'), ['2:44-2:50 DL3009']],
    [F('RUN apt-get update && apt-get install -y curl && apt-get clean'), ['2:13-2:19 DL3009']],
    [F('ONBUILD RUN apt-get update && apt-get install -y curl'), ['2:21-2:27 DL3009']],
    // DL3019 apk
    [F('RUN apk add curl', 'alpine:3.20'), ['2:9-2:12 DL3019,DS-0025']],
    [F('RUN apk update && apk add curl', 'alpine:3.20'), ['2:23-2:26 DL3019,DS-0025']],
    [F('RUN ["apk", "add", "curl"]', 'alpine:3.20'), ['2:13-2:18 DL3019,DS-0025']],
    [F('RUN apk update', 'alpine:3.20'), ['2:9-2:15 DL3019,DS-0025']],
    // DL3032 yum
    [F('RUN yum install -y httpd', 'centos:7'), ['2:9-2:16 DL3032,DS-0015']],
    [F('RUN yum clean all && yum install -y httpd', 'centos:7'), ['2:26-2:33 DL3032,DS-0015']],
    [F('RUN yum install -y httpd && dnf clean all', 'centos:7'), ['2:9-2:16 DL3032,DS-0015']],
    // DL3040 dnf, microdnf, tdnf
    [F('RUN dnf install -y python3', 'fedora'), ['2:9-2:16 DL3040,DS-0019']],
    [F('RUN microdnf install -y python3', 'ubi9'), ['2:14-2:21 DL3040,DS-0027']],
    [F('RUN tdnf install -y python3 && rm -rf /tmp/x', 'photon'), ['2:10-2:17 DL3040']],
    // DL3036 zypper
    [F('RUN zypper -n install curl', 'opensuse/leap'), ['2:15-2:22 DL3036,DS-0020']],
    [F('RUN zypper -n refresh', 'opensuse/leap'), ['2:15-2:22 DL3036,DS-0020']],
    [F('RUN zypper clean && zypper -n in curl', 'opensuse/leap'), ['2:31-2:33 DL3036,DS-0020']],
    // DL3042 pip
    [F('RUN pip install flask', 'python:3.12'), ['2:9-2:16 DL3042']],
    [F('RUN python3 -m pip install flask', 'python:3.12'), ['2:20-2:27 DL3042']],
    [F('RUN PIP_NO_CACHE_DIR=0 pip install flask', 'python:3.12'), ['2:28-2:35 DL3042']],
    [F('RUN uv pip install flask', 'python:3.12'), ['2:12-2:19 DL3042']],
    // DL3060 yarn
    [F('RUN yarn install', 'node:22'), ['2:10-2:17 DL3060']],
    [F('RUN yarn', 'node:22'), ['2:5-2:9 DL3060']],
    [F('RUN yarn cache clean && yarn global add pm2', 'node:22'), ['2:30-2:36 DL3060']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });

  it.each([
    F('RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    F('RUN apt-get update && apt-get install -y curl && rm -r /var/lib/apt/lists'),
    F('RUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete'),
    F('RUN apt-get update && apt-get install -y curl && apt-get dist-clean'),
    F('RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl'),
    F('RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl'),
    F('RUN apt-get install -y curl'),
    F('FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x'),
    F('RUN apk add --no-cache curl', 'alpine:3.20'),
    F('RUN apk update && apk add --no-cache curl', 'alpine:3.20'),
    F('RUN apk add curl && rm -rf /var/cache/apk/*', 'alpine:3.20'),
    F('RUN --mount=type=cache,target=/var/cache/apk apk add curl', 'alpine:3.20'),
    F('RUN ["apk", "add", "--no-cache", "curl"]', 'alpine:3.20'),
    F('RUN yum install -y httpd && yum clean all', 'centos:7'),
    F('RUN yum install -y httpd && rm -rf /var/cache/yum', 'centos:7'),
    F('RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd', 'centos:7'),
    F('RUN dnf install -y python3 && dnf clean all', 'fedora'),
    F('RUN microdnf install -y python3 && microdnf clean all', 'ubi9'),
    F('RUN --mount=type=cache,target=/var/cache/dnf dnf install -y python3', 'fedora'),
    F('RUN zypper -n install curl && zypper clean --all', 'opensuse/leap'),
    F('RUN zypper -n install curl && zypper cc -a', 'opensuse/leap'),
    F('RUN zypper -n install curl && rm -rf /var/cache/zypp', 'opensuse/leap'),
    F('RUN pip install --no-cache-dir flask', 'python:3.12'),
    F('RUN PIP_NO_CACHE_DIR=1 pip install flask', 'python:3.12'),
    F('ENV PIP_NO_CACHE_DIR=true\nRUN pip install flask', 'python:3.12'),
    F('RUN export PIP_NO_CACHE_DIR=on && pip install flask', 'python:3.12'),
    F('RUN pip install flask && pip cache purge', 'python:3.12'),
    F('RUN pip install flask && rm -rf ~/.cache/pip', 'python:3.12'),
    F('RUN --mount=type=cache,target=/root/.cache/pip pip install flask', 'python:3.12'),
    F('RUN --mount=type=cache,target=/home/app/.cache pip install flask', 'python:3.12'),
    F('RUN pipx install black', 'python:3.12'),
    F('RUN uv pip install --no-cache flask', 'python:3.12'),
    F('RUN yarn install && yarn cache clean', 'node:22'),
    F('RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install', 'node:22'),
    F('RUN yarn install --frozen-lockfile && rm -rf /usr/local/share/.cache/yarn', 'node:22'),
    F('RUN yarn --version', 'node:22'),
    F('RUN npm ci', 'node:22'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });

  it('checks every stage with stages: all', () => {
    const text = F('FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x');
    expect(hits(rule, text, { rules: { [rule]: ['warning', { stages: 'all' }] } } as never)).toEqual(['3:13-3:19 DL3009']);
  });

  it('requires apt-get clean with aptRequireClean', () => {
    const options = { rules: { [rule]: ['warning', { aptRequireClean: true }] } } as never;
    expect(hits(rule, F('RUN apt-get install -y curl'), options)).toEqual(['2:13-2:20 -']);
    expect(hits(rule, F('RUN apt-get install -y curl && apt-get clean'), options)).toEqual([]);
  });

  it('has npm off by default', () => {
    expect(hits(rule, F('RUN npm ci', 'node:22'), { rules: { [rule]: ['warning', { managers: { npm: true } }] } } as never)).toEqual(['2:9-2:11 -']);
  });

  it('names the remedy', () => {
    expect(lintRule(rule, F('RUN dnf install -y x'))[0]?.message).toBe('dnf leaves its cache in this layer; run dnf clean all in the same RUN');
    expect(lintRule(rule, F('RUN apt-get update'))[0]?.message).toBe('apt-get leaves its cache in this layer; remove /var/lib/apt/lists/* in the same RUN');
  });

  it.each([
    [F('RUN apk add curl', 'alpine:3.20'), F('RUN apk add --no-cache curl', 'alpine:3.20'), true],
    [F('RUN pip install flask', 'python:3.12'), F('RUN pip install --no-cache-dir flask', 'python:3.12'), true],
    [F('RUN ["pip", "install", "flask"]', 'python:3.12'), F('RUN ["pip", "install", "--no-cache-dir", "flask"]', 'python:3.12'), true],
    [F('RUN apt-get update && \\\n    apt-get install -y curl'), F('RUN apt-get update && \\\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*'), true],
    [F('RUN apt-get update; apt-get install -y curl;'), F('RUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*'), true],
    [F('RUN dnf install -y x', 'fedora'), F('RUN dnf install -y x && dnf clean all', 'fedora'), true],
    [F('RUN zypper -n in x', 'opensuse/leap'), F('RUN zypper -n in x && zypper clean --all', 'opensuse/leap'), true],
    [F('RUN yarn install', 'node:22'), F('RUN yarn install && yarn cache clean', 'node:22'), true],
    [F('RUN apt-get update\nRUN apt-get install -y curl'), F('RUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y curl'), false],
  ])('fixes %j', (input, output, safe) => {
    expect(fixed(rule, input)).toEqual({ text: output, safe, after: 0 });
  });

  it('offers no append fix for exec form, heredocs or comments', () => {
    expect(lintRule(rule, F('RUN ["apt-get", "update"]'))[0]?.fix).toBeUndefined();
    expect(lintRule(rule, F('RUN <<EOF\napt-get update\nEOF'))[0]?.fix).toBeUndefined();
    expect(lintRule(rule, F('RUN apt-get update # refresh'))[0]?.fix).toBeUndefined();
  });
});

describe('update-with-install', () => {
  const rule = 'update-with-install';
  it.each([
    [F('RUN apt-get update\nRUN apt-get install -y curl'), ['2:13-2:19 DS-0017,CKV_DOCKER_5', '3:13-3:20 -']],
    [F('RUN apk update', 'alpine:3.20'), ['2:9-2:15 DS-0017,CKV_DOCKER_5']],
    [F('RUN zypper refresh', 'opensuse/leap'), ['2:12-2:19 DS-0017,CKV_DOCKER_5']],
    [F('RUN dnf makecache', 'fedora'), ['2:9-2:18 DS-0017,CKV_DOCKER_5']],
    [F('RUN apt-get install -y curl && apt-get update'), ['2:13-2:20 -', '2:40-2:46 DS-0017,CKV_DOCKER_5']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    F('RUN apt-get update && apt-get install -y curl'),
    F('RUN apt-get install --update -y curl'),
    F('RUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y curl'),
    F('RUN apk update && apk add curl', 'alpine:3.20'),
    F('RUN dnf makecache && dnf install -y x', 'fedora'),
    F('RUN dnf update -y', 'fedora'),
    F('RUN apt-get update && xx-apt-get install -y gcc'),
    F('RUN --mount=type=cache,target=/var/cache/tdnf tdnf install -y x && tdnf makecache', 'azurelinux'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('treats rpm update as a refresh with rpmUpdateIsRefresh', () => {
    expect(hits(rule, F('RUN dnf update -y', 'fedora'), { rules: { [rule]: ['warning', { rpmUpdateIsRefresh: true }] } } as never)).toEqual([
      '2:9-2:15 DS-0017,CKV_DOCKER_5',
    ]);
  });
  it('links the lone update', () => {
    const finding = lintRule(rule, F('RUN apt-get update\nRUN apt-get install -y curl'))[1];
    expect(finding?.related[0]?.range.start).toEqual({ line: 1, character: 12 });
  });
});

describe('no-dist-upgrade (DL3035)', () => {
  const rule = 'no-dist-upgrade';
  it.each([
    [F('RUN zypper -n dist-upgrade', 'opensuse/leap'), ['2:15-2:27 DL3035']],
    [F('RUN zypper -n dup', 'opensuse/leap'), ['2:15-2:18 DL3035']],
    [F('ONBUILD RUN zypper --non-interactive dup', 'opensuse/leap'), ['2:38-2:41 DL3035']],
    [F('RUN ["zypper", "-n", "dup"]', 'opensuse/leap'), ['2:22-2:27 DL3035']],
    [F('RUN apt-get -y dist-upgrade'), ['2:16-2:28 DS-0024']],
    [F('RUN apt full-upgrade -y'), ['2:9-2:21 -']],
    [F('RUN dnf system-upgrade download', 'fedora'), ['2:9-2:23 -']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    F('RUN zypper -n update', 'opensuse/leap'),
    F('RUN zypper -n install dup', 'opensuse/leap'),
    F('RUN zypper -n patch', 'opensuse/leap'),
    F('RUN apt-get -y upgrade'),
    F('RUN echo dist-upgrade'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it('has a managers option', () => {
    expect(hits(rule, F('RUN zypper -n dup'), { rules: { [rule]: ['warning', { managers: { zypper: false } }] } } as never)).toEqual([]);
  });
});

describe('no-package-upgrade', () => {
  const rule = 'no-package-upgrade';
  it.each([
    [F('RUN apt-get upgrade -y'), ['2:13-2:20 -']],
    [F('RUN apk upgrade --no-cache', 'alpine:3.20'), ['2:9-2:16 -']],
    [F('RUN yum -y update', 'centos:7'), ['2:12-2:18 -']],
    [F('RUN zypper -n patch', 'opensuse/leap'), ['2:15-2:20 -']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([F('RUN apk upgrade --no-cache openssl', 'alpine:3.20'), F('RUN dnf -y upgrade glibc', 'fedora'), F('RUN apt-get install -y --only-upgrade curl')])(
    'does not report %j',
    (text) => {
      expect(hits(rule, text)).toEqual([]);
    },
  );
});

describe('prefer-apt-get (DL3027)', () => {
  const rule = 'prefer-apt-get';
  it.each([
    [F('RUN apt install -y curl'), ['2:5-2:8 DL3027,CKV_DOCKER_9']],
    [F('RUN apt update && apt upgrade -y'), ['2:5-2:8 DL3027,CKV_DOCKER_9', '2:19-2:22 DL3027,CKV_DOCKER_9']],
    [F('RUN ["apt", "install", "-y", "curl"]'), ['2:6-2:11 DL3027,CKV_DOCKER_9']],
    [F('ONBUILD RUN apt list --installed'), ['2:13-2:16 DL3027,CKV_DOCKER_9']],
    [F('RUN sudo /usr/bin/apt remove -y curl'), ['2:10-2:22 DL3027,CKV_DOCKER_9']],
  ])('reports %j', (text, expected) => {
    expect(hits(rule, text)).toEqual(expected);
  });
  it.each([
    F('RUN apt-get install -y curl'),
    F('RUN apt-cache policy curl && apt-mark hold curl && apt-key list'),
    F('RUN curl -o /etc/apt/keyrings/apt.gpg https://example.com/apt'),
    F('RUN echo apt install'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
  it.each([
    [F('RUN apt install -y curl'), F('RUN apt-get install -y curl'), true],
    [F('RUN ["apt", "install", "-y", "curl"]'), F('RUN ["apt-get", "install", "-y", "curl"]'), true],
    [F('RUN apt upgrade -y'), F('RUN apt-get upgrade -y'), false],
  ])('fixes %j', (input, output, safe) => {
    expect(fixed(rule, input)).toEqual({ text: output, safe, after: 0 });
  });
  it('offers no fix for list or search', () => {
    expect(lintRule(rule, F('RUN apt list'))[0]?.fix).toBeUndefined();
  });
});

describe('no-debian-frontend-env', () => {
  const rule = 'no-debian-frontend-env';
  it('reports ENV in shipped stages and fixes the single pair', () => {
    expect(hits(rule, F('ENV DEBIAN_FRONTEND=noninteractive'))).toEqual(['2:5-2:20 -']);
    expect(fixed(rule, F('ENV DEBIAN_FRONTEND=noninteractive'))).toEqual({ text: F('ARG DEBIAN_FRONTEND=noninteractive'), safe: false, after: 0 });
    expect(fixed(rule, F('env DEBIAN_FRONTEND noninteractive'))).toEqual({ text: F('arg DEBIAN_FRONTEND=noninteractive'), safe: false, after: 0 });
    expect(lintRule(rule, F('ENV DEBIAN_FRONTEND=noninteractive TZ=UTC'))[0]?.fix).toBeUndefined();
  });
  it('ignores builder stages and ARG', () => {
    expect(hits(rule, F('FROM debian:12 AS build\nENV DEBIAN_FRONTEND=noninteractive\nFROM debian:12\nCOPY --from=build /x /x'))).toEqual([]);
    expect(hits(rule, F('ARG DEBIAN_FRONTEND=noninteractive'))).toEqual([]);
  });
});

describe('apk-virtual-build-deps', () => {
  const rule = 'apk-virtual-build-deps';
  it('reports add-then-del of several packages', () => {
    expect(hits(rule, F('RUN apk add --no-cache gcc make musl-dev && make && apk del gcc make', 'alpine:3.20'))).toEqual(['2:9-2:12 -']);
  });
  it.each([
    F('RUN apk add --no-cache --virtual .build-deps gcc make && apk del .build-deps', 'alpine:3.20'),
    F('RUN apk add --no-cache -t .deps gcc make && apk del .deps', 'alpine:3.20'),
    F('RUN apk add --no-cache gcc make && apk del gcc', 'alpine:3.20'),
    F('RUN apk add --no-cache gcc make', 'alpine:3.20'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
});

describe('prefer-cache-mounts', () => {
  const rule = 'prefer-cache-mounts';
  it('suggests a cache mount per tool', () => {
    expect(lintRule(rule, F('RUN pip install --no-cache-dir flask', 'python:3.12'))[0]?.message).toBe('Consider RUN --mount=type=cache,target=/root/.cache/pip for pip');
    expect(hits(rule, F('RUN apt-get install -y curl && go build ./... && go mod download'))).toEqual(['2:13-2:20 -', '2:35-2:40 -', '2:53-2:56 -']);
  });
  it.each([
    F('RUN --mount=type=cache,target=/root/.cache/pip pip install flask', 'python:3.12'),
    F('RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get install -y curl'),
    F('RUN --mount=type=cache,target=/root/.cache/go-build go build ./...', 'golang:1.23'),
    F('RUN go vet ./...', 'golang:1.23'),
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
});

describe('no-build-tools-in-final-stage', () => {
  const rule = 'no-build-tools-in-final-stage';
  const multi = (run: string): string => `FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM debian:12\n${run}\nCOPY --from=build /app /app\n`;
  it('reports build tools in the shipped stage', () => {
    expect(hits(rule, multi('RUN apt-get install -y gcc libssl-dev curl'))).toEqual(['4:24-4:27 -', '4:28-4:38 -']);
  });
  it.each([
    multi('RUN apt-get install -y gcc && make && apt-get purge -y gcc'),
    multi('RUN apk add --virtual .b gcc make && apk del .b'),
    multi('RUN apt-get install -y curl'),
    'FROM debian:12\nRUN apt-get install -y gcc\n',
    'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /x /x\n',
  ])('does not report %j', (text) => {
    expect(hits(rule, text)).toEqual([]);
  });
});
