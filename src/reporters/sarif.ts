import type { FileResult, Finding, RuleDefinition, Severity } from '../engine/types.js';
import type { Range } from '../model/types.js';
import { ruleDocsUrl } from '../docs/rule-page.js';
import { VERSION } from '../version.js';
import type { Reporter, ReporterOptions } from './types.js';
import { codesSuffix, fingerprintFindings, projectPath } from './location.js';

/** The subset of SARIF 2.1.0 layerlint writes (local interfaces: no dependency for the types). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

export interface SarifDriver {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri: string;
  rules: SarifRule[];
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; category?: string; precision: string; 'security-severity'?: string };
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifArtifactLocation {
  uri: string;
  /** Absent only for files outside the working directory (their URI is absolute). */
  uriBaseId?: '%SRCROOT%';
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion } }[];
  partialFingerprints: Record<string, string>;
  fixes?: SarifFix[];
  properties: { codes: string[]; severity: Severity };
}

export interface SarifFix {
  description: { text: string };
  artifactChanges: {
    artifactLocation: SarifArtifactLocation;
    replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
  }[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/layerlint/layerlint';
/** The key of layerlint's own fingerprint in `partialFingerprints` (bump the version if the recipe changes). */
export const FINGERPRINT_KEY = 'layerlintFingerprint/v1';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };
/** `security-severity` when a security rule does not set `meta.securitySeverity` (GitHub: ≥9 critical, ≥7 high, ≥4 medium). */
const DEFAULT_SECURITY_SEVERITY: Record<Severity, number> = { error: 8.0, warning: 5.5, info: 3.0, style: 2.0 };

/** SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one run, every rule described. */
export function toSarif(results: FileResult[], options: ReporterOptions): SarifLog {
  const rules: SarifRule[] = [];
  const indexOf = new Map<string, number>();
  const addRule = (rule: SarifRule): number => {
    const existing = indexOf.get(rule.id);
    if (existing !== undefined) return existing;
    indexOf.set(rule.id, rules.length);
    rules.push(rule);
    return rules.length - 1;
  };
  for (const rule of options.rules ?? []) addRule(describeRule(rule, options));

  const sarifResults: SarifResult[] = [];
  for (const result of results) {
    const location = artifactLocation(projectPath(result.filePath, options.cwd));
    for (const { finding, fingerprint } of fingerprintFindings(result)) {
      const ruleIndex = indexOf.get(finding.ruleId) ?? addRule(minimalRule(finding, options));
      sarifResults.push(toResult(finding, ruleIndex, location, fingerprint));
    }
  }

  const root = `${pathToFileUri(options.cwd)}/`;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'layerlint', version: VERSION, semanticVersion: VERSION, informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

export const sarif: Reporter = (results, options) => `${JSON.stringify(toSarif(results, options), null, 2)}\n`;
export default sarif;

function docsUrl(id: string, options: ReporterOptions): string {
  return options.docsBaseUrl ? `${options.docsBaseUrl.replace(/\/$/, '')}/${id}.md` : ruleDocsUrl(id);
}

function describeRule(rule: RuleDefinition, options: ReporterOptions): SarifRule {
  const meta = rule.meta;
  const helpUri = docsUrl(meta.id, options);
  const tags = [meta.category, ...meta.codes];
  if (meta.category === 'security') tags.push('security');
  const properties: SarifRule['properties'] = { tags: [...new Set(tags)], category: meta.category, precision: 'high' };
  if (meta.category === 'security') {
    properties['security-severity'] = (meta.securitySeverity ?? DEFAULT_SECURITY_SEVERITY[meta.severity]).toFixed(1);
  }
  const codes = meta.codes.length > 0 ? `Peer codes: ${meta.codes.join(', ')}.` : '';
  const fix = meta.fixable ? `Fix: ${meta.fixable}${meta.fixDescription ? ` — ${meta.fixDescription}` : ''}` : '';
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: sentence(meta.description) },
    fullDescription: { text: meta.rationale },
    help: {
      text: [sentence(meta.description), meta.rationale, codes, fix, `Documentation: ${helpUri}`].filter((s) => s !== '').join('\n\n'),
      markdown: [
        `**${sentence(meta.description)}**`,
        meta.rationale,
        meta.codes.length > 0 ? `Peer codes: ${meta.codes.map((c) => `\`${c}\``).join(', ')}.` : '',
        fix,
        `[Documentation](${helpUri})`,
      ].filter((s) => s !== '').join('\n\n'),
    },
    helpUri,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties,
  };
}

/** For a rule id the run does not know (a finding from outside the registry). */
function minimalRule(finding: Finding, options: ReporterOptions): SarifRule {
  const helpUri = docsUrl(finding.ruleId, options);
  return {
    id: finding.ruleId,
    name: pascalCase(finding.ruleId),
    shortDescription: { text: finding.ruleId },
    fullDescription: { text: finding.ruleId },
    help: { text: `Documentation: ${helpUri}`, markdown: `[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[finding.severity] },
    properties: { tags: [...finding.codes], precision: 'high' },
  };
}

function toResult(finding: Finding, ruleIndex: number, location: SarifArtifactLocation, fingerprint: string): SarifResult {
  const result: SarifResult = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message}${codesSuffix(finding)}` },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(finding.range) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: { codes: [...finding.codes], severity: finding.severity },
  };
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, index) => ({
      id: index + 1,
      message: { text: related.message },
      physicalLocation: { artifactLocation: location, region: region(related.range) },
    }));
  }
  if (finding.fix) {
    result.fixes = [
      {
        description: { text: `${finding.fix.description ?? 'Apply the suggested change'}${finding.fix.safe ? '' : ' (unsafe: review before applying)'}` },
        artifactChanges: [
          {
            artifactLocation: location,
            replacements: finding.fix.edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.text } })),
          },
        ],
      },
    ];
  }
  return result;
}

/** SARIF regions are 1-based; `endColumn` is one past the last character, as in our ranges. */
function region(range: Range): SarifRegion {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * A project-relative path becomes a relative URI reference (each segment percent-encoded)
 * against `%SRCROOT%`; a path outside the project becomes an absolute `file:` URI.
 */
export function artifactLocation(path: string): SarifArtifactLocation {
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path)) return { uri: pathToFileUri(path) };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function pathToFileUri(absolute: string): string {
  const posix = absolute.split('\\').join('/').replace(/\/$/, '');
  const withRoot = /^[A-Za-z]:/.test(posix) ? `/${posix}` : posix;
  return `file://${withRoot.split('/').map((segment, i) => (i === 1 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment))).join('/')}`;
}

function pascalCase(id: string): string {
  return id.split(/[-_]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
