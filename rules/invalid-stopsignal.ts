import { defineRule } from '../src/engine/types.js';

const SIGNALS = new Set([
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'IOT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'POLL',
  'PWR', 'SYS', 'RTMIN', 'RTMAX',
]);

function validSignal(value: string): boolean {
  if (/^\d+$/.test(value)) return Number(value) >= 1 && Number(value) <= 64;
  const name = value.toUpperCase().replace(/^SIG/, '');
  if (SIGNALS.has(name)) return true;
  const rt = /^RTMIN\+(\d+)$|^RTMAX-(\d+)$/.exec(name);
  return rt !== null && Number(rt[1] ?? rt[2]) <= 30;
}

export default defineRule({
  meta: {
    id: 'invalid-stopsignal',
    codes: [],
    severity: 'error',
    category: 'correctness',
    presets: ['recommended'],
    description: 'STOPSIGNAL names no valid signal',
    rationale: 'Docker refuses to create a container whose stop signal it cannot parse, so the image builds but never runs.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile-utils:INVALID_SIGNAL'],
    examples: {
      invalid: ['FROM alpine:3.20\nSTOPSIGNAL SIGFOO\n'],
      valid: ['FROM alpine:3.20\nSTOPSIGNAL SIGTERM\n', 'FROM alpine:3.20\nSTOPSIGNAL 9\n', 'FROM alpine:3.20\nSTOPSIGNAL quit\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('STOPSIGNAL')) {
      if (node.stage?.windows || node.args.length !== 1) continue;
      const arg = node.args[0];
      if (!arg) continue;
      const expansion = node.onbuildParent ? { known: !arg.text.includes('$'), value: arg.text } : file.scope(node).expand(arg.text, file.escapeChar);
      if (!expansion.known || validSignal(expansion.value)) continue;
      context.report({ message: `'${expansion.value}' is not a valid stop signal`, range: arg.range, codes: [] });
    }
  },
});
