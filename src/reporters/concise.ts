import type { Reporter } from './types.js';
import { displayPath, paintSeverity, printable, sortFindings } from './types.js';
import { paletteFor, summarize, summaryLine } from './summary.js';

/**
 * One line per finding, for pre-commit hooks and long lists:
 * `path:line:col: severity rule-id message [CODE, ...]`, then the summary line when there
 * are findings; nothing at all when there are none. Only the severity word is coloured.
 */
export const concise: Reporter = (results, options) => {
  const palette = paletteFor(options.color);
  const lines: string[] = [];
  for (const result of results) {
    const path = printable(displayPath(result.filePath, options.cwd));
    for (const finding of sortFindings(result.findings)) {
      const { line, character } = finding.range.start;
      const codes = finding.codes.length > 0 ? ` [${finding.codes.join(', ')}]` : '';
      const severity = paintSeverity(palette, finding.severity, finding.severity);
      lines.push(`${path}:${line + 1}:${character + 1}: ${severity} ${finding.ruleId} ${printable(finding.message)}${printable(codes)}`);
    }
  }
  if (lines.length === 0) return '';
  lines.push(summaryLine(summarize(results), false, { icon: false }));
  return `${lines.join('\n')}\n`;
};
export default concise;
