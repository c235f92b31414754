import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../docs/rule-page.js';
import type { Finding, Severity } from '../engine/types.js';

/** The `source` of every diagnostic the server publishes. */
export const SOURCE = 'layerlint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

/** Rules whose findings are about deprecated syntax: shown struck through (DiagnosticTag.Deprecated). */
const DEPRECATED_RULES = new Set(['no-maintainer', 'no-legacy-key-value', 'no-apt-key']);
const DEPRECATED_CODES = new Set(['dl4000', 'maintainerdeprecated', 'legacykeyvalueformat']);

/** What a diagnostic carries in `data`, for code actions and other clients. */
export interface DiagnosticData {
  ruleId: string;
  /** The peer codes of this finding (hadolint, BuildKit, Trivy, Checkov). */
  codes: string[];
  fixable: boolean;
}

export interface DiagnosticOptions {
  uri: string;
  /** Whether the client renders `relatedInformation`. */
  relatedInformation: boolean;
  /** Rule ids that have a documentation page (built-in rules). */
  documented: (ruleId: string) => boolean;
}

export function isDeprecatedFinding(finding: Pick<Finding, 'ruleId' | 'codes'>): boolean {
  return DEPRECATED_RULES.has(finding.ruleId) || finding.codes.some((code) => DEPRECATED_CODES.has(code.toLowerCase()));
}

/** One finding as an LSP diagnostic. Our ranges are 0-based, UTF-16: already LSP ranges. */
export function toDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, codes: [...finding.codes], fixable: finding.fix !== undefined && finding.fix.edits.length > 0 };
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    message: finding.codes.length > 0 ? `${finding.message} (${finding.codes.join(', ')})` : finding.message,
    data,
  };
  if (options.documented(finding.ruleId)) diagnostic.codeDescription = { href: ruleDocsUrl(finding.ruleId) };
  if (isDeprecatedFinding(finding)) diagnostic.tags = [DiagnosticTag.Deprecated];
  if (options.relatedInformation && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({ location: { uri: options.uri, range: related.range }, message: related.message }));
  }
  return diagnostic;
}

/** A configuration problem, shown at the top of the document so it is not missed. */
export function configProblemDiagnostic(message: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'config-error', message };
}

export function rangesIntersect(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  const before = (x: Diagnostic['range']['start'], y: Diagnostic['range']['start']): boolean => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
