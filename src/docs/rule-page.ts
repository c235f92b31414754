import type { RuleDefinition } from '../engine/types.js';
import { trimEndChars } from '../model/trim.js';

export const DOCS_BASE_URL = 'https://github.com/layerlint/layerlint/blob/main/docs/rules';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}/${id}.md`;
}

const PRESET_TEXT: Record<string, string> = {
  recommended: '`recommended` (on by default)',
  all: '`all`',
  openshift: '`openshift`',
  'opt-in': 'opt-in only (not in any preset)',
  always: 'always on (can be re-levelled, not turned off)',
};

function fence(text: string): string {
  return `\`\`\`dockerfile\n${text.replace(/\n$/, '')}\n\`\`\``;
}

function fixSafety(rule: RuleDefinition): string {
  const { fixable, fixDescription } = rule.meta;
  if (!fixable) return 'This rule has no automatic fix.';
  const how = fixable === 'safe' ? 'a **safe** fix (applied by `--fix`)' : fixable === 'unsafe' ? 'an **unsafe** fix (applied only with `--fix-unsafe`)' : 'a fix that is **safe or unsafe** depending on the case';
  return `This rule has ${how}. ${fixDescription ?? ''}`.trim();
}

/** The Markdown page of one rule, generated from its metadata (docs/rules/<id>.md). */
export function renderRulePage(rule: RuleDefinition): string {
  const meta = rule.meta;
  const lines: string[] = [];
  lines.push(`# ${meta.id}`, '');
  lines.push(`${meta.description}.`, '');
  lines.push('| | |', '|---|---|');
  lines.push(`| Category | ${meta.category} |`);
  lines.push(`| Default severity | ${meta.severity} |`);
  lines.push(`| Preset | ${meta.presets.map((p) => PRESET_TEXT[p] ?? p).join(', ') || 'none'} |`);
  lines.push(`| Fix | ${meta.fixable ?? 'none'} |`);
  lines.push(`| Peer codes | ${meta.codes.length > 0 ? meta.codes.map((c) => `\`${c}\``).join(', ') : 'none'} |`);
  if (meta.alsoKnownAs && meta.alsoKnownAs.length > 0) lines.push(`| Also known as | ${meta.alsoKnownAs.map((c) => `\`${c}\``).join(', ')} |`);
  lines.push('');
  lines.push('## Why is this bad?', '', meta.rationale, '');
  const exampleConfig = {
    ...(meta.examples.settings ?? {}),
    ...(meta.examples.options ? { rules: { [meta.id]: [meta.severity, meta.examples.options] } } : {}),
  };
  if (Object.keys(exampleConfig).length > 0) {
    lines.push('## Configuration used by the examples', '', '```json', JSON.stringify(exampleConfig, null, 2), '```', '');
  }
  if (meta.examples.invalid.length > 0) {
    lines.push('## Example', '', 'Each of these is reported:', '');
    for (const example of meta.examples.invalid) lines.push(fence(example), '');
  }
  if (meta.examples.valid.length > 0) {
    lines.push('## Use instead', '', 'None of these is reported:', '');
    for (const example of meta.examples.valid) lines.push(fence(example), '');
  }
  lines.push('## Fix safety', '', fixSafety(rule), '');
  lines.push('## Options', '');
  const options = meta.options;
  if (!options || Object.keys(options.defaults).length === 0) lines.push('This rule has no options.', '');
  else {
    lines.push('| Option | Default | Description |', '|---|---|---|');
    for (const [name, value] of Object.entries(options.defaults)) {
      lines.push(`| \`${name}\` | \`${JSON.stringify(value)}\` | ${(options.docs[name] ?? '').replace(/\|/g, '\\|')} |`);
    }
    lines.push('', 'Set options in the config file:', '', '```yaml', 'rules:', `  ${meta.id}: [${meta.severity}, { ${Object.keys(options.defaults)[0]}: ... }]`, '```', '');
  }
  lines.push('## Suppressing', '', `Above the instruction: \`# layerlint ignore=${meta.id}\`${meta.codes[0] ? ` (or a code, e.g. \`# hadolint ignore=${meta.codes[0]}\`)` : ''}. In the config: \`${meta.id}: off\`.`, '');
  return `${trimEndChars(lines.join('\n'), '\n')}\n`;
}

/** docs/rules/README.md: every rule in one table. */
export function renderRuleIndex(rules: readonly RuleDefinition[]): string {
  const lines = ['# Rules', '', `layerlint has ${rules.length} rules. This page and every rule page are generated from the rules' metadata (\`npm run docs\`).`, ''];
  lines.push('| Rule | Category | Severity | Preset | Fix | Peer codes | Description |', '|---|---|---|---|---|---|---|');
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const m = rule.meta;
    lines.push(`| [\`${m.id}\`](${m.id}.md) | ${m.category} | ${m.severity} | ${m.presets.join(', ')} | ${m.fixable ?? '—'} | ${m.codes.join(', ') || '—'} | ${m.description.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
