import { lintText } from '../../src/engine/lint.js';
import { runFixes, type FixRunResult } from '../../src/engine/fixer.js';
import type { Finding } from '../../src/engine/types.js';
import { config, registry } from '../helpers.js';

/** The recommended preset plus the rule under test (some rules are only in `all`). */
export function lintFor(ruleId: string, text: string): Finding[] {
  const rule = registry.get(ruleId);
  const severity = rule?.meta.severity ?? 'warning';
  return lintText(text, { config: config({ presets: ['recommended'], rules: { [ruleId]: severity } }), registry }).findings;
}

export interface RuleFixRun {
  /** Findings of the rule in the input that offer an applicable fix. */
  offered: number;
  result: FixRunResult;
  /** Findings of the rule before and after. */
  before: Finding[];
  after: Finding[];
  left: number;
}

/** Applies only `ruleId`'s fixes (safe and unsafe), with the fixer's re-lint checks on every rule. */
export function fixRule(ruleId: string, text: string, options: { unsafe?: boolean } = {}): RuleFixRun {
  const before = lintFor(ruleId, text);
  const result = runFixes(text, {
    unsafe: options.unsafe ?? true,
    categoryOf: (id) => registry.get(id)?.meta.category,
    lint: (candidate) => lintFor(ruleId, candidate).map((finding) => (finding.ruleId === ruleId ? finding : { ...finding, fix: undefined })),
  });
  const after = lintFor(ruleId, result.text);
  const mine = (findings: Finding[]) => findings.filter((finding) => finding.ruleId === ruleId);
  return {
    offered: mine(before).filter((f) => f.fix && !f.fix.displayOnly && f.fix.edits.length > 0).length,
    result,
    before: mine(before),
    after: mine(after),
    left: mine(after).length,
  };
}
