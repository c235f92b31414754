import { defineRule } from '../src/engine/types.js';
import { parseImageRef } from '../src/model/image-ref.js';
import { imageUses } from '../src/model/references.js';
import type { ImageRef } from '../src/model/types.js';
import { globToRegExp } from '../src/model/variables.js';

interface Options {
  allow: string[];
  checkCopyFrom: boolean;
  checkSyntax: boolean;
}

const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

export default defineRule<Options>({
  meta: {
    id: 'require-image-digest',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['all'],
    description: 'An image reference that is not pinned by digest',
    rationale:
      'A tag is a mutable pointer: the registry can serve different bytes under the same tag tomorrow, by a routine ' +
      'rebuild or by a compromise. A digest (`@sha256:…`) names exactly one image, so the build pulls what was reviewed.',
    fixable: undefined,
    securitySeverity: 4.0,
    alsoKnownAs: ['semgrep:dockerfile-source-not-pinned', 'cis:4.2', 'cis:4.5'],
    options: {
      schema: {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string' } },
          checkCopyFrom: { type: 'boolean' },
          checkSyntax: { type: 'boolean' },
        },
        additionalProperties: false,
      },
      defaults: { allow: [], checkCopyFrom: true, checkSyntax: false },
      docs: {
        allow: 'Globs on the normalised reference (`docker.io/library/node:*`) that need no digest.',
        checkCopyFrom: 'Also check `COPY --from=<image>` and `RUN --mount=from=<image>`.',
        checkSyntax: 'Also check the image named by the `# syntax=` directive.',
      },
    },
    examples: {
      invalid: ['FROM alpine:3.22\nUSER nobody\n'],
      valid: ['FROM alpine:3.22@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\nUSER nobody\n', 'FROM scratch\nUSER 65532\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const allow = options.allow.map((glob) => globToRegExp(glob, true));
    const refs: ImageRef[] = [];
    for (const use of imageUses(file)) if (use.via === 'from' || options.checkCopyFrom) refs.push(use.ref);
    if (options.checkSyntax) {
      const directive = file.directives.find((each) => each.name === 'syntax');
      if (directive) {
        const ref = parseImageRef({ written: directive.value, resolved: directive.value, known: true, token: directive.valueToken, earlierStages: [] });
        refs.unshift(ref);
      }
    }
    for (const ref of refs) {
      if (ref.kind !== 'image' || !ref.known) continue;
      if (ref.digest !== undefined && DIGEST.test(ref.digest)) continue;
      if (allow.some((pattern) => pattern.test(ref.normalized) || pattern.test(ref.resolved))) continue;
      context.report({ message: `Pin image '${ref.resolved}' by digest (@sha256:…) so its contents cannot change`, range: ref.token.range, codes: [] });
    }
  },
});
