import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { exposeEntries, type ExposeEntry } from '../src/model/expose-entries.js';
import type { InstructionNode, Stage } from '../src/model/types.js';

interface Seen {
  entry: ExposeEntry;
  node: InstructionNode;
  stage: Stage;
}

export default defineRule({
  meta: {
    id: 'no-duplicate-expose',
    codes: [],
    severity: 'info',
    category: 'maintainability',
    presets: ['recommended'],
    description: 'The same port (and protocol) is exposed more than once',
    rationale: 'A repeated EXPOSE entry adds nothing to the image metadata and usually means a stale copy or a typo in another port.',
    fixable: 'safe',
    fixDescription:
      'Removes the repeated entry, or the whole EXPOSE when nothing is left. Only for entries repeated within one ' +
      'stage; the image metadata does not change.',
    examples: {
      invalid: ['FROM nginx:1.27\nEXPOSE 80\nEXPOSE 80/tcp\n', 'FROM nginx:1.27\nEXPOSE 8000-8010\nEXPOSE 8005\n'],
      valid: ['FROM nginx:1.27\nEXPOSE 80 443\n', 'FROM nginx:1.27\nEXPOSE 53/tcp 53/udp\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      const seen: Seen[] = [];
      for (const each of file.chain(stage).reverse()) {
        for (const node of each.instructions) {
          if (node.keyword !== 'EXPOSE') continue;
          const entries = exposeEntries(file, node);
          for (const entry of entries) {
            if (!entry.known) continue;
            const protocol = (entry.protocol ?? 'tcp').toLowerCase();
            const earlier = seen.find((s) => (s.entry.protocol ?? 'tcp').toLowerCase() === protocol && s.entry.first <= entry.first && entry.last <= s.entry.last);
            if (earlier && each === stage) {
              const port = `${entry.containerPort}${entry.protocol === undefined ? '' : `/${entry.protocol}`}`;
              context.report({
                message: `Port ${port} is already exposed on line ${earlier.node.keywordToken.range.start.line + 1}`,
                range: entry.token.range,
                codes: [],
                related: [{ range: earlier.entry.token.range, message: 'First exposed here' }],
                fix: earlier.stage === stage ? removeFix(file, node, entry) : undefined,
              });
            }
            seen.push({ entry, node, stage: each });
          }
        }
      }
    }
  },
});

function removeFix(file: BuildFile, node: InstructionNode, entry: ExposeEntry): Fix {
  if (node.args.length === 1) {
    const startLine = node.keywordToken.range.start.line;
    const endLine = node.token.range.end.line;
    const end = endLine + 1 < file.lines.lineCount ? file.lines.lineStart(endLine + 1) : file.text.length;
    return { safe: true, description: 'Remove the repeated EXPOSE', edits: [{ range: file.lines.range(file.lines.lineStart(startLine), end), text: '' }] };
  }
  const index = node.args.indexOf(entry.token);
  const previous = node.args[index - 1];
  const next = node.args[index + 1];
  // Remove the entry and the blank before it (after it, for the first entry).
  const start = previous ? previous.endOffset : entry.token.startOffset;
  const end = previous ? entry.token.endOffset : (next?.startOffset ?? entry.token.endOffset);
  return { safe: true, description: 'Remove the repeated entry', edits: [{ range: file.lines.range(start, end), text: '' }] };
}
