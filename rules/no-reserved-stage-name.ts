import { defineRule } from '../src/engine/types.js';

const RESERVED = new Set(['scratch', 'context']);

export default defineRule({
  meta: {
    id: 'no-reserved-stage-name',
    codes: ['DL3063', 'ReservedStageName'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A stage is named `scratch` or `context`',
    rationale:
      '`scratch` is the empty image and `context` names the build context in `COPY --from` and named contexts, so a ' +
      'stage with one of those names makes references to it ambiguous.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.20 AS scratch\n', 'FROM alpine:3.20 AS Context\n'],
      valid: ['FROM scratch\n', 'FROM scratch AS base\n'],
    },
  },
  check(context) {
    for (const stage of context.file.stages) {
      if (stage.name === undefined || !stage.nameToken || !RESERVED.has(stage.name)) continue;
      context.report({
        message: `'${stage.nameToken.text}' is a reserved name and makes stage references ambiguous`,
        range: stage.nameToken.range,
        codes: ['DL3063', 'ReservedStageName'],
      });
    }
  },
});
