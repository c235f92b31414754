import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { FileResult, Finding } from '../engine/types.js';
import type { Range } from '../model/types.js';
import { displayPath, sortFindings } from './types.js';

/**
 * Helpers shared by the machine formats (SARIF, GitLab, GitHub, Checkstyle, JUnit, GNU):
 * project-relative paths with forward slashes, the text a finding points at, and
 * fingerprints that survive unrelated edits.
 */

/** The path relative to `cwd` (absolute paths outside it stay absolute), always with `/` separators. */
export function projectPath(filePath: string, cwd: string): string {
  return displayPath(filePath, cwd).split('\\').join('/');
}

/** The source text covered by `range` (empty when the source is unknown or the range is empty). */
export function textInRange(source: string | undefined, range: Range): string {
  if (source === undefined) return '';
  const starts = lineStarts(source);
  const offset = (line: number, character: number): number => {
    const start = starts[line];
    if (start === undefined) return source.length;
    const next = starts[line + 1] ?? source.length;
    return Math.min(start + character, next);
  };
  const from = offset(range.start.line, range.start.character);
  const to = Math.max(from, offset(range.end.line, range.end.character));
  return source.slice(from, to);
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 13 && source.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

export interface FingerprintedFinding {
  finding: Finding;
  /**
   * A hex digest of the rule id, the codes, the offending text (whitespace runs collapsed) and
   * the occurrence index of that combination in the file: it does not depend on line numbers,
   * so edits elsewhere in the file do not change it.
   */
  fingerprint: string;
}

/** The file's findings in reading order, each with its fingerprint (unique within the file). */
export function fingerprintFindings(result: FileResult, salt = ''): FingerprintedFinding[] {
  const seen = new Map<string, number>();
  return sortFindings(result.findings).map((finding) => {
    const text = textInRange(result.source, finding.range).replace(/\s+/g, ' ').trim();
    const key = [salt, finding.ruleId, finding.codes.join(','), text].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { finding, fingerprint: sha256(`${key}\u0000${occurrence}`) };
  });
}

let crypto: typeof Crypto | undefined;

export function sha256(text: string): string {
  // Loaded on first use: only the fingerprinting formats hash (CLI cold start, docs/performance.md).
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 1-based start and end positions; the end column is exclusive (one past the last character). */
export function oneBasedRange(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** ` [DL3007, DS-0001]`, or nothing when the finding has no peer codes. */
export function codesSuffix(finding: Finding): string {
  return finding.codes.length > 0 ? ` [${finding.codes.join(', ')}]` : '';
}
