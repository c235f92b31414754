import { defineRule } from '../src/engine/types.js';
import { checkLabelType, resolvedLabels } from '../src/model/labels.js';

const CODES = ['DL3051', 'DL3052', 'DL3053', 'DL3054', 'DL3055', 'DL3056', 'DL3058'];

export default defineRule({
  meta: {
    id: 'invalid-label-value',
    codes: CODES,
    severity: 'warning',
    category: 'correctness',
    presets: ['all'],
    enabledWhenConfigured: (settings) => Object.keys(settings.labels.schema).length > 0,
    description: 'A LABEL value does not match the type the label schema gives its key',
    rationale:
      'Tools that read labels expect their format: a URL for `org.opencontainers.image.source`, an RFC 3339 ' +
      'date-time for `created`, an SPDX expression for `licenses`. A malformed value is silently useless. The ' +
      'label schema (`labels.schema`) states the type of each key.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.22\nLABEL org.opencontainers.image.source="not a url"\nUSER app\n'],
      valid: ['FROM alpine:3.22\nLABEL org.opencontainers.image.source="https://example.com/app"\nUSER app\n'],
      settings: { labels: { schema: { 'org.opencontainers.image.source': { type: 'url', required: false } }, strict: false } },
    },
  },
  check(context) {
    const { file, settings } = context;
    const schema = settings.labels.schema;
    if (Object.keys(schema).length === 0) return;
    for (const node of file.find('LABEL')) {
      for (const label of resolvedLabels(file, node)) {
        if (label.key === undefined || label.value === undefined) continue;
        const entry = schema[label.key];
        if (!entry) continue;
        const result = checkLabelType(entry.type, label.value);
        if (result.ok) continue;
        const token = label.property.valueToken ?? label.property.nameToken;
        context.report({ message: `Label '${label.key}' needs ${result.expected}`, range: token.range, codes: result.code ? [result.code] : [] });
      }
    }
  },
});
