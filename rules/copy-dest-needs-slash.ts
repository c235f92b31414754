import { defineRule } from '../src/engine/types.js';
import type { InstructionNode, Token } from '../src/model/types.js';

type Options = {
  wildcards: boolean;
};

const CODES = ['DL3021', 'DS-0011'];

interface Operands {
  sources: string[];
  dest: Token;
  /** The destination text without surrounding quotes. */
  destText: string;
  /** Offset where a `/` would be appended (inside the closing quote). */
  appendAt: number;
}

/** COPY/ADD sources and destination in shell or JSON form. */
function operands(node: InstructionNode): Operands | undefined {
  if (node.json) {
    const dest = node.json.strings.at(-1);
    if (!dest || node.json.strings.length < 2) return undefined;
    return { sources: node.json.strings.slice(0, -1).map((each) => each.value), dest: dest.token, destText: dest.value, appendAt: dest.token.endOffset - 1 };
  }
  const dest = node.args.at(-1);
  if (!dest || node.args.length < 2) return undefined;
  const sources = node.args.slice(0, -1).map((arg) => arg.text);
  const quoted = /^(["']).*\1$/.test(dest.text);
  return { sources, dest, destText: quoted ? dest.text.slice(1, -1) : dest.text, appendAt: quoted ? dest.endOffset - 1 : dest.endOffset };
}

export default defineRule<Options>({
  meta: {
    id: 'copy-dest-needs-slash',
    codes: CODES,
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'COPY/ADD with several sources needs a destination directory written with a trailing slash',
    rationale: 'Docker rejects a COPY or ADD of several files to a destination that does not end with `/`, because it cannot tell a directory from a file.',
    fixable: 'safe',
    fixDescription: 'Appends `/` to the destination (inside the quotes in JSON form); the destination must be a directory anyway.',
    alsoKnownAs: ['kics:6db6e0c2', 'dockerfile-utils:INVALID_DESTINATION', 'dockerfilelint:add_dest_invalid'],
    options: {
      schema: { type: 'object', properties: { wildcards: { type: 'boolean' } }, additionalProperties: false },
      defaults: { wildcards: false },
      docs: { wildcards: 'Also treat a single source containing `*`, `?` or `[` as several sources.' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nCOPY a.txt b.txt /app\n'],
      valid: ['FROM alpine:3.20\nCOPY a.txt b.txt /app/\n', 'FROM alpine:3.20\nWORKDIR /app\nCOPY a.txt b.txt .\n', 'FROM alpine:3.20\nCOPY a.txt /app\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const keyword of ['COPY', 'ADD']) {
      for (const node of file.find(keyword)) {
        const found = operands(node);
        if (!found) continue;
        const many = found.sources.length >= 2 || (options.wildcards && /[*?[]/.test(found.sources[0] ?? ''));
        if (!many) continue;
        const windows = node.stage?.windows ?? false;
        const expansion = node.onbuildParent ? { known: !found.destText.includes('$'), value: found.destText } : file.scope(node).expand(found.destText, file.escapeChar);
        if (!expansion.known) continue;
        const dest = expansion.value;
        if (dest.endsWith('/') || dest === '.' || dest.endsWith('/.') || (windows && (dest.endsWith('\\') || found.destText.endsWith('\\') || dest.endsWith('\\.')))) continue;
        context.report({
          message: "Several sources are copied, so end the destination with '/' to mark it as a directory",
          range: found.dest.range,
          codes: CODES,
          fix: { edits: [{ range: file.lines.range(found.appendAt, found.appendAt), text: '/' }], safe: true, description: "Append '/' to the destination" },
        });
      }
    }
  },
});
