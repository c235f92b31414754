import { defineRule } from '../src/engine/types.js';

const VALID = /^[a-z][a-z0-9_.-]*$/;

export default defineRule({
  meta: {
    id: 'invalid-stage-name',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A stage name contains characters BuildKit rejects',
    rationale: 'BuildKit refuses to parse a file whose stage name does not start with a letter or contains characters other than letters, digits, `.`, `_` and `-`.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:INVALID_BUILD_STAGE_NAME'],
    examples: {
      invalid: ['FROM alpine:3.20 AS 1build\n', 'FROM alpine:3.20 AS my:stage\n'],
      valid: ['FROM alpine:3.20 AS build-1.x_y\n'],
    },
  },
  check(context) {
    for (const stage of context.file.stages) {
      const token = stage.nameToken;
      if (!token || VALID.test(token.text.toLowerCase())) continue;
      context.report({
        message: `Stage name '${token.text}' must start with a letter and contain only letters, digits, '.', '_' or '-'`,
        range: token.range,
        codes: [],
      });
    }
  },
});
