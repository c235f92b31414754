import { defineRule } from '../src/engine/types.js';
import { stageReferences } from '../src/model/stage-refs.js';

const CODES = ['DL3023', 'DS-0006'];

export default defineRule({
  meta: {
    id: 'no-copy-from-self',
    codes: CODES,
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: '`COPY --from` refers to the stage it is in',
    rationale:
      'A stage cannot copy from itself: its filesystem is not finished while its own instructions run. The ' +
      'builder fails (a circular dependency) or, for a name it does not resolve as a stage, pulls an image of ' +
      'that name instead.',
    fixable: undefined,
    alsoKnownAs: ['kics:cdddb86f', 'semgrep:copy-from-own-alias'],
    examples: {
      invalid: ['FROM alpine:3.20 AS app\nCOPY --from=app /etc/hosts /tmp/hosts\n'],
      valid: ['FROM alpine:3.20 AS base\nRUN touch /x\nFROM alpine:3.20 AS app\nCOPY --from=base /x /x\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const reference of stageReferences(file)) {
      const stage = reference.instruction.stage;
      if (!stage) continue;
      const value = reference.value.toLowerCase();
      const self = /^\d+$/.test(value) ? Number(value) === stage.index : stage.name !== undefined && value === stage.name;
      if (!self) continue;
      context.report({ message: '--from refers to the stage it is in', range: reference.token.range, codes: CODES });
    }
  },
});
