import { defineRule } from '../src/engine/types.js';
import { exposeEntries } from '../src/model/expose-entries.js';

export default defineRule({
  meta: {
    id: 'no-expose-host-port',
    codes: ['ExposeInvalidFormat'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'EXPOSE includes a host port or IP address, which EXPOSE cannot set',
    rationale:
      'EXPOSE only documents the ports the container listens on. Host ports and addresses are chosen when the ' +
      'container is run (`-p`), so a host part in EXPOSE is ignored and misleads readers.',
    fixable: 'safe',
    fixDescription: 'Keeps only `containerPort[/proto]`. The host part has no effect on the image, so nothing changes.',
    alsoKnownAs: ['dockerfilelint:expose_host_port'],
    examples: {
      invalid: ['FROM nginx:1.27\nEXPOSE 8080:80\n', 'FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80/tcp\n'],
      valid: ['FROM nginx:1.27\nEXPOSE 80\n', 'FROM nginx:1.27\nEXPOSE 80/tcp 8000-8010/udp\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('EXPOSE')) {
      for (const entry of exposeEntries(file, node)) {
        if (!entry.known || entry.host === undefined) continue;
        const containerPort = `${entry.containerPort}${entry.protocol === undefined ? '' : `/${entry.protocol}`}`;
        const literal = entry.token.text === entry.text;
        context.report({
          message: `EXPOSE cannot publish host ports or IPs; use '${containerPort}' and publish at run time`,
          range: entry.token.range,
          codes: ['ExposeInvalidFormat'],
          fix: literal ? { safe: true, description: `Keep only '${containerPort}'`, edits: [{ range: entry.token.range, text: containerPort }] } : undefined,
        });
      }
    }
  },
});
