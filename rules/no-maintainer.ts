import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import { chainLabelKeys } from '../src/model/labels.js';
import type { InstructionNode } from '../src/model/types.js';

const CODES = ['DL4000', 'DS-0022', 'CKV_DOCKER_6', 'MaintainerDeprecated'];
const AUTHORS = 'org.opencontainers.image.authors';

export default defineRule({
  meta: {
    id: 'no-maintainer',
    codes: CODES,
    severity: 'warning',
    category: 'maintainability',
    presets: ['recommended'],
    description: 'MAINTAINER is deprecated',
    rationale:
      'MAINTAINER has been deprecated since Docker 1.13. A label records the author in a form that tools read: ' +
      '`LABEL org.opencontainers.image.authors="…"` is the OCI standard key.',
    fixable: 'safe',
    fixDescription:
      'Replaces the instruction with `LABEL org.opencontainers.image.authors="<text>"`. Not offered when the stage ' +
      'already sets that label.',
    alsoKnownAs: [
      'kics:99614418',
      'semgrep:maintainer-is-deprecated',
      'dockerfile-utils:DEPRECATED_MAINTAINER',
      'dockerfile_lint:maintainer_deprecated',
      'dockerfilelint:deprecated_in_1.13',
    ],
    examples: {
      invalid: ['FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n'],
      valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('MAINTAINER', { triggers: false })) {
      context.report({
        message: 'Replace the deprecated MAINTAINER with LABEL org.opencontainers.image.authors',
        range: node.keywordToken.range,
        codes: CODES,
        fix: labelFix(file, node),
      });
    }
  },
});

function labelFix(file: BuildFile, node: InstructionNode): Fix | undefined {
  const stage = node.stage;
  if (!stage || chainLabelKeys(file, stage).has(AUTHORS)) return undefined;
  const text = node.argsValue.trim();
  const escaped = text.replace(/[\\"$]/g, (ch) => `\\${ch}`);
  const written = node.keywordToken.text;
  const label = written === written.toLowerCase() ? 'label' : written === 'Maintainer' ? 'Label' : 'LABEL';
  return {
    edits: [{ range: node.token.range, text: `${label} ${AUTHORS}="${escaped}"` }],
    safe: true,
    description: 'Use LABEL org.opencontainers.image.authors',
  };
}
