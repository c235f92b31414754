import { defineRule } from '../src/engine/types.js';
import { chainInstruction } from '../src/model/runtime.js';

type Options = {
  instructions: string[][];
};

export default defineRule<Options>({
  meta: {
    id: 'required-instructions',
    codes: [],
    severity: 'info',
    category: 'maintainability',
    presets: ['all'],
    description: 'A target image lacks instructions the project requires, such as CMD/ENTRYPOINT or EXPOSE',
    rationale:
      'An image without CMD or ENTRYPOINT runs whatever its base image runs, which is rarely the application; ' +
      'teams often also require EXPOSE so that the listening ports are documented.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile_lint:required_instructions'],
    options: {
      schema: {
        type: 'object',
        properties: {
          instructions: {
            type: 'array',
            items: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z]+$' } },
          },
        },
        additionalProperties: false,
      },
      defaults: { instructions: [['CMD', 'ENTRYPOINT']] },
      docs: {
        instructions: 'Groups of alternatives; each group must be satisfied in the target stage\'s chain, e.g. `[["CMD", "ENTRYPOINT"], ["EXPOSE"]]`.',
      },
    },
    examples: {
      invalid: ['FROM node:20-alpine\nCOPY . /app\n'],
      valid: [
        'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
        'FROM node:20-alpine AS base\nENTRYPOINT ["node"]\nFROM base\nCOPY . /app\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.targetStages(context.settings.targets)) {
      for (const group of context.options.instructions) {
        const keywords = group.map((k) => k.toUpperCase());
        if (keywords.length === 0 || chainInstruction(file, stage, keywords)) continue;
        context.report({ message: `The image defines none of ${keywords.join(', ')}`, range: stage.base.token.range, codes: [] });
      }
    }
  },
});
