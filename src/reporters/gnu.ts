import type { Severity } from '../engine/types.js';
import type { Reporter } from './types.js';
import { sortFindings } from './types.js';
import { projectPath } from './location.js';

/** The words Emacs' compilation mode and other GNU-style parsers recognise. */
const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'note' };

/**
 * The GNU Coding Standards' error format, one line per finding:
 * `file:line.col-line.col: severity: message [rule-id: CODES]`. Lines and columns are 1-based
 * and the end column is the last character of the range (inclusive, as Bison prints ranges);
 * an empty range prints as `file:line.col`. Nothing is printed when there are no findings.
 */
export const gnu: Reporter = (results, options) => {
  const lines: string[] = [];
  for (const result of results) {
    const path = projectPath(result.filePath, options.cwd);
    for (const finding of sortFindings(result.findings)) {
      const { start, end } = finding.range;
      const empty = start.line === end.line && end.character <= start.character;
      const position = empty ? `${start.line + 1}.${start.character + 1}` : `${start.line + 1}.${start.character + 1}-${end.line + 1}.${Math.max(1, end.character)}`;
      const reference = `${finding.ruleId}${finding.codes.length > 0 ? `: ${finding.codes.join(', ')}` : ''}`;
      const message = finding.message.replace(/\r\n|\r|\n/g, ' ');
      lines.push(`${path}:${position}: ${SEVERITY[finding.severity]}: ${message} [${reference}]`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
export default gnu;
