import pc from 'picocolors';
import type { FileResult, Severity } from '../engine/types.js';
import type { Palette } from './types.js';
import { paintSeverity } from './types.js';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  info: number;
  style: number;
  total: number;
  /** Findings with a safe fix (applied by `--fix`). */
  fixable: number;
  /** Findings whose fix is unsafe (applied only with `--fix-unsafe`). */
  unsafeFixable: number;
}

export function summarize(results: FileResult[]): Summary {
  const s: Summary = { files: results.length, errors: 0, warnings: 0, info: 0, style: 0, total: 0, fixable: 0, unsafeFixable: 0 };
  for (const result of results) {
    for (const finding of result.findings) {
      s.total++;
      switch (finding.severity) {
        case 'error': s.errors++; break;
        case 'warning': s.warnings++; break;
        case 'info': s.info++; break;
        case 'style': s.style++; break;
      }
      if (finding.fix && finding.fix.displayOnly !== true) {
        if (finding.fix.safe) s.fixable++;
        else s.unsafeFixable++;
      }
    }
  }
  return s;
}

export interface SummaryLineOptions {
  /** Prefix `✖` / `✔` (stylish); the concise format prints the bare line. Default true. */
  icon?: boolean;
}

/**
 * `✖ 3 problems (1 error, 2 warnings, 0 info, 0 style), 2 fixable with --fix` or
 * `✔ No problems found in 2 files`. No trailing newline.
 */
export function summaryLine(s: Summary, color: boolean, options: SummaryLineOptions = {}): string {
  const palette = paletteFor(color);
  const icon = options.icon ?? true;
  if (s.total === 0) {
    const text = `No problems found in ${plural(s.files, 'file', 'files')}`;
    return icon ? palette.green(`\u2714 ${text}`) : text;
  }
  const counts = [
    plural(s.errors, 'error', 'errors'),
    plural(s.warnings, 'warning', 'warnings'),
    `${s.info} info`,
    `${s.style} style`,
  ].join(', ');
  const head = `${icon ? '\u2716 ' : ''}${plural(s.total, 'problem', 'problems')} (${counts})`;
  const worst: Severity = s.errors > 0 ? 'error' : s.warnings > 0 ? 'warning' : s.info > 0 ? 'info' : 'style';
  const fixes: string[] = [];
  if (s.fixable > 0) fixes.push(`${s.fixable} fixable with --fix`);
  if (s.unsafeFixable > 0) fixes.push(`${s.unsafeFixable} fixable with --fix-unsafe`);
  return [palette.bold(paintSeverity(palette, worst, head)), ...fixes].join(', ');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The colours for `color`, built explicitly from the boolean with picocolors' `createColors`
 * (its own environment detection is never used: `decideColor` made the decision).
 */
export function paletteFor(color: boolean): Palette {
  return color ? (colored ??= pc.createColors(true)) : (plain ??= pc.createColors(false));
}
let colored: Palette | undefined;
let plain: Palette | undefined;
