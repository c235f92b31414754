import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const brief = (ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}) =>
  lintRule(ruleId, text, options).map((f) => ({ at: where(f), message: f.message }));
const at = (ruleId: string, text: string) => lintRule(ruleId, text).map(where);
const fixOnly = (ruleId: string, text: string, unsafe = false) =>
  runFixes(text, { unsafe, categoryOf: () => 'correctness', lint: (t) => lint(t, { presets: [], rules: { [ruleId]: 'error' } }) }).text;

describe('invalid-instruction-arguments', () => {
  it('checks FROM word counts and AS', () => {
    expect(brief('invalid-instruction-arguments', 'FROM\nFROM a AS\nFROM a ASS b\nFROM a AS b c\nFROM a b\n')).toEqual([
      { at: '1:1-1:5', message: 'FROM needs an image' },
      { at: '2:1-2:5', message: "FROM takes an image and optionally 'AS <name>'; the stage name is missing" },
      { at: '3:8-3:11', message: "FROM takes an image and optionally 'AS <name>'" },
      { at: '4:13-4:14', message: "FROM takes an image and optionally 'AS <name>'" },
      { at: '5:8-5:9', message: "FROM takes an image and optionally 'AS <name>'" },
    ]);
    expect(fixOnly('invalid-instruction-arguments', 'FROM alpine:3.20 ASS build\n', true)).toBe('FROM alpine:3.20 AS build\n');
  });
  it('checks ENV, LABEL and ARG pairs and quotes', () => {
    expect(brief('invalid-instruction-arguments', 'FROM a\nENV DEBUG\nENV A=1 B\nLABEL =x\nARG\nENV A="unclosed\nLABEL desc="it\'s fine"\n')).toEqual([
      { at: '2:5-2:10', message: "ENV 'DEBUG' has no value" },
      { at: '3:9-3:10', message: "ENV 'B' has no value; write 'B=value'" },
      { at: '4:7-4:7', message: 'LABEL has an empty key' },
      { at: '5:1-5:4', message: 'ARG needs at least one name' },
      { at: '6:5-6:16', message: 'Unclosed double quote' },
    ]);
  });
  it('checks operand counts of the other instructions', () => {
    const text = 'FROM a\nCOPY x\nCOPY <<EOF\nhi\nEOF\nUSER a b\nWORKDIR\nVOLUME []\nSTOPSIGNAL TERM now\nSHELL /bin/sh -c\nHEALTHCHECK\nHEALTHCHECK NONE x\nHEALTHCHECK CHECK true\nHEALTHCHECK CMD\nONBUILD\nENTRYPOINT\nRUN\nCMD\nENTRYPOINT []\n';
    expect(at('invalid-instruction-arguments', text)).toEqual([
      '2:1-2:5', '3:1-3:5', '6:8-6:9', '7:1-7:8', '8:1-8:7', '9:17-9:20', '10:7-10:17', '11:1-11:12', '12:18-12:19', '13:13-13:18', '14:13-14:16', '15:1-15:8', '16:1-16:11',
    ]);
    expect(fixOnly('invalid-instruction-arguments', 'FROM a\nSTOPSIGNAL TERM now please\n', true)).toBe('FROM a\nSTOPSIGNAL TERM\n');
  });
  it('checks EXPOSE after expansion', () => {
    expect(at('invalid-instruction-arguments', 'FROM a\nARG P=""\nEXPOSE $P\n')).toEqual(['3:1-3:7']);
    expect(at('invalid-instruction-arguments', 'FROM a\nARG P\nEXPOSE $P\n')).toEqual([]);
  });
});

describe('invalid-flag', () => {
  it('reports unknown flags with suggestions and known mix-ups', () => {
    expect(brief('invalid-flag', 'FROM --platfrom=linux/amd64 a\nCOPY --chwon=a:b x /y/\nADD --from=a x /y/\nCOPY --checksum=sha256:00 x /y/\nRUN --mount-type=cache true\n')).toEqual([
      { at: '1:6-1:16', message: 'FROM has no --platfrom flag (did you mean --platform?)' },
      { at: '2:6-2:13', message: 'COPY has no --chwon flag (did you mean --chown?)' },
      { at: '3:5-3:11', message: 'ADD has no --from flag; use COPY --from' },
      { at: '4:6-4:16', message: 'COPY has no --checksum flag; only ADD has it' },
      { at: '5:5-5:17', message: 'RUN has no --mount-type flag' },
    ]);
    expect(fixOnly('invalid-flag', 'FROM a\nCOPY --chwon=a:b x /y/\n', true)).toBe('FROM a\nCOPY --chown=a:b x /y/\n');
  });
  it('reports missing values, bad booleans and repeated flags (safe fix for exact repeats)', () => {
    expect(brief('invalid-flag', 'FROM a\nCOPY --from --link=yes x /y/\nCOPY --chown=a --chown=a x /y/\nCOPY --link= x /y/\n')).toEqual([
      { at: '2:6-2:12', message: '--from needs a value' },
      { at: '2:20-2:23', message: "--link takes true or false; got 'yes'" },
      { at: '3:16-3:23', message: '--chown is given twice' },
      { at: '4:13-4:13', message: "--link takes true or false; got ''" },
    ]);
    expect(fixOnly('invalid-flag', 'FROM a\nCOPY --chown=a --chown=a x /y/\n')).toBe('FROM a\nCOPY --chown=a x /y/\n');
  });
  it('validates mount options per type', () => {
    const text = 'FROM a\nRUN --mount=type=cache,tagret=/x --mount=type=foo --mount=type=bind,sharing=locked,target=/t --mount=type=cache,target=/c,sharing=never --mount=type=secret,id=a,src=b --mount=type=secret,required --mount=type=tmpfs true\n';
    expect(brief('invalid-flag', text)).toEqual([
      { at: '2:13-2:33', message: 'A cache mount needs target=' },
      { at: '2:24-2:33', message: "Unknown mount option 'tagret' (did you mean 'target'?)" },
      { at: '2:42-2:50', message: "Unknown mount type 'foo'; use bind, cache, tmpfs, secret or ssh" },
      { at: '2:69-2:83', message: "Mount option 'sharing' is not allowed for type=bind" },
      { at: '2:123-2:136', message: "sharing must be shared, private or locked; got 'never'" },
      { at: '2:162-2:167', message: 'A secret mount cannot combine source= with id=' },
      { at: '2:176-2:196', message: 'A secret mount needs id=, source= or target=' },
      { at: '2:205-2:215', message: 'A tmpfs mount needs target=' },
    ]);
  });
  it('accepts bare boolean mount keys (--mount=ro binds the context read-only) and reports other bare words', () => {
    // Corpus: docker/cli `RUN --mount=ro --mount=type=cache,target=/root/.cache …`, which BuildKit builds.
    expect(at('invalid-flag', 'FROM a\nWORKDIR /src\nRUN --mount=ro --mount=rw,readonly --mount=type=cache,target=/root/.cache make\n')).toEqual([]);
    expect(brief('invalid-flag', 'FROM a\nRUN --mount=cache true\n')).toEqual([{ at: '2:13-2:18', message: "'cache' is not a list of mount options (type=...,target=...)" }]);
  });
  it('validates other values', () => {
    const text = 'FROM --platform=Linux a\nRUN --network=bridge --security=root true\nCOPY --from=$STAGE x /y/\nCOPY --chown=a:b:c --chmod=888 x /y/\nADD --checksum=sha256:abc https://example.com/a.tgz /a\nADD --checksum=sha256:' + 'a'.repeat(64) + ' local.tgz /a\nHEALTHCHECK --interval=30 --timeout=5sec --start-period=1us --retries=-1 CMD true\n';
    expect(brief('invalid-flag', text).map((f) => f.message)).toEqual([
      "'Linux' is not a platform (os[/arch[/variant]])",
      "--network must be default, none or host; got 'bridge'",
      "--security must be sandbox or insecure; got 'root'",
      '--from cannot contain variables; BuildKit does not expand them',
      "'a:b:c' is not user[:group]",
      "'888' is not an octal or symbolic file mode",
      "'sha256:abc' is not sha256:, sha384: or sha512: with the right number of hex digits",
      '--checksum only works with URL or git sources',
      "'30' is not a valid duration (missing unit?)",
      "'5sec' has an unknown unit 'sec'",
      "'1us' is less than 1ms",
      "--retries needs a whole number of 0 or more; got '-1'",
    ]);
  });
  it('accepts valid flags, labs-only flags with a labs frontend, and skips third-party frontends', () => {
    expect(at('invalid-flag', 'FROM --platform=$BUILDPLATFORM a\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc,required --mount=type=ssh --mount=type=bind,from=a,source=/x,target=/y,ro true\nCOPY --chmod=u+rwx,g=rx --parents --exclude=*.md --exclude=*.txt x /y/\nADD --keep-git-dir=true --unpack=false https://example.com/r.git /r\nHEALTHCHECK --interval=1m30s --start-interval=0 --retries=0 CMD true\n')).toEqual([]);
    expect(at('invalid-flag', 'FROM a\nRUN --mount=from=a,src=/x,rw --mount=type=bind true\nCOPY --chown=:conda --chown=${U:-1}:${U:-1} x /y/\n')).toEqual(['3:21-3:28']);
    expect(brief('invalid-flag', 'FROM a\nCOPY --chown=user: x /y/\n').map((f) => f.message)).toEqual(["'user:' is not user[:group]"]);
    expect(at('invalid-flag', 'FROM a\nRUN --device=/dev/fuse true\n')).toEqual(['2:5-2:13']);
    expect(at('invalid-flag', '# syntax=docker/dockerfile:1-labs\nFROM a\nRUN --device=/dev/fuse true\n')).toEqual([]);
    expect(at('invalid-flag', '# syntax=example.com/frontend:1\nFROM a\nRUN --custom=x true\n')).toEqual([]);
  });
});

describe('invalid-json-form', () => {
  it('reports JSON-looking arguments that are not JSON, with an unsafe fix', () => {
    expect(brief('invalid-json-form', "FROM a\nCMD ['node', 'app.js']\nENTRYPOINT [\"a\", \"b\",]\nRUN [\"C:\\app\\run.exe\"]\nHEALTHCHECK CMD ['curl', 'x']\n")).toEqual([
      { at: '2:5-2:23', message: 'This is not valid JSON (single quotes), so it runs as a shell command' },
      { at: '3:12-3:23', message: 'This is not valid JSON (trailing comma), so it runs as a shell command' },
      { at: '4:5-4:23', message: 'This is not valid JSON (invalid escape sequence; write backslashes as \\\\), so it runs as a shell command' },
      { at: '5:17-5:30', message: 'This is not valid JSON (single quotes), so it runs as a shell command' },
    ]);
    expect(fixOnly('invalid-json-form', "FROM a\nCMD ['node', 'app.js']\nRUN [\"C:\\app\"]\n", true)).toBe('FROM a\nCMD ["node", "app.js"]\nRUN ["C:\\\\app"]\n');
  });
  it('ignores shell text that starts with [ and valid JSON', () => {
    expect(at('invalid-json-form', 'FROM a\nRUN [ -f /x ] && echo ok\nCMD ["a", "b"]\nVOLUME ["/data"]\n')).toEqual([]);
  });
});

describe('invalid-heredoc', () => {
  it('reports an unterminated heredoc to the end of the file, pointing at a near miss', () => {
    expect(brief('invalid-heredoc', 'FROM a\nRUN <<EOF\necho hi\nEOF \n')).toEqual([
      { at: '2:5-5:1', message: "Heredoc 'EOF' is never terminated (line 4 has extra whitespace)" },
    ]);
    expect(brief('invalid-heredoc', 'FROM a\nRUN <<-EOF\necho hi\n  EOF\n').map((f) => f.message)).toEqual(["Heredoc 'EOF' is never terminated (line 4 has extra whitespace)"]);
  });
  it('reports unbalanced delimiter quotes, heredoc destinations, unsupported instructions and JSON form', () => {
    expect(brief('invalid-heredoc', "FROM a\nRUN cat <<'EOF\nCOPY x <<EOF\nhi\nEOF\nCMD cat <<EOF\nhi\nEOF\nRUN [\"cat\", \"<<END\"]\nEND\n")).toEqual([
      { at: '2:9-2:15', message: 'Unbalanced quote in heredoc delimiter' },
      { at: '3:8-3:13', message: 'A heredoc cannot be the destination' },
      { at: '6:9-6:14', message: 'Heredocs are only supported in RUN, COPY and ADD' },
      { at: '9:13-9:20', message: 'Heredocs are not supported in JSON form' },
    ]);
  });
  it('accepts valid heredocs', () => {
    expect(at('invalid-heredoc', 'FROM a\nRUN <<EOF\necho\nEOF\nRUN cat <<-"X" > /f\n\tdata\n\tX\nCOPY <<A <<B /d/\na\nA\nb\nB\nRUN cat <<<"here string"\n')).toEqual([]);
  });
});

describe('invalid-variable-substitution', () => {
  it('reports unsupported forms in expanded instructions only', () => {
    expect(brief('invalid-variable-substitution', 'FROM a\nARG N=x\nWORKDIR /${N^^}\nENV A=${} B=${N:} C=${#N} D=${N:1:2}\nLABEL x=${N\nRUN echo ${N^^}\n')).toEqual([
      { at: '3:10-3:16', message: "Docker cannot expand '${N^^}'" },
      { at: '4:7-4:10', message: "Docker cannot expand '${}'" },
      { at: '4:13-4:18', message: "Docker cannot expand '${N:}'" },
      { at: '4:21-4:26', message: "Docker cannot expand '${#N}'" },
      { at: '4:29-4:37', message: "Docker cannot expand '${N:1:2}'" },
      { at: '5:9-5:12', message: "Docker cannot expand '${N'" },
    ]);
  });
  it('accepts supported modifiers, quoted and escaped text', () => {
    expect(at('invalid-variable-substitution', "FROM a\nARG V=1\nENV A=${V:-x} B=${V-x} C=${V:+x} D=${V+x} E=${V:?x} F=${V#x} G=${V##x} H=${V%x} I=${V%%x} J=${V/a/b} K=${V//a/b} L='${V^^}' M=\\${V,,}\n")).toEqual([]);
  });
});

describe('invalid-parser-directive', () => {
  it('reports invalid escapes, repeated directives and malformed check values', () => {
    expect(brief('invalid-parser-directive', '# escape=/\n# Escape=`\n# check=skip=A;error=maybe;foo\nFROM a\n')).toEqual([
      { at: '1:10-1:11', message: "Invalid escape character '/'; use a backslash or a backtick" },
      { at: '2:3-2:9', message: "Directive 'escape' is given twice" },
      { at: '3:16-3:27', message: "Invalid check option 'error=maybe'" },
      { at: '3:28-3:31', message: "Invalid check option 'foo'" },
    ]);
    expect(at('invalid-parser-directive', '# escape=\n# check=error=TRUE;experimental=all\nFROM a\n')).toEqual([]);
  });
});

describe('ineffective-parser-directive', () => {
  it('reports misplaced, typo\'d, truncated and unknown-check directives', () => {
    const text = '# sytnax=docker/dockerfile:1\n# check=skip=StageNameCasing, FromAsCasing;\n# check=skip=NoSuchCheck\nFROM a\n# syntax=docker/dockerfile:1\n\n# check=skip=UndefinedVar\n\nRUN true\n  # check=skip=all\nRUN true\n';
    expect(brief('ineffective-parser-directive', text)).toEqual([
      { at: '1:3-1:9', message: "Unknown directive 'sytnax' (did you mean 'syntax'?) ends the directive block" },
      { at: '2:30-2:44', message: 'Text after a space in a check directive is ignored' },
      { at: '3:14-3:25', message: "Unknown check 'NoSuchCheck' in skip list" },
      { at: '5:1-5:29', message: 'This syntax directive is ignored because it is not at the top of the file' },
      { at: '7:1-7:26', message: 'This check directive is ignored because it is not at the top of the file or directly above an instruction' },
      { at: '10:3-10:19', message: 'An indented check comment is not honoured' },
    ]);
  });
  it('accepts per-instruction check comments with known names and fixes a typo', () => {
    expect(at('ineffective-parser-directive', '# syntax=docker/dockerfile:1\nFROM a\n# check=skip=UndefinedVar,all\nRUN echo $X\n')).toEqual([]);
    expect(at('ineffective-parser-directive', '#!/usr/bin/env docker-build\n# syntax=docker/dockerfile:1\nFROM a\n')).toEqual([]);
    expect(fixOnly('ineffective-parser-directive', '# sytnax=docker/dockerfile:1\nFROM a\n', true)).toBe('# syntax=docker/dockerfile:1\nFROM a\n');
  });
});

describe('feature-needs-newer-syntax', () => {
  it('reports features newer than the pinned frontend at their token', () => {
    const text = '# syntax=docker/dockerfile:1.3\nFROM a\nRUN --mount=type=cache,target=/x --network=none true\nCOPY --link --chmod=u+x x /y/\nRUN <<EOF\ntrue\nEOF\nARG V=1.2\nENV W=${V%.*}\n';
    const findings = lintRule('feature-needs-newer-syntax', text);
    expect(findings.map((f) => [where(f), f.message])).toEqual([
      ['4:6-4:12', '--link needs Dockerfile frontend 1.4 or later, but the file pins 1.3'],
      ['4:13-4:20', 'Symbolic --chmod needs Dockerfile frontend 1.14 or later, but the file pins 1.3'],
      ['5:5-5:10', 'Heredocs needs Dockerfile frontend 1.4 or later, but the file pins 1.3'],
      ['9:7-9:14', 'Pattern substitution in variables needs Dockerfile frontend 1.7 or later, but the file pins 1.3'],
    ]);
    expect(findings[0]!.related[0]?.range.start).toEqual({ line: 0, character: 0 });
  });
  it('is silent for docker/dockerfile:1, unpinned and third-party frontends', () => {
    const body = 'FROM a\nCOPY --link x /y/\n';
    for (const syntax of ['docker/dockerfile:1', 'docker/dockerfile', 'example.com/frontend:1.0', 'docker/dockerfile:1.4.3-labs']) {
      expect(at('feature-needs-newer-syntax', `# syntax=${syntax}\n${body}`), syntax).toEqual([]);
    }
    expect(at('feature-needs-newer-syntax', body)).toEqual([]);
  });
});

describe('a file with ten different syntax errors', () => {
  it('yields ten diagnostics, not one', () => {
    const text = [
      '# escape=/',
      'FROM Alpine:3.20 AS 1build',
      'RUNN echo hi',
      'COPY --chwon=a:b x /y/',
      'ENV DEBUG',
      'EXPOSE 70000',
      'STOPSIGNAL SIGFOO',
      "CMD ['echo', 'hi']",
      'WORKDIR /srv/${N^^}',
      'ONBUILD FROM alpine:3.20',
      '',
    ].join('\n');
    const syntaxRules = new Set([
      'invalid-parser-directive', 'invalid-image-reference', 'invalid-stage-name', 'unknown-instruction', 'invalid-flag',
      'invalid-instruction-arguments', 'invalid-expose', 'invalid-stopsignal', 'invalid-json-form', 'invalid-variable-substitution', 'invalid-onbuild-trigger',
    ]);
    const findings = lint(text).filter((f) => syntaxRules.has(f.ruleId));
    expect(findings.map((f) => `${f.ruleId}@${where(f)}`)).toEqual([
      'invalid-parser-directive@1:10-1:11',
      'invalid-image-reference@2:6-2:12',
      'invalid-stage-name@2:21-2:27',
      'unknown-instruction@3:1-3:5',
      'invalid-flag@4:6-4:13',
      'invalid-instruction-arguments@5:5-5:10',
      'invalid-expose@6:8-6:13',
      'invalid-stopsignal@7:12-7:18',
      'invalid-json-form@8:5-8:19',
      'invalid-variable-substitution@9:14-9:20',
      'invalid-onbuild-trigger@10:9-10:13',
    ]);
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(10);
  });
});
