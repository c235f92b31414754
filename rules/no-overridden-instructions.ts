import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { stageInstructions } from '../src/model/runtime.js';
import type { InstructionNode } from '../src/model/types.js';

type Options = {
  instructions: string[];
};

const CODES: Readonly<Record<string, string[]>> = {
  CMD: ['DL4003', 'MultipleInstructionsDisallowed', 'DS-0016'],
  ENTRYPOINT: ['DL4004', 'MultipleInstructionsDisallowed', 'DS-0007'],
  HEALTHCHECK: ['DL3012', 'MultipleInstructionsDisallowed', 'DS-0023'],
  STOPSIGNAL: [],
};

export default defineRule<Options>({
  meta: {
    id: 'no-overridden-instructions',
    codes: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed', 'DS-0016', 'DS-0007', 'DS-0023'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A stage sets CMD, ENTRYPOINT, HEALTHCHECK or STOPSIGNAL more than once, so only the last one counts',
    rationale:
      'Only the last CMD, ENTRYPOINT, HEALTHCHECK or STOPSIGNAL of a stage takes effect. An earlier one is dead ' +
      'code that readers take for the real configuration, often left over from an edit.',
    fixable: 'unsafe',
    fixDescription:
      'Deletes the earlier, overridden instruction together with the comment lines directly above it. Unsafe: ' +
      'the author may have meant the earlier one.',
    alsoKnownAs: [
      'kics:41c195f4',
      'kics:6938958b',
      'semgrep:multiple-cmd-instructions',
      'semgrep:multiple-entrypoint-instructions',
      'dockerfile-utils:MULTIPLE_INSTRUCTIONS',
    ],
    options: {
      schema: {
        type: 'object',
        properties: { instructions: { type: 'array', items: { enum: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL'] } } },
        additionalProperties: false,
      },
      defaults: { instructions: ['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL'] },
      docs: { instructions: 'The instructions that may appear only once per stage.' },
    },
    examples: {
      invalid: [
        'FROM node:20-alpine\nCMD ["node", "a.js"]\nCMD ["node", "b.js"]\n',
        'FROM node:20-alpine\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["node", "check.js"]\n',
      ],
      valid: [
        'FROM node:20-alpine AS base\nCMD ["node", "a.js"]\nFROM base\nCMD ["node", "b.js"]\n',
        'FROM node:20-alpine\nONBUILD CMD ["node", "a.js"]\nCMD ["node", "b.js"]\n',
      ],
    },
  },
  check(context) {
    const { file } = context;
    for (const stage of file.stages) {
      for (const keyword of context.options.instructions) {
        const nodes = stageInstructions(stage, [keyword]);
        for (let k = 1; k < nodes.length; k++) {
          const earlier = nodes[k - 1] as InstructionNode;
          const later = nodes[k] as InstructionNode;
          context.report({
            message: `This ${keyword} overrides the one on line ${earlier.keywordToken.range.start.line + 1}, which has no effect`,
            range: later.keywordToken.range,
            codes: CODES[keyword] ?? [],
            related: [{ range: earlier.keywordToken.range, message: `Overridden ${keyword}` }],
            fix: deleteFix(file, earlier),
          });
        }
      }
    }
  },
});

function deleteFix(file: BuildFile, node: InstructionNode): Fix {
  const first = node.leadingComments[0]?.token.range.start.line ?? node.keywordToken.range.start.line;
  const last = node.token.range.end.line;
  const end = last + 1 < file.lines.lineCount ? file.lines.lineStart(last + 1) : file.text.length;
  return {
    safe: false,
    description: `Delete the overridden ${node.keyword} on line ${node.keywordToken.range.start.line + 1}`,
    edits: [{ range: file.lines.range(file.lines.lineStart(first), end), text: '' }],
  };
}
