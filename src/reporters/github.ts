import type { Finding, Severity } from '../engine/types.js';
import type { Reporter } from './types.js';
import { codesSuffix, projectPath } from './location.js';
import { summarize, summaryLine } from './summary.js';
import { sortFindings } from './types.js';

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

/** GitHub shows at most this many annotations of each kind per step and drops the rest silently. */
export const ANNOTATION_LIMIT = 10;

/** Escapes a workflow command's message (GitHub's `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value (GitHub's `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding:
 * `::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=no-latest-tag [DL3006]::message`.
 * Columns are 1-based and `endColumn` is exclusive, as in the JSON contract; GitHub ignores
 * columns on multi-line ranges, so they are left out there. Only the first ten annotations
 * of each kind become annotations (GitHub's per-step limit); the rest are printed as plain log
 * lines and a line says how many were not annotated. The summary line closes the output.
 */
export const github: Reporter = (results, options) => {
  const used: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const annotations: string[] = [];
  const overflow: string[] = [];
  for (const result of results) {
    const file = projectPath(result.filePath, options.cwd);
    for (const finding of sortFindings(result.findings)) {
      const command = COMMAND[finding.severity];
      if (used[command] < ANNOTATION_LIMIT) {
        used[command]++;
        annotations.push(annotation(command, file, finding));
      } else {
        overflow.push(plainLine(file, finding));
      }
    }
  }
  const lines = [...annotations];
  if (overflow.length > 0) {
    lines.push(
      `layerlint: ${overflow.length} more ${overflow.length === 1 ? 'finding is' : 'findings are'} not shown as annotations ` +
        `(GitHub shows at most ${ANNOTATION_LIMIT} errors, ${ANNOTATION_LIMIT} warnings and ${ANNOTATION_LIMIT} notices per step):`,
      ...overflow,
    );
  }
  lines.push(summaryLine(summarize(results), false, { icon: false }));
  return `${lines.join('\n')}\n`;
};
export default github;

function annotation(command: Command, file: string, finding: Finding): string {
  const { start, end } = finding.range;
  const properties: [string, string][] = [['file', file], ['line', String(start.line + 1)]];
  if (start.line === end.line) properties.push(['col', String(start.character + 1)]);
  properties.push(['endLine', String(end.line + 1)]);
  if (start.line === end.line) properties.push(['endColumn', String(Math.max(end.character, start.character) + 1)]);
  properties.push(['title', `${finding.ruleId}${codesSuffix(finding)}`]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${command} ${props}::${escapeData(finding.message)}`;
}

/** Log lines never start with `::` (they would be read as commands) and carry no line breaks. */
function plainLine(file: string, finding: Finding): string {
  const { line, character } = finding.range.start;
  const text = `${file}:${line + 1}:${character + 1}: ${finding.severity} ${finding.ruleId} ${finding.message}${codesSuffix(finding)}`;
  return `  ${text.replace(/\r\n|\r|\n/g, ' ')}`;
}
