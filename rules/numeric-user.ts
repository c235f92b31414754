import { defineRule } from '../src/engine/types.js';
import type { InstructionNode, Stage } from '../src/model/types.js';
import { isRootName, resolveUser, runtimeUser } from '../src/model/users.js';

interface Options {
  stages: 'targets' | 'all';
  requireNumericGroup: boolean;
}

const CODES = ['DL3066'];

export default defineRule<Options>({
  meta: {
    id: 'numeric-user',
    codes: CODES,
    severity: 'info',
    category: 'security',
    presets: ['all', 'openshift'],
    description: 'The runtime USER is a name rather than a numeric UID',
    rationale:
      'A runtime such as Kubernetes with `runAsNonRoot` can only verify that an image does not run as root when ' +
      'USER is numeric; a name could map to UID 0 in the image\'s /etc/passwd. OpenShift also ignores names when ' +
      'it assigns its arbitrary UID.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.1'],
    options: {
      schema: {
        type: 'object',
        properties: { stages: { enum: ['targets', 'all'] }, requireNumericGroup: { type: 'boolean' } },
        additionalProperties: false,
      },
      defaults: { stages: 'targets', requireNumericGroup: false },
      docs: {
        stages: '`"targets"` checks the USER that sets each target stage\'s runtime user; `"all"` checks every USER.',
        requireNumericGroup: 'Also require the group part (after `:`) to be numeric.',
      },
    },
    examples: {
      invalid: ['FROM node:22-alpine\nUSER node\n'],
      valid: ['FROM node:22-alpine\nUSER 1000:1000\n', 'FROM alpine:3.20 AS build\nUSER builder\nFROM alpine:3.20\nUSER 65532\n'],
    },
    securitySeverity: 2.0,
  },
  check(context) {
    const { file, options } = context;
    const checked: { node: InstructionNode; stage: Stage }[] = [];
    if (options.stages === 'all') {
      for (const stage of file.stages) for (const node of stage.instructions) if (node.keyword === 'USER') checked.push({ node, stage });
    } else {
      for (const target of file.targetStages(context.settings.targets)) {
        const user = runtimeUser(file, target);
        if (user && !checked.some((c) => c.node === user.node)) checked.push({ node: user.node, stage: user.stage });
      }
    }
    for (const { node, stage } of checked) {
      if (stage.windows) continue;
      const user = resolveUser(file, node, stage);
      const token = node.args[0];
      if (!user || !user.known || !token) continue;
      // Windows built-in accounts (an unknown base can still be Windows).
      if (isRootName(user.user) || /^container(?:user|administrator)$/i.test(user.user)) continue;
      const numericUser = /^\d+$/.test(user.user);
      const numericGroup = user.group === undefined || /^\d+$/.test(user.group);
      if (numericUser && (!options.requireNumericGroup || numericGroup)) continue;
      const shown = numericUser ? token.text : user.user;
      context.report({
        message: numericUser
          ? `USER '${shown}' has a group name, so runtime policies cannot verify its group`
          : `USER '${shown}' is not numeric, so runtime policies cannot verify it is non-root`,
        range: token.range,
        codes: CODES,
      });
    }
  },
});
