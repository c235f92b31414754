import { describe, expect, it } from 'vitest';
import { runFixes } from '../../src/engine/fixer.js';
import { lint, lintRule, where } from '../helpers.js';

const at = (ruleId: string, text: string) => lintRule(ruleId, text).map(where);
const brief = (ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}) =>
  lintRule(ruleId, text, options).map((f) => ({ at: where(f), codes: f.codes, message: f.message }));
/** Applies the safe fixes of the casing rules only. */
const fix = (text: string) =>
  runFixes(text, { unsafe: false, categoryOf: () => 'style', lint: (t) => lint(t, { presets: [], rules: { 'keyword-casing': 'style', 'stage-name-casing': 'style', 'expose-proto-casing': 'style', 'no-legacy-key-value': 'style' } }) }).text;

describe('keyword-casing', () => {
  it('reports keywords not in the majority case, triggers and HEALTHCHECK CMD included', () => {
    const text = 'FROM alpine:3.20\nrun echo a\nRUN echo b\nONBUILD run echo c\nHEALTHCHECK cmd true\n';
    expect(brief('keyword-casing', text)).toEqual([
      { at: '2:1-2:4', codes: ['ConsistentInstructionCasing'], message: "'run' should be uppercase like the rest of the file" },
      { at: '4:9-4:12', codes: ['ConsistentInstructionCasing'], message: "'run' should be uppercase like the rest of the file" },
      { at: '5:13-5:16', codes: ['ConsistentInstructionCasing'], message: "'cmd' should be uppercase like the rest of the file" },
    ]);
  });
  it('uses lower case when it is the majority, upper on a tie, and always reports mixed case', () => {
    expect(brief('keyword-casing', 'from alpine:3.20\nrun echo a\nRUN echo b\n').map((f) => f.at)).toEqual(['3:1-3:4']);
    expect(brief('keyword-casing', 'from alpine:3.20\nRUN echo b\n').map((f) => f.at)).toEqual(['1:1-1:5']);
    expect(brief('keyword-casing', 'FROM alpine:3.20\nRun echo b\n').map((f) => f.at)).toEqual(['2:1-2:4']);
  });
  it('checks AS against FROM (FromAsCasing) and fixes it', () => {
    expect(brief('keyword-casing', 'FROM alpine:3.20 as build\n')).toEqual([
      { at: '1:18-1:20', codes: ['FromAsCasing'], message: "'as' should match the case of 'FROM'" },
    ]);
    expect(brief('keyword-casing', 'from alpine:3.20 as build\n')).toEqual([]);
    expect(brief('keyword-casing', 'From alpine:3.20 as build\n').map((f) => f.codes)).toEqual([['ConsistentInstructionCasing']]);
    expect(fix('FROM alpine:3.20 as build\nrun echo\nRUN echo\n')).toBe('FROM alpine:3.20 AS build\nRUN echo\nRUN echo\n');
  });
  it('honours style and directive options', () => {
    expect(brief('keyword-casing', 'from alpine:3.20\n', { rules: { 'keyword-casing': ['style', { style: 'upper' }] } })).toHaveLength(1);
    expect(brief('keyword-casing', '# Syntax=docker/dockerfile:1\nFROM alpine:3.20\n')).toEqual([
      { at: '1:3-1:9', codes: [], message: "Directive names are conventionally lowercase: 'Syntax'" },
    ]);
    expect(brief('keyword-casing', '# Syntax=docker/dockerfile:1\nFROM alpine:3.20\n', { rules: { 'keyword-casing': ['style', { directives: false }] } })).toEqual([]);
  });
  it('is silenced per code by # check=skip', () => {
    expect(brief('keyword-casing', '# check=skip=FromAsCasing\nFROM alpine:3.20 as b\nrun x\nRUN y\n').map((f) => f.codes)).toEqual([['ConsistentInstructionCasing']]);
    expect(brief('keyword-casing', '# check=skip=ConsistentInstructionCasing,FromAsCasing\nFROM alpine:3.20 as b\nrun x\nRUN y\n')).toEqual([]);
  });
});

describe('stage-name-casing', () => {
  it('reports and fixes the name and every reference', () => {
    const text = 'FROM alpine:3.20 AS Build\nFROM Build AS next\nFROM alpine:3.20\nCOPY --from=BUILD /a /a\nRUN --mount=from=Build,target=/x true\n';
    expect(brief('stage-name-casing', text)).toEqual([{ at: '1:21-1:26', codes: ['StageNameCasing'], message: "Use lowercase for stage name 'Build'" }]);
    expect(fix(text)).toBe('FROM alpine:3.20 AS build\nFROM build AS next\nFROM alpine:3.20\nCOPY --from=build /a /a\nRUN --mount=from=build,target=/x true\n');
  });
  it('is silenced by # check=skip=StageNameCasing', () => {
    expect(lintRule('stage-name-casing', '# check=skip=StageNameCasing\nFROM alpine:3.20 AS Build\n')).toEqual([]);
  });
  it('leaves names that are invalid anyway to invalid-stage-name', () => {
    // Corpus: buildah/imagebuilder tests `FROM x AS ${FIRST_STAGE}` — lowercasing cannot fix these.
    expect(at('stage-name-casing', 'ARG S=one\nFROM alpine:3.20 AS ${S}\nFROM alpine:3.20 AS Build$X\n')).toEqual([]);
    expect(at('invalid-stage-name', 'ARG S=one\nFROM alpine:3.20 AS ${S}\n')).toEqual(['2:21-2:25']);
    expect(at('stage-name-casing', 'FROM alpine:3.20 AS Build_1.x-Y\n')).toEqual(['1:21-1:32']);
  });
});

describe('expose-proto-casing', () => {
  it('reports the protocol and fixes it', () => {
    expect(brief('expose-proto-casing', 'FROM alpine:3.20\nEXPOSE 80/TCP 53/udp\n')).toEqual([{ at: '2:11-2:14', codes: ['ExposeProtoCasing'], message: "Write protocol 'TCP' in lowercase" }]);
    expect(fix('FROM alpine:3.20\nEXPOSE 80/TCP\n')).toBe('FROM alpine:3.20\nEXPOSE 80/tcp\n');
    expect(lintRule('expose-proto-casing', 'FROM alpine:3.20\nARG P=80/Udp\nEXPOSE $P\n').map(where)).toEqual(['3:8-3:10']);
  });
  it('is silenced by # check=skip=ExposeProtoCasing', () => {
    expect(lintRule('expose-proto-casing', '# check=skip=ExposeProtoCasing\nFROM alpine:3.20\nEXPOSE 80/TCP\n')).toEqual([]);
  });
});

describe('no-legacy-key-value', () => {
  it('reports ENV and LABEL legacy forms at the key, with a fix', () => {
    expect(brief('no-legacy-key-value', 'FROM alpine:3.20\nENV APP_HOME /app\nLABEL a b\nARG x y\n')).toEqual([
      { at: '2:5-2:13', codes: ['LegacyKeyValueFormat'], message: "Use 'ENV APP_HOME=value'; the 'key value' form is deprecated" },
      { at: '3:7-3:8', codes: ['LegacyKeyValueFormat'], message: "Use 'LABEL a=value'; the 'key value' form is deprecated" },
    ]);
    expect(fix('FROM alpine:3.20\nENV MSG hello world\nONBUILD ENV A b\n')).toBe('FROM alpine:3.20\nENV MSG="hello world"\nONBUILD ENV A=b\n');
    expect(lintRule('no-legacy-key-value', 'FROM alpine:3.20\nENV MSG "hi"\n')[0]?.fix).toBeUndefined();
  });
  it('is silenced by # check=skip=LegacyKeyValueFormat', () => {
    expect(lintRule('no-legacy-key-value', 'FROM alpine:3.20\n# check=skip=LegacyKeyValueFormat\nENV A b\n')).toEqual([]);
  });
});

describe('no-inline-suppressions', () => {
  const on = { presets: ['all'], rules: { 'no-inline-suppressions': 'info' as const } };
  it('is opt-in', () => {
    expect(lintRule('no-inline-suppressions', 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n')).toEqual([]);
  });
  it('does not report ordinary comments or file-wide forms by default (DL1001)', () => {
    expect(lintRule('no-inline-suppressions', 'FROM alpine:3.20\n# ignore the cache here\nRUN apk add --no-cache curl=8.9.1-r0\n', on)).toEqual([]);
    expect(lintRule('no-inline-suppressions', '# check=skip=StageNameCasing\nFROM alpine:3.20\n# hadolint global ignore=DL3008\n', on)).toEqual([]);
  });
  it('reports inline pragmas and per-instruction check comments', () => {
    const text = 'FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n# layerlint ignore=no-sudo\nRUN sudo true\n# check=skip=UndefinedVar\nRUN echo $X\n# hadolint global ignore=DL3008\n';
    expect(brief('no-inline-suppressions', text, on)).toEqual([
      { at: '2:1-2:25', codes: ['DL1001'], message: 'Suppression comment: DL3018' },
      { at: '4:1-4:27', codes: ['DL1001'], message: 'Suppression comment: no-sudo' },
      { at: '6:1-6:26', codes: ['DL1001'], message: 'Suppression comment: UndefinedVar' },
    ]);
  });
  it('includes file-wide forms with include: file', () => {
    const text = '# check=skip=StageNameCasing\nFROM alpine:3.20\n# hadolint global ignore=DL3008\n# layerlint ignore-file=no-sudo\n';
    const options = { presets: ['all'], rules: { 'no-inline-suppressions': ['info', { include: ['inline', 'file'] }] as ['info', Record<string, unknown>] } };
    expect(lintRule('no-inline-suppressions', text, options).map(where)).toEqual(['1:1-1:29', '3:1-3:32', '4:1-4:32']);
  });
});
