import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const U = 'USER nobody\n';
const A = 'FROM alpine:3.22\n';
const summary = (rule: string, text: string, options: Parameters<typeof lintRule>[2] = {}): string[] =>
  lintRule(rule, text, options).map((f) => `${where(f)} ${f.codes.join(',')}`.trim());
const fix = (text: string, rule: string): string =>
  runFixes(text, { unsafe: true, categoryOf: () => 'security', lint: (t) => lint(t).filter((f) => f.ruleId === rule) }).text;

describe('no-tls-verify-bypass', () => {
  const rule = 'no-tls-verify-bypass';
  it('reports curl -k in a cluster and --insecure, with the flag range and code', () => {
    expect(summary(rule, `${A}RUN curl -fsSLk -o /tmp/x https://e.com/x && curl --insecure https://e.com/y\n${U}`)).toEqual([
      '2:10-2:16 CKV2_DOCKER_2',
      '2:51-2:61 CKV2_DOCKER_2',
    ]);
    const [first] = lintRule(rule, `${A}RUN curl -fsSLk -o /tmp/x https://e.com/x\n${U}`);
    expect(first?.message).toBe('curl TLS certificate verification is disabled (-k); fix the CA trust instead');
  });
  it('removes the k letter from a cluster and whole flags, as unsafe fixes', () => {
    expect(fix(`${A}RUN curl -fsSLk -o /tmp/x https://e.com/x\n${U}`, rule)).toBe(`${A}RUN curl -fsSL -o /tmp/x https://e.com/x\n${U}`);
    expect(fix(`${A}RUN wget --no-check-certificate -q https://e.com/x\n${U}`, rule)).toBe(`${A}RUN wget -q https://e.com/x\n${U}`);
    const pip = `FROM python:3.13-slim\nRUN pip install --trusted-host pypi.example.com app==1.0\n${U}`;
    expect(fix(pip, rule)).toBe(`FROM python:3.13-slim\nRUN pip install app==1.0\n${U}`);
    expect(lintRule(rule, pip)[0]?.fix?.safe).toBe(false);
  });
  it('reports wget, pip, git, npm, yum and apt forms with their codes', () => {
    const text = [
      'FROM python:3.13-slim',
      'RUN wget --no-check-certificate https://e.com/x',
      'RUN pip install --trusted-host h app==1.0',
      'RUN pip config set global.trusted-host h',
      'RUN git config --global http.sslVerify false && git -c http.sslVerify=false clone https://e.com/r.git',
      'RUN npm config set strict-ssl false && yarn config set strict-ssl false',
      'RUN dnf install -y --setopt=sslverify=0 curl-8.0',
      'RUN apt-get -o Acquire::https::Verify-Peer=false update',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual([
      '2:10-2:32 CKV2_DOCKER_3',
      '3:17-3:31 CKV2_DOCKER_4',
      '4:20-4:39 CKV2_DOCKER_4',
      '5:25-5:39 CKV2_DOCKER_14',
      '5:56-5:76 CKV2_DOCKER_14',
      '6:20-6:30 CKV2_DOCKER_13',
      '6:56-6:66 CKV2_DOCKER_13',
      '7:20-7:40 CKV2_DOCKER_15',
      '8:16-8:49',
    ]);
  });
  it('reports environment settings at the key, in ARG, ENV and scripts', () => {
    const text = [
      'FROM node:22-alpine',
      'ENV NODE_TLS_REJECT_UNAUTHORIZED=0 PYTHONHTTPSVERIFY=0',
      'ARG NPM_CONFIG_STRICT_SSL=false',
      'ENV GIT_SSL_NO_VERIFY=""',
      'RUN PIP_TRUSTED_HOST=h pip install app==1.0 && export GOINSECURE=example.com',
      'USER node',
      '',
    ].join('\n');
    expect(summary(rule, text)).toEqual([
      '2:5-2:33 CKV2_DOCKER_6',
      '2:36-2:53 CKV2_DOCKER_5',
      '3:5-3:26 CKV2_DOCKER_12',
      '4:5-4:22 CKV2_DOCKER_14',
      '5:5-5:21 CKV2_DOCKER_16',
      '5:55-5:65',
    ]);
  });
  it('reports config-file writes at the written line', () => {
    const text = [
      A.trim(),
      'RUN echo "insecure" >> ~/.curlrc',
      "RUN printf '[global]\\ntrusted-host = h\\n' > /etc/pip.conf",
      'RUN cat <<EOF > /etc/yum.repos.d/x.repo',
      '[x]',
      'sslverify=0',
      'EOF',
      'COPY <<EOF /root/.npmrc',
      'strict-ssl=false',
      'EOF',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual(['2:10-2:20 CKV2_DOCKER_2', '3:12-3:42 CKV2_DOCKER_4', '6:1-6:12 CKV2_DOCKER_15', '9:1-9:17 CKV2_DOCKER_13']);
  });
  it('does not report verified TLS, other values, a secret mount or unrelated flags', () => {
    const text = [
      'FROM node:22-alpine',
      'ENV NODE_TLS_REJECT_UNAUTHORIZED=1',
      'ARG GIT_SSL_NO_VERIFY',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'RUN curl -fsSL --cacert /etc/ssl/ca.pem https://e.com/x -o /tmp/x && git config --global http.sslVerify true',
      'RUN echo "strict-ssl=true" > /root/.npmrc && echo "-k" > /tmp/notes.txt',
      'USER node',
      '',
    ].join('\n');
    expect(summary(rule, text)).toEqual([]);
  });
  it('honours the tools option', () => {
    const rules = { [rule]: ['error', { tools: { curl: false } }] } as never;
    expect(summary(rule, `${A}RUN curl -k https://e.com/x\n${U}`, { rules })).toEqual([]);
  });
});

describe('no-package-signature-bypass', () => {
  const rule = 'no-package-signature-bypass';
  it('reports apk, apt, yum/dnf, rpm and zypper flags with their codes', () => {
    const text = [
      'FROM alpine:3.22',
      'RUN apk add --allow-untrusted /tmp/x.apk',
      'RUN apt-get install -y --allow-unauthenticated --force-yes curl=8.0',
      'RUN yum install -y --nogpgcheck x-1.0 && dnf install -y --setopt=gpgcheck=0 y-1.0',
      'RUN rpm -i --nosignature /tmp/x.rpm && zypper --no-gpg-checks install -y z=1.0',
      'RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl=8.0',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual([
      '2:13-2:30 CKV2_DOCKER_7',
      '3:24-3:47 CKV2_DOCKER_8',
      '3:48-3:59 CKV2_DOCKER_11',
      '4:20-4:32 CKV2_DOCKER_9',
      '4:57-4:76 CKV2_DOCKER_9',
      '5:12-5:25 CKV2_DOCKER_10',
      '5:47-5:62',
      '6:16-6:51 CKV2_DOCKER_8',
    ]);
    expect(lintRule(rule, `${A}RUN apk add --allow-untrusted /tmp/x.apk\n${U}`)[0]?.message).toBe(
      'apk signature verification is disabled (--allow-untrusted); install the signing key instead',
    );
  });
  it('removes the flag as an unsafe fix', () => {
    expect(fix(`${A}RUN apk add --no-cache --allow-untrusted /tmp/x.apk\n${U}`, rule)).toBe(`${A}RUN apk add --no-cache /tmp/x.apk\n${U}`);
  });
  it('reports repo files, apt config and trusted sources, and Go checksum settings', () => {
    const text = [
      'FROM debian:bookworm-slim',
      'RUN echo "deb [trusted=yes] https://repo.example.com/apt stable main" > /etc/apt/sources.list.d/x.list',
      'RUN echo \'APT::Get::AllowUnauthenticated "true";\' > /etc/apt/apt.conf.d/99x',
      'RUN printf "[x]\\ngpgcheck=0\\n" > /etc/yum.repos.d/x.repo',
      'ENV GOSUMDB=off GONOSUMDB=example.com',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual(['2:10-2:70 CKV2_DOCKER_8', '3:10-3:50 CKV2_DOCKER_8', '4:12-4:31 CKV2_DOCKER_9', '5:5-5:12', '5:17-5:26']);
  });
  it('does not report normal installs or enabled checks', () => {
    const text = `${A}RUN apk add --no-cache curl=8.0 && echo "gpgcheck=1" > /etc/yum.repos.d/x.repo\nENV GOSUMDB=sum.golang.org\n${U}`;
    expect(summary(rule, text)).toEqual([]);
  });
});

describe('no-plain-http', () => {
  const rule = 'no-plain-http';
  it('reports http URLs of curl, wget, ADD, git, pip, npm and GOPROXY at the URL', () => {
    const text = [
      'FROM python:3.13-slim',
      'ADD http://e.com/a.tgz /tmp/',
      'RUN curl -fsSLo /tmp/x "http://e.com/x" && git clone http://git.e.com/r.git /r',
      'RUN pip install --index-url=http://pypi.e.com/simple app==1.0',
      'ENV NPM_CONFIG_REGISTRY=http://npm.e.com/ GOPROXY=http://goproxy.e.com,direct',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual(['2:5-2:23', '3:25-3:39', '3:54-3:76', '4:29-4:53', '5:25-5:42', '5:51-5:71']);
    expect(lintRule(rule, text)[0]?.message).toBe("'http://e.com/a.tgz' is fetched over plain HTTP; use HTTPS");
  });
  it('rewrites http:// to https:// as an unsafe fix', () => {
    expect(fix(`${A}RUN wget -q http://e.com/x\n${U}`, rule)).toBe(`${A}RUN wget -q https://e.com/x\n${U}`);
  });
  it('resolves variables in download URLs', () => {
    expect(summary(rule, `${A}ARG URL=http://e.com/x\nRUN curl -fsSLo /x $URL\n${U}`)).toEqual(['3:20-3:24']);
  });
  it('does not report https, loopback hosts, allowed hosts, or signed package repositories', () => {
    const text = [
      A.trim(),
      'RUN curl -fsS https://e.com/x http://localhost:8080/ http://127.0.0.1/ http://app.localhost/',
      'RUN echo "http://dl-cdn.alpinelinux.org/alpine/v3.22/main" >> /etc/apk/repositories && apk add -X http://mirror.e.com/alpine curl=8.0',
      'RUN wget http://internal.corp/x',
      U,
    ].join('\n');
    expect(summary(rule, text, { rules: { [rule]: ['warning', { allowHosts: ['*.corp'] }] } as never })).toEqual([]);
  });
});

describe('no-curl-pipe-shell', () => {
  const rule = 'no-curl-pipe-shell';
  it('reports downloads piped into interpreters at the pipe', () => {
    const text = `${A}RUN curl -fsSL https://e.com/i.sh | sh\nRUN wget -qO- https://e.com/i.sh | tee /tmp/log | sudo bash -s -- -y\nRUN curl -s https://e.com/x.py | python3.12 -\n${U}`;
    expect(summary(rule, text)).toEqual(['2:35-2:36', '3:49-3:50', '4:32-4:33']);
    expect(lintRule(rule, text)[0]?.message).toBe('Downloaded content is executed directly; save it, verify its checksum or signature, then run it');
  });
  it('reports command and process substitutions used as scripts', () => {
    const text = `${A}RUN sh -c "$(curl -fsSL https://e.com/i.sh)"\nRUN bash <(curl -s https://e.com/i.sh)\nRUN eval "$(wget -O- https://e.com/env)"\n${U}`;
    expect(summary(rule, text)).toEqual(['2:12-2:44', '3:10-3:39', '4:10-4:41']);
  });
  it('does not report saved downloads, wget to a file, or pipes into non-interpreters', () => {
    const text = `${A}RUN curl -fsSLo /tmp/i.sh https://e.com/i.sh && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  /tmp/i.sh" | sha256sum -c - && sh /tmp/i.sh\nRUN wget https://e.com/x.tgz | cat\nRUN curl -fsSL https://e.com/x.tgz | tar xz -C /opt\nRUN VERSION="$(curl -fsSL https://e.com/latest)" && echo $VERSION\n${U}`;
    expect(summary(rule, text)).toEqual([]);
  });
});

describe('verify-download-integrity', () => {
  const rule = 'verify-download-integrity';
  it('reports downloads to files without a verification, at the command', () => {
    const text = `${A}RUN curl -fsSLo /tmp/x.tgz https://e.com/x.tgz && tar xzf /tmp/x.tgz\nRUN wget -q https://e.com/y.tgz\n${U}`;
    expect(summary(rule, text)).toEqual(['2:5-2:47', '3:5-3:32']);
    expect(lintRule(rule, text)[0]?.message).toBe('This download is not verified; check its checksum or signature in the same RUN');
  });
  it('accepts a checksum-verified download, gpg verification and compared hashes', () => {
    const text = [
      A.trim(),
      'RUN curl -fsSLo f https://e.com/f && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  f" | sha256sum -c -',
      'RUN wget -q https://e.com/g.tgz https://e.com/g.tgz.asc && gpg --batch --verify g.tgz.asc g.tgz',
      'RUN curl -fsSLO https://e.com/h && [ "$(sha256sum h | cut -d" " -f1)" = "$H_SHA" ]',
      'RUN curl -fsSLO https://e.com/SHA256SUMS && wget -q https://e.com/k.asc',
      'RUN curl -fsSL https://e.com/api | jq .',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual([]);
  });
});

describe('no-unverified-add-url with a secret mount and checksums', () => {
  it('keeps ADD --checksum quiet and still reports RUN --mount=type=secret downloads only when unverified', () => {
    const text = `${A}ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://e.com/a.tgz /a.tgz\nRUN --mount=type=secret,id=token curl -fsSL -H @/run/secrets/token -o /b https://e.com/b && sha256sum -c /b.sha256\n${U}`;
    expect(lintRule('no-unverified-add-url', text)).toEqual([]);
    expect(lintRule('verify-download-integrity', text)).toEqual([]);
    expect(lintRule('no-tls-verify-bypass', text)).toEqual([]);
  });
});

describe('no-apt-key', () => {
  it('reports apt-key add/adv at the command name, also behind sudo and in pipes', () => {
    const text = `FROM debian:bookworm-slim\nRUN curl -fsSL https://e.com/k.gpg | apt-key add - && sudo apt-key --keyring /etc/x.gpg adv --recv-keys 1234\n${U}`;
    expect(summary('no-apt-key', text)).toEqual(['2:38-2:45', '2:60-2:67']);
  });
  it('does not report apt-key list or keyrings', () => {
    expect(summary('no-apt-key', `FROM debian:bookworm-slim\nRUN apt-key list && gpg --dearmor -o /etc/apt/keyrings/x.gpg k.asc\n${U}`)).toEqual([]);
  });
});

describe('no-untrusted-package-sources', () => {
  const rule = 'no-untrusted-package-sources';
  it('reports extra indexes, PPAs, epel, repo files and registries', () => {
    const text = [
      'FROM python:3.13-slim',
      'RUN pip install --extra-index-url https://pkgs.e.com/simple app==1.0',
      'RUN add-apt-repository ppa:deadsnakes/ppa',
      'RUN echo "deb https://repo.e.com/apt stable main" > /etc/apt/sources.list.d/e.list',
      'RUN npm config set registry https://npm.e.com/ && yum install -y epel-release',
      'ENV GOPROXY=https://goproxy.e.com,https://proxy.golang.org,direct',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual(['2:35-2:60', '3:24-3:42', '4:10-4:50', '5:29-5:47', '5:66-5:78', '6:13-6:34']);
  });
  it('does not report default sources or allowed hosts', () => {
    const text = [
      'FROM python:3.13-slim',
      'RUN pip install --index-url https://pypi.org/simple app==1.0',
      'RUN echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/bp.list',
      'RUN pip install --extra-index-url https://pkgs.internal.e.com/simple app==1.0',
      U,
    ].join('\n');
    expect(summary(rule, text, { rules: { [rule]: ['warning', { allowedSources: ['*.internal.e.com'] }] } as never })).toEqual([]);
  });
});

describe('pinned-git-clone', () => {
  const rule = 'pinned-git-clone';
  it('reports an unpinned clone at the URL', () => {
    const text = `${A}RUN git clone --depth 1 https://github.com/e/r.git /src && git clone -b main git@github.com:e/s.git\n${U}`;
    expect(summary(rule, text)).toEqual(['2:25-2:51', '2:78-2:100']);
    expect(lintRule(rule, text)[0]?.message).toBe("git clone of 'https://github.com/e/r.git' is not pinned to a tag or commit");
  });
  it('accepts tags, commits, later checkouts, unknown refs and local clones', () => {
    const text = [
      A.trim(),
      'RUN git clone -b v1.2.3 https://github.com/e/r.git',
      'RUN git clone --branch=1.4 https://github.com/e/r.git',
      'RUN git clone https://github.com/e/r.git /src && cd /src && git checkout 3f2a9c1d',
      'RUN git clone https://github.com/e/r.git /src && git -C /src reset --hard 0123456789abcdef0123456789abcdef01234567',
      'ARG REF',
      'RUN git clone -b "$REF" https://github.com/e/r.git',
      'RUN git clone /local/repo /x',
      U,
    ].join('\n');
    expect(summary(rule, text)).toEqual([]);
  });
});

describe('frozen-lockfile-install', () => {
  const rule = 'frozen-lockfile-install';
  it('reports installs that may rewrite the lockfile at the subcommand', () => {
    const text = [
      'FROM node:22-alpine',
      'RUN npm install && yarn install && pnpm install',
      'RUN bundle install && composer update && uv sync',
      'USER node',
      '',
    ].join('\n');
    expect(summary(rule, text)).toEqual(['2:9-2:16', '2:25-2:32', '2:41-2:48', '3:12-3:19', '3:32-3:38', '3:45-3:49']);
    expect(lintRule(rule, text)[0]?.message).toBe('npm install may change or ignore the lockfile; use npm ci');
  });
  it('fixes npm install to npm ci and composer update to composer install (unsafe)', () => {
    const text = `FROM node:22-alpine\nRUN npm install && composer update\nUSER node\n`;
    expect(fix(text, rule)).toBe(`FROM node:22-alpine\nRUN npm ci && composer install\nUSER node\n`);
  });
  it('accepts frozen forms and installs of named packages', () => {
    const text = [
      'FROM node:22-alpine',
      'ENV BUNDLE_FROZEN=true',
      'RUN npm ci && npm install -g pnpm@9.1.0 && yarn install --frozen-lockfile && yarn --immutable && pnpm install --frozen-lockfile',
      'RUN bundle install && uv sync --locked && composer install',
      'USER node',
      '',
    ].join('\n');
    expect(summary(rule, text)).toEqual([]);
  });
  it('checks pip requirement hashes only with pipRequireHashes', () => {
    const text = `FROM python:3.13-slim\nRUN pip install -r requirements.txt\n${U}`;
    expect(summary(rule, text)).toEqual([]);
    expect(summary(rule, text, { rules: { [rule]: ['info', { pipRequireHashes: true }] } as never })).toEqual(['2:9-2:16']);
  });
});

describe('prefer-add-for-archive', () => {
  const rule = 'prefer-add-for-archive';
  it('reports a copied archive extracted later, at the COPY source, with DL3010', () => {
    const text = `${A}WORKDIR /tmp\nCOPY app.tar.gz .\nRUN tar xzf app.tar.gz -C /opt && rm app.tar.gz\n${U}`;
    const findings = lintRule(rule, text);
    expect(findings.map((f) => `${where(f)} ${f.codes.join()}`)).toEqual(['3:6-3:16 DL3010']);
    expect(findings[0]?.message).toBe("'app.tar.gz' is copied and then extracted on line 4; ADD extracts tar archives in one layer");
    expect(findings[0]?.related[0]?.range.start.line).toBe(3);
  });
  it('reports other tar archives and extraction spellings (DL3010)', () => {
    expect(summary(rule, `${A}COPY dist/app.tgz /tmp/\nRUN tar -xzf /tmp/app.tgz -C /opt\n${U}`)).toEqual(['2:6-2:18 DL3010']);
    expect(summary(rule, `${A}COPY --chown=app:app data.tar.xz /srv/\nRUN tar xJf /srv/data.tar.xz -C /srv\n${U}`)).toEqual(['2:22-2:33 DL3010']);
  });
  it('does not report zip files, other stages, or tar in create mode', () => {
    const text = `${A}COPY a.zip b.tar /tmp/\nRUN unzip /tmp/a.zip && tar -cf /tmp/c.tar /tmp/b.tar\nFROM alpine:3.22\nRUN tar -xf /tmp/b.tar\n${U}`;
    expect(summary(rule, text)).toEqual([]);
  });
});

describe('corpus false positives stay fixed', () => {
  it('frozen-lockfile-install: version queries, CI=1 pnpm and per-command BUNDLE_DEPLOYMENT', () => {
    const text = `FROM ruby:3.4-slim\nRUN bundle --version && yarn --version && CI=1 pnpm install && env BUNDLE_DEPLOYMENT=true bundle install\n${U}`;
    expect(summary('frozen-lockfile-install', text)).toEqual([]);
  });
  it('no-package-signature-bypass: a trusted local file: repository and apk index', () => {
    const text = `${A}RUN apk index --allow-untrusted -o /tmp/APKINDEX.tar.gz /tmp/*.apk && echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list\n${U}`;
    expect(summary('no-package-signature-bypass', text)).toEqual([]);
  });
  it('no-plain-http: a plain-HTTP download whose checksum the RUN verifies', () => {
    const text = `${A}RUN wget -O r.tgz http://download.example.com/r.tgz && echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 *r.tgz" | sha256sum -c -\n${U}`;
    expect(summary('no-plain-http', text)).toEqual([]);
  });
  it('no-untrusted-package-sources: enabling a distribution component', () => {
    expect(summary('no-untrusted-package-sources', `FROM ubuntu:24.04\nRUN add-apt-repository universe\n${U}`)).toEqual([]);
  });
  it('pinned-git-clone: a branch computed by a command substitution is unknown', () => {
    expect(summary('pinned-git-clone', `${A}RUN git clone --branch "llvmorg-$(llvm-config --version)" https://github.com/llvm/llvm-project.git\n${U}`)).toEqual([]);
  });
  it('verify-download-integrity: signing keys and signature files are what verification reads', () => {
    const text = `${A}RUN curl -fsSL https://download.docker.com/linux/debian/gpg -o /etc/apt/keyrings/docker.asc && curl -fsSLO https://e.com/x.minisig\n${U}`;
    expect(summary('verify-download-integrity', text)).toEqual([]);
  });
});
