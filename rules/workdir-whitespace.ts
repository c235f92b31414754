import { defineRule } from '../src/engine/types.js';

export default defineRule({
  meta: {
    id: 'workdir-whitespace',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A WORKDIR path contains unquoted whitespace',
    rationale: 'Docker takes the whole rest of the line as one path, so `WORKDIR /app /src` creates a directory named `app /src`, which is rarely intended.',
    fixable: undefined,
    alsoKnownAs: ['dockerfilelint:invalid_workdir'],
    examples: {
      invalid: ['FROM alpine:3.20\nWORKDIR /my app\n'],
      valid: ['FROM alpine:3.20\nWORKDIR "/my app"\n', 'FROM alpine:3.20\nWORKDIR /my\\ app\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('WORKDIR')) {
      const [first, second] = node.args;
      if (!first || !second || !node.argsToken || node.stage?.windows) continue;
      context.report({
        message: `WORKDIR '${node.argsValue.trim()}' contains a space; quote the path if that is intended`,
        range: file.lines.range(first.endOffset, second.startOffset),
        codes: [],
      });
    }
  },
});
