import { defineRule } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { HeredocNode, InstructionNode, Token } from '../src/model/types.js';

const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_LIKE = /^\d*<<-?\s*(["']?)([A-Za-z0-9_.-]+)(["']?)$/;
const UNBALANCED = /^\d*<<-?(?:(["'])[A-Za-z0-9_.-]+|[A-Za-z0-9_.-]+(["']))$/;

/** The first body line that equals the delimiter apart from whitespace, if any. */
function nearMiss(file: BuildFile, heredoc: HeredocNode): number | undefined {
  const body = heredoc.body;
  if (!body) return undefined;
  const first = body.range.start.line;
  const last = file.lines.lineCount - 1;
  for (let line = first; line <= last; line++) {
    const text = file.lines.lineText(line);
    if (text !== heredoc.name && text.trim() === heredoc.name) return line;
  }
  return undefined;
}

/** A line after the instruction that equals `name`: the body Docker will misread as instructions. */
function laterLineEquals(file: BuildFile, node: InstructionNode, name: string): boolean {
  for (let line = node.token.range.end.line + 1; line < file.lines.lineCount; line++) {
    if (file.lines.lineText(line).trim() === name) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'invalid-heredoc',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A heredoc is malformed, unterminated, or used where Docker does not support it',
    rationale:
      'An unterminated heredoc swallows the rest of the file, and a heredoc in an instruction that does not support ' +
      'it turns its body lines into instructions; either way the build fails or does something else entirely.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.20\nRUN <<EOF\necho hi\n', 'FROM alpine:3.20\nCMD cat <<EOF\nhello\nEOF\n'],
      valid: ['FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\nCOPY <<-"END" /app/x.txt\n\tcontent\n\tEND\n'],
    },
  },
  check(context) {
    const { file } = context;
    const report = (message: string, token: Token): void => context.report({ message, range: token.range, codes: [] });
    for (const each of file.instructions) {
      checkNode(each);
      if (each.trigger) checkNode(each.trigger);
    }

    function checkNode(node: InstructionNode): void {
      const supported = HEREDOC_KEYWORDS.has(node.keyword);
      if (supported && !node.json) {
        for (const heredoc of node.heredocs) {
          if (heredoc.terminator) continue;
          const miss = nearMiss(file, heredoc);
          const detail = miss === undefined ? '' : ` (line ${miss + 1} has extra whitespace)`;
          context.report({
            message: `Heredoc '${heredoc.name}' is never terminated${detail}`,
            range: file.lines.range(heredoc.startToken.startOffset, file.text.length),
            codes: [],
          });
        }
        // Both checks below need a `<<` in a word (the words are slices of the instruction): most instructions have none.
        if (!node.token.text.includes('<<')) return;
        // Both patterns need `<<`: the includes() skips the regex for ordinary words.
        for (const arg of node.args) if (arg.text.includes('<<') && UNBALANCED.test(arg.text)) report('Unbalanced quote in heredoc delimiter', arg);
        const dest = node.args.at(-1);
        if (node.keyword !== 'RUN' && dest && node.args.length >= 2 && node.heredocs.some((heredoc) => heredoc.startToken.startOffset === dest.startOffset)) {
          report('A heredoc cannot be the destination', dest);
        }
        return;
      }
      if (node.keyword === 'ONBUILD') return;
      const message = supported ? 'Heredocs are not supported in JSON form' : 'Heredocs are only supported in RUN, COPY and ADD';
      // Exec-form strings are decoded (an escaped `<<` is one), so they are checked one by one, not through the raw text.
      if (node.json) for (const string of node.json.strings) checkWord(node, string.value, string.token, message);
      else if (node.token.text.includes('<<')) for (const arg of node.args) checkWord(node, arg.text, arg, message);
    }

    function checkWord(node: InstructionNode, text: string, token: Token, message: string): void {
      const match = text.includes('<<') ? HEREDOC_LIKE.exec(text) : null;
      if (!match || match[1] !== match[3] || !laterLineEquals(file, node, match[2] as string)) return;
      report(message, token);
    }
  },
});
