import type { Finding, Fix } from '../engine/types.js';
import type { Palette, Reporter } from './types.js';
import { displayPath, paintSeverity, printable, sortFindings } from './types.js';
import { paletteFor, summarize, summaryLine } from './summary.js';

/** Columns a tab advances to (the next multiple of this). */
const TAB_WIDTH = 4;
/** Source lines wider than this (after tab expansion) are cut around the range. */
const MAX_LINE_WIDTH = 200;
/** Columns kept before the range when a long line is cut. */
const CONTEXT_BEFORE = 40;

/**
 * The default terminal format, a Ruff-like code frame per finding:
 *
 * ```
 * warning[no-latest-tag]: Image 'ubuntu' has no tag and resolves to 'latest'; pin a specific version
 *   --> examples/Dockerfile:1:6
 *    |
 *  1 | FROM ubuntu
 *    |      ^^^^^^ DL3006, DS-0001, CKV_DOCKER_7
 *    = help: a fix is available (--fix)
 * ```
 *
 * Frames are separated by blank lines and followed by the summary line.
 */
export const stylish: Reporter = (results, options) => {
  const palette = paletteFor(options.color);
  const blocks: string[] = [];
  for (const result of results) {
    if (result.findings.length === 0) continue;
    const path = printable(displayPath(result.filePath, options.cwd));
    const lines = result.source === undefined ? undefined : redactSecrets(result.source.split(/\r\n|\r|\n/), result.findings);
    for (const finding of sortFindings(result.findings)) {
      blocks.push(frame(finding, path, lines, palette));
    }
  }
  blocks.push(summaryLine(summarize(results), options.color));
  return `${blocks.join('\n\n')}\n`;
};
export default stylish;

function frame(finding: Finding, path: string, lines: string[] | undefined, palette: Palette): string {
  const paint = (text: string): string => paintSeverity(palette, finding.severity, text);
  const { start, end } = finding.range;
  const lineNumber = String(start.line + 1);
  const gutter = ' '.repeat(lineNumber.length + 2);
  const out = [
    `${paint(finding.severity)}[${palette.dim(finding.ruleId)}]: ${printable(finding.message)}`,
    `${' '.repeat(lineNumber.length + 1)}--> ${palette.bold(`${path}:${start.line + 1}:${start.character + 1}`)}`,
  ];
  if (lines === undefined) return out.join('\n');

  const text = lines[start.line] ?? '';
  const endCharacter = end.line === start.line ? end.character : text.length;
  const snippet = renderLine(text, start.character, endCharacter);
  const carets = '^'.repeat(Math.max(1, snippet.to - snippet.from)) + (end.line > start.line ? '...' : '');
  const codes = finding.codes.length > 0 ? ` ${printable(finding.codes.join(', '))}` : '';
  out.push(
    `${gutter}|`,
    ` ${lineNumber} |${snippet.text === '' ? '' : ` ${snippet.text}`}`,
    `${gutter}| ${' '.repeat(snippet.from)}${paint(carets)}${codes}`,
  );
  if (finding.fix) out.push(`${gutter}= help: ${fixHelp(finding.fix)}`);
  return out.join('\n');
}

/**
 * Masks the secret text findings point out (`Finding.redact`) in every quoted source line,
 * keeping the first 4 characters and the line's width so carets still align.
 */
function redactSecrets(lines: string[], findings: readonly Finding[]): string[] {
  const out = [...lines];
  for (const finding of findings) {
    for (const range of finding.redact ?? []) {
      for (let line = range.start.line; line <= range.end.line && line < out.length; line++) {
        const text = out[line] as string;
        const from = line === range.start.line ? range.start.character : 0;
        const to = line === range.end.line ? Math.min(range.end.character, text.length) : text.length;
        const keep = line === range.start.line ? Math.min(4, to - from) : 0;
        if (to <= from + keep) continue;
        out[line] = text.slice(0, from + keep) + '*'.repeat(to - from - keep) + text.slice(to);
      }
    }
  }
  return out;
}

function fixHelp(fix: Fix): string {
  const what = fix.description ? printable(fix.description) : 'a fix is available';
  if (fix.displayOnly === true) return `${what} (suggestion; not applied by --fix)`;
  return `${what} (${fix.safe ? '--fix' : '--fix-unsafe'})`;
}

interface RenderedLine {
  /** The line as displayed: tabs expanded, controls made visible, cut with `…` when long. */
  text: string;
  /** Display columns of the range within `text` (exclusive end, clamped to the text). */
  from: number;
  to: number;
}

/**
 * Renders a source line for display and maps the range `[startChar, endChar)` (UTF-16
 * offsets in the raw line) to display columns, so that the carets sit under the range.
 */
export function renderLine(raw: string, startChar: number, endChar: number): RenderedLine {
  // columns[i] is the display column where raw[i] starts; columns[raw.length] is the width.
  const columns: number[] = [];
  let expanded = '';
  for (let i = 0; i < raw.length; i++) {
    columns.push(expanded.length);
    const c = raw[i] as string;
    expanded += c === '\t' ? ' '.repeat(TAB_WIDTH - (expanded.length % TAB_WIDTH)) : c;
  }
  columns.push(expanded.length);
  expanded = printable(expanded);

  const column = (character: number): number => columns[Math.max(0, Math.min(character, raw.length))] as number;
  let from = column(startChar);
  let to = Math.max(from, column(endChar));
  if (expanded.length <= MAX_LINE_WIDTH) return { text: expanded, from, to };

  let windowStart = Math.max(0, from - CONTEXT_BEFORE);
  const windowEnd = Math.min(expanded.length, windowStart + MAX_LINE_WIDTH);
  if (windowEnd === expanded.length) windowStart = Math.max(0, windowEnd - MAX_LINE_WIDTH);
  const prefix = windowStart > 0 ? '\u2026' : '';
  const suffix = windowEnd < expanded.length ? '\u2026' : '';
  from = from - windowStart + prefix.length;
  to = Math.min(to, windowEnd) - windowStart + prefix.length;
  return { text: prefix + expanded.slice(windowStart, windowEnd) + suffix, from, to };
}
