import { defineRule } from '../src/engine/types.js';
import { DOCKER_HUB_ALIASES, pulledImages, registryMatches } from '../src/model/image-policy.js';

interface Options {
  strict: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'trusted-registries',
    codes: ['DL3026'],
    severity: 'error',
    category: 'security',
    presets: ['all'],
    enabledWhenConfigured: (settings) => settings.trustedRegistries.length > 0,
    description: 'An image pulled from a registry that is not in the configured trustedRegistries list',
    rationale:
      'Base images and copied-from images run with full access to the build and end up in the product. Pulling them ' +
      'only from registries the organisation controls or vets keeps typo-squatted and unreviewed images out.',
    fixable: undefined,
    securitySeverity: 7.5,
    alsoKnownAs: ['dockerfile_lint:specified_registry', 'cis:4.2'],
    options: {
      schema: { type: 'object', properties: { strict: { type: 'boolean' } }, additionalProperties: false },
      defaults: { strict: false },
      docs: {
        strict:
          'Report references whose registry cannot be resolved (`FROM $REG/app` with an unknown `REG`) as unverifiable. ' +
          'The registry list itself is the shared `trustedRegistries` setting; with an empty list the rule reports nothing.',
      },
    },
    examples: {
      invalid: ['FROM quay.io/example/app:1.2\nUSER nobody\n', 'FROM alpine:3.22 AS base\nCOPY --from=gcr.io/distroless/static:nonroot / /\nUSER nobody\n'],
      valid: ['FROM registry.example.com/base/node:22\nUSER node\n', 'FROM scratch\nUSER 65532\n'],
      settings: { trustedRegistries: ['docker.io', 'registry.example.com'] },
    },
  },
  check(context) {
    const { file, options, settings } = context;
    const trusted = settings.trustedRegistries;
    if (trusted.length === 0) return;
    for (const ref of pulledImages(file)) {
      if (ref.kind !== 'image') continue;
      const registryUnknown = ref.registry.includes('$') || (!ref.known && (ref.explicitRegistry ? ref.registry.includes('$') : /^\$|^\$\{/.test(ref.written)));
      if (registryUnknown || (!ref.known && /^[^/]*\$/.test(ref.resolved))) {
        if (options.strict) context.report({ message: `Cannot verify the registry of '${ref.resolved}'`, range: ref.token.range, codes: ['DL3026'] });
        continue;
      }
      const candidates = ref.registry === 'docker.io' ? DOCKER_HUB_ALIASES : [ref.registry];
      if (trusted.some((pattern) => candidates.some((registry) => registryMatches(registry, pattern)))) continue;
      context.report({ message: `Registry '${ref.registry}' of image '${ref.resolved}' is not in trustedRegistries`, range: ref.token.range, codes: ['DL3026'] });
    }
  },
});
