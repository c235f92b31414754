import { defineRule } from '../src/engine/types.js';
import { DOCKERFILE_KEYWORDS } from '../src/model/buildkit.js';

export default defineRule({
  meta: {
    id: 'first-instruction-from',
    codes: ['DL3061'],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'Something other than ARG comes before the first FROM, or the file has no FROM at all',
    rationale: 'Docker accepts only ARG (and comments and parser directives) before the first FROM, and a build file without FROM builds nothing.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:NO_SOURCE_IMAGE', 'dockerfilelint:from_first'],
    examples: {
      invalid: ['ENV A=1\nFROM alpine:3.20\n', 'ARG A=1\n'],
      valid: ['# syntax=docker/dockerfile:1\nARG TAG=3.20\nFROM alpine:${TAG}\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.globalInstructions) {
      if (node.keyword === 'ARG') continue;
      // A word that is no instruction at all is `unknown-instruction`'s (one finding per line, not two).
      if (!DOCKERFILE_KEYWORDS.includes(node.keyword)) continue;
      context.report({ message: `${node.keyword} before the first FROM is not allowed`, range: node.keywordToken.range, codes: ['DL3061'] });
    }
    if (file.stages.length === 0) {
      context.report({ message: 'The file has no FROM instruction', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, codes: ['DL3061'] });
    }
  },
});
