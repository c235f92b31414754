import type { Severity } from '../engine/types.js';
import type { Reporter } from './types.js';
import { sortFindings } from './types.js';
import { codesSuffix, projectPath } from './location.js';
import { XML_DECLARATION, xmlAttribute } from './xml.js';

/** Checkstyle knows error, warning and info. */
const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/**
 * Checkstyle XML (Jenkins Warnings NG, Sonar, reviewdog, ...): a `<file>` per linted file
 * (clean ones too), an `<error>` per finding with 1-based line and column and
 * `source="layerlint.<rule-id>"`; peer codes follow the message in brackets.
 */
export const checkstyle: Reporter = (results, options) => {
  const lines = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const result of results) {
    const findings = sortFindings(result.findings);
    const name = xmlAttribute(projectPath(result.filePath, options.cwd));
    if (findings.length === 0) {
      lines.push(`  <file name="${name}"/>`);
      continue;
    }
    lines.push(`  <file name="${name}">`);
    for (const finding of findings) {
      const { line, character } = finding.range.start;
      lines.push(
        `    <error line="${line + 1}" column="${character + 1}" severity="${SEVERITY[finding.severity]}" ` +
          `message="${xmlAttribute(finding.message + codesSuffix(finding))}" source="${xmlAttribute(`layerlint.${finding.ruleId}`)}"/>`,
      );
    }
    lines.push('  </file>');
  }
  lines.push('</checkstyle>');
  return `${lines.join('\n')}\n`;
};
export default checkstyle;
