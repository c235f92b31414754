import { renderRulePage, ruleDocsUrl } from '../docs/rule-page.js';
import type { RuleDefinition } from '../engine/types.js';

/** Sections of the rule page shown on hover; the others (options, fix safety) stay in the docs. */
const HOVER_SECTIONS = new Set(['Why is this bad?', 'Example', 'Use instead', 'Suppressing']);

const cache = new Map<string, string>();

/**
 * The rule's documentation for a hover, from the same page `npm run docs` writes: the title,
 * description and facts table, why, the first example of each kind, how to suppress it, and a
 * link to the full page.
 */
export function ruleHoverMarkdown(rule: RuleDefinition): string {
  const cached = cache.get(rule.meta.id);
  if (cached !== undefined) return cached;
  const page = renderRulePage(rule);
  const [intro = '', ...sections] = page.split(/^## /m);
  const parts = [intro.replace(/^# (.*)$/m, '### $1').trim()];
  for (const section of sections) {
    const newline = section.indexOf('\n');
    const heading = section.slice(0, newline).trim();
    if (!HOVER_SECTIONS.has(heading)) continue;
    let body = section.slice(newline + 1).trim();
    if (heading === 'Example' || heading === 'Use instead') {
      const open = body.indexOf('```dockerfile\n');
      const close = open === -1 ? -1 : body.indexOf('\n```', open + '```dockerfile\n'.length);
      if (close === -1) continue;
      body = body.slice(open, close + '\n```'.length);
    }
    parts.push(`**${heading}**\n\n${body}`);
  }
  parts.push(`[Documentation for ${rule.meta.id}](${ruleDocsUrl(rule.meta.id)})`);
  const text = parts.join('\n\n');
  cache.set(rule.meta.id, text);
  return text;
}

/** A plain-text rendering for clients without Markdown support. */
export function ruleHoverPlainText(rule: RuleDefinition): string {
  const meta = rule.meta;
  return [`${meta.id}: ${meta.description}`, '', `Why: ${meta.rationale}`, '', `Docs: ${ruleDocsUrl(meta.id)}`].join('\n');
}
