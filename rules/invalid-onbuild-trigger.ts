import { defineRule } from '../src/engine/types.js';

const DISALLOWED = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export default defineRule({
  meta: {
    id: 'invalid-onbuild-trigger',
    codes: ['DL3043'],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'ONBUILD wraps an instruction that cannot be a trigger',
    rationale: 'Docker rejects `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`; the build fails.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:ONBUILD_CHAINING_DISALLOWED', 'dockerfile-utils:ONBUILD_TRIGGER_DISALLOWED'],
    examples: {
      invalid: ['FROM alpine:3.20\nONBUILD FROM alpine:3.20\n'],
      valid: ['FROM alpine:3.20\nONBUILD RUN echo hi\n'],
    },
  },
  check(context) {
    for (const node of context.file.find('ONBUILD')) {
      const trigger = node.trigger;
      if (!trigger || !DISALLOWED.has(trigger.keyword)) continue;
      context.report({ message: `ONBUILD cannot wrap ${trigger.keyword}`, range: trigger.keywordToken.range, codes: ['DL3043'] });
    }
  },
});
