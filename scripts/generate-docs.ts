import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RULES } from '../rules/index.js';
import { renderRuleIndex, renderRulePage } from '../src/docs/rule-page.js';

/** The generated docs: path relative to the repository root → content. */
export function generatedDocs(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const rule of BUILTIN_RULES) docs.set(`docs/rules/${rule.meta.id}.md`, renderRulePage(rule));
  docs.set('docs/rules/README.md', renderRuleIndex(BUILTIN_RULES));
  return docs;
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (invokedDirectly) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const rulesDir = path.join(root, 'docs', 'rules');
  const docs = generatedDocs();
  for (const existing of fs.readdirSync(rulesDir)) {
    if (existing.endsWith('.md') && !docs.has(`docs/rules/${existing}`)) fs.rmSync(path.join(rulesDir, existing));
  }
  for (const [relative, content] of docs) fs.writeFileSync(path.join(root, relative), content);
  process.stdout.write(`Wrote ${docs.size} pages under docs/rules\n`);
}
