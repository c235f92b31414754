import { defineRule } from '../src/engine/types.js';
import { splitReference } from '../src/model/image-ref.js';
import { globToRegExp } from '../src/model/variables.js';
import { pulledImages } from '../src/model/image-policy.js';

interface Options {
  allow: string[];
  deny: string[];
}

/** A pattern normalised like a reference: `node:*` → `docker.io/library/node:*`. */
export function normalizePattern(pattern: string): string {
  if (pattern === '*' || pattern.startsWith('*')) return pattern;
  return splitReference(pattern).normalized;
}


export default defineRule<Options>({
  meta: {
    id: 'allowed-images',
    codes: [],
    severity: 'error',
    category: 'security',
    presets: ['all'],
    description: 'A base image that is not in the configured allowlist, or that matches the denylist',
    rationale:
      'An organisation that maintains a set of vetted base images wants every build to start from one of them. An ' +
      'allowlist in the linter catches the stray `FROM somebody/random-image` before it reaches a registry.',
    fixable: undefined,
    securitySeverity: 7.5,
    alsoKnownAs: ['dockerfile_lint:inverse_rule', 'cis:4.2'],
    options: {
      schema: {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } }, deny: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      defaults: { allow: [], deny: [] },
      docs: {
        allow:
          'Globs on the normalised `registry/path[:tag]`; short patterns are normalised the same way (`node:*` means ' +
          '`docker.io/library/node:*`). When non-empty, every image must match one. With both lists empty the rule ' +
          'reports nothing.',
        deny: 'Globs as for `allow`; an image matching one is always reported.',
      },
    },
    examples: {
      invalid: ['FROM quay.io/example/app:1.2\nUSER nobody\n', 'FROM node:22-alpine\nUSER node\n'],
      valid: ['FROM alpine:3.22\nUSER nobody\n', 'FROM scratch\nUSER 65532\n'],
      options: { allow: ['alpine:*', 'debian:*'], deny: ['*:latest'] },
    },
  },
  check(context) {
    const { file, options } = context;
    if (options.allow.length === 0 && options.deny.length === 0) return;
    const allow = options.allow.map((p) => ({ pattern: p, regex: globToRegExp(normalizePattern(p), true) }));
    const deny = options.deny.map((p) => ({ pattern: p, regex: globToRegExp(normalizePattern(p), true) }));
    for (const ref of pulledImages(file)) {
      if (ref.kind !== 'image' || !ref.known) continue;
      const normalized = ref.normalized;
      const withoutDigest = normalized.replace(/@.*$/s, '');
      const test = (regex: RegExp): boolean => regex.test(normalized) || regex.test(withoutDigest);
      const denied = deny.find((entry) => test(entry.regex));
      if (denied) {
        context.report({ message: `Image '${ref.resolved}' is denied by pattern '${denied.pattern}'`, range: ref.token.range, codes: [] });
        continue;
      }
      if (allow.length > 0 && !allow.some((entry) => test(entry.regex))) {
        context.report({ message: `Image '${ref.resolved}' is not in the allowed image list`, range: ref.token.range, codes: [] });
      }
    }
  },
});
