import type { Finding } from '../../src/engine/types.js';
import { LineTable } from '../../src/model/line-table.js';
import { lintRule, where } from '../helpers.js';

/** `line:col-endLine:endCol codes` of each finding of one rule. */
export function hits(ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}): string[] {
  return lintRule(ruleId, text, options).map((f) => `${where(f)} ${f.codes.join(',') || '-'}`);
}

/** Applies the fix of one finding to the text. */
export function applyFix(text: string, finding: Finding | undefined): string {
  if (!finding?.fix) throw new Error('no fix');
  const lines = new LineTable(text);
  const edits = finding.fix.edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.text }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** The text after applying the first finding's fix, checked to no longer produce that finding. */
export function fixed(ruleId: string, text: string, options: Parameters<typeof lintRule>[2] = {}): { text: string; safe: boolean; after: number } {
  const finding = lintRule(ruleId, text, options)[0];
  const out = applyFix(text, finding);
  return { text: out, safe: finding?.fix?.safe ?? false, after: lintRule(ruleId, out, options).length };
}
