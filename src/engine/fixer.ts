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

export interface FixRunResult {
  text: string;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** Fixes dropped because the result failed to parse or gained a finding. */
  rejected: { ruleId: string; message: string }[];
  /** The findings left in the final text. */
  findings: Finding[];
}

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

function toOffsets(fix: Fix, lines: LineTable): OffsetEdit[] {
  return fix.edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.text }))
    .sort((a, b) => a.start - b.start);
}

function applyEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

function overlaps(a: OffsetEdit[], b: OffsetEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end || (x.start === y.start && x.end === x.start && y.end === y.start)));
}

const findingKey = (finding: Finding): string => `${finding.ruleId}|${finding.codes.join(',')}|${finding.message}`;

function countKeys(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(findingKey(finding), (counts.get(findingKey(finding)) ?? 0) + 1);
  return counts;
}

/** A fixed text is acceptable when it parses and has no finding the original lacked. */
function acceptable(before: Map<string, number>, after: Finding[]): boolean {
  if (after.some((finding) => finding.ruleId === 'parse-error')) return false;
  const counts = countKeys(after);
  for (const [key, count] of counts) if (count > (before.get(key) ?? 0)) return false;
  return true;
}

/**
 * Applies fixes in passes: each pass takes non-overlapping fixes, applies them, and re-lints,
 * until nothing changes or the pass limit is reached, so fixes compose. A pass whose result
 * would not parse or gains a finding is retried fix by fix, dropping the bad ones.
 */
export function runFixes(original: string, options: FixRunOptions): FixRunResult {
  const maxPasses = options.maxPasses ?? 10;
  const baseline = countKeys(options.lint(original));
  let text = original;
  let findings = options.lint(text);
  let applied = 0;
  const rejected: FixRunResult['rejected'] = [];
  const rejectedKeys = new Set<string>();
  for (let pass = 0; pass < maxPasses; pass++) {
    const lines = new LineTable(text);
    const candidates = findings.filter((finding) => {
      const fix = finding.fix;
      if (!fix || fix.edits.length === 0 || (!fix.safe && !options.unsafe)) return false;
      if (rejectedKeys.has(findingKey(finding))) return false;
      const category = options.categoryOf(finding.ruleId);
      return !options.categories || (category !== undefined && options.categories.has(category));
    });
    if (candidates.length === 0) break;
    const chosen: { finding: Finding; edits: OffsetEdit[] }[] = [];
    for (const finding of candidates) {
      const edits = toOffsets(finding.fix as Fix, lines);
      if (chosen.some((other) => overlaps(other.edits, edits))) continue;
      chosen.push({ finding, edits });
    }
    const next = applyEdits(text, chosen.flatMap((c) => c.edits));
    const nextFindings = options.lint(next);
    if (acceptable(baseline, nextFindings)) {
      if (next === text) break;
      text = next;
      findings = nextFindings;
      applied += chosen.length;
      continue;
    }
    // Retry one by one to find the fixes that break the file.
    let progressed = false;
    for (const { finding, edits } of chosen) {
      const single = applyEdits(text, edits);
      const singleFindings = options.lint(single);
      if (acceptable(baseline, singleFindings) && single !== text) {
        text = single;
        findings = singleFindings;
        applied++;
        progressed = true;
        break; // positions of the other fixes are stale now; re-lint in the next pass
      }
      rejectedKeys.add(findingKey(finding));
      rejected.push({ ruleId: finding.ruleId, message: finding.message });
    }
    if (!progressed) break;
  }
  return { text, applied, rejected, findings };
}
