import type { Category, Severity } from '../engine/types.js';
import type { Reporter } from './types.js';
import { codesSuffix, fingerprintFindings, projectPath, sha256 } from './location.js';

/** One GitLab Code Quality (Code Climate subset) issue. */
export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

const SEVERITY: Record<Severity, CodeQualityIssue['severity']> = { error: 'critical', warning: 'major', info: 'minor', style: 'info' };

const CATEGORIES: Record<Category, string> = {
  security: 'Security',
  reproducibility: 'Bug Risk',
  correctness: 'Bug Risk',
  size: 'Performance',
  maintainability: 'Clarity',
  style: 'Style',
};

/**
 * GitLab Code Quality JSON (the merge-request widget): paths relative to the project
 * directory (the working directory in GitLab CI), and a fingerprint per issue that is unique in
 * the report and stable across unrelated edits (path + rule + codes + offending text + its
 * occurrence index; never the line number).
 */
export function toCodeQuality(results: Parameters<Reporter>[0], options: Parameters<Reporter>[1]): CodeQualityIssue[] {
  const categoryOf = new Map((options.rules ?? []).map((rule) => [rule.meta.id, rule.meta.category]));
  const issues: CodeQualityIssue[] = [];
  const used = new Set<string>();
  for (const result of results) {
    const path = projectPath(result.filePath, options.cwd);
    for (const { finding, fingerprint } of fingerprintFindings(result, path)) {
      let unique = fingerprint;
      for (let n = 1; used.has(unique); n++) unique = sha256(`${fingerprint}\u0000${n}`);
      used.add(unique);
      const category = categoryOf.get(finding.ruleId);
      issues.push({
        type: 'issue',
        check_name: finding.ruleId,
        description: `${finding.message}${codesSuffix(finding)}`,
        categories: [category ? CATEGORIES[category] : 'Bug Risk'],
        severity: finding.ruleId === 'parse-error' || finding.ruleId === 'io-error' ? 'blocker' : SEVERITY[finding.severity],
        fingerprint: unique,
        location: { path, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
      });
    }
  }
  return issues;
}

export const gitlab: Reporter = (results, options) => `${JSON.stringify(toCodeQuality(results, options), null, 2)}\n`;
export default gitlab;
