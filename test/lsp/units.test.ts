/** The language server's pure parts: diagnostic mapping, settings, code action edits. */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';
import { ignoreFileEdit, ignoreInstructionEdit, instructionAt, kindRequested, minimalEdit } from '../../src/lsp/actions.js';
import { toDiagnostic } from '../../src/lsp/diagnostics.js';
import { DEFAULT_SETTINGS, overridesFor, parseSettings } from '../../src/lsp/settings.js';
import { changeDebounceMs } from '../../src/lsp/server.js';
import { BuildFile } from '../../src/model/build-file.js';
import type { Finding } from '../../src/engine/types.js';
import { applyEdits } from './client.js';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
const finding = (over: Partial<Finding>): Finding => ({ ruleId: 'x', codes: [], severity: 'warning', message: 'm', range: at(0, 0, 1), fix: undefined, related: [], ...over });
const options = { uri: 'file:///D', relatedInformation: true, documented: () => true };

describe('toDiagnostic', () => {
  it('maps severities, style to Hint', () => {
    const severities = (['error', 'warning', 'info', 'style'] as const).map((severity) => toDiagnostic(finding({ severity }), options).severity);
    expect(severities).toEqual([DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint]);
  });

  it('tags MAINTAINER-like findings as deprecated, by rule id or code', () => {
    expect(toDiagnostic(finding({ ruleId: 'no-maintainer', codes: ['DL4000'] }), options).tags).toEqual([DiagnosticTag.Deprecated]);
    expect(toDiagnostic(finding({ ruleId: 'other', codes: ['MaintainerDeprecated'] }), options).tags).toEqual([DiagnosticTag.Deprecated]);
    expect(toDiagnostic(finding({ ruleId: 'no-legacy-key-value' }), options).tags).toEqual([DiagnosticTag.Deprecated]);
    expect(toDiagnostic(finding({ ruleId: 'no-latest-tag' }), options).tags).toBeUndefined();
  });

  it('carries codes in data and message, related locations, and no docs link for unknown rules', () => {
    const related = [{ range: at(1, 0, 3), message: 'first here' }];
    const d = toDiagnostic(finding({ ruleId: 'r', codes: ['DL1', 'DS-1'], related, fix: { edits: [{ range: at(0, 0, 1), text: '' }], safe: true } }), { ...options, documented: () => false });
    expect(d).toMatchObject({ code: 'r', message: 'm (DL1, DS-1)', data: { ruleId: 'r', codes: ['DL1', 'DS-1'], fixable: true } });
    expect(d.codeDescription).toBeUndefined();
    expect(d.relatedInformation).toEqual([{ location: { uri: 'file:///D', range: at(1, 0, 3) }, message: 'first here' }]);
    expect(toDiagnostic(finding({ related }), { ...options, relatedInformation: false }).relatedInformation).toBeUndefined();
  });
});

describe('settings', () => {
  it('reads the section or a { layerlint } wrapper, leniently', () => {
    const problems: string[] = [];
    const s = parseSettings({ layerlint: { enable: 'yes', preset: 'all, openshift', rules: { DL3006: 'off' }, run: 'sometimes' } }, DEFAULT_SETTINGS, problems);
    expect(s).toEqual({ enable: true, preset: ['all', 'openshift'], rules: { DL3006: 'off' }, run: 'onType' });
    expect(problems).toHaveLength(2);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ run: 'onSave', preset: [] })).toMatchObject({ run: 'onSave', preset: undefined });
    expect(overridesFor(parseSettings({ preset: ['all'], rules: { a: 'error' } }))).toEqual({ presets: ['all'], rules: { a: 'error' } });
  });
});

describe('code action edits', () => {
  it('only-kinds are hierarchical', () => {
    expect(kindRequested(undefined, 'source.fixAll.layerlint')).toBe(true);
    expect(kindRequested(['source'], 'source.fixAll.layerlint')).toBe(true);
    expect(kindRequested(['source.fixAll'], 'source.fixAll.layerlint')).toBe(true);
    expect(kindRequested(['quickfix'], 'source.fixAll.layerlint')).toBe(false);
    expect(kindRequested(['source.fix'], 'source.fixAll.layerlint')).toBe(false);
  });

  it('finds the instruction of a continuation line and keeps tab indentation', () => {
    const text = 'FROM a:1\n\tRUN echo a \\\n\t  && echo b\n';
    const model = new BuildFile(text);
    const node = instructionAt(model, 2);
    expect(node?.keyword).toBe('RUN');
    const edit = ignoreInstructionEdit(model, node!, 'some-rule');
    expect(applyEdits(text, [edit!])).toBe('FROM a:1\n\t# layerlint ignore=some-rule\n\tRUN echo a \\\n\t  && echo b\n');
    expect(instructionAt(model, 3)).toBeUndefined();
  });

  it('offers nothing when the rule is already listed', () => {
    const model = new BuildFile('# layerlint ignore=r\nFROM a\n# layerlint ignore-file=r\n');
    expect(ignoreInstructionEdit(model, model.instructions[0]!, 'r')).toBeUndefined();
    expect(ignoreFileEdit(model, 'r')).toBeUndefined();
  });

  it('adds the file pragma after directives, also when the file ends without a newline', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`';
    expect(applyEdits(text, [ignoreFileEdit(new BuildFile(text), 'r')!])).toBe('# syntax=docker/dockerfile:1\n# escape=`\n# layerlint ignore-file=r');
    expect(applyEdits('FROM a\n', [ignoreFileEdit(new BuildFile('FROM a\n'), 'r')!])).toBe('# layerlint ignore-file=r\nFROM a\n');
  });

  it('computes one minimal edit, never splitting a surrogate pair', () => {
    expect(minimalEdit('abc', 'abc')).toBeUndefined();
    const before = 'FROM a\nRUN x\nRUN y\n';
    const after = 'FROM a\nRUN x && \\\n    y\n';
    const edit = minimalEdit(before, after)!;
    expect(edit.range.start).toEqual({ line: 1, character: 5 });
    expect(applyEdits(before, [edit])).toBe(after);
    for (const [b, a] of [['x😀y', 'x😃y'], ['😀', '😀😀'], ['a😀', 'a']]) expect(applyEdits(b!, [minimalEdit(b!, a!)!])).toBe(a);
  });
});

describe('changeDebounceMs', () => {
  it('lints an isolated change at once and waits inside a burst', () => {
    expect(changeDebounceMs(Infinity, 0)).toBe(0);
    expect(changeDebounceMs(500, 30)).toBe(0);
    expect(changeDebounceMs(2, 30)).toBeGreaterThan(0);
  });

  it('waits longer after a slow lint, even for an isolated change', () => {
    expect(changeDebounceMs(Infinity, 1000)).toBeGreaterThan(changeDebounceMs(2, 30));
  });
});
