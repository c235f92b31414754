import { defineRule, type Fix } from '../src/engine/types.js';
import { stageReferences } from '../src/model/stage-refs.js';

export default defineRule({
  meta: {
    id: 'no-stage-index-reference',
    codes: [],
    severity: 'info',
    category: 'maintainability',
    presets: ['recommended'],
    description: 'A stage is referenced by number instead of by name',
    rationale:
      'Stage indexes shift when a stage is added or removed above, and `--from=0` then silently copies from a ' +
      'different stage. A name (`FROM … AS build`, `--from=build`) stays correct and says what it refers to.',
    fixable: 'safe',
    fixDescription: 'Replaces the index with the stage\'s name as written at its FROM, when the stage has one.',
    alsoKnownAs: ['kics:68a51e22'],
    examples: {
      invalid: ['FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=0 /app /app\n'],
      valid: ['FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const reference of stageReferences(file)) {
      const stage = reference.instruction.stage;
      if (!stage || !/^\d+$/.test(reference.value)) continue;
      const index = Number(reference.value);
      if (index >= stage.index) continue;
      const target = file.stages[index];
      const name = target?.nameToken?.text;
      let fix: Fix | undefined;
      if (name !== undefined) {
        const quoted = /^["']/.test(reference.token.text);
        fix = { edits: [{ range: reference.token.range, text: quoted ? `"${name}"` : name }], safe: true, description: `Use stage name '${name}'` };
      }
      context.report({ message: `Refer to stage ${index} by name; indexes change when stages are added`, range: reference.token.range, codes: [], fix });
    }
  },
});
