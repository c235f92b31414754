import { describe, expect, it } from 'vitest';
import { lint as lintAll, where } from '../helpers.js';

/** Only the headline rules, so findings of rules added later do not change these tests. */
const HEADLINE = { 'no-latest-tag': 'warning', 'non-root-user': 'warning', 'minimize-run-layers': 'info' } as const;
const lint = (text: string, options: Parameters<typeof lintAll>[1] = {}) =>
  lintAll(text, { ...options, presets: [], rules: { ...HEADLINE, ...options.rules } });

const rules = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);

describe('inline suppressions', () => {
  it('silences the next instruction with # layerlint ignore=<rule id>', () => {
    const text = '# layerlint ignore=no-latest-tag\nFROM ubuntu\nFROM debian\nUSER app\n';
    expect(lint(text).filter((f) => f.ruleId === 'no-latest-tag').map(where)).toEqual(['3:6-3:12']);
  });

  it('accepts peer codes and several selectors, separated by commas', () => {
    const text = 'FROM alpine:3.20\n# layerlint ignore=DL3059, non-root-user\nRUN a\n';
    const text2 = 'FROM alpine:3.20\nRUN echo a\n# layerlint ignore=DL3059,non-root-user\nRUN echo b\n';
    expect(rules(lint(text))).not.toContain('minimize-run-layers');
    expect(rules(lint(text2))).toEqual(['non-root-user']);
  });

  it('honours # hadolint ignore= for the code it names and nothing else', () => {
    const text = '# hadolint ignore=DL3007\nFROM ubuntu:latest\nFROM ubuntu\nUSER app\n';
    const findings = lint(text).filter((f) => f.ruleId === 'no-latest-tag');
    expect(findings.map((f) => f.codes[0])).toEqual(['DL3006']);
  });

  it('does not let a code of one part silence another part of the same rule', () => {
    const text = '# hadolint ignore=DL3006\nFROM ubuntu:latest\nUSER app\n';
    expect(lint(text).filter((f) => f.ruleId === 'no-latest-tag')).toHaveLength(1);
  });

  it('applies to every line of a multi-line instruction, and only to the next instruction', () => {
    const text = 'FROM alpine:3.20\nRUN echo a\n# layerlint ignore=minimize-run-layers\nRUN echo b \\\n  c\nRUN echo d\n';
    expect(lint(text).filter((f) => f.ruleId === 'minimize-run-layers').map(where)).toEqual(['6:1-6:4']);
  });

  it('silences the whole file with # layerlint ignore-file= and # hadolint global ignore=', () => {
    expect(rules(lint('FROM ubuntu\n# layerlint ignore-file=no-latest-tag\nUSER app\n'))).toEqual([]);
    expect(rules(lint('# hadolint global ignore=DL3006\nFROM ubuntu\nUSER app\n'))).toEqual([]);
  });

  it('ignores inline pragmas when the config disables them (hadolint disable-ignore-pragma)', () => {
    const text = '# hadolint ignore=DL3006\nFROM ubuntu\nUSER app\n';
    expect(rules(lint(text, { disableInlinePragmas: true }))).toEqual(['no-latest-tag']);
  });

  it('applies BuildKit check=skip only to findings that carry a BuildKit code', () => {
    // no-latest-tag has no BuildKit code, so skip=all leaves it alone.
    const text = '# check=skip=all\nFROM ubuntu\nUSER app\n';
    expect(rules(lint(text))).toEqual(['no-latest-tag']);
  });

  it('reports suppressions that silenced nothing with --report-unused-ignores', () => {
    const text = 'FROM alpine:3.20\n# layerlint ignore=no-latest-tag,DL3059\nUSER app\n';
    const findings = lint(text, { reportUnusedIgnores: true }).filter((f) => f.ruleId === 'unused-suppression');
    expect(findings.map((f) => [where(f), f.message])).toEqual([
      ['2:1-2:40', "'no-latest-tag' in this layerlint pragma silenced nothing; remove it"],
      ['2:1-2:40', "'DL3059' in this layerlint pragma silenced nothing; remove it"],
    ]);
    expect(lint(text).filter((f) => f.ruleId === 'unused-suppression')).toEqual([]);
  });

  it('anchors never-set-USER findings on FROM so a pragma above FROM silences them', () => {
    const text = '# layerlint ignore=non-root-user\nFROM alpine:3.20\nRUN true\n';
    expect(rules(lint(text))).toEqual([]);
  });
});

describe('severity settings', () => {
  it('lets a code-level setting beat the rule-level one (RULES.md §0.2)', () => {
    const text = 'FROM ubuntu\nFROM debian:latest\nUSER app\n';
    const findings = lint(text, { rules: { 'no-latest-tag': 'off', DL3007: 'error' } }).filter((f) => f.ruleId === 'no-latest-tag');
    expect(findings.map((f) => [f.codes[0], f.severity])).toEqual([['DL3007', 'error']]);
  });

  it('turns off only the part whose code is off', () => {
    const text = 'FROM ubuntu\nFROM debian:latest\nUSER app\n';
    const findings = lint(text, { rules: { DL3006: 'off' } }).filter((f) => f.ruleId === 'no-latest-tag');
    expect(findings.map((f) => f.codes[0])).toEqual(['DL3007']);
  });

  it('uses the highest severity among a finding\'s codes, and off wins over any severity', () => {
    const text = 'FROM ubuntu\nUSER app\n';
    expect(lint(text, { rules: { DL3006: 'info', 'DS-0001': 'error' } })[0]?.severity).toBe('error');
    expect(lint(text, { rules: { DL3006: 'error', DS001: 'off' } })).toEqual([]);
  });

  it('runs a rule that is off by preset when one of its codes is set', () => {
    const text = 'FROM ubuntu\nUSER app\n';
    const latest = (options: Parameters<typeof lintAll>[1]) => rules(lintAll(text, options)).filter((id) => id === 'no-latest-tag');
    expect(latest({ presets: ['recommended'], rules: { 'no-latest-tag': 'off' } })).toEqual([]);
    expect(latest({ presets: ['recommended'], rules: { 'no-latest-tag': 'off', DL3006: 'warning' } })).toEqual(['no-latest-tag']);
  });

  it('promotes BuildKit-coded findings to errors with check=error=true only', () => {
    const text = '# check=error=true\nFROM ubuntu\nUSER app\n';
    expect(lint(text)[0]?.severity).toBe('warning');
  });
});

describe('robustness', () => {
  it('reports a parse-error for NUL bytes and runs no other rule', () => {
    const findings = lint('FROM ubuntu\nRUN \u0000\n');
    expect(findings.map((f) => [f.ruleId, where(f)])).toEqual([['parse-error', '2:5-2:6']]);
  });

  it('reports a parse-error for a line longer than BuildKit accepts', () => {
    const findings = lint(`FROM alpine:3.20\nRUN echo ${'x'.repeat(70_000)}\n`);
    expect(findings.map((f) => f.ruleId)).toEqual(['parse-error']);
    expect(findings[0]?.message).toContain('line 2 is longer than 65535 bytes');
  });

  it('counts a CRLF line ending as one line break when reporting a long line', () => {
    const long = 'x'.repeat(70_000);
    for (const [text, line] of [
      [`FROM alpine:3.20\r\nRUN true\r\nRUN echo ${long}\r\n`, 3],
      [`FROM alpine:3.20\rRUN true\rRUN echo ${long}\r`, 3],
      [`FROM alpine:3.20\nRUN true\n\nRUN echo ${long}`, 4],
    ] as const) {
      const findings = lint(text);
      expect(findings[0]?.message).toContain(`line ${line} is longer than 65535 bytes`);
      expect(findings[0]?.range.start.line).toBe(line - 1);
      expect(findings[0]?.range.end.character).toBe(9 + long.length);
    }
    expect(lint(`FROM alpine:3.20\r\nRUN echo ${'é'.repeat(30_000)}\r\n`).map((f) => f.ruleId)).not.toContain('parse-error');
  });

  it('lints empty and comment-only files without findings from the headline rules', () => {
    expect(lint('')).toEqual([]);
    expect(lint('# just a comment\n')).toEqual([]);
  });

  it('strips a UTF-8 BOM before parsing', () => {
    expect(lint('\uFEFFFROM ubuntu\nUSER app\n').map(where)).toEqual(['1:6-1:12']);
  });
});

describe('messages', () => {
  it('never print a password written into a URL', async () => {
    const { maskUrlCredentials } = await import('../../src/engine/lint.js');
    expect(maskUrlCredentials("git clone of 'https://bot:s3cr3t-Pa55@github.com/o/r.git' is not pinned")).toBe("git clone of 'https://bot:****@github.com/o/r.git' is not pinned");
    expect(maskUrlCredentials('see https://example.com/a@b')).toBe('see https://example.com/a@b');
    const findings = lintAll('FROM alpine:3.20\nRUN git clone https://bot:s3cr3t-Pa55@github.com/o/r.git\nUSER app\n');
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.message).not.toContain('s3cr3t-Pa55');
  });
});
