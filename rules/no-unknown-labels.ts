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
    examples: {
      invalid: ['FROM alpine:3.22\nLABEL team=payments\nUSER app\n'],
      valid: ['FROM alpine:3.22\nLABEL org.opencontainers.image.source="https://example.com/app"\nUSER app\n'],
      settings: { labels: { schema: { 'org.opencontainers.image.source': { type: 'url', required: false } }, strict: true } },
    },
  },
  check(context) {
    const { file, settings } = context;
    const schema = settings.labels.schema;
    // Without a schema there is nothing to compare against: every label would be reported.
    if (Object.keys(schema).length === 0) return;
    for (const node of file.find('LABEL')) {
      for (const label of resolvedLabels(file, node)) {
        if (label.key === undefined || schema[label.key]) continue;
        context.report({ message: `Label '${label.key}' is not in the label schema`, range: label.property.nameToken.range, codes: ['DL3050'] });
      }
    }
  },
});
