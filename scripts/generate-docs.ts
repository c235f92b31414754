import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RULES } from '../rules/index.js';
import { renderRuleIndex, renderRulePage } from '../src/docs/rule-page.js';
import { fillMarkers, renderCodeTable } from '../src/docs/code-table.js';
import { renderFixTable } from '../src/docs/fix-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Hand-written pages with generated tables between markers. */
const PAGES_WITH_TABLES: [string, Parameters<typeof renderCodeTable>[1]][] = [['docs/migrating-from-hadolint.md', 'hadolint']];

/** The generated docs: path relative to the repository root → content. */
export function generatedDocs(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const rule of BUILTIN_RULES) docs.set(`docs/rules/${rule.meta.id}.md`, renderRulePage(rule));
  docs.set('docs/rules/README.md', renderRuleIndex(BUILTIN_RULES));
  for (const [relative, family] of PAGES_WITH_TABLES) {
    const file = path.join(root, relative);
    if (!fs.existsSync(file)) continue;
    docs.set(relative, fillMarkers(fs.readFileSync(file, 'utf8'), 'codes', renderCodeTable(BUILTIN_RULES, family)));
  }
  const fixes = path.join(root, 'docs/fixes.md');
  if (fs.existsSync(fixes)) docs.set('docs/fixes.md', fillMarkers(fs.readFileSync(fixes, 'utf8'), 'fixes', renderFixTable(BUILTIN_RULES)));
  return docs;
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (invokedDirectly) {
  const rulesDir = path.join(root, 'docs', 'rules');
  const docs = generatedDocs();
  for (const existing of fs.readdirSync(rulesDir)) {
    if (existing.endsWith('.md') && !docs.has(`docs/rules/${existing}`)) fs.rmSync(path.join(rulesDir, existing));
  }
  for (const [relative, content] of docs) fs.writeFileSync(path.join(root, relative), content);
  process.stdout.write(`Wrote ${docs.size} generated pages\n`);
}
