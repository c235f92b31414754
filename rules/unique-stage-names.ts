import { defineRule } from '../src/engine/types.js';
import type { Stage } from '../src/model/types.js';

export default defineRule({
  meta: {
    id: 'unique-stage-names',
    codes: ['DL3024', 'DuplicateStageName', 'DS-0012', 'CKV_DOCKER_11'],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'Two stages have the same name',
    rationale:
      'Docker rejects a build file with duplicate stage names; older builders silently used one of them, so ' +
      '`COPY --from` and `--target` picked a stage the author did not mean.',
    fixable: undefined,
    alsoKnownAs: ['kics:f2daed12', 'semgrep:alias-must-be-unique', 'dockerfile-utils:DUPLICATE_BUILD_STAGE_NAME'],
    examples: {
      invalid: ['FROM alpine:3.20 AS build\nFROM alpine:3.20 AS Build\n'],
      valid: ['FROM alpine:3.20 AS build\nFROM alpine:3.20 AS final\n'],
    },
  },
  check(context) {
    const first = new Map<string, Stage>();
    for (const stage of context.file.stages) {
      if (stage.name === undefined || !stage.nameToken) continue;
      const earlier = first.get(stage.name);
      if (!earlier) {
        first.set(stage.name, stage);
        continue;
      }
      const earlierToken = earlier.nameToken ?? earlier.from.keywordToken;
      context.report({
        message: `Stage name '${stage.nameToken.text}' is already used on line ${earlierToken.range.start.line + 1}`,
        range: stage.nameToken.range,
        codes: ['DL3024', 'DuplicateStageName', 'DS-0012', 'CKV_DOCKER_11'],
        related: [{ range: earlierToken.range, message: 'First defined here' }],
      });
    }
  },
});
