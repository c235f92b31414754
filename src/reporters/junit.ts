import type { Reporter } from './types.js';
import { sortFindings } from './types.js';
import { codesSuffix, projectPath } from './location.js';
import { XML_DECLARATION, xmlAttribute, xmlText } from './xml.js';

/**
 * JUnit XML for CI test-report views (Jenkins, GitLab, Azure DevOps): one `<testsuite>`
 * named `layerlint`. With no findings at all it holds a single passing test case, so the
 * report is never empty; otherwise one test case per linted file (named after the file), with
 * one `<failure>` per finding.
 */
export const junit: Reporter = (results, options) => {
  const cases: string[] = [];
  let failures = 0;
  const clean = results.every((result) => result.findings.length === 0);
  if (clean) {
    const files = results.length === 1 ? '1 file' : `${results.length} files`;
    cases.push(`    <testcase name="${xmlAttribute(`No problems found in ${files}`)}" classname="layerlint"/>`);
  } else {
    for (const result of results) {
      const path = projectPath(result.filePath, options.cwd);
      const findings = sortFindings(result.findings);
      const open = `    <testcase name="${xmlAttribute(path)}" classname="layerlint.${xmlAttribute(path)}"`;
      if (findings.length === 0) {
        cases.push(`${open}/>`);
        continue;
      }
      failures++;
      cases.push(`${open}>`);
      for (const finding of findings) {
        const { line, character } = finding.range.start;
        const where = `${path}:${line + 1}:${character + 1}`;
        const message = `${finding.message}${codesSuffix(finding)}`;
        cases.push(
          `      <failure message="${xmlAttribute(message)}" type="${xmlAttribute(`${finding.severity}:${finding.ruleId}`)}">` +
            `${xmlText(`${where}: ${finding.severity} ${finding.ruleId}: ${message}`)}</failure>`,
        );
      }
      cases.push('    </testcase>');
    }
  }
  const tests = clean ? 1 : results.length;
  const counts = `tests="${tests}" failures="${failures}" errors="0"`;
  return [
    XML_DECLARATION,
    `<testsuites name="layerlint" ${counts}>`,
    `  <testsuite name="layerlint" ${counts} skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
export default junit;
