import { createColors } from 'picocolors';
import { renderRulePage } from '../docs/rule-page.js';
import type { RuleRegistry } from '../engine/registry.js';

/** `--list-rules`: one line per rule, or JSON. */
export function listRules(registry: RuleRegistry, format: 'text' | 'json', color: boolean): string {
  const rules = [...registry.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  if (format === 'json') {
    const view = rules.map(({ meta }) => ({ id: meta.id, codes: meta.codes, severity: meta.severity, category: meta.category, presets: meta.presets, fixable: meta.fixable ?? null, description: meta.description }));
    return `${JSON.stringify(view, null, 2)}\n`;
  }
  const c = createColors(color);
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  const lines = rules.map(({ meta }) => {
    const codes = meta.codes.length > 0 ? ` ${c.dim(meta.codes.join(', '))}` : '';
    return `${meta.id.padEnd(width)}  ${meta.severity.padEnd(7)}  ${meta.category.padEnd(15)}  ${meta.presets.join(',').padEnd(11)}  ${(meta.fixable ?? '-').padEnd(11)}${codes}`;
  });
  return `${c.bold(`${'rule'.padEnd(width)}  severity  category         presets      fix`)}\n${lines.join('\n')}\n`;
}

/** `--explain <rule or code>`: the rule's documentation page; undefined when nothing matches. */
export function explainRule(registry: RuleRegistry, selector: string): string | undefined {
  const rules = registry.resolve(selector);
  if (rules.length === 0) return undefined;
  return rules.map(renderRulePage).join('\n');
}
