import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lintRule, where } from '../helpers.js';

type LintOptions = Parameters<typeof lintRule>[2];
const at = (ruleId: string, text: string, options: LintOptions = {}) => lintRule(ruleId, text, options).map(where);
const codes = (ruleId: string, text: string) => lintRule(ruleId, text).map((f) => f.codes.join(','));
const fixed = (ruleId: string, text: string) =>
  runFixes(text, { unsafe: true, categoryOf: () => 'correctness', lint: (t) => lintRule(ruleId, t) }).text;
const rule = (ruleId: string, options: Record<string, unknown>): LintOptions => ({ rules: { [ruleId]: ['warning', options] } });

describe('require-pipefail (DL4006)', () => {
  const id = 'require-pipefail';
  it('reports the first | of an unprotected pipeline, with both codes', () => {
    expect(at(id, 'FROM debian:12\nRUN wget -qO- https://x | tar xz\n')).toEqual(['2:25-2:26']);
    expect(codes(id, 'FROM debian:12\nRUN wget -qO- https://x | tar xz\n')).toEqual(['DL4006,DS-0032']);
    expect(at(id, 'FROM debian:12\nRUN a | b | c && d |& e\n')).toEqual(['2:7-2:8', '2:20-2:22']);
  });
  it('follows continuations, heredocs, exec-form sh -c, ONBUILD and subshells', () => {
    expect(at(id, 'FROM debian:12\nRUN wget -qO- https://x \\\n    | tar xz\n')).toEqual(['3:5-3:6']);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\napt-get update\ncurl -fsS https://x | sh\nEOF\n')).toEqual(['4:21-4:22']);
    expect(at(id, 'FROM debian:12\nRUN ["sh", "-c", "curl -fsS https://x | sh"]\n')).toEqual(['2:39-2:40']);
    expect(at(id, 'FROM debian:12\nONBUILD RUN curl -fsS https://x | sh\n')).toEqual(['2:33-2:34']);
    expect(at(id, 'FROM debian:12\nRUN (curl -fsS https://x | sh)\n')).toEqual(['2:26-2:27']);
  });
  it('accepts every explicit way of enabling pipefail', () => {
    expect(at(id, 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://x | sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nSHELL ["/bin/sh", "-euo", "pipefail", "-c"]\nRUN curl -fsS https://x | sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN curl -fsS https://x | sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN set -o pipefail && curl -fsS https://x | sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN set -o errexit -o pipefail; curl -fsS https://x | sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN ["bash", "-o", "pipefail", "-c", "curl -fsS https://x | sh"]\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN bash -euo pipefail -c "curl -fsS https://x | sh"\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\n#!/bin/bash -eo pipefail\ncurl -fsS https://x | sh\nEOF\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\nset -euo pipefail\ncurl -fsS https://x | sh\nEOF\n')).toEqual([]);
  });
  it('does not count a SHELL after the RUN, set after the pipeline, or set +o pipefail', () => {
    expect(at(id, 'FROM debian:12\nRUN curl -fsS https://x | sh\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n')).toEqual(['2:25-2:26']);
    expect(at(id, 'FROM debian:12\nRUN curl -fsS https://x | sh; set -o pipefail\n')).toEqual(['2:25-2:26']);
    expect(at(id, 'FROM debian:12\nRUN set -o pipefail; set +o pipefail; a | b\n')).toEqual(['2:41-2:42']);
  });
  it('exempts literal producers, || true, || and non-POSIX shells', () => {
    expect(at(id, 'FROM debian:12\nRUN echo "deb http://x bookworm main" | tee /etc/apt/sources.list\n')).toEqual([]);
    expect(at(id, "FROM debian:12\nRUN printf 'a\\n' | sort\n")).toEqual([]);
    // Corpus: toolbox `yes | /usr/bin/unminimize`; pipefail would turn yes's SIGPIPE into a failed RUN.
    expect(at(id, 'FROM ubuntu:24.04\nRUN yes | /usr/bin/unminimize && yes y | apt-get remove foo\n')).toEqual([]);
    expect(at(id, 'FROM ubuntu:24.04\nRUN yes "$ANSWER" | ./configure\n')).toEqual(['2:19-2:20']);
    expect(at(id, 'FROM debian:12\nRUN echo "$HOME" | tee /x\n')).toEqual(['2:18-2:19']);
    expect(at(id, 'FROM debian:12\nRUN echo hi | tee /x\n', rule(id, { allowLiteralProducers: false }))).toEqual(['2:13-2:14']);
    expect(at(id, 'FROM debian:12\nRUN grep x /etc/passwd | wc -l || true\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN a || b\n')).toEqual([]);
    expect(at(id, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a.txt | findstr x\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-Content a | Select-String x\n')).toEqual([]);
  });
  it('fixes by inserting SHELL before the stage first RUN with a pipe (ash on Alpine, none on scratch)', () => {
    const text = 'FROM debian:12\nRUN apt-get update\n# fetch\nRUN curl -fsS https://x | sh\nRUN a | b\n';
    expect(fixed(id, text)).toBe('FROM debian:12\nRUN apt-get update\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n# fetch\nRUN curl -fsS https://x | sh\nRUN a | b\n');
    expect(lintRule(id, fixed(id, text))).toEqual([]);
    expect(fixed(id, 'from node:20-alpine\nrun a | b\n')).toBe('from node:20-alpine\nshell ["/bin/ash", "-o", "pipefail", "-c"]\nrun a | b\n');
    expect(lintRule(id, 'FROM scratch\nRUN a | b\n')[0]?.fix).toBeUndefined();
    expect(lintRule(id, 'FROM gcr.io/distroless/base-debian12\nRUN a | b\n')[0]?.fix).toBeUndefined();
    expect(lintRule(id, 'FROM debian:12\nONBUILD RUN a | b\n')[0]?.fix).toBeUndefined();
    expect(lintRule(id, 'FROM debian:12\nRUN a | b\n')[0]?.fix?.safe).toBe(false);
  });
});

describe('no-ignored-failures', () => {
  const id = 'no-ignored-failures';
  it('reports a command whose status is discarded by ; or a newline', () => {
    expect(at(id, 'FROM alpine:3.20\nRUN make; make install\n')).toEqual(['2:5-2:9']);
    expect(codes(id, 'FROM alpine:3.20\nRUN make; make install\n')).toEqual(['']);
    expect(at(id, 'FROM alpine:3.20\nRUN <<EOF\nmake\n# then\nmake install\nEOF\n')).toEqual(['3:1-3:5']);
    expect(at(id, 'FROM alpine:3.20\nRUN ["sh", "-c", "make; make install"]\n')).toEqual(['2:19-2:23']);
    expect(at(id, 'FROM alpine:3.20\nRUN for f in a b; do cp $f /x; chmod 644 /x/$f; done\n')).toEqual(['2:22-2:30']);
    expect(at(id, 'FROM alpine:3.20\nRUN curl -fsS x | tar xz ; \\\n    make\n')).toEqual(['2:19-2:25']);
    expect(lintRule(id, 'FROM alpine:3.20\nRUN make; true\n')[0]?.message).toBe("If 'make' fails the build continues; chain with && or use set -e");
  });
  it('accepts errexit, && lists, syntax separators, the last command and exempt commands', () => {
    expect(at(id, 'FROM alpine:3.20\nRUN set -e; make; make install\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nSHELL ["/bin/sh", "-eux", "-c"]\nRUN make; make install\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN <<EOF\n#!/bin/sh -e\nmake\nmake install\nEOF\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN ["sh", "-e", "-c", "make; make install"]\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN make && make install; echo done\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN make || true; make install\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN if [ -f x ]; then make; fi\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN while read l; do echo "$l"; done < f\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN export A=1; unset B; X=1; echo a; make\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN make;\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN mkdir -p /x; make\n', rule(id, { exempt: ['mkdir'] }))).toEqual([]);
    // Corpus: docker-library `set -eux; … | xargs -rt apt-mark manual; …` — xargs/sudo/env run in the same shell.
    expect(at(id, 'FROM debian:12\nRUN set -eux; \\\n\tfind / | xargs -rt apt-mark manual; \\\n\tsudo make; env A=1 make; \\\n\tmake install\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN find / | xargs -rt apt-mark manual; make\n')).toEqual(['2:14-2:39']);
    expect(at(id, "FROM debian:12\nRUN set -e; sh -c 'make; make install'\n")).toEqual(['2:20-2:24']);
  });
  it('fixes a flat list by chaining with &&, not heredocs or compound scripts', () => {
    expect(fixed(id, 'FROM alpine:3.20\nRUN make; make install ; \\\n    make clean\n')).toBe('FROM alpine:3.20\nRUN make && make install && \\\n    make clean\n');
    expect(lintRule(id, 'FROM alpine:3.20\nRUN <<EOF\nmake\nmake install\nEOF\n')[0]?.fix).toBeUndefined();
    expect(lintRule(id, 'FROM alpine:3.20\nRUN if a; then b; c; fi\n')[0]?.fix).toBeUndefined();
  });
});

describe('no-cd-in-run (DL3003)', () => {
  const id = 'no-cd-in-run';
  it('reports the cd word, with DL3003 and DS-0013', () => {
    expect(at(id, 'FROM alpine:3.20\nRUN cd /src && make\n')).toEqual(['2:5-2:7']);
    expect(codes(id, 'FROM alpine:3.20\nRUN cd /src && make\n')).toEqual(['DL3003,DS-0013']);
    expect(at(id, 'FROM alpine:3.20\nRUN apk add git && \\\n    cd /src && make\n')).toEqual(['3:5-3:7']);
    expect(at(id, 'FROM alpine:3.20\nRUN <<EOF\ncd /src\nmake\nEOF\n')).toEqual(['3:1-3:3']);
    expect(at(id, 'FROM alpine:3.20\nRUN ["sh", "-c", "cd /src && make"]\n')).toEqual(['2:19-2:21']);
    expect(at(id, 'FROM alpine:3.20\nONBUILD RUN cd app && make\n')).toEqual(['2:13-2:15']);
    expect(at(id, 'FROM alpine:3.20\nRUN sudo sh -c "cd /src && make"\n')).toEqual(['2:17-2:19']);
  });
  it('accepts WORKDIR, subshells, cd -, and with onlyRelative absolute targets', () => {
    expect(at(id, 'FROM alpine:3.20\nWORKDIR /src\nRUN make\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN (cd /src && make) && make -C /other\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN x="$(cd /src && pwd)" && echo "$x"\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN cd - && make\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN echo cd\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN cd /src && make\n', rule(id, { onlyRelative: true }))).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nRUN cd src && make\n', rule(id, { onlyRelative: true }))).toEqual(['2:5-2:7']);
    expect(at(id, 'FROM alpine:3.20\nRUN (cd /src && make)\n', rule(id, { allowSubshell: false }))).toEqual(['2:6-2:8']);
  });
});

describe('use-shell-instruction (DL4005)', () => {
  const id = 'use-shell-instruction';
  it('reports replacing /bin/sh, on the command', () => {
    expect(at(id, 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n')).toEqual(['2:5-2:29']);
    expect(codes(id, 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n')).toEqual(['DL4005']);
    expect(at(id, 'FROM debian:12\nRUN apt-get update && \\\n    mv /bin/bash /bin/sh\n')).toEqual(['3:5-3:25']);
    expect(at(id, 'FROM debian:12\nRUN update-alternatives --install /bin/sh sh /bin/bash 100\n')).toEqual(['2:5-2:59']);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\necho "dash dash/sh boolean false" | debconf-set-selections\ndpkg-reconfigure dash\nEOF\n')).toEqual(['4:1-4:22']);
    expect(at(id, 'FROM debian:12\nONBUILD RUN ln -s /bin/bash /bin/sh\n')).toEqual(['2:13-2:36']);
  });
  it('reports chsh and usermod -s with their own message', () => {
    const findings = lintRule(id, 'FROM debian:12\nRUN chsh -s /bin/bash && usermod -s /bin/zsh app\n');
    expect(findings.map(where)).toEqual(['2:5-2:22', '2:26-2:49']);
    expect(findings[0]?.message).toBe('chsh changes a login shell, not the shell RUN uses; use SHELL');
  });
  it('reports the second and later RUNs invoking the same shell', () => {
    const text = 'FROM debian:12\nRUN bash -c "echo one"\nRUN bash -c "echo two"\nRUN ["bash", "-c", "echo three"]\n';
    expect(at(id, text)).toEqual(['3:5-3:9', '4:6-4:12']);
    expect(lintRule(id, text)[0]?.message).toBe('Several RUNs invoke bash; set it once with SHELL');
    expect(at(id, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command a\nRUN powershell -Command b\n')).toEqual(['3:5-3:15']);
  });
  it('accepts links to /bin/sh as the target, SHELL, a single explicit shell, and other stages', () => {
    expect(at(id, 'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/mysh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN cp /bin/sh /tmp/sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo one\nRUN echo two\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN bash -c "echo one"\nRUN sh -c "echo two"\nRUN bash script.sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12 AS a\nRUN bash -c "echo one"\nFROM debian:12\nRUN bash -c "echo two"\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN bash -c "a"\nRUN bash -c "b"\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN apt-get install -y dash=0.5.12-2\n')).toEqual([]);
    // Corpus: grafana/loki distroless debug images — SHELL already selects the shell; the link only adds /bin/sh for run time.
    expect(at(id, 'FROM gcr.io/distroless/static:debug\nSHELL [ "/busybox/sh", "-c" ]\nRUN ln -s /busybox/sh /bin/sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN ln -sf /bin/bash /bin/sh\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN ln -sf /bin/zsh /bin/sh\n')).toEqual(['3:5-3:28']);
  });
  it('fixes a lone ln -sf <shell> /bin/sh into SHELL', () => {
    expect(fixed(id, 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\nRUN echo hi\n')).toBe('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN echo hi\n');
    expect(lintRule(id, 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh && echo hi\n')[0]?.fix).toBeUndefined();
    expect(lintRule(id, 'FROM debian:12\nRUN mv /bin/bash /bin/sh\n')[0]?.fix).toBeUndefined();
  });
});

describe('no-nonsensical-commands (DL3001)', () => {
  const id = 'no-nonsensical-commands';
  it('reports the command name', () => {
    expect(at(id, 'FROM debian:12\nRUN service nginx start\n')).toEqual(['2:5-2:12']);
    expect(codes(id, 'FROM debian:12\nRUN service nginx start\n')).toEqual(['DL3001']);
    expect(at(id, 'FROM debian:12\nRUN apt-get update && \\\n    ps aux | grep x\n')).toEqual(['3:5-3:7']);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\nvim /etc/hosts\nEOF\n')).toEqual(['3:1-3:4']);
    expect(at(id, 'FROM debian:12\nRUN ["shutdown", "-h", "now"]\n')).toEqual(['2:6-2:16']);
    expect(at(id, 'FROM debian:12\nONBUILD RUN sudo kill 1\n')).toEqual(['2:18-2:22']);
    const systemctl = lintRule(id, 'FROM debian:12\nRUN systemctl --no-pager restart nginx\n');
    expect(systemctl.map(where)).toEqual(['2:5-2:33']);
    expect(systemctl[0]?.message).toBe("'systemctl restart' has no useful effect while building an image");
  });
  it('accepts configuring systemctl, package names and other words', () => {
    expect(at(id, 'FROM debian:12\nRUN systemctl enable nginx && systemctl mask tmp.mount\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN apt-get install -y --no-install-recommends vim=2:9.0 procps=2:4.0\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN echo ps top vim\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN --mount=type=cache,target=/x make\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN top -b\n', rule(id, { commands: ['service'] }))).toEqual([]);
  });
});

describe('single-download-tool (DL4001)', () => {
  const id = 'single-download-tool';
  it('reports the first use of the tool that appeared second, with the other as related', () => {
    const text = 'FROM debian:12\nRUN wget -q https://x/a\nRUN curl -fsSLO https://x/b\nRUN wget -q https://x/c\n';
    const findings = lintRule(id, text);
    expect(findings.map(where)).toEqual(['3:5-3:9']);
    expect(findings[0]?.codes).toEqual(['DL4001', 'DS-0014']);
    expect(findings[0]?.related.map((r) => r.range.start.line)).toEqual([1]);
    expect(at(id, 'FROM debian:12\nRUN curl -fsS https://x | sh && \\\n    wget -q https://y\n')).toEqual(['3:5-3:9']);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\ncurl -fsSO https://x\nwget -q https://y\nEOF\n')).toEqual(['4:1-4:5']);
    expect(at(id, 'FROM debian:12\nRUN ["curl", "-fsSO", "https://x"]\nRUN sudo wget -q https://y\n')).toEqual(['3:10-3:14']);
  });
  it('accepts one tool per stage, package names and ONBUILD triggers', () => {
    expect(at(id, 'FROM debian:12\nRUN curl -fsSO https://x && curl -fsSO https://y\n')).toEqual([]);
    expect(at(id, 'FROM debian:12 AS a\nRUN wget -q https://x\nFROM debian:12\nRUN curl -fsSO https://y\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88 wget=1.21 && curl -fsSO https://x\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nONBUILD RUN wget -q https://x\nRUN curl -fsSO https://y\n')).toEqual([]);
  });
});

describe('wget-progress-bar (DL3047)', () => {
  const id = 'wget-progress-bar';
  it('reports wget without a progress option, on the wget word', () => {
    expect(at(id, 'FROM debian:12\nRUN wget https://x/a.tgz\n')).toEqual(['2:5-2:9']);
    expect(codes(id, 'FROM debian:12\nRUN wget https://x/a.tgz\n')).toEqual(['DL3047']);
    expect(at(id, 'FROM debian:12\nRUN wget -O /tmp/a https://x/a\n')).toEqual(['2:5-2:9']);
    expect(at(id, 'FROM debian:12\nRUN apt-get update && \\\n    wget -O- https://x | sh\n')).toEqual(['3:5-3:9']);
    expect(at(id, 'FROM debian:12\nRUN <<EOF\nwget https://x\nEOF\n')).toEqual(['3:1-3:5']);
    expect(at(id, 'FROM debian:12\nRUN ["wget", "https://x"]\n')).toEqual(['2:6-2:12']);
    expect(at(id, 'FROM debian:12\nONBUILD RUN wget https://x\n')).toEqual(['2:13-2:17']);
  });
  it('accepts --progress, -q, -nv, -o and -a', () => {
    expect(at(id, 'FROM debian:12\nRUN wget --progress=dot:giga https://x\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN wget -qO- https://x | tar xz\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN wget --quiet https://x && wget -nv https://y && wget --no-verbose https://z\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN wget -o /tmp/log https://x && wget -a /tmp/log https://y\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN ["wget", "-q", "https://x"]\n')).toEqual([]);
  });
  it('fixes by inserting -q after wget (not in heredocs)', () => {
    expect(fixed(id, 'FROM debian:12\nRUN wget https://x\n')).toBe('FROM debian:12\nRUN wget -q https://x\n');
    expect(fixed(id, 'FROM debian:12\nRUN ["wget", "https://x"]\n')).toBe('FROM debian:12\nRUN ["wget", "-q", "https://x"]\n');
    expect(fixed(id, 'FROM debian:12\nRUN ["sh", "-c", "wget https://x"]\n')).toBe('FROM debian:12\nRUN ["sh", "-c", "wget -q https://x"]\n');
    expect(lintRule(id, 'FROM debian:12\nRUN <<EOF\nwget https://x\nEOF\n')[0]?.fix).toBeUndefined();
  });
});

describe('curl-without-fail', () => {
  const id = 'curl-without-fail';
  it('reports curl that saves or pipes without --fail', () => {
    expect(at(id, 'FROM debian:12\nRUN curl -sSLo /tmp/a.tgz https://x\n')).toEqual(['2:5-2:9']);
    expect(at(id, 'FROM debian:12\nRUN curl -sSL https://x | sh\n')).toEqual(['2:5-2:9']);
    expect(at(id, 'FROM debian:12\nRUN v="$(curl -sS https://x/version)"\n')).toEqual(['2:10-2:14']);
    expect(at(id, 'FROM debian:12\nRUN curl --remote-name https://x\n')).toEqual(['2:5-2:9']);
  });
  it('accepts -f in any spelling, HEAD requests and output to the log', () => {
    expect(at(id, 'FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://x\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN curl --fail-with-body -o a https://x && curl --fail -O https://y\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN curl -sSI https://x | grep -i server\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN curl -sS https://x/health\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nRUN curl -H "X-o: y" https://x\n')).toEqual([]);
  });
  it('fixes by inserting -f after curl', () => {
    expect(fixed(id, 'FROM debian:12\nRUN curl -sSL https://x | sh\n')).toBe('FROM debian:12\nRUN curl -f -sSL https://x | sh\n');
  });
});

describe('no-variables-in-exec-form', () => {
  const id = 'no-variables-in-exec-form';
  it('reports each reference in exec-form RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD', () => {
    expect(at(id, 'FROM alpine:3.20\nCMD ["app", "--port", "$PORT"]\n')).toEqual(['2:24-2:29']);
    expect(at(id, 'FROM alpine:3.20\nENTRYPOINT ["/app", "--config=${CONFIG:-/etc/app}", "$@"]\n')).toEqual(['2:31-2:50', '2:54-2:56']);
    expect(at(id, 'FROM alpine:3.20\nRUN ["/app", "$1", "$*"]\n')).toEqual(['2:15-2:17', '2:21-2:23']);
    expect(at(id, 'FROM alpine:3.20\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "$URL"]\n')).toEqual(['2:47-2:51']);
    expect(at(id, 'FROM alpine:3.20\nONBUILD CMD ["app", "$X"]\n')).toEqual(['2:22-2:24']);
    expect(lintRule(id, 'FROM alpine:3.20\nCMD ["app", "$X"]\n')[0]?.message).toBe('\'$X\' is not expanded in exec form; use ["sh", "-c", "…"] or resolve it at build time');
  });
  it('accepts shell scripts after -c, shell form, $$ and escaped dollars', () => {
    expect(at(id, 'FROM alpine:3.20\nCMD ["sh", "-c", "exec app --port $PORT"]\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nCMD ["/bin/bash", "-ec", "exec app $ARGS"]\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nCMD app --port $PORT\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nCMD ["app", "$$5", "\\\\$HOME", "5$"]\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nHEALTHCHECK CMD curl -f $URL\n')).toEqual([]);
    expect(at(id, 'FROM alpine:3.20\nCMD ["pwsh", "-Command", "$env:X"]\n')).toEqual([]);
  });
});
