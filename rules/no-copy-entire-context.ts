import { defineRule } from '../src/engine/types.js';
import { IgnoreMatcher } from '../src/model/dockerignore.js';
import type { Token } from '../src/model/types.js';

interface Options {
  when: 'unprotected' | 'always';
  sensitive: string[];
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '/', '/.']);

export default defineRule<Options>({
  meta: {
    id: 'no-copy-entire-context',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'COPY or ADD copies the whole build context while the ignore file does not keep .git and .env out',
    rationale:
      '`COPY . .` copies everything in the build context: the `.git` directory with its history, local `.env` ' +
      'files with credentials, editor and build leftovers. Without a `.dockerignore` that excludes them, they end ' +
      'up in a layer that anyone who pulls the image can read.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.10'],
    options: {
      schema: {
        type: 'object',
        properties: { when: { enum: ['unprotected', 'always'] }, sensitive: { type: 'array', items: { type: 'string', minLength: 1 } } },
        additionalProperties: false,
      },
      defaults: { when: 'unprotected', sensitive: ['.git', '.env'] },
      docs: {
        when: '`"unprotected"` reports only when the build context is known and its ignore file does not exclude every `sensitive` path; `"always"` reports every whole-context copy.',
        sensitive: 'Context paths that the ignore file must exclude.',
      },
    },
    examples: {
      // Reported only when the build context is known (the CLI reads it; examples cannot carry it).
      invalid: [],
      valid: ['FROM node:22-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY src/ ./src/\n'],
    },
    securitySeverity: 5.0,
  },
  check(context) {
    const { file, options, settings } = context;
    let exposed: string[];
    if (options.when === 'always') {
      exposed = [];
    } else {
      if (settings.context === undefined) return;
      const rules = settings.ignoreRules;
      const matcher = new IgnoreMatcher(rules?.patterns ?? []);
      exposed = options.sensitive.filter((path) => !matcher.excludes(path));
      if (exposed.length === 0) return;
    }
    const paths = exposed.length > 0 ? exposed.join(' and ') : 'files such as .git and .env';
    for (const node of [...file.find('COPY'), ...file.find('ADD')]) {
      if (node.flags.some((f) => f.name === 'from')) continue;
      const words: { value: string; token: Token }[] = node.json
        ? node.json.strings.map((s) => ({ value: s.value, token: s.token }))
        : node.args.map((token) => ({ value: token.text.replace(/^(["'])(.*)\1$/, '$2'), token }));
      for (const source of words.slice(0, -1)) {
        if (!WHOLE_CONTEXT.has(source.value)) continue;
        context.report({
          message: `This copies the whole build context, including ${paths}; exclude them in .dockerignore or copy specific paths`,
          range: source.token.range,
          codes: [],
        });
      }
    }
  },
});
