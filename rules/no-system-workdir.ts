import { defineRule } from '../src/engine/types.js';
import { BASE_WORKDIR, isWithin, resolveAgainst, workdirAt } from '../src/model/users.js';

const CODES = ['DS-0030'];
const SYSTEM_DIRS = ['/proc', '/boot', '/dev', '/initrd', '/lost+found', '/sys'];

export default defineRule({
  meta: {
    id: 'no-system-workdir',
    codes: CODES,
    severity: 'error',
    category: 'security',
    presets: ['recommended'],
    description: 'WORKDIR points into a kernel or system directory such as /proc or /sys',
    rationale:
      'A working directory under /proc (for example `/proc/self/fd/<n>`) is how the "Leaky Vessels" runc breakout ' +
      '(CVE-2024-21626) reaches the host filesystem. No legitimate image works from a kernel or system directory.',
    fixable: undefined,
    examples: {
      invalid: ['FROM alpine:3.20\nWORKDIR /proc/self/fd/8\n'],
      valid: ['FROM alpine:3.20\nWORKDIR /srv/app\n', 'FROM alpine:3.20\nWORKDIR /process\n'],
    },
    securitySeverity: 8.6,
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('WORKDIR')) {
      const token = node.argsToken;
      if (!token) continue;
      const expansion = file.scope(node).expand(node.args.map((t) => t.text).join(' '), file.escapeChar);
      if (!expansion.known) continue;
      const value = expansion.value.replace(/^(["'])(.*)\1$/, '$2');
      const resolved = resolveAgainst(node.onbuildParent ? undefined : workdirAt(file, node), value);
      if (!resolved || resolved.startsWith(BASE_WORKDIR)) continue;
      if (!SYSTEM_DIRS.some((dir) => isWithin(resolved, dir))) continue;
      context.report({ message: `WORKDIR '${value}' points into a system directory`, range: token.range, codes: CODES });
    }
  },
});
