import { defineRule } from '../src/engine/types.js';
import type { Token } from '../src/model/types.js';

type Options = {
  include: ('inline' | 'file')[];
};

const INLINE = /^#\s*(?:layerlint|hadolint)\s+ignore\s*=\s*(\S.*)$/i;
const CHECK_SKIP = /^#\s*check\s*=.*?\bskip\s*=\s*([^;\s]+)/i;
const FILE_WIDE = /^#\s*(?:layerlint\s+ignore-file|hadolint\s+(?:global|stage)\s+ignore)\s*=\s*(\S.*)$/i;

export default defineRule<Options>({
  meta: {
    id: 'no-inline-suppressions',
    codes: ['DL1001'],
    severity: 'info',
    category: 'maintainability',
    presets: ['opt-in'],
    description: 'A suppression comment silences findings',
    rationale:
      'Suppression comments hide findings from reviews and accumulate over time. Teams that want every exception ' +
      'to live in the shared configuration, or to audit them, can turn this rule on.',
    fixable: undefined,
    options: {
      schema: {
        type: 'object',
        properties: { include: { type: 'array', items: { enum: ['inline', 'file'] } } },
        additionalProperties: false,
      },
      defaults: { include: ['inline'] },
      docs: { include: '`"inline"` reports per-instruction pragmas; add `"file"` to also report file-wide ones and a `skip` in the top `check` directive.' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n'],
      valid: ['FROM alpine:3.20\n# install curl\nRUN apk add --no-cache curl=8.9.1-r2\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    const report = (token: Token, selectors: string): void => {
      context.report({ message: `Suppression comment: ${selectors.trim()}`, range: token.range, codes: ['DL1001'] });
    };
    const seen = new Set<number>();
    if (options.include.includes('inline')) {
      for (const node of file.instructions) {
        for (const comment of node.leadingComments) {
          const text = comment.token.text.trim();
          const match = INLINE.exec(text) ?? CHECK_SKIP.exec(text);
          if (!match) continue;
          seen.add(comment.token.startOffset);
          report(comment.token, match[1] as string);
        }
      }
    }
    if (!options.include.includes('file')) return;
    for (const comment of file.comments) {
      const match = FILE_WIDE.exec(comment.token.text.trim());
      if (match && !seen.has(comment.token.startOffset)) report(comment.token, match[1] as string);
    }
    for (const directive of file.directives) {
      if (directive.name !== 'check') continue;
      const match = /\bskip\s*=\s*([^;\s]+)/i.exec(directive.value);
      if (match) report(directive.token, match[1] as string);
    }
  },
});
