import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const brief = (ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}) =>
  lintRule(ruleId, text, options).map((f) => ({ at: where(f), codes: f.codes, message: f.message }));
const at = (ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}) => lintRule(ruleId, text, options).map(where);
const fixOnly = (ruleId: string, text: string, unsafe = false) =>
  runFixes(text, { unsafe, categoryOf: () => 'correctness', lint: (t) => lint(t, { presets: [], rules: { [ruleId]: 'error' } }) }).text;

describe('unknown-instruction', () => {
  it('reports the word with a suggestion and an unsafe fix', () => {
    expect(brief('unknown-instruction', 'FROM alpine:3.20\nRUNN echo hi\ncopyy a /b\nFOOBAR x\n')).toEqual([
      { at: '2:1-2:5', codes: [], message: "'RUNN' is not a Dockerfile instruction (did you mean RUN?)" },
      { at: '3:1-3:6', codes: [], message: "'copyy' is not a Dockerfile instruction (did you mean COPY?)" },
      { at: '4:1-4:7', codes: [], message: "'FOOBAR' is not a Dockerfile instruction" },
    ]);
    expect(fixOnly('unknown-instruction', 'FROM alpine:3.20\ncopyy a /b\n', true)).toBe('FROM alpine:3.20\ncopy a /b\n');
  });
  it('ignores continuation lines, heredoc bodies and comments, and third-party frontends', () => {
    expect(at('unknown-instruction', 'FROM alpine:3.20\nRUN echo \\\n  hi\nRUN <<EOF\nfoo bar\nEOF\n# comment\n')).toEqual([]);
    expect(at('unknown-instruction', '# syntax=example.com/custom-frontend:1\nFROM alpine:3.20\nBUILD x\n')).toEqual([]);
    expect(at('unknown-instruction', '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nBUILD x\n')).toHaveLength(1);
  });
  it('checks ONBUILD triggers', () => {
    expect(at('unknown-instruction', 'FROM alpine:3.20\nONBUILD RUNN x\n')).toEqual(['2:9-2:13']);
  });
});

describe('parse-error (DL1000)', () => {
  const parseErrors = (text: string) => lint(text).filter((f) => f.ruleId === 'parse-error').map((f) => f.codes);
  it('reports files that cannot be read as build files', () => {
    expect(parseErrors('FROM alpine:3.20\nRUN \u0000\n')).toEqual([['DL1000']]);
    expect(parseErrors(`FROM alpine:3.20\nRUN echo ${'x'.repeat(70_000)}\n`)).toEqual([['DL1000']]);
    expect(parseErrors(`FROM alpine:3.20\n${'# filler line\n'.repeat(20_000)}`)).toEqual([['DL1000']]);
  });
  it('does not report syntax problems other rules handle', () => {
    expect(parseErrors('FROM alpine:3.20\nRUNN echo hi\n')).toEqual([]);
    expect(parseErrors('FROM alpine:3.20\nRUN <<EOF\necho unterminated\n')).toEqual([]);
    expect(parseErrors('CMD ["a"\nFROM\nEXPOSE 99999\n')).toEqual([]);
  });
});

describe('first-instruction-from', () => {
  it('reports instructions before the first FROM at their keyword', () => {
    expect(brief('first-instruction-from', 'ARG A=1\nENV B=2\nFROM alpine:3.20\n')).toEqual([{ at: '2:1-2:4', codes: ['DL3061'], message: 'ENV before the first FROM is not allowed' }]);
    // Corpus: a Clojure source file (docker-clojure dockerfile.clj) got two findings per line, '(defn' included.
    expect(at('first-instruction-from', '(defn x\nRUNN echo\nFROM alpine:3.20\n')).toEqual([]);
    expect(at('unknown-instruction', '(defn x\nRUNN echo\nFROM alpine:3.20\n')).toEqual(['1:1-1:6', '2:1-2:5']);
    expect(at('first-instruction-from', '# syntax=docker/dockerfile:1\n# comment\nARG A=1\n\nARG B\nFROM alpine:${A}\nRUN true\n')).toEqual([]);
  });
  it('reports a file without FROM once at 1:1', () => {
    expect(brief('first-instruction-from', '')).toEqual([{ at: '1:1-1:1', codes: ['DL3061'], message: 'The file has no FROM instruction' }]);
    expect(at('first-instruction-from', '# just a comment\nARG A\n')).toEqual(['1:1-1:1']);
  });
});

describe('invalid-stage-name', () => {
  it('reports invalid names', () => {
    expect(brief('invalid-stage-name', 'FROM alpine:3.20 AS 1build\n')).toEqual([
      { at: '1:21-1:27', codes: [], message: "Stage name '1build' must start with a letter and contain only letters, digits, '.', '_' or '-'" },
    ]);
    expect(at('invalid-stage-name', 'FROM alpine:3.20 AS my$stage\n')).toEqual(['1:21-1:29']);
    expect(at('invalid-stage-name', 'FROM alpine:3.20 AS Build_1.x-y\n')).toEqual([]);
  });
});

describe('invalid-onbuild-trigger', () => {
  it('reports ONBUILD ONBUILD, FROM and MAINTAINER at the trigger keyword', () => {
    expect(brief('invalid-onbuild-trigger', 'FROM alpine:3.20\nONBUILD ONBUILD RUN x\nONBUILD from alpine\nONBUILD MAINTAINER me\nONBUILD RUN ok\n')).toEqual([
      { at: '2:9-2:16', codes: ['DL3043'], message: 'ONBUILD cannot wrap ONBUILD' },
      { at: '3:9-3:13', codes: ['DL3043'], message: 'ONBUILD cannot wrap FROM' },
      { at: '4:9-4:19', codes: ['DL3043'], message: 'ONBUILD cannot wrap MAINTAINER' },
    ]);
    expect(brief('invalid-onbuild-trigger', 'FROM alpine:3.20\nonbuild onbuild copy . /app\n').map((f) => f.codes)).toEqual([['DL3043']]);
  });
  it('accepts ordinary triggers (DL3043)', () => {
    expect(at('invalid-onbuild-trigger', 'FROM alpine:3.20\nONBUILD RUN make\nONBUILD COPY . /app/\nONBUILD ARG X\n')).toEqual([]);
    expect(at('invalid-onbuild-trigger', 'FROM alpine:3.20\nONBUILD ENV A=1\nONBUILD USER app\nONBUILD WORKDIR /app\n')).toEqual([]);
  });
});

describe('invalid-expose', () => {
  it('reports ports out of range, malformed ranges and unknown protocols', () => {
    expect(brief('invalid-expose', 'FROM alpine:3.20\nEXPOSE 80000 90-80 abc 80/http 8080/tcp 1-2\n')).toEqual([
      { at: '2:8-2:13', codes: ['DL3011', 'DS-0008'], message: "'80000' is not a port number between 0 and 65535" },
      { at: '2:14-2:19', codes: ['DL3011', 'DS-0008'], message: "'90-80' is not a port number between 0 and 65535" },
      { at: '2:20-2:23', codes: ['DL3011', 'DS-0008'], message: "'abc' is not a port number between 0 and 65535" },
      { at: '2:27-2:31', codes: [], message: "Protocol 'http' is not tcp, udp or sctp" },
    ]);
  });
  it('resolves variables and skips unknown ones', () => {
    expect(at('invalid-expose', 'FROM alpine:3.20\nARG PORT=70000\nEXPOSE $PORT\n')).toEqual(['3:8-3:13']);
    expect(at('invalid-expose', 'FROM alpine:3.20\nARG PORT\nEXPOSE $PORT ${OTHER}\n')).toEqual([]);
    expect(at('invalid-expose', 'FROM alpine:3.20\nEXPOSE 127.0.0.1:8080:80/TCP\n')).toEqual([]);
  });
});

describe('invalid-stopsignal', () => {
  it('reports invalid signals and accepts Docker spellings', () => {
    expect(brief('invalid-stopsignal', 'FROM alpine:3.20\nSTOPSIGNAL SIGFOO\n')).toEqual([{ at: '2:12-2:18', codes: [], message: "'SIGFOO' is not a valid stop signal" }]);
    expect(at('invalid-stopsignal', 'FROM alpine:3.20\nSTOPSIGNAL 65\n')).toEqual(['2:12-2:14']);
    for (const signal of ['SIGTERM', 'term', '9', 'SIGRTMIN+3', 'RTMAX-2', 'sigquit', '$SIG']) {
      expect(at('invalid-stopsignal', `FROM alpine:3.20\nSTOPSIGNAL ${signal}\n`), signal).toEqual([]);
    }
  });
  it('is not checked in Windows stages', () => {
    expect(at('invalid-stopsignal', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSTOPSIGNAL CTRL_C\n')).toEqual([]);
  });
});

describe('no-empty-continuation', () => {
  it('reports each run of empty lines once and deletes them', () => {
    const text = 'FROM alpine:3.20\nRUN apk add \\\n\n  \n    curl \\\n\n    git\n';
    expect(brief('no-empty-continuation', text)).toEqual([
      { at: '3:1-4:3', codes: ['NoEmptyContinuation'], message: 'Empty line inside a continued instruction' },
      { at: '6:1-6:1', codes: ['NoEmptyContinuation'], message: 'Empty line inside a continued instruction' },
    ]);
    expect(fixOnly('no-empty-continuation', text)).toBe('FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    git\n');
  });
  it('ignores comment lines and heredoc bodies', () => {
    expect(at('no-empty-continuation', 'FROM alpine:3.20\nRUN a \\\n  # note\n  b\nRUN <<EOF\necho a\n\necho b\nEOF\n')).toEqual([]);
  });
  it('is silenced by # check=skip=NoEmptyContinuation', () => {
    expect(at('no-empty-continuation', '# check=skip=NoEmptyContinuation\nFROM alpine:3.20\nRUN a \\\n\n  b\n')).toEqual([]);
  });
});

describe('workdir-whitespace', () => {
  it('reports the unquoted whitespace', () => {
    expect(brief('workdir-whitespace', 'FROM alpine:3.20\nWORKDIR /my app\n')).toEqual([{ at: '2:12-2:13', codes: [], message: "WORKDIR '/my app' contains a space; quote the path if that is intended" }]);
    expect(at('workdir-whitespace', 'FROM alpine:3.20\nWORKDIR "/my app"\nWORKDIR /my\\ app\n')).toEqual([]);
  });
  it('accepts Windows paths with spaces', () => {
    expect(at('workdir-whitespace', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\Program Files\\app\n')).toEqual([]);
  });
});

describe('copy-dest-needs-slash', () => {
  it('reports a multi-source destination without a slash and fixes it', () => {
    expect(brief('copy-dest-needs-slash', 'FROM alpine:3.20\nCOPY a b /app\n')).toEqual([
      { at: '2:10-2:14', codes: ['DL3021', 'DS-0011'], message: "Several sources are copied, so end the destination with '/' to mark it as a directory" },
    ]);
    expect(fixOnly('copy-dest-needs-slash', 'FROM alpine:3.20\nCOPY a b /app\nADD ["a", "b", "/srv"]\nCOPY a b "/x y"\n')).toBe('FROM alpine:3.20\nCOPY a b /app/\nADD ["a", "b", "/srv/"]\nCOPY a b "/x y/"\n');
  });
  it('accepts ., /., trailing slashes, single sources, unknown destinations and Windows paths', () => {
    expect(at('copy-dest-needs-slash', 'FROM alpine:3.20\nWORKDIR /app\nCOPY a b .\nCOPY a b ./.\nCOPY a b /x/\nCOPY a /x\nARG D\nCOPY a b $D\n')).toEqual([]);
    expect(at('copy-dest-needs-slash', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a b C:\\app\\\n')).toEqual([]);
  });
  it('counts heredoc sources, --from copies and wildcards when asked', () => {
    expect(at('copy-dest-needs-slash', 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b /a /b /c\nCOPY <<A <<B /d\na\nA\nb\nB\n')).toEqual(['3:21-3:23', '4:14-4:16']);
    expect(at('copy-dest-needs-slash', 'FROM alpine:3.20\nCOPY *.txt /d\n')).toEqual([]);
    expect(at('copy-dest-needs-slash', 'FROM alpine:3.20\nCOPY *.txt /d\n', { rules: { 'copy-dest-needs-slash': ['error', { wildcards: true }] } })).toEqual(['2:12-2:14']);
  });
});

describe('copy-source-outside-context', () => {
  it('reports sources that climb out of the context or are absolute', () => {
    expect(brief('copy-source-outside-context', 'FROM alpine:3.20\nCOPY ../shared/a.yml /abs/b.txt a/../../c ok/../d /app/\n')).toEqual([
      { at: '2:6-2:21', codes: [], message: "'../shared/a.yml' cannot reach outside the build context; it resolves to 'shared/a.yml' inside it" },
      { at: '2:22-2:32', codes: [], message: "'/abs/b.txt' cannot reach outside the build context; it resolves to 'abs/b.txt' inside it" },
      { at: '2:33-2:42', codes: [], message: "'a/../../c' cannot reach outside the build context; it resolves to 'c' inside it" },
    ]);
    expect(at('copy-source-outside-context', 'FROM alpine:3.20\nCOPY /abs/b.txt /app/\n', { rules: { 'copy-source-outside-context': ['warning', { allowAbsolute: true }] } })).toEqual([]);
  });
  it('skips --from, URLs, heredocs and Windows drive paths', () => {
    expect(at('copy-source-outside-context', 'FROM alpine:3.20 AS b\nFROM alpine:3.20\nCOPY --from=b /etc/x /x\nADD https://example.com/x /x\nCOPY <<EOF /x\nhi\nEOF\n')).toEqual([]);
    expect(at('copy-source-outside-context', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app\\bin C:\\app\\\n')).toEqual([]);
  });
});
