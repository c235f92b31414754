import { defineRule, type Fix } from '../src/engine/types.js';
import type { InstructionNode, PropertyNode } from '../src/model/types.js';
import type { BuildFile } from '../src/model/build-file.js';

export default defineRule({
  meta: {
    id: 'no-debian-frontend-env',
    codes: [],
    severity: 'info',
    category: 'correctness',
    presets: ['recommended'],
    description: '`ENV DEBIAN_FRONTEND` persists into the running container',
    rationale:
      '`DEBIAN_FRONTEND=noninteractive` is only needed while packages are installed. Set with ENV, it stays in ' +
      'the image and in every container started from it, where it silently changes how interactive tools such ' +
      'as `dpkg-reconfigure` behave. An ARG, or an assignment on the RUN itself, limits it to the build.',
    fixable: 'unsafe',
    fixDescription:
      'Replaces `ENV` with `ARG` when `DEBIAN_FRONTEND` is the instruction\'s only pair. Unsafe: the value is then ' +
      'visible to RUNs of this stage only, not to child stages or containers.',
    examples: {
      invalid: ['FROM debian:12\nENV DEBIAN_FRONTEND=noninteractive\n'],
      valid: ['FROM debian:12\nARG DEBIAN_FRONTEND=noninteractive\n'],
    },
  },
  check(context) {
    const { file, settings } = context;
    const shipped = file.shippedStages(settings.targets);
    for (const node of file.find('ENV')) {
      if (!node.onbuildParent && !(node.stage && shipped.has(node.stage))) continue;
      for (const property of node.properties) {
        if (property.name !== 'DEBIAN_FRONTEND') continue;
        context.report({
          message: 'DEBIAN_FRONTEND set with ENV stays in the image; use ARG or set it on the RUN',
          range: property.nameToken.range,
          codes: [],
          fix: node.properties.length === 1 ? argFix(file, node, property) : undefined,
        });
      }
    }
  },
});

function argFix(file: BuildFile, node: InstructionNode, property: PropertyNode): Fix | undefined {
  const keyword = node.keywordToken;
  const arg = keyword.text === keyword.text.toLowerCase() ? 'arg' : keyword.text === 'Env' ? 'Arg' : 'ARG';
  const edits = [{ range: keyword.range, text: arg }];
  if (property.legacy) {
    if (!property.valueToken) return undefined;
    // `ENV K v` → `ARG K=v`: the gap between key and value becomes `=`.
    edits.push({ range: file.lines.range(property.nameToken.endOffset, property.valueToken.startOffset), text: '=' });
  }
  return { edits, safe: false, description: 'Use ARG instead of ENV' };
}
