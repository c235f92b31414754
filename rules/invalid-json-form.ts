import { defineRule } from '../src/engine/types.js';
import type { InstructionNode, Token } from '../src/model/types.js';

const ITEM = String.raw`(?:"(?:[^"\\]|\\.)*"|'[^']*')`;
// `(?:,\s*)?` rather than `,?\s*` after `\s*`: two adjacent `\s*` backtrack quadratically on long blank runs.
const SHAPE = new RegExp(String.raw`^\[\s*(?:${ITEM}\s*,\s*)*(?:${ITEM}\s*)?(?:,\s*)?\]$`, 's');
// Sticky, skipping the separators: an unanchored search would rescan from every quote.
const ITEMS = new RegExp(String.raw`[\s,[]*(${ITEM})`, 'y');
const KEYWORDS = ['CMD', 'ENTRYPOINT', 'RUN', 'VOLUME', 'COPY', 'ADD', 'HEALTHCHECK'];

/** The decoded items of a JSON-looking array, reading each item as its author meant it. */
function intendedItems(text: string): string[] {
  const items: string[] = [];
  ITEMS.lastIndex = 0;
  for (let match = ITEMS.exec(text); match; match = ITEMS.exec(text)) items.push(match[1] as string);
  return items.map((item) => {
    const body = item.slice(1, -1);
    if (item.startsWith("'")) return body;
    try {
      return JSON.parse(item) as string;
    } catch {
      return body.replace(/\\(["\\])/g, '$1');
    }
  });
}

function reasonFor(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((each) => typeof each === 'string')) return undefined;
    return 'the items must be strings';
  } catch {
    if (/^\[\s*'|,\s*'/.test(text)) return 'single quotes';
    if (/,\s*\]$/.test(text)) return 'trailing comma';
    return 'invalid escape sequence; write backslashes as \\\\';
  }
}

/** The exec-form candidate text and its token: the arguments after the flags (after CMD for HEALTHCHECK). */
function candidate(node: InstructionNode): { text: string; start: number; token: Token } | undefined {
  const token = node.argsToken;
  if (!token) return undefined;
  let text = node.argsValue.trim();
  let start = token.startOffset;
  if (node.keyword === 'HEALTHCHECK') {
    const match = /^CMD\s+/i.exec(text);
    if (!match) return undefined;
    text = text.slice(match[0].length);
    start = node.mapArgsOffset(node.argsValue.indexOf(text));
  }
  return { text, start, token };
}

export default defineRule({
  meta: {
    id: 'invalid-json-form',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'Arguments look like a JSON array but are not valid JSON, so Docker runs them as a shell command',
    rationale:
      "Docker treats anything that is not a valid JSON array of strings as shell form: `CMD ['node', 'app.js']` runs " +
      "`/bin/sh -c \"['node', 'app.js']\"`, which fails at run time with a confusing error.",
    fixable: 'unsafe',
    fixDescription:
      'Rewrites the arguments as a valid JSON array (double quotes, escaped backslashes and quotes, no trailing comma). ' +
      'Unsafe: it changes the instruction from shell form to the exec form the author intended.',
    alsoKnownAs: ['dockerfile-utils:JSON_IN_SINGLE_QUOTES'],
    examples: {
      invalid: ["FROM alpine:3.20\nCMD ['echo', 'hi']\n", 'FROM alpine:3.20\nENTRYPOINT ["echo", "hi",]\n'],
      valid: ['FROM alpine:3.20\nCMD ["echo", "hi"]\nRUN [ -f /etc/os-release ] && echo ok\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const keyword of KEYWORDS) {
      for (const node of file.find(keyword)) {
        if (node.json) continue;
        const found = candidate(node);
        if (!found || !SHAPE.test(found.text)) continue;
        const reason = reasonFor(found.text);
        if (!reason) continue;
        const end = node.mapArgsOffset(node.argsValue.trimEnd().length);
        const range = file.lines.range(found.start, end);
        const multiline = range.start.line !== range.end.line;
        context.report({
          message: `This is not valid JSON (${reason}), so it runs as a shell command`,
          range,
          codes: [],
          fix: multiline ? undefined : { edits: [{ range, text: `[${intendedItems(found.text).map((each) => JSON.stringify(each)).join(', ')}]` }], safe: false, description: 'Rewrite as a valid JSON array' },
        });
      }
    }
  },
});
