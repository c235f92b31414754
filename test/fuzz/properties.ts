/**
 * The properties every lint must satisfy, shared by the reliability tests and `npm run fuzz`.
 * Each check throws an Error describing the violation (and returns timings for the time guard).
 */
import type { ResolvedConfig, RuleSetting } from '../../src/config/types.js';
import { runFixes } from '../../src/engine/fixer.js';
import { lintBytes, lintText, type LintTextOptions as LintOptions } from '../../src/engine/lint.js';
import { LineTable } from '../../src/model/line-table.js';
import type { Finding } from '../../src/engine/types.js';
import { config, registry } from '../helpers.js';

export { registry };

/** Ids a finding may carry: every registered rule plus the engine's own. */
export const KNOWN_RULE_IDS = new Set([...registry.rules.map((rule) => rule.meta.id), 'parse-error', 'unused-suppression']);

/**
 * Every rule of the `all` preset on. ShellCheck is an external process per file, so the fuzz
 * configs leave it off (its output mapping has its own tests); `withShellCheck` turns it on.
 */
export function fuzzConfig(options: { withShellCheck?: boolean; rules?: Record<string, RuleSetting> } = {}): ResolvedConfig {
  return config({ presets: ['all'], rules: { ...(options.withShellCheck ? {} : { shellcheck: 'off' }), ...options.rules } });
}

export const defaultOptions: LintOptions = { config: fuzzConfig(), registry, reportUnusedIgnores: true };

export class PropertyViolation extends Error {
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

function describeFinding(finding: Finding): string {
  const r = finding.range;
  return `${finding.ruleId} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} "${finding.message}"`;
}

/** Ranges inside the text, known rule ids. */
export function checkFindings(text: string, findings: readonly Finding[]): void {
  const lines = new LineTable(text);
  for (const finding of findings) {
    if (!KNOWN_RULE_IDS.has(finding.ruleId)) throw new Error(`unknown rule id: ${describeFinding(finding)}`);
    const { start, end } = finding.range;
    for (const at of [start, end]) {
      if (!Number.isInteger(at.line) || !Number.isInteger(at.character) || at.line < 0 || at.character < 0) {
        throw new Error(`range is not a non-negative integer position: ${describeFinding(finding)}`);
      }
      if (at.line >= lines.lineCount) throw new Error(`range line ${at.line} is past the last line (${lines.lineCount} lines): ${describeFinding(finding)}`);
      const length = lines.lineEnd(at.line) - lines.lineStart(at.line);
      if (at.character > length) throw new Error(`range character ${at.character} is past the end of line ${at.line} (length ${length}): ${describeFinding(finding)}`);
    }
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) {
      throw new Error(`range start is after its end: ${describeFinding(finding)}`);
    }
    for (const edit of finding.fix?.edits ?? []) {
      const s = edit.range.start;
      const e = edit.range.end;
      if (s.line > e.line || (s.line === e.line && s.character > e.character) || e.line >= lines.lineCount) {
        throw new Error(`fix edit range is invalid: ${describeFinding(finding)}`);
      }
    }
  }
}

function failureText(failures: readonly { ruleId: string; error: unknown }[]): string {
  return failures.map((f) => `${f.ruleId}: ${f.error instanceof Error ? (f.error.stack ?? f.error.message).split('\n').slice(0, 4).join(' | ') : String(f.error)}`).join('; ');
}

export interface CheckTimings {
  lintMs: number;
}

/**
 * No exception escapes, no rule fails, ranges lie in the file, ids are known, and linting
 * twice gives identical findings. Returns the time of the first lint.
 */
export function checkLintBytes(bytes: Uint8Array, options: LintOptions = defaultOptions, how: { once?: boolean } = {}): CheckTimings & { text: string | undefined } {
  const started = performance.now();
  const first = lintBytes(bytes, options);
  const lintMs = performance.now() - started;
  if (first.ruleFailures.length > 0) throw new Error(`rule failure: ${failureText(first.ruleFailures)}`);
  const text = first.text === undefined ? undefined : first.text.charCodeAt(0) === 0xfeff ? first.text.slice(1) : first.text;
  if (text !== undefined) checkFindings(text, first.findings);
  else if (first.findings.some((f) => f.ruleId !== 'parse-error')) throw new Error('undecodable bytes gave findings other than parse-error');
  if (how.once) return { lintMs, text };
  const second = lintBytes(bytes, options);
  if (JSON.stringify(second.findings) !== JSON.stringify(first.findings)) throw new Error('linting twice gave different findings');
  return { lintMs, text };
}

export function checkLintText(text: string, options: LintOptions = defaultOptions): CheckTimings {
  const started = performance.now();
  const first = lintText(text, options);
  const lintMs = performance.now() - started;
  if (first.ruleFailures.length > 0) throw new Error(`rule failure: ${failureText(first.ruleFailures)}`);
  checkFindings(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, first.findings);
  const second = lintText(text, options);
  if (JSON.stringify(second.findings) !== JSON.stringify(first.findings)) throw new Error('linting twice gave different findings');
  return { lintMs };
}

/**
 * `--fix --fix-unsafe` output: parses when the input parsed, gains no finding, and the fixer
 * itself never throws.
 */
export function checkFix(text: string, options: LintOptions = defaultOptions): void {
  const lint = (candidate: string): Finding[] => {
    const output = lintText(candidate, options);
    if (output.ruleFailures.length > 0) throw new Error(`rule failure while fixing: ${failureText(output.ruleFailures)}`);
    return output.findings;
  };
  const before = lint(text);
  if (!before.some((f) => f.fix !== undefined)) return;
  const result = runFixes(text, { unsafe: true, categoryOf: (id) => registry.get(id)?.meta.category, lint });
  if (result.text === text) return;
  const after = lint(result.text);
  const parsedBefore = !before.some((f) => f.ruleId === 'parse-error');
  if (parsedBefore && after.some((f) => f.ruleId === 'parse-error')) throw new Error('the fixed text does not parse');
  // "The same finding" as the fixer means it: rule and codes (messages name lines and fixed words).
  const count = (findings: Finding[]): Map<string, number> => {
    const map = new Map<string, number>();
    for (const f of findings) map.set(`${f.ruleId}|${f.codes.join(',')}`, (map.get(`${f.ruleId}|${f.codes.join(',')}`) ?? 0) + 1);
    return map;
  };
  const was = count(before);
  for (const [key, n] of count(after)) if (n > (was.get(key) ?? 0)) throw new Error(`the fixed text gained a finding: ${key}`);
  checkFindings(result.text, after);
}
