import { defineRule } from '../src/engine/types.js';
import type { Token } from '../src/model/types.js';

interface Options {
  anyDestination: boolean;
}

const CODES = ['DL3067'];
const WHOLE_SOURCES = new Set(['/', '/.', '/*']);
const ROOT_DESTINATIONS = new Set(['/', '/.']);

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}

export default defineRule<Options>({
  meta: {
    id: 'no-copy-entire-stage',
    codes: CODES,
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'COPY --from copies the entire filesystem of another stage',
    rationale:
      'Copying a stage\'s whole filesystem brings its package caches, compilers, build tools and any secret a ' +
      'build step left behind into the image, undoing the point of a multi-stage build.',
    fixable: undefined,
    options: {
      schema: { type: 'object', properties: { anyDestination: { type: 'boolean' } }, additionalProperties: false },
      defaults: { anyDestination: false },
      docs: { anyDestination: 'Report a whole-filesystem source whatever the destination (not only `/`).' },
    },
    examples: {
      invalid: ['FROM alpine:3.20 AS build\nRUN echo hi > /hello\nFROM scratch\nCOPY --from=build / /\n'],
      valid: ['FROM alpine:3.20 AS build\nRUN echo hi > /hello\nFROM scratch\nCOPY --from=build /hello /hello\n'],
    },
    securitySeverity: 4.0,
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('COPY')) {
      const from = node.flags.find((f) => f.name === 'from');
      if (!from || from.value === undefined) continue;
      const words: { value: string; token: Token }[] = node.json
        ? node.json.strings.map((s) => ({ value: s.value, token: s.token }))
        : node.args.map((token) => ({ value: unquote(token.text), token }));
      if (words.length < 2) continue;
      const destination = words.at(-1)?.value ?? '';
      if (!options.anyDestination && !ROOT_DESTINATIONS.has(destination)) continue;
      for (const source of words.slice(0, -1)) {
        if (!WHOLE_SOURCES.has(source.value)) continue;
        context.report({
          message: `This copies the entire filesystem of '${from.value}'; copy only the paths you need`,
          range: source.token.range,
          codes: CODES,
        });
      }
    }
  },
});
