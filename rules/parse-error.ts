import { defineRule } from '../src/engine/types.js';

/** Reported by the engine itself when a file's content cannot be treated as a build file. */
export default defineRule({
  meta: {
    id: 'parse-error',
    codes: ['DL1000'],
    severity: 'error',
    category: 'correctness',
    presets: ['always'],
    description: 'The file cannot be treated as a build file (binary data, invalid UTF-8, an over-long line)',
    rationale:
      'Docker cannot build a file it cannot read as text. When this fires, no other rule runs on the file, ' +
      'so fix it first. Every other syntax problem is reported by a more specific rule while linting continues.',
    fixable: undefined,
    alsoKnownAs: ['dockerfilelint:invalid_line'],
    examples: {
      invalid: ['FROM alpine:3.20\n\u0000\u0001\u0002\n'],
      valid: ['FROM alpine:3.20\nUSER app\n'],
    },
  },
  check() {
    // The engine reports this rule before any rule runs.
  },
});
