import { isAbsolute, relative } from 'node:path';
import type { Finding, FileResult, RuleDefinition, Severity } from '../engine/types.js';

export interface ReporterOptions {
  /** Emit ANSI colour codes. Decided once by the CLI (`decideColor`); reporters never sniff the environment. */
  color: boolean;
  /** Paths in human formats are shown relative to this directory. */
  cwd: string;
  /** base URL for rule docs links */
  docsBaseUrl?: string;
  /** Every rule known to the run (SARIF lists them all in `tool.driver.rules`); rule ids of findings not listed are described minimally. */
  rules?: readonly RuleDefinition[];
}

/** Renders every result into the complete output text (ending with a newline when non-empty). */
export type Reporter = (results: FileResult[], options: ReporterOptions) => string;

/** The subset of picocolors' `Colors` the reporters use (type only: nothing is loaded here). */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  gray(text: string): string;
  green(text: string): string;
}

const SEVERITY_COLOR: Record<Severity, keyof Palette> = {
  error: 'red',
  warning: 'yellow',
  info: 'blue',
  style: 'gray',
};

/** Colours `text` the way `severity` is coloured everywhere (a no-op palette leaves it plain). */
export function paintSeverity(palette: Palette, severity: Severity, text: string): string {
  return palette[SEVERITY_COLOR[severity]](text);
}

/** Reading order: line, column, rule id; then end and message so the order is total. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareStrings(a.ruleId, b.ruleId) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    compareStrings(a.message, b.message)
  );
}

/** A sorted copy: reporters never reorder the engine's arrays in place. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The path shown to people: absolute paths are made relative to `cwd`; others are kept as given. */
export function displayPath(filePath: string, cwd: string): string {
  if (!isAbsolute(filePath)) return filePath;
  const rel = relative(cwd, filePath);
  return rel === '' ? filePath : rel;
}

/**
 * Makes text from the build file (source lines, messages quoting it, file names) safe to print
 * on a terminal: C0 controls other than tab become their Unicode "control picture"
 * (`\x1b` → `␛`), DEL becomes `␡` and C1 controls become `�`, one column each, so escape
 * sequences in hostile input can neither drive the terminal nor break caret alignment.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}
