import type { RuleDefinition } from '../engine/types.js';

const cell = (text: string): string => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

/** The table of fixable rules for docs/fixes.md: applicability and what each fix does. */
export function renderFixTable(rules: readonly RuleDefinition<never>[] | readonly RuleDefinition[]): string {
  const lines = ['| Rule | Category | Fix | What it does, and why it is safe or unsafe |', '|---|---|---|---|'];
  const fixable = [...(rules as readonly RuleDefinition[])].filter((rule) => rule.meta.fixable !== undefined).sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  for (const { meta } of fixable) {
    lines.push(`| [\`${meta.id}\`](rules/${meta.id}.md) | ${meta.category} | ${meta.fixable ?? ''} | ${cell(meta.fixDescription ?? '')} |`);
  }
  return lines.join('\n');
}
