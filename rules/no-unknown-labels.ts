import { defineRule } from '../src/engine/types.js';
import { resolvedLabels } from '../src/model/labels.js';

export default defineRule({
  meta: {
    id: 'no-unknown-labels',
    codes: ['DL3050'],
    severity: 'info',
    category: 'maintainability',
    presets: ['all'],
    enabledWhenConfigured: (settings) => settings.labels.strict,
    description: 'Strict labels: a LABEL key is not in the label schema',
    rationale:
      'With `labels.strict` (hadolint\'s `strict-labels`), the label schema is the complete list of labels an ' +
      'image may carry, so typos (`org.opencontainers.image.licence`) and ad-hoc keys are caught.',
    fixable: undefined,
    examples: { invalid: ['FROM alpine:3.20\nLABEL team=payments\n'], valid: ['FROM alpine:3.20\nRUN true\n'] },
  },
  check(context) {
    const { file, settings } = context;
    const schema = settings.labels.schema;
    for (const node of file.find('LABEL')) {
      for (const label of resolvedLabels(file, node)) {
        if (label.key === undefined || schema[label.key]) continue;
        context.report({ message: `Label '${label.key}' is not in the label schema`, range: label.property.nameToken.range, codes: ['DL3050'] });
      }
    }
  },
});
