import { defineRule } from '../src/engine/types.js';

export default defineRule({
  meta: {
    id: 'no-empty-continuation',
    codes: ['NoEmptyContinuation'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A line continuation is followed by an empty line',
    rationale:
      'An empty line inside a continued instruction is skipped today, but Docker has deprecated it and plans to make ' +
      'it an error; it also often hides a forgotten command or a missing backslash.',
    fixable: 'safe',
    fixDescription: 'Deletes the empty lines; Docker skips them, so the instruction is unchanged.',
    alsoKnownAs: ['dockerfile-utils:EMPTY_CONTINUATION_LINE'],
    examples: {
      invalid: ['FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n'],
      valid: ['FROM alpine:3.20\nRUN apk add --no-cache \\\n    # a comment\n    curl\n'],
    },
  },
  check(context) {
    const { file } = context;
    const lines = [...new Set(file.emptyContinuationLines.map((offset) => file.lines.positionAt(offset).line))].sort((a, b) => a - b);
    let i = 0;
    while (i < lines.length) {
      const first = lines[i] as number;
      let last = first;
      while (lines[i + 1] === last + 1) {
        last++;
        i++;
      }
      i++;
      context.report({
        message: 'Empty line inside a continued instruction',
        range: { start: { line: first, character: 0 }, end: { line: last, character: file.lines.lineText(last).length } },
        codes: ['NoEmptyContinuation'],
        fix: {
          edits: [{ range: file.lines.range(file.lines.lineStart(first), file.lines.lineStart(last + 1)), text: '' }],
          safe: true,
          description: 'Delete the empty lines',
        },
      });
    }
  },
});
