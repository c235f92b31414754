import { defineRule } from '../src/engine/types.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { distUpgrade, verb } from '../src/shell/package-managers/queries.js';

type Key = 'apt' | 'zypper' | 'dnf';

interface Options {
  managers: Partial<Record<Key, boolean>>;
}

export default defineRule<Options>({
  meta: {
    id: 'no-dist-upgrade',
    codes: ['DL3035', 'DS-0024'],
    severity: 'warning',
    category: 'reproducibility',
    presets: ['recommended'],
    description: 'The build performs a distribution-level upgrade',
    rationale:
      'A distribution upgrade (`apt-get dist-upgrade`, `zypper dup`, `dnf system-upgrade`) may install and remove ' +
      'packages or move the image to another release, depending on the day of the build. The base image is ' +
      'the place to choose a release: rebuild from an updated base image instead.',
    fixable: undefined,
    alsoKnownAs: ['semgrep:avoid-apt-get-upgrade', 'dockerfilelint:apt-get-dist-upgrade'],
    options: {
      schema: {
        type: 'object',
        properties: {
          managers: {
            type: 'object',
            properties: { apt: { type: 'boolean' }, zypper: { type: 'boolean' }, dnf: { type: 'boolean' } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      defaults: { managers: { apt: true, zypper: true, dnf: true } },
      docs: { managers: 'Which managers are checked: `apt` (apt-get, apt), `zypper`, `dnf`. All on by default.' },
    },
    examples: {
      invalid: ['FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade && zypper clean --all\n'],
      valid: ['FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0.1 && zypper clean --all\n'],
    },
  },
  check(context) {
    const { file, options } = context;
    for (const node of file.find('RUN')) {
      for (const pc of packageCommands(file, node)) {
        const key = distUpgrade(pc);
        if (!key || options.managers[key] === false || !pc.subcommand) continue;
        const codes = key === 'zypper' ? ['DL3035'] : key === 'apt' && verb(pc) === 'dist-upgrade' ? ['DS-0024'] : [];
        context.report({
          message: `${pc.tool} ${verb(pc)} upgrades the whole distribution; rebuild from an updated base image instead`,
          range: pc.subcommand.range,
          codes,
        });
      }
    }
  },
});
