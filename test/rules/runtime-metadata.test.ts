import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lintRule, where } from '../helpers.js';

type LintOptions = Parameters<typeof lintRule>[2];
const at = (ruleId: string, text: string, options: LintOptions = {}) => lintRule(ruleId, text, options).map(where);
const codes = (ruleId: string, text: string) => lintRule(ruleId, text).map((f) => f.codes.join(','));
const fixed = (ruleId: string, text: string, unsafe = true) =>
  runFixes(text, { unsafe, categoryOf: () => 'correctness', lint: (t) => lintRule(ruleId, t) }).text;
const rule = (ruleId: string, options: Record<string, unknown>): LintOptions => ({ rules: { [ruleId]: ['warning', options] } });

describe('prefer-exec-form (DL3025, JSONArgsRecommended)', () => {
  const id = 'prefer-exec-form';
  it('reports shell-form CMD and ENTRYPOINT on their arguments', () => {
    expect(at(id, 'FROM node:20\nCMD node server.js\n')).toEqual(['2:5-2:19']);
    expect(codes(id, 'FROM node:20\nCMD node server.js\n')).toEqual(['DL3025,JSONArgsRecommended']);
    expect(at(id, 'FROM node:20\nENTRYPOINT node \\\n  server.js\n')).toEqual(['2:12-3:12']);
    expect(at(id, 'FROM node:20\nONBUILD CMD node server.js\n')).toEqual(['2:13-2:27']);
    expect(at(id, 'FROM node:20\nCMD exec node server.js --port $PORT\n')).toEqual(['2:5-2:37']);
    expect(lintRule(id, 'FROM node:20\nENTRYPOINT node a.js\n')[0]?.message).toBe('Use the JSON (exec) form for ENTRYPOINT so the process receives stop signals');
  });
  it('accepts exec form, SHELL in the chain, broken JSON, and HEALTHCHECK unless asked', () => {
    expect(at(id, 'FROM node:20\nCMD ["node", "server.js"]\nENTRYPOINT ["/entrypoint.sh"]\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nSHELL ["/bin/bash", "-c"]\nCMD node server.js\n')).toEqual([]);
    expect(at(id, 'FROM node:20 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD node server.js\n')).toEqual([]);
    expect(at(id, "FROM node:20\nCMD ['node', 'server.js']\n")).toEqual([]);
    expect(at(id, 'FROM node:20\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n', rule(id, { healthcheck: true }))).toEqual(['2:31-2:56']);
    expect(codes(id, 'FROM node:20\nCMD ["a"]\n')).toEqual([]);
  });
  it('a SHELL after the CMD does not count', () => {
    expect(at(id, 'FROM node:20\nCMD node server.js\nSHELL ["/bin/bash", "-c"]\n')).toEqual(['2:5-2:19']);
  });
  it('fixes simple words: CMD safe, ENTRYPOINT unsafe, nothing for shell syntax', () => {
    expect(fixed(id, 'FROM node:20\nCMD node "server.js" --port 80\n', false)).toBe('FROM node:20\nCMD ["node", "server.js", "--port", "80"]\n');
    expect(fixed(id, 'FROM node:20\nENTRYPOINT node server.js\n', false)).toBe('FROM node:20\nENTRYPOINT node server.js\n');
    expect(fixed(id, 'FROM node:20\nENTRYPOINT node server.js\n')).toBe('FROM node:20\nENTRYPOINT ["node", "server.js"]\n');
    expect(lintRule(id, 'FROM node:20\nENTRYPOINT node server.js\n')[0]?.fix?.safe).toBe(false);
    for (const args of ['node $APP', 'node *.js', 'a && b', 'node a.js > log', 'exec node a.js', 'A=1 node a.js', 'node ~/a.js', '"a b" c', "'a\\b' c"]) {
      expect(lintRule(id, `FROM node:20\nCMD ${args}\n`)[0]?.fix, args).toBeUndefined();
    }
    expect(fixed(id, 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD C:\\app\\run.exe --x\n')).toBe('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["C:\\\\app\\\\run.exe", "--x"]\n');
  });
});

describe('no-overridden-instructions (DL4003, DL4004, DL3012)', () => {
  const id = 'no-overridden-instructions';
  it('reports each later CMD on its keyword with DL4003, the earlier as related', () => {
    const text = 'FROM node:20\nCMD ["a"]\nRUN true\nCMD ["b"]\ncmd ["c"]\n';
    const findings = lintRule(id, text);
    expect(findings.map(where)).toEqual(['4:1-4:4', '5:1-5:4']);
    expect(findings.map((f) => f.codes.join(','))).toEqual(['DL4003,MultipleInstructionsDisallowed,DS-0016', 'DL4003,MultipleInstructionsDisallowed,DS-0016']);
    expect(findings[0]?.message).toBe('This CMD overrides the one on line 2, which has no effect');
    expect(findings[1]?.related[0]?.range.start.line).toBe(3);
  });
  it('reports ENTRYPOINT (DL4004), HEALTHCHECK incl. NONE (DL3012) and STOPSIGNAL (no code)', () => {
    expect(codes(id, 'FROM node:20\nENTRYPOINT ["a"]\nENTRYPOINT b\n')).toEqual(['DL4004,MultipleInstructionsDisallowed,DS-0007']);
    expect(at(id, 'FROM node:20\nENTRYPOINT ["a"]\nENTRYPOINT b\n')).toEqual(['3:1-3:11']);
    expect(at(id, 'FROM node:20\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["c"]\n')).toEqual(['3:1-3:12']);
    expect(codes(id, 'FROM node:20\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK --interval=5s CMD ["b"]\n')).toEqual(['DL3012,MultipleInstructionsDisallowed,DS-0023']);
    expect(codes(id, 'FROM node:20\nSTOPSIGNAL SIGTERM\nSTOPSIGNAL SIGINT\n')).toEqual(['']);
  });
  it('counts per stage, ignores ONBUILD triggers and HEALTHCHECK CMD words, honours the option', () => {
    expect(at(id, 'FROM node:20 AS base\nCMD ["a"]\nFROM base\nCMD ["b"]\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nONBUILD CMD ["a"]\nCMD ["b"]\nONBUILD CMD ["c"]\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nHEALTHCHECK CMD ["a"]\nCMD ["b"]\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nENTRYPOINT ["a"]\nCMD ["b"]\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nCMD ["a"]\nCMD ["b"]\n', rule(id, { instructions: ['ENTRYPOINT'] }))).toEqual([]);
  });
  it('has at least three must-trigger and three must-not-trigger cases per code', () => {
    const cmd = 'DL4003,MultipleInstructionsDisallowed,DS-0016';
    const entrypoint = 'DL4004,MultipleInstructionsDisallowed,DS-0007';
    const health = 'DL3012,MultipleInstructionsDisallowed,DS-0023';
    const pairs = (text: string) => lintRule(id, text).map((f) => `${where(f)} ${f.codes.join(',')}`);
    // CMD (DL4003)
    expect(pairs('FROM a:1\nCMD a\nCMD ["b"]\n')).toEqual([`3:1-3:4 ${cmd}`]);
    expect(pairs('FROM a:1 AS x\nFROM a:1\nCMD ["a", \\\n  "b"]\nEXPOSE 80\nCMD ["c"]\n')).toEqual([`6:1-6:4 ${cmd}`]);
    expect(pairs('FROM a:1\nONBUILD RUN x\ncmd ["a"]\nCmd ["b"]\n')).toEqual([`4:1-4:4 ${cmd}`]);
    expect(pairs('FROM a:1\nCMD ["a"]\nFROM a:1\nCMD ["b"]\n')).toEqual([]);
    expect(pairs('FROM a:1\nRUN echo CMD CMD\nCMD ["b"]\n')).toEqual([]);
    expect(pairs('FROM a:1\nONBUILD CMD ["a"]\nONBUILD CMD ["b"]\nCMD ["c"]\n')).toEqual([]);
    // ENTRYPOINT (DL4004)
    expect(pairs('FROM a:1\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n')).toEqual([`3:1-3:11 ${entrypoint}`]);
    expect(pairs('FROM a:1\nENTRYPOINT a\nCMD ["x"]\nentrypoint b\n')).toEqual([`4:1-4:11 ${entrypoint}`]);
    expect(pairs('FROM a:1\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nENTRYPOINT ["c"]\n')).toEqual([`3:1-3:11 ${entrypoint}`, `4:1-4:11 ${entrypoint}`]);
    expect(pairs('FROM a:1 AS base\nENTRYPOINT ["a"]\nFROM base\nENTRYPOINT ["b"]\n')).toEqual([]);
    expect(pairs('FROM a:1\nONBUILD ENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n')).toEqual([]);
    expect(pairs('FROM a:1\nENTRYPOINT ["a"]\nCMD ["b"]\n')).toEqual([]);
    // HEALTHCHECK (DL3012)
    expect(pairs('FROM a:1\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n')).toEqual([`3:1-3:12 ${health}`]);
    expect(pairs('FROM a:1\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK NONE\n')).toEqual([`3:1-3:12 ${health}`]);
    expect(pairs('FROM a:1\nHEALTHCHECK --interval=5s \\\n  CMD curl -f http://x/\nRUN true\nHEALTHCHECK CMD ["b"]\n')).toEqual([`5:1-5:12 ${health}`]);
    expect(pairs('FROM a:1\nHEALTHCHECK CMD ["a"]\n')).toEqual([]);
    expect(pairs('FROM a:1 AS base\nHEALTHCHECK NONE\nFROM base\nHEALTHCHECK CMD ["b"]\n')).toEqual([]);
    expect(pairs('FROM a:1\nONBUILD HEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n')).toEqual([]);
  });
  it('fixes by deleting the earlier instruction and its comments (unsafe)', () => {
    const text = 'FROM node:20\n# old entry\nCMD ["a", \\\n  "b"]\nCMD ["c"]\n';
    expect(fixed(id, text)).toBe('FROM node:20\nCMD ["c"]\n');
    expect(fixed(id, text, false)).toBe(text);
  });
});

describe('require-healthcheck (DL3057)', () => {
  const id = 'require-healthcheck';
  it('reports the target stage on its base reference', () => {
    expect(at(id, 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n')).toEqual(['1:6-1:16']);
    expect(codes(id, 'FROM nginx:1.27\nRUN true\n')).toEqual(['DL3057,DS-0026,CKV_DOCKER_2']);
    expect(at(id, 'FROM nginx:1.27 AS a\nHEALTHCHECK CMD ["x"]\nFROM nginx:1.27\nRUN true\n')).toEqual(['3:6-3:16']);
    expect(at(id, 'FROM nginx:1.27\nONBUILD HEALTHCHECK CMD ["x"]\n')).toEqual(['1:6-1:16']);
    expect(at(id, 'FROM nginx:1.27 AS dev\nFROM nginx:1.27 AS prod\nHEALTHCHECK NONE\n', { settings: { targets: ['dev'] } })).toEqual(['1:6-1:16']);
    expect(lintRule(id, 'FROM nginx:1.27\n')[0]?.message).toBe('The image defines no HEALTHCHECK');
  });
  it('accepts HEALTHCHECK (or NONE) in the chain and ignored images; is not in recommended', () => {
    expect(at(id, 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27\nHEALTHCHECK NONE\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["x"]\nFROM base\nRUN true\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27 AS build\nRUN true\nFROM nginx:1.27\nHEALTHCHECK NONE\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27\n', rule(id, { ignoreImages: ['docker.io/library/nginx:*'] }))).toEqual([]);
    expect(lintRule(id, 'FROM nginx:1.27\n', { presets: ['recommended'] })).toEqual([]);
  });
  it('with stages: all, checks every stage that is not the parent of one with a HEALTHCHECK', () => {
    const text = 'FROM nginx:1.27 AS build\nRUN true\nFROM nginx:1.27 AS base\nFROM base\nHEALTHCHECK NONE\n';
    expect(at(id, text, rule(id, { stages: 'all' }))).toEqual(['1:6-1:16']);
  });
});

describe('required-instructions', () => {
  const id = 'required-instructions';
  it('reports a target image without CMD or ENTRYPOINT on its base reference', () => {
    expect(at(id, 'FROM node:20\nCOPY . /app\n')).toEqual(['1:6-1:13']);
    expect(lintRule(id, 'FROM node:20\n')[0]?.message).toBe('The image defines none of CMD, ENTRYPOINT');
    expect(codes(id, 'FROM node:20\n')).toEqual(['']);
    const expose = lintRule(id, 'FROM node:20\nCMD ["node"]\n', rule(id, { instructions: [['CMD', 'ENTRYPOINT'], ['EXPOSE']] }));
    expect(expose.map((f) => f.message)).toEqual(['The image defines none of EXPOSE']);
  });
  it('accepts either alternative anywhere in the chain; ONBUILD triggers do not count', () => {
    expect(at(id, 'FROM node:20\nENTRYPOINT ["node"]\n')).toEqual([]);
    expect(at(id, 'FROM node:20 AS base\nCMD ["node"]\nFROM base\nRUN true\n')).toEqual([]);
    expect(at(id, 'FROM node:20\nONBUILD CMD ["node"]\n')).toEqual(['1:6-1:13']);
    expect(at(id, 'FROM node:20 AS build\nRUN true\nFROM node:20\nCMD ["node"]\n')).toEqual([]);
  });
});

describe('no-expose-host-port (ExposeInvalidFormat)', () => {
  const id = 'no-expose-host-port';
  it('reports entries with a host port or IP', () => {
    expect(at(id, 'FROM nginx:1.27\nEXPOSE 80 8080:80 127.0.0.1:8443:443/tcp [::1]:53:53/udp 0.0.0.0::9000\n')).toEqual([
      '2:11-2:18',
      '2:19-2:41',
      '2:42-2:57',
      '2:58-2:71',
    ]);
    expect(codes(id, 'FROM nginx:1.27\nEXPOSE 8080:80\n')).toEqual(['ExposeInvalidFormat']);
    expect(lintRule(id, 'FROM nginx:1.27\nEXPOSE 8080:80/udp\n')[0]?.message).toBe("EXPOSE cannot publish host ports or IPs; use '80/udp' and publish at run time");
    expect(at(id, 'FROM nginx:1.27\nARG P=8080:80\nEXPOSE $P\n')).toEqual(['3:8-3:10']);
  });
  it('accepts container ports, ranges and unknown values', () => {
    expect(at(id, 'FROM nginx:1.27\nEXPOSE 80 443/tcp 8000-8010/udp\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27\nARG P\nEXPOSE $P\n')).toEqual([]);
  });
  it('fixes literal entries by keeping the container port (safe)', () => {
    expect(fixed(id, 'FROM nginx:1.27\nEXPOSE 8080:80 127.0.0.1:8443:443/tcp\n', false)).toBe('FROM nginx:1.27\nEXPOSE 80 443/tcp\n');
    expect(lintRule(id, 'FROM nginx:1.27\nARG P=8080:80\nEXPOSE $P\n')[0]?.fix).toBeUndefined();
  });
});

describe('no-duplicate-expose', () => {
  const id = 'no-duplicate-expose';
  it('reports the later entry, with tcp as the default protocol and ranges covering ports', () => {
    expect(at(id, 'FROM nginx:1.27\nEXPOSE 80\nEXPOSE 443 80/TCP\n')).toEqual(['3:12-3:18']);
    expect(lintRule(id, 'FROM nginx:1.27\nEXPOSE 80\nEXPOSE 80\n')[0]?.message).toBe('Port 80 is already exposed on line 2');
    expect(at(id, 'FROM nginx:1.27\nEXPOSE 8000-8010\nEXPOSE 8080 8005\n')).toEqual(['3:13-3:17']);
    expect(at(id, 'FROM nginx:1.27 AS base\nEXPOSE 80\nFROM base\nEXPOSE 80\n')).toEqual(['4:8-4:10']);
  });
  it('accepts different protocols, other stages and unknown values', () => {
    expect(at(id, 'FROM nginx:1.27\nEXPOSE 53/tcp 53/udp\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27 AS a\nEXPOSE 80\nFROM nginx:1.27\nEXPOSE 80\n')).toEqual([]);
    expect(at(id, 'FROM nginx:1.27\nARG P\nEXPOSE $P\nEXPOSE $P\n')).toEqual([]);
  });
  it('fixes by removing the entry or the whole EXPOSE, only within one stage', () => {
    expect(fixed(id, 'FROM nginx:1.27\nEXPOSE 80\nEXPOSE 443 80\n', false)).toBe('FROM nginx:1.27\nEXPOSE 80\nEXPOSE 443\n');
    expect(fixed(id, 'FROM nginx:1.27\nEXPOSE 80\nEXPOSE 80 443\n', false)).toBe('FROM nginx:1.27\nEXPOSE 80\nEXPOSE 443\n');
    expect(fixed(id, 'FROM nginx:1.27\nEXPOSE 80\nEXPOSE 80\nCMD ["x"]\n', false)).toBe('FROM nginx:1.27\nEXPOSE 80\nCMD ["x"]\n');
    expect(lintRule(id, 'FROM nginx:1.27 AS base\nEXPOSE 80\nFROM base\nEXPOSE 80\n')[0]?.fix).toBeUndefined();
  });
});

describe('no-volume-then-modify', () => {
  const id = 'no-volume-then-modify';
  it('reports the written path after a VOLUME, with the VOLUME as related', () => {
    const findings = lintRule(id, 'FROM debian:12\nVOLUME /data\nRUN mkdir -p /data/init\n');
    expect(findings.map(where)).toEqual(['3:14-3:24']);
    expect(findings[0]?.message).toBe("'/data/init' is inside VOLUME /data (line 2); make changes before declaring the volume");
    expect(findings[0]?.related[0]?.range.start.line).toBe(1);
    expect(at(id, 'FROM debian:12\nVOLUME ["/data", "/logs"]\nRUN echo hi > /logs/a && cp a.txt /data/\n')).toEqual(['3:15-3:22', '3:35-3:41']);
    expect(at(id, 'FROM debian:12\nVOLUME /data\nWORKDIR /data\nRUN touch x && tar -xzf a.tgz -C sub\n')).toEqual(['4:11-4:12', '4:34-4:37']);
    expect(at(id, 'FROM debian:12\nARG D=/data\nVOLUME $D\nRUN chown app:app $D/x && sed -i s/a/b/ /data/conf\n')).toEqual(['4:19-4:23', '4:41-4:51']);
    expect(at(id, 'FROM debian:12 AS base\nVOLUME /data\nFROM base\nRUN curl -fsSo /data/a https://x && git clone https://g /data/repo\n')).toEqual(['4:16-4:23', '4:57-4:67']);
  });
  it('accepts writes before the VOLUME, elsewhere, reads, and unknown paths', () => {
    expect(at(id, 'FROM debian:12\nRUN mkdir -p /data/init\nVOLUME /data\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nVOLUME /data\nRUN mkdir -p /database && cat /data/x > /tmp/y\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nVOLUME /data\nARG X\nRUN touch $X/a && echo > /dev/null\n')).toEqual([]);
    expect(at(id, 'FROM debian:12 AS a\nVOLUME /data\nFROM debian:12\nRUN mkdir /data\n')).toEqual([]);
    expect(at(id, 'FROM debian:12\nVOLUME /data\nRUN chmod 755 /usr/local/bin/x\n')).toEqual([]);
  });
});
