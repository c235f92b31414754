import { defineRule } from '../src/engine/types.js';
import { DOCKERFILE_KEYWORDS, suggest } from '../src/model/buildkit.js';
import { syntaxFrontend } from '../src/model/frontend-features.js';

export default defineRule({
  meta: {
    id: 'unknown-instruction',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A line starts with a word that is not a Dockerfile instruction',
    rationale: 'Docker rejects the whole file when a line starts with an unknown instruction, usually a typo such as `RUNN` or `COPPY`.',
    fixable: 'unsafe',
    fixDescription: 'Replaces the word with the one instruction keyword within two edits. Unsafe: the intended instruction may differ.',
    alsoKnownAs: ['dockerfile-utils:UNKNOWN_INSTRUCTION', 'dockerfilelint:invalid_command', 'dockerfilelint:invalid_line'],
    examples: {
      invalid: ['FROM alpine:3.20\nRUNN echo hi\n'],
      valid: ['FROM alpine:3.20\nRUN echo hi\n'],
    },
  },
  check(context) {
    const { file } = context;
    const frontend = syntaxFrontend(file.directives);
    if (frontend && !frontend.docker) return;
    const nodes = file.instructions.flatMap((node) => (node.trigger ? [node, node.trigger] : [node]));
    for (const node of nodes) {
      if (DOCKERFILE_KEYWORDS.includes(node.keyword)) continue;
      const word = node.keywordToken.text;
      const suggestion = suggest(word.toUpperCase(), DOCKERFILE_KEYWORDS);
      const replacement = suggestion && word === word.toLowerCase() ? suggestion.toLowerCase() : suggestion;
      context.report({
        message: `'${word}' is not a Dockerfile instruction${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
        range: node.keywordToken.range,
        codes: [],
        fix: replacement ? { edits: [{ range: node.keywordToken.range, text: replacement }], safe: false, description: `Replace with ${replacement}` } : undefined,
      });
    }
  },
});
