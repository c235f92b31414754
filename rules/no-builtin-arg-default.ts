import { defineRule } from '../src/engine/types.js';

interface Options {
  proxies: boolean;
}

const PLATFORM = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
  'TARGETOSVERSION',
  'BUILDOSVERSION',
  'TARGETSTAGE',
]);
const PROXIES = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy']);

export default defineRule<Options>({
  meta: {
    id: 'no-builtin-arg-default',
    codes: [],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An ARG gives a default to a name the builder provides automatically, or to a proxy ARG',
    rationale:
      'The builder sets the platform ARGs (`TARGETARCH`, `BUILDPLATFORM`, …) itself, so a default there is dead ' +
      'code that misleads readers. The proxy ARGs are predefined so that a proxy can be passed with ' +
      '`--build-arg` without ending up in the image history; a default hard-codes one proxy into the build.',
    fixable: 'unsafe',
    fixDescription: 'Deletes the `=value` part. Unsafe for proxies: builds that relied on the default must pass it with `--build-arg`.',
    alsoKnownAs: [],
    options: {
      schema: { type: 'object', properties: { proxies: { type: 'boolean' } }, additionalProperties: false },
      defaults: { proxies: true },
      docs: { proxies: 'Also report defaults of the predefined proxy ARGs (`HTTP_PROXY`, `no_proxy`, …).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nARG TARGETARCH=amd64\nRUN echo "$TARGETARCH" > /arch\n'],
      valid: ['FROM alpine:3.20\nARG TARGETARCH\nRUN echo "$TARGETARCH" > /arch\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('ARG')) {
      for (const property of node.properties) {
        if (!property.valueToken) continue;
        const platform = PLATFORM.has(property.name);
        if (!platform && !(options.proxies && PROXIES.has(property.name))) continue;
        const range = file.lines.range(property.nameToken.endOffset, property.valueToken.endOffset);
        context.report({
          message: platform
            ? `'${property.name}' is set automatically by the builder; drop the default`
            : `Do not hard-code proxy ARG '${property.name}'; pass it with --build-arg when needed`,
          range,
          codes: [],
          fix: { edits: [{ range, text: '' }], safe: false, description: 'Remove the default' },
        });
      }
    }
  },
});
