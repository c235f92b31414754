import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuleTester, type Rule } from 'eslint';
import { describe, it } from 'vitest';
import layerlint from '../../src/eslint/index.js';
import { toEslintRule } from '../../src/eslint/adapter.js';
import { runFixes } from '../../src/engine/fixer.js';
import { LineTable } from '../../src/model/line-table.js';
import type { Finding, Fix, RuleDefinition } from '../../src/engine/types.js';
import { lintRule } from '../helpers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const TODAY = '2026-11-27';
const RULES_DIR = path.resolve(import.meta.dirname, '../../rules');
/** The headline rules; `pinned-versions` is included once its file exists. */
const HEADLINE = ['no-latest-tag', 'non-root-user', 'minimize-run-layers', 'pinned-versions'].filter((id) => fs.existsSync(path.join(RULES_DIR, `${id}.ts`)));

const tester = new RuleTester({
  plugins: { layerlint },
  language: 'layerlint/dockerfile',
  settings: { layerlint: { today: TODAY } },
});

function applyFix(text: string, fix: Fix): string {
  const lines = new LineTable(text);
  let out = text;
  const edits = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.text })).sort((a, b) => b.start - a.start);
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** What ESLint must report for a layerlint finding. */
function expectedError(code: string, finding: Finding) {
  const r = finding.range;
  return {
    message: finding.message,
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
    ...(finding.fix && !finding.fix.safe ? { suggestions: [{ desc: finding.fix.description ?? 'Apply the fix', output: applyFix(code, finding.fix) }] } : {}),
  };
}

const loaded = await Promise.all(
  HEADLINE.map(async (id) => ((await import(/* @vite-ignore */ pathToFileURL(path.join(RULES_DIR, `${id}.ts`)).href)) as { default: RuleDefinition }).default),
);

for (const rule of loaded) {
  const id = rule.meta.id;
  describe(`RuleTester: ${id}`, () => {
    const { valid, invalid } = rule.meta.examples;
    const invalidCases = invalid.map((code) => {
      const findings = lintRule(id, code);
      // One ESLint pass applies every non-overlapping safe fix once, as one layerlint pass does.
      const fixed = runFixes(code, { unsafe: false, categoryOf: () => rule.meta.category, lint: (t) => lintRule(id, t), maxPasses: 1 }).text;
      return {
        code,
        filename: 'Dockerfile',
        errors: findings.map((finding) => expectedError(code, finding)),
        ...(fixed !== code ? { output: fixed } : {}),
      };
    });
    tester.run(id, toEslintRule(rule) as unknown as Rule.RuleModule, {
      valid: valid.map((code) => ({ code, filename: 'Dockerfile' })),
      invalid: invalidCases,
    });
  });
}
