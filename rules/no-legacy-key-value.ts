import { defineRule } from '../src/engine/types.js';

export default defineRule({
  meta: {
    id: 'no-legacy-key-value',
    codes: ['LegacyKeyValueFormat'],
    severity: 'style',
    category: 'style',
    presets: ['recommended'],
    description: 'ENV or LABEL uses the legacy `key value` form instead of `key=value`',
    rationale:
      'The space-separated form takes the whole rest of the line as the value, so `ENV A 1 B 2` sets A to `1 B 2`. ' +
      'Docker deprecates it; `key=value` is unambiguous and allows several pairs.',
    fixable: 'safe',
    fixDescription:
      'Rewrites `KEY value` to `KEY=value`, quoting the value when it contains whitespace. Offered only when the ' +
      'value has no quote or backslash, so the resulting value is exactly the same.',
    alsoKnownAs: [],
    examples: {
      invalid: ['FROM alpine:3.20\nENV APP_HOME /app\n', 'FROM alpine:3.20\nLABEL maintainer "team"\n'],
      valid: ['FROM alpine:3.20\nENV APP_HOME=/app\nLABEL a=b c=d\nARG x\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const keyword of ['ENV', 'LABEL']) {
      for (const node of file.find(keyword)) {
        for (const property of node.properties) {
          if (!property.legacy) continue;
          const valueToken = property.valueToken;
          let fix;
          if (valueToken && !/["'\\`\n\r]/.test(valueToken.text)) {
            const value = /\s/.test(valueToken.text) ? `"${valueToken.text}"` : valueToken.text;
            fix = {
              edits: [{ range: file.lines.range(property.nameToken.startOffset, valueToken.endOffset), text: `${property.nameToken.text}=${value}` }],
              safe: true,
              description: 'Use the key=value form',
            };
          }
          context.report({
            message: `Use '${node.keyword} ${property.name}=value'; the 'key value' form is deprecated`,
            range: property.nameToken.range,
            codes: ['LegacyKeyValueFormat'],
            fix,
          });
        }
      }
    }
  },
});
