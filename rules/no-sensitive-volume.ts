import { defineRule } from '../src/engine/types.js';
import type { Token } from '../src/model/types.js';
import { trimEndChars } from '../src/model/trim.js';

interface Options {
  paths: string[];
}

const DEFAULT_PATHS = [
  '/var/run/docker.sock', '/run/docker.sock', '\\\\.\\pipe\\docker_engine', '/', '/proc', '/sys', '/dev', '/boot', '/etc',
  '/root', '/run', '/var/run', '/lib/modules',
];

function clean(value: string): string {
  if (value.length > 1 && /[/\\]$/.test(value)) return trimEndChars(value, '/\\') || value[0] as string;
  return value;
}

export default defineRule<Options>({
  meta: {
    id: 'no-sensitive-volume',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'VOLUME declares a host-sensitive path such as the Docker socket or a system directory',
    rationale:
      'A VOLUME on the Docker socket or a system directory invites users to bind-mount the host\'s copy there, ' +
      'which hands the container control of the Docker daemon (root on the host) or of host system files.',
    fixable: undefined,
    alsoKnownAs: ['semgrep:dockerfile-dockerd-socket-mount'],
    options: {
      schema: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
      defaults: { paths: DEFAULT_PATHS },
      docs: { paths: 'The sensitive paths; replaces the built-in list. `/var/lib/docker` is not in it: Docker-in-Docker images declare it so that nested overlay storage works.' },
    },
    examples: {
      invalid: ['FROM alpine:3.20\nVOLUME /var/run/docker.sock\n', 'FROM alpine:3.20\nVOLUME ["/etc/"]\n'],
      valid: ['FROM alpine:3.20\nVOLUME /var/lib/app\n'],
    },
    securitySeverity: 7.0,
  },
  check(context) {
    const { file, options } = context;
    const sensitive = new Set(options.paths.map(clean));
    for (const node of file.find('VOLUME')) {
      const entries: { value: string; token: Token }[] = node.json
        ? node.json.strings.map((s) => ({ value: s.value, token: s.token }))
        : node.args.map((token) => ({ value: token.text, token }));
      const scope = file.scope(node);
      for (const entry of entries) {
        const expansion = scope.expand(entry.value, file.escapeChar);
        if (!expansion.known) continue;
        const value = clean(expansion.value.replace(/^(["'])(.*)\1$/, '$2'));
        if (!sensitive.has(value)) continue;
        context.report({ message: `VOLUME '${value}' invites mounting a host-sensitive path into the container`, range: entry.token.range, codes: [] });
      }
    }
  },
});
