import { defineRule } from '../src/engine/types.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const PORT_CODES = ['DL3011', 'DS-0008'];

function validPort(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) <= 65535;
}

export default defineRule({
  meta: {
    id: 'invalid-expose',
    codes: PORT_CODES,
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'An EXPOSE entry is not a valid port, range or protocol',
    rationale: 'Docker rejects an EXPOSE entry that is not a port number from 0 to 65535, a `start-end` range, or one with an unknown protocol.',
    fixable: undefined,
    alsoKnownAs: ['kics:71bf8cf8', 'semgrep:invalid-port', 'dockerfile-utils:INVALID_PORT', 'dockerfile-utils:INVALID_PROTO', 'dockerfilelint:invalid_port'],
    examples: {
      invalid: ['FROM alpine:3.20\nEXPOSE 80000\n', 'FROM alpine:3.20\nEXPOSE 80/http\n'],
      valid: ['FROM alpine:3.20\nEXPOSE 80 443/tcp 53/UDP 8000-8010 3000-3001/sctp\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('EXPOSE')) {
      const scope = node.onbuildParent ? undefined : file.scope(node);
      for (const arg of node.args) {
        const expansion = scope ? scope.expand(arg.text, file.escapeChar) : { known: !arg.text.includes('$'), value: arg.text };
        if (!expansion.known) continue;
        const value = expansion.value;
        const slash = value.indexOf('/');
        const portPart = slash === -1 ? value : value.slice(0, slash);
        const container = portPart.slice(portPart.lastIndexOf(':') + 1);
        const [start, end, ...rest] = container.split('-');
        const portsOk = rest.length === 0 && validPort(start ?? '') && (end === undefined || (validPort(end) && Number(start) <= Number(end)));
        if (!portsOk) {
          context.report({ message: `'${container}' is not a port number between 0 and 65535`, range: arg.range, codes: PORT_CODES });
          continue;
        }
        if (slash === -1) continue;
        const proto = value.slice(slash + 1);
        if (PROTOCOLS.has(proto.toLowerCase())) continue;
        const literal = arg.text === value && arg.range.start.line === arg.range.end.line;
        context.report({
          message: `Protocol '${proto}' is not tcp, udp or sctp`,
          range: literal ? file.lines.range(arg.startOffset + slash + 1, arg.endOffset) : arg.range,
          codes: [],
        });
      }
    }
  },
});
