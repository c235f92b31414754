import { defineRule } from '../src/engine/types.js';
import { DOCKERFILE_KEYWORDS, suggest } from '../src/model/buildkit.js';
import { syntaxFrontend } from '../src/model/frontend-features.js';
import type { InstructionNode } from '../src/model/types.js';

/** Looked up for every instruction: a Set, not a search of the keyword list. */
const KNOWN_KEYWORDS: ReadonlySet<string> = new Set(DOCKERFILE_KEYWORDS);

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
    for (const each of file.instructions) {
      if (!KNOWN_KEYWORDS.has(each.keyword)) reportUnknown(each);
      if (each.trigger && !KNOWN_KEYWORDS.has(each.trigger.keyword)) reportUnknown(each.trigger);
    }

    function reportUnknown(node: InstructionNode): void {
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
