import { defineRule } from '../src/engine/types.js';
import { classifyArgs } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { SimpleCommand } from '../src/shell/types.js';

const CODES = ['CKV2_DOCKER_17'];
const USER_VALUE_OPTIONS = [
  '-b', '--base-dir', '-c', '--comment', '-d', '--home', '--home-dir', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid',
  '-G', '--groups', '-k', '--skel', '-K', '--key', '-l', '--login', '-p', '--password', '-P', '--prefix', '-R', '--root',
  '-s', '--shell', '-u', '--uid', '-Z', '--selinux-user',
];
// Module constants, not lists built per command: classifyArgs keeps each long list's Set by identity.
/** useradd's `-l` is `--no-log-init` and takes no value. */
const USERADD_VALUE_OPTIONS = USER_VALUE_OPTIONS.filter((o) => o !== '-l');

/** Whether a command sets or clears an account password (RULES.md `no-password-set-in-run`). */
function setsPassword(command: SimpleCommand): boolean {
  const name = command.program;
  switch (name) {
    case 'chpasswd':
      return true;
    case 'passwd': {
      const options = classifyArgs(command.args, { withValue: ['-n', '-x', '-w', '-i', '-r', '-R', '--root', '--repository'] }).options;
      return options.some((o) => o.name === '--stdin' || o.name === '-d' || o.name === '--delete');
    }
    case 'usermod':
    case 'useradd': {
      const withValue = name === 'usermod' ? USER_VALUE_OPTIONS : USERADD_VALUE_OPTIONS;
      const options = classifyArgs(command.args, { withValue }).options;
      return options.some((o) => o.name === '-p' || o.name === '--password');
    }
    case 'htpasswd': {
      const options = classifyArgs(command.args, { withValue: [] }).options;
      return options.some((o) => o.name === '-b');
    }
    default:
      return false;
  }
}

export default defineRule({
  meta: {
    id: 'no-password-set-in-run',
    codes: CODES,
    severity: 'error',
    category: 'security',
    presets: ['recommended'],
    description: 'A RUN sets or clears an account password',
    rationale:
      'A password set during the build is stored in the layer (`/etc/shadow`) and usually in the Dockerfile and ' +
      'the image history too; every copy of the image shares it. An empty password is worse. Use key-based ' +
      'authentication or set credentials when the container starts.',
    fixable: undefined,
    alsoKnownAs: ['cis:4.10'],
    examples: {
      invalid: [
        'FROM debian:12\nRUN echo "root:$ROOT_PW" | chpasswd\n',
        'FROM alpine:3.20\nRUN passwd -d root\n',
      ],
      valid: ['FROM alpine:3.20\nRUN passwd -l root\n', 'FROM debian:12\nRUN useradd -m app\n'],
    },
    securitySeverity: 7.5,
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        if (!command.name || !setsPassword(command)) continue;
        context.report({
          message: 'Setting a password at build time stores it in the image; use key-based auth or set it at runtime',
          range: command.name.range,
          codes: CODES,
        });
      }
    }
  },
});
