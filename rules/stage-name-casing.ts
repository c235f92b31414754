import { defineRule, type TextEdit } from '../src/engine/types.js';
import type { Token } from '../src/model/types.js';

const VALID_STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;

export default defineRule({
  meta: {
    id: 'stage-name-casing',
    codes: ['StageNameCasing'],
    severity: 'style',
    category: 'style',
    presets: ['recommended'],
    description: 'A stage name is not lowercase',
    rationale:
      'Stage names are case-insensitive, so `Build` and `build` are the same stage; writing them in lower case ' +
      'everywhere avoids the impression that they differ.',
    fixable: 'safe',
    fixDescription:
      'Lowercases the name and every reference to the stage (`FROM <name>`, `COPY --from=<name>`, `--mount from=<name>`). ' +
      'References are case-insensitive, so the build is unchanged.',
    examples: {
      invalid: ['FROM alpine:3.20 AS Build\nFROM alpine:3.20\nCOPY --from=Build /x /x\n'],
      valid: ['FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /x /x\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      const token = stage.nameToken;
      if (!token || token.text === token.text.toLowerCase()) continue;
      const lower = token.text.toLowerCase();
      // `AS ${NAME}` and other invalid names are `invalid-stage-name`'s: lowercasing cannot fix them.
      if (!VALID_STAGE_NAME.test(lower)) continue;
      const references: Token[] = [token];
      for (const other of file.stages) {
        if (other.base.kind === 'stage' && other.base.stage === stage && other.from.args[0]) references.push(other.from.args[0]);
      }
      for (const node of [...file.find('COPY'), ...file.find('ADD'), ...file.find('RUN')]) {
        if (node.onbuildParent) continue;
        for (const flag of node.flags) {
          if (flag.name === 'from' && flag.value?.toLowerCase() === lower && flag.valueToken) references.push(flag.valueToken);
          if (flag.name !== 'mount') continue;
          for (const option of flag.options) if (option.key === 'from' && option.value?.toLowerCase() === lower && option.valueToken) references.push(option.valueToken);
        }
      }
      const edits: TextEdit[] = references.filter((each) => each.text !== each.text.toLowerCase()).map((each) => ({ range: each.range, text: each.text.toLowerCase() }));
      context.report({
        message: `Use lowercase for stage name '${token.text}'`,
        range: token.range,
        codes: ['StageNameCasing'],
        fix: { edits, safe: true, description: `Rename the stage to '${lower}'` },
      });
    }
  },
});
