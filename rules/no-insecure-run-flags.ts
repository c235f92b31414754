import { defineRule } from '../src/engine/types.js';

interface Options {
  allow: ('security=insecure' | 'network=host' | 'device')[];
}

export default defineRule<Options>({
  meta: {
    id: 'no-insecure-run-flags',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'A RUN asks for privileges beyond the build sandbox (--security=insecure, --network=host, --device)',
    rationale:
      '`--security=insecure` runs the step without the sandbox, `--network=host` lets it reach services on the ' +
      'build host, and `--device` exposes host devices. A compromised dependency fetched in such a step can reach ' +
      'the build machine.',
    fixable: undefined,
    alsoKnownAs: ['dockerfile_lint:privileged_run_container'],
    options: {
      schema: {
        type: 'object',
        properties: { allow: { type: 'array', items: { enum: ['security=insecure', 'network=host', 'device'] } } },
        additionalProperties: false,
      },
      defaults: { allow: [] },
      docs: { allow: 'Flags to accept: `"security=insecure"`, `"network=host"`, `"device"`.' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nRUN --security=insecure mount -t tmpfs none /mnt\n', 'FROM alpine:3.20\nRUN --network=host wget -q http://localhost:8080/x\n'],
      valid: ['FROM alpine:3.20\nRUN --network=none make test\n'],
    },
    securitySeverity: 6.5,
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('RUN')) {
      for (const flag of node.flags) {
        const value = flag.value?.toLowerCase();
        let key: Options['allow'][number] | undefined;
        if (flag.name === 'security' && value === 'insecure') key = 'security=insecure';
        else if (flag.name === 'network' && value === 'host') key = 'network=host';
        else if (flag.name === 'device') key = 'device';
        if (!key || options.allow.includes(key)) continue;
        context.report({ message: `RUN ${flag.token.text} weakens build isolation`, range: flag.token.range, codes: [] });
      }
    }
  },
});
