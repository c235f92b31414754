import { LineTable } from '../model/line-table.js';
import type { Category, Finding, Fix } from './types.js';

export interface FixRunOptions {
  /** Apply unsafe fixes too (`--fix-unsafe`). */
  unsafe: boolean;
  /** Only fixes of rules in these categories (`--fix-type`); all when undefined. */
  categories?: ReadonlySet<Category>;
  /** The category of a rule id. */
  categoryOf: (ruleId: string) => Category | undefined;
  /** Lints a text; the fixer re-lints after every pass. */
  lint: (text: string) => Finding[];
  maxPasses?: number;
}

/** A fix that was not written, and why. */
export interface RejectedFix {
  ruleId: string;
  message: string;
  /** The fix's description, when it has one. */
  description?: string;
  /** 0-based line of the finding in the text the fix was tried on. */
  line: number;
  /** Why it was dropped: the parse error, or the findings it would add. */
  reason: string;
}

export interface FixRunResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** Fixes dropped because the result failed to parse or gained a finding. */
  rejected: RejectedFix[];
  /** The findings left in the final text. */
  findings: Finding[];
  /** How many passes changed the text. */
  passes: number;
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
  /** Position in the fix's edit list, so insertions at one point keep their order. */
  order: number;
}

/** The file's line break: CRLF when most line breaks are CRLF. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Fixes are written with `\n`; a CRLF file gets `\r\n` (and an LF file never gains a `\r`). */
function withLineBreaks(text: string, eol: '\n' | '\r\n'): string {
  return text.replace(/\r\n|\n/g, eol);
}

function toOffsets(fix: Fix, lines: LineTable, eol: '\n' | '\r\n'): OffsetEdit[] {
  return fix.edits
    .map((edit, order) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: withLineBreaks(edit.text, eol), order }))
    .sort((a, b) => a.start - b.start);
}

/**
 * Applies edits from the end of the text backwards. At one offset, a replacement goes before
 * an insertion (so the replacement never eats the inserted text), and insertions keep the
 * order they were given in.
 */
export function applyEdits(text: string, edits: readonly { start: number; end: number; text: string; order?: number }[]): string {
  const sorted = edits.map((edit, index) => ({ ...edit, index })).sort((a, b) => b.start - a.start || b.end - a.end || (b.order ?? 0) - (a.order ?? 0) || b.index - a.index);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function overlaps(a: OffsetEdit[], b: OffsetEdit[]): boolean {
  // Two edits at the same offset are ambiguous in order: one of them waits for the next pass.
  return a.some((x) => b.some((y) => (x.start < y.end && y.start < x.end) || x.start === y.start));
}

/** Identifies a fix across passes, to try a dropped one only once. */
const findingKey = (finding: Finding): string => `${finding.ruleId}|${finding.codes.join(',')}|${finding.message}`;

/**
 * What "the same finding" means before and after a fix: rule and codes. Messages are not
 * compared: they name line numbers and the words being fixed (`apt install` becomes
 * `apt-get install`), which legitimately change.
 */
const kindKey = (finding: Finding): string => `${finding.ruleId}|${finding.codes.join(',')}`;

function countKeys(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(kindKey(finding), (counts.get(kindKey(finding)) ?? 0) + 1);
  return counts;
}

/** Why a fixed text is not acceptable (it does not parse or has a finding the original lacked), or undefined. */
function problem(before: Map<string, number>, after: Finding[]): string | undefined {
  const parseError = after.find((finding) => finding.ruleId === 'parse-error');
  if (parseError) return `the result would not parse (${parseError.message})`;
  const counts = countKeys(after);
  for (const finding of after) {
    const key = kindKey(finding);
    if ((counts.get(key) ?? 0) > (before.get(key) ?? 0)) return `it would add a ${finding.ruleId} finding (${finding.message})`;
  }
  return undefined;
}

/** Keeps the original's final line break, or its absence, whatever the fixes did at the end. */
function keepFinalNewline(original: string, fixed: string, eol: '\n' | '\r\n'): string {
  if (fixed === original || fixed === '') return fixed;
  const originalEnds = /[\r\n]$/.test(original);
  const fixedEnds = /[\r\n]$/.test(fixed);
  if (originalEnds && !fixedEnds) return fixed + eol;
  if (!originalEnds && fixedEnds) return fixed.replace(/(\r\n|\n|\r)$/, '');
  return fixed;
}

/** Whether the fixer may apply this finding's fix under the options. */
export function isApplicable(finding: Finding, options: Pick<FixRunOptions, 'unsafe' | 'categories' | 'categoryOf'>): boolean {
  const fix = finding.fix;
  if (!fix || fix.displayOnly === true || fix.edits.length === 0 || (!fix.safe && !options.unsafe)) return false;
  if (!options.categories) return true;
  const category = options.categoryOf(finding.ruleId);
  return category !== undefined && options.categories.has(category);
}

/**
 * Applies fixes in passes: each pass takes non-overlapping fixes, applies them, and re-lints,
 * until nothing changes or the pass limit is reached, so fixes compose. A pass whose result
 * would not parse or gains a finding is retried fix by fix, dropping the bad ones. Display-only
 * suggestions are never applied. Inserted line breaks follow the file's (LF or CRLF), and the
 * final newline (or its absence) is kept.
 */
export function runFixes(original: string, options: FixRunOptions): FixRunResult {
  const maxPasses = options.maxPasses ?? 25;
  const eol = lineBreakOf(original);
  let findings = options.lint(original);
  const baseline = countKeys(findings);
  let text = original;
  let applied = 0;
  let passes = 0;
  const rejected: RejectedFix[] = [];
  const rejectedKeys = new Set<string>();
  const reject = (finding: Finding, reason: string): void => {
    rejectedKeys.add(findingKey(finding));
    const entry: RejectedFix = { ruleId: finding.ruleId, message: finding.message, line: finding.range.start.line, reason };
    if (finding.fix?.description !== undefined) entry.description = finding.fix.description;
    rejected.push(entry);
  };
  const settle = (candidate: string): string => keepFinalNewline(original, candidate, eol);

  for (let pass = 0; pass < maxPasses; pass++) {
    const lines = new LineTable(text);
    const candidates = findings.filter((finding) => isApplicable(finding, options) && !rejectedKeys.has(findingKey(finding)));
    if (candidates.length === 0) break;
    const chosen: { finding: Finding; edits: OffsetEdit[] }[] = [];
    for (const finding of candidates) {
      const edits = toOffsets(finding.fix as Fix, lines, eol);
      if (chosen.some((other) => overlaps(other.edits, edits))) continue;
      chosen.push({ finding, edits });
    }
    const next = settle(applyEdits(text, chosen.flatMap((c) => c.edits)));
    if (next === text) break;
    const nextFindings = options.lint(next);
    if (problem(baseline, nextFindings) === undefined) {
      text = next;
      findings = nextFindings;
      applied += chosen.length;
      passes++;
      continue;
    }
    // Retry fix by fix: keep each fix whose edits, added to the ones kept so far, still give an
    // acceptable text (all offsets refer to this pass's text, and the edits do not overlap).
    const kept: OffsetEdit[] = [];
    let keptText = text;
    let keptFindings = findings;
    let keptCount = 0;
    for (const { finding, edits } of chosen) {
      const single = settle(applyEdits(text, [...kept, ...edits]));
      if (single === keptText) continue;
      const singleFindings = options.lint(single);
      const why = problem(baseline, singleFindings);
      if (why !== undefined) {
        reject(finding, why);
        continue;
      }
      kept.push(...edits);
      keptText = single;
      keptFindings = singleFindings;
      keptCount++;
    }
    if (keptCount === 0) break;
    text = keptText;
    findings = keptFindings;
    applied += keptCount;
    passes++;
  }
  return { text, applied, rejected, findings, passes };
}
