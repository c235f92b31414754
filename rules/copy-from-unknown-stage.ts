import { defineRule, type Fix } from '../src/engine/types.js';
import { distance, stageReferences } from '../src/model/stage-refs.js';
import type { Stage } from '../src/model/types.js';

interface Options {
  contexts: string[];
}

export default defineRule<Options>({
  meta: {
    id: 'copy-from-unknown-stage',
    codes: ['DL3022'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: '`COPY --from` or `RUN --mount=from=` names something that is not an earlier stage',
    rationale:
      'A `--from` value that names no earlier stage is not an error for the builder: it pulls an image of that ' +
      'name (`builder:latest` from Docker Hub), which is almost never what was meant, and can be a supply-chain ' +
      'risk. A stage index that is not earlier, or a stage defined later, cannot work either.',
    fixable: 'unsafe',
    fixDescription: 'Replaces the value with the one earlier stage name within edit distance 2. Unsafe: it guesses which stage was meant.',
    alsoKnownAs: ['kics:68a51e22'],
    options: {
      schema: { type: 'object', properties: { contexts: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { contexts: [] },
      docs: { contexts: 'Named build contexts passed with `--build-context NAME=…`; `--from=NAME` is valid for them.' },
    },
    examples: {
      invalid: ['FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=biuld /app /app\n'],
      valid: ['FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const contexts = new Set(options.contexts.map((name) => name.toLowerCase()));
    // Per file, not per reference: built when the first reference gets that far.
    let variableStageName: boolean | undefined;
    let stagesByName: Map<string, Stage> | undefined;
    for (const reference of stageReferences(file)) {
      const stage = reference.instruction.stage;
      if (!stage) continue;
      const value = reference.value;
      if (value === '' || value.includes('$')) continue;
      if (/^\d+$/.test(value)) {
        if (Number(value) >= stage.index) {
          context.report({ message: `Stage index ${value} does not refer to an earlier stage`, range: reference.token.range, codes: ['DL3022'] });
        }
        continue;
      }
      if (/[/:@.]/.test(value)) continue;
      const lower = value.toLowerCase();
      if (contexts.has(lower)) continue;
      // A stage whose name is a variable might be the one meant.
      variableStageName ??= file.stages.some((each) => each.nameToken?.text.includes('$'));
      if (variableStageName) continue;
      stagesByName ??= firstStageByName(file.stages);
      const named = stagesByName.get(lower);
      if (named && named.index < stage.index) continue;
      if (named === stage) continue; // no-copy-from-self
      if (named) {
        context.report({
          message: `Stage '${value}' is defined later, on line ${named.from.keywordToken.range.start.line + 1}`,
          range: reference.token.range,
          codes: ['DL3022'],
        });
        continue;
      }
      const candidates = file.stages.filter((each) => each.index < stage.index && each.name !== undefined && distance(each.name, lower) <= 2);
      const suggestion = candidates.length === 1 ? candidates[0] : undefined;
      const suggested = suggestion?.nameToken?.text;
      let fix: Fix | undefined;
      if (suggested !== undefined) {
        const quoted = /^["']/.test(reference.token.text);
        fix = { edits: [{ range: reference.token.range, text: quoted ? `"${suggested}"` : suggested }], safe: false, description: `Use stage '${suggested}'` };
      }
      context.report({
        message: `'${value}' is not a stage defined before this line; it would be pulled as image '${value}:latest'${suggested !== undefined ? `; did you mean '${suggested}'?` : ''}`,
        range: reference.token.range,
        codes: ['DL3022'],
        fix,
      });
    }
  },
});

/** The first stage of each name (what a search in file order finds). */
function firstStageByName(stages: readonly Stage[]): Map<string, Stage> {
  const byName = new Map<string, Stage>();
  for (const stage of stages) if (stage.name !== undefined && !byName.has(stage.name)) byName.set(stage.name, stage);
  return byName;
}
