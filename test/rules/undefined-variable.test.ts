import { describe, expect, it } from 'vitest';
import { lintRule, where } from '../helpers.js';

const brief = (text: string, options: Parameters<typeof lintRule>[2] = {}) =>
  lintRule('undefined-variable', text, options).map((f) => ({ at: where(f), codes: f.codes, message: f.message }));

describe('undefined-variable', () => {
  it('reports FROM variables that are not global ARGs (UndefinedArgInFrom)', () => {
    expect(brief('FROM alpine:$TAG\n')).toEqual([
      { at: '1:13-1:17', codes: ['UndefinedArgInFrom'], message: "FROM uses 'TAG', which is not declared by an ARG before the first FROM" },
    ]);
    expect(brief('ARG TAG\nFROM alpine:$TAG\nFROM --platform=$BUILDPLATFORM alpine:${TAG:-3}\nFROM alpine:${OTHER:-3.20}\n')).toEqual([]);
  });

  it('reports a global ARG used in a stage without re-declaration, also in RUN text, with a fix', () => {
    const findings = lintRule('undefined-variable', 'ARG VERSION=1.0\nFROM alpine:3.20\nRUN echo "$VERSION"\nLABEL v=${VERSION}\n');
    expect(findings.map((f) => [where(f), f.message])).toEqual([
      ['3:11-3:19', "Global ARG 'VERSION' is not visible in this stage; add 'ARG VERSION' after FROM"],
      ['4:9-4:19', "Global ARG 'VERSION' is not visible in this stage; add 'ARG VERSION' after FROM"],
    ]);
    expect(findings[0]!.fix).toMatchObject({ safe: false, edits: [{ text: '\nARG VERSION', range: { start: { line: 1, character: 16 } } }] });
    expect(brief('ARG VERSION=1.0\nFROM alpine:3.20\nARG VERSION\nRUN echo "$VERSION"\n')).toEqual([]);
  });

  it('reports automatic platform ARGs that are not declared in the stage', () => {
    expect(brief('FROM alpine:3.20\nRUN echo $TARGETARCH\n').map((f) => f.at)).toEqual(['2:10-2:21']);
    expect(brief('FROM alpine:3.20\nARG TARGETARCH\nRUN echo $TARGETARCH\n')).toEqual([]);
  });

  it('reports an ARG declared in a stage outside the chain', () => {
    expect(brief('FROM alpine:3.20 AS a\nARG V=1\nFROM alpine:3.20 AS b\nRUN echo $V\n')).toEqual([
      { at: '4:10-4:12', codes: ['UndefinedVar'], message: "ARG 'V' is declared in stage 'a', not in this stage's chain" },
    ]);
    expect(brief('FROM alpine:3.20 AS a\nARG V=1\nFROM a AS b\nRUN echo $V\n')).toEqual([]);
    expect(brief('FROM alpine:3.20 AS base-amd64\nARG V=1\nFROM base-$TARGETARCH\nRUN echo $V\nENV X=$V\n')).toEqual([]);
  });

  it('does not report names the RUN script assigns, single-quoted text or escaped dollars', () => {
    expect(brief("ARG V=1\nFROM alpine:3.20\nRUN V=2; echo $V '$V' \\$V\nRUN for V in a b; do echo $V; done\n")).toEqual([]);
  });

  it('reports a name the RUN script only references or assigns after the reference', () => {
    const at = (script: string): string[] => brief(`ARG V=1\nFROM alpine:3.20\nRUN ${script}\n`).map((f) => f.at);
    expect(at('echo $V ${V} "${V:?}"')).toEqual(['3:10-3:12', '3:13-3:17', '3:19-3:25']);
    expect(at('echo $V; V=2')).toEqual(['3:10-3:12']);
    expect(at('echo $VV; VV=2; echo $V')).toEqual(['3:26-3:28']);
    expect(at('read -r -p $V V')).toEqual([]);
    expect(at('export V; echo $V')).toEqual([]);
    expect(at('(V=2; echo $V)')).toEqual([]);
  });

  it('finds assignments after any separator, but not a name inside a longer word', () => {
    const at = (script: string): string[] => brief(`ARG V=1\nFROM alpine:3.20\nRUN ${script}\n`).map((f) => f.at);
    for (const script of ['true|V=2; echo $V', 'true&&V=2; echo $V', 'echo `V=2` $V', 'true;\tV+=2; echo $V', 'read -r A V; echo $V', 'local -r V=2; echo $V']) {
      expect(at(script), script).toEqual([]);
    }
    expect(at('AV=2; V_2=3; echo $V')).toEqual(['3:23-3:25']);
    expect(at('echo $V; echo V')).toEqual(['3:10-3:12']);
  });

  it('accepts proxy ARGs in RUN but not elsewhere without a declaration', () => {
    expect(brief('FROM alpine:3.20\nRUN curl --proxy "$HTTP_PROXY" https://example.com\n')).toEqual([]);
    expect(brief('FROM alpine:3.20\nENV P=$HTTP_PROXY\n').map((f) => f.at)).toEqual(['2:7-2:18']);
    expect(brief('FROM alpine:3.20\nARG HTTP_PROXY\nENV P=$HTTP_PROXY\n')).toEqual([]);
  });

  it('reports typos for unknown base images with a did-you-mean fix', () => {
    const findings = lintRule('undefined-variable', 'FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\nCOPY . $APP_HOME/\nUSER $UNRELATED\n');
    expect(findings.map((f) => [where(f), f.message])).toEqual([
      ['3:9-3:18', "Variable 'APP_HOEM' is not defined here and expands to an empty string (did you mean $APP_HOME?)"],
    ]);
    expect(findings[0]!.fix?.edits[0]).toMatchObject({ text: 'APP_HOME', range: { start: { line: 2, character: 9 }, end: { line: 2, character: 17 } } });
    expect(lintRule('undefined-variable', 'FROM alpine:3.20\nUSER $UNRELATED\n', { rules: { 'undefined-variable': ['warning', { unknownBaseImages: 'report' }] } })).toHaveLength(1);
    expect(lintRule('undefined-variable', 'FROM alpine:3.20\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n', { rules: { 'undefined-variable': ['warning', { unknownBaseImages: 'ignore' }] } })).toEqual([]);
  });

  it('uses the base-image table and scratch roots', () => {
    expect(brief('FROM python:3.12-slim\nWORKDIR /opt/$PYTHON_VERSION\nENV X=$PYTHON_VERSON\n').map((f) => f.at)).toEqual(['3:7-3:21']);
    expect(brief('FROM python:3.12 AS base\nFROM base\nENV Y=$UNKNOWN_THING\n').map((f) => f.at)).toEqual(['3:7-3:21']);
    expect(brief('FROM scratch\nCOPY app /$APPDIR/\n').map((f) => f.at)).toEqual(['2:11-2:18']);
    expect(brief('FROM scratch\nCOPY app $PATH\n')).toEqual([]);
    expect(brief('FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\n')).toEqual([]);
    expect(brief('FROM mycorp/base:1\nUSER $APP_USER\n', { rules: { 'undefined-variable': ['warning', { baseImageEnv: { 'mycorp/*': ['APP_USER'] }, unknownBaseImages: 'report' }] } })).toEqual([]);
  });

  it('honours knownVariables and guarded modifiers', () => {
    expect(brief('FROM scratch\nWORKDIR /$PROJECT\n', { settings: { knownVariables: ['PROJECT'] } })).toEqual([]);
    expect(brief('FROM scratch\nWORKDIR ${A:-/x}\nWORKDIR ${B:+/y}\nWORKDIR ${C-/z}\n')).toEqual([]);
    expect(brief('FROM scratch\nWORKDIR ${A:?required}\n').map((f) => f.at)).toEqual(['2:9-2:23']);
  });

  it('leaves references to keys of the same ENV to no-env-self-reference', () => {
    expect(brief('FROM scratch\nENV A=1 B=$A\n')).toEqual([]);
    expect(brief('FROM scratch\nARG A=1 B=$A\n')).toEqual([]);
  });

  it('matches names case-insensitively in Windows stages and does not predefine PATH there', () => {
    expect(brief('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV AppDir=C:/app\nWORKDIR $APPDIR\n')).toEqual([]);
    expect(brief('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN $env:PATH = \'C:\\x;\' + $env:PATH\n')).toEqual([]);
  });

  it('is silenced by # check=skip=UndefinedVar and skip=all', () => {
    expect(brief('# check=skip=UndefinedVar\nARG V=1\nFROM alpine:3.20\nRUN echo $V\n')).toEqual([]);
    expect(brief('ARG V=1\nFROM alpine:3.20\n# check=skip=UndefinedVar\nRUN echo $V\n')).toEqual([]);
    expect(brief('# check=skip=all\nFROM alpine:$TAG\n')).toEqual([]);
    expect(brief('# check=skip=UndefinedVar\nFROM alpine:$TAG\n')).toHaveLength(1);
  });
});
