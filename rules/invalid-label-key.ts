import { defineRule } from '../src/engine/types.js';

interface Options {
  allow: string[];
}

/** Why a key breaks Docker's label-key conventions, or undefined when it follows them. */
function problem(key: string): string | undefined {
  if (/^(?:com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(key)) return 'uses a namespace reserved for Docker';
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or digit';
  if (/[^a-z0-9._/-]/.test(key)) return 'contains characters other than a-z, 0-9, ".", "-", "_" and "/"';
  if (/\.\.|--/.test(key)) return 'contains ".." or "--"';
  return undefined;
}

export default defineRule<Options>({
  meta: {
    id: 'invalid-label-key',
    codes: ['DL3048'],
    severity: 'style',
    category: 'style',
    presets: ['recommended'],
    description: "A LABEL key does not follow Docker's key conventions",
    rationale:
      'Docker recommends lower-case reverse-DNS label keys (`org.opencontainers.image.source`, ' +
      '`com.example.team`) so that keys from different tools do not collide, and reserves the `com.docker.*`, ' +
      '`io.docker.*` and `org.dockerproject.*` namespaces for itself.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile_lint:paramSyntaxRegex'],
    options: {
      schema: { type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { allow: [] },
      docs: { allow: 'Keys accepted as written, e.g. Red Hat\'s `Name`, `Version`, `Release`.' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nLABEL Version="1.0"\n'],
      valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.0.0"\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const allow = new Set(options.allow);
    for (const node of file.find('LABEL')) {
      for (const property of node.properties) {
        const key = property.name;
        if (key.includes('$') || allow.has(key)) continue;
        const reason = problem(key);
        if (!reason) continue;
        context.report({ message: `Label key '${key}' ${reason}; use lower-case reverse-DNS keys`, range: property.nameToken.range, codes: ['DL3048'] });
      }
    }
  },
});
