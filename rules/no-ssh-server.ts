import { defineRule } from '../src/engine/types.js';
import { exposedPorts } from '../src/model/ports.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { analyzeRun } from '../src/shell/run-script.js';
import { basename } from '../src/shell/basename.js';
import type { SimpleCommand } from '../src/shell/types.js';

const EXPOSE_CODES = ['DS-0004', 'CKV_DOCKER_1'];
const MESSAGE = 'Avoid running an SSH server in a container; use docker exec or an orchestrator\'s exec';
const SYSTEM_MANAGERS = new Set(['apt', 'apk', 'yum', 'dnf', 'zypper']);
const SERVER_PACKAGES = new Set(['openssh-server', 'dropbear']);
const SSH_SERVICES = new Set(['ssh', 'sshd', 'ssh.service', 'sshd.service']);

function startsServer(command: SimpleCommand): boolean {
  const name = command.program;
  if (name === 'sshd' || name === 'dropbear') return true;
  if (name === 'service') return SSH_SERVICES.has(command.args[0]?.value ?? '') && command.args[1]?.value === 'start';
  if (name === 'systemctl') {
    const operands = command.args.map((a) => a.value).filter((a) => !a.startsWith('-'));
    return (operands[0] === 'enable' || operands[0] === 'start') && operands.slice(1).some((a) => SSH_SERVICES.has(a));
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'no-ssh-server',
    codes: EXPOSE_CODES,
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'The image installs, starts or exposes an SSH server',
    rationale:
      'An SSH daemon in a container is one more network service with credentials to manage and patch, and it ' +
      'bypasses the runtime\'s own access control and audit. `docker exec` and `kubectl exec` give the same ' +
      'access without it.',
    fixable: undefined,
    alsoKnownAs: ['kics:5907595b', 'dockerfile_lint:installing_ssh', 'cis:4.3'],
    examples: {
      invalid: ['FROM alpine:3.20\nEXPOSE 22\n', 'FROM debian:12\nCMD ["/usr/sbin/sshd", "-D"]\n'],
      valid: ['FROM alpine:3.20\nEXPOSE 2222\n', 'FROM alpine:3.20\nRUN apk add --no-cache openssh-client-default=9.7_p1-r4\n'],
    },
    securitySeverity: 5.3,
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const pkg of packageCommands(file, node)) {
        if (!SYSTEM_MANAGERS.has(pkg.manager) || pkg.action !== 'install') continue;
        for (const word of pkg.packages) {
          const server = SERVER_PACKAGES.has(word.name) || (pkg.manager === 'apk' && word.name === 'openssh');
          if (server) context.report({ message: MESSAGE, range: word.word.range, codes: [] });
        }
      }
      for (const command of analyzeRun(file, node).commands) {
        if (command.name && startsServer(command)) context.report({ message: MESSAGE, range: command.name.range, codes: [] });
      }
    }
    for (const node of [...file.find('CMD'), ...file.find('ENTRYPOINT')]) {
      const first = node.json ? node.json.strings[0] : undefined;
      const token = first?.token ?? node.args[0];
      const value = first?.value ?? node.args[0]?.text;
      if (token && value && basename(value) === 'sshd') context.report({ message: MESSAGE, range: token.range, codes: [] });
    }
    for (const node of file.find('EXPOSE')) {
      for (const port of exposedPorts(file, node)) {
        if (port.first <= 22 && 22 <= port.last) context.report({ message: MESSAGE, range: port.token.range, codes: EXPOSE_CODES });
      }
    }
  },
});
