/**
 * ESLint's inline configuration comments, read from Dockerfile `#` comments:
 * `# eslint-disable`, `# eslint-enable`, `# eslint-disable-line`, `# eslint-disable-next-line`
 * (each with an optional comma-separated rule list and a `-- reason`), and
 * `# eslint layerlint/rule: "off"` (rule configuration).
 */

export type DirectiveLabel = 'eslint' | 'eslint-disable' | 'eslint-enable' | 'eslint-disable-line' | 'eslint-disable-next-line';

export interface ParsedDirective {
  label: DirectiveLabel;
  /** The text after the label, before any `-- justification`. */
  value: string;
  justification: string;
}

const LABEL = /^(eslint(?:-enable|-disable(?:(?:-next)?-line)?)?)(?:\s|$)/u;
const JUSTIFICATION = /\s-{2,}\s/u;

/** Parses a comment's text (after `#`, trimmed) as an ESLint directive; undefined when it is none. */
export function parseDirective(comment: string): ParsedDirective | undefined {
  const text = comment.trim();
  const match = LABEL.exec(text);
  if (!match) return undefined;
  const label = match[1] as DirectiveLabel;
  const rest = text.slice(label.length);
  const divider = JUSTIFICATION.exec(rest);
  const value = divider ? rest.slice(0, divider.index) : rest;
  const justification = divider ? rest.slice(divider.index + divider[0].length) : '';
  return { label, value: value.trim(), justification: justification.trim() };
}

/**
 * Parses the body of `# eslint rule: setting, other/rule: [setting, {options}]` into a rules
 * object. Keys and the severities `off`/`warn`/`error` may be written without quotes.
 */
export function parseRulesConfig(text: string): { ok: true; rules: Record<string, unknown> } | { ok: false; message: string } {
  const attempts = [text, quoteBareWords(text)];
  let lastError = '';
  for (const attempt of attempts) {
    try {
      const parsed: unknown = JSON.parse(`{${attempt}}`);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return { ok: true, rules: parsed as Record<string, unknown> };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  return { ok: false, message: `Failed to parse JSON from '${text}': ${lastError}` };
}

function quoteBareWords(text: string): string {
  return text
    .replace(/'([^'"]*)'/g, '"$1"')
    .replace(/(^|[{,]\s*)([A-Za-z@][\w@/.-]*)\s*:/g, '$1"$2":')
    .replace(/(:\s*|\[\s*)(off|warn|error)\b/g, '$1"$2"');
}
