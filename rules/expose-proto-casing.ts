import { defineRule } from '../src/engine/types.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export default defineRule({
  meta: {
    id: 'expose-proto-casing',
    codes: ['ExposeProtoCasing'],
    severity: 'style',
    category: 'style',
    presets: ['recommended'],
    description: 'An EXPOSE protocol is not lowercase',
    rationale: 'Docker lowercases the protocol anyway; writing it in lower case matches the documentation and every other tool.',
    fixable: 'safe',
    fixDescription: 'Lowercases the protocol; Docker treats both spellings the same.',
    examples: {
      invalid: ['FROM alpine:3.20\nEXPOSE 80/TCP\n'],
      valid: ['FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 8080\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('EXPOSE')) {
      const scope = node.onbuildParent ? undefined : file.scope(node);
      for (const arg of node.args) {
        const expansion = scope ? scope.expand(arg.text, file.escapeChar) : { known: !arg.text.includes('$'), value: arg.text };
        if (!expansion.known) continue;
        const slash = expansion.value.lastIndexOf('/');
        if (slash === -1) continue;
        const proto = expansion.value.slice(slash + 1);
        if (proto === proto.toLowerCase() || !PROTOCOLS.has(proto.toLowerCase())) continue;
        const literal = arg.text === expansion.value && arg.range.start.line === arg.range.end.line;
        const range = literal ? file.lines.range(arg.startOffset + slash + 1, arg.endOffset) : arg.range;
        context.report({
          message: `Write protocol '${proto}' in lowercase`,
          range,
          codes: ['ExposeProtoCasing'],
          fix: literal ? { edits: [{ range, text: proto.toLowerCase() }], safe: true, description: 'Lowercase the protocol' } : undefined,
        });
      }
    }
  },
});
