import { defineRule } from '../src/engine/types.js';
import { commandName } from '../src/shell/downloads.js';
import { analyzeRun } from '../src/shell/run-script.js';

const SUBCOMMANDS = new Set(['add', 'adv', 'update', 'net-update']);

export default defineRule({
  meta: {
    id: 'no-apt-key',
    codes: [],
    severity: 'warning',
    category: 'security',
    presets: ['recommended'],
    description: 'apt-key is used to add or fetch repository signing keys',
    rationale:
      'apt-key is deprecated and gone from current Debian and Ubuntu releases, and a key it adds is trusted for every ' +
      'repository, so a third-party key can sign packages that replace the distribution\'s own. Store the key in ' +
      '/etc/apt/keyrings and reference it with `signed-by=` on that one source.',
    fixable: undefined,
    securitySeverity: 4.3,
    alsoKnownAs: ['cis:4.11'],
    examples: {
      invalid: ['FROM debian:bookworm-slim\nRUN apt-key adv --keyserver keyserver.ubuntu.com --recv-keys 0x1234ABCD\nUSER nobody\n'],
      valid: ['FROM debian:bookworm-slim\nCOPY docker.asc /etc/apt/keyrings/docker.asc\nUSER nobody\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        if (commandName(command) !== 'apt-key') continue;
        const subcommand = command.args.find((word, i) => !word.value.startsWith('-') && command.args[i - 1]?.value !== '--keyring');
        if (!subcommand || !SUBCOMMANDS.has(subcommand.value)) continue;
        context.report({
          message: 'apt-key is deprecated; store the key in /etc/apt/keyrings and reference it with signed-by=',
          range: command.name?.range ?? command.range,
          codes: [],
        });
      }
    }
  },
});
