import { defineRule } from '../src/engine/types.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { isBulkUpgrade, verb } from '../src/shell/package-managers/queries.js';

export default defineRule({
  meta: {
    id: 'no-package-upgrade',
    codes: [],
    severity: 'info',
    category: 'reproducibility',
    presets: ['all'],
    description: 'The build upgrades every installed package',
    rationale:
      'A bulk upgrade (`apt-get upgrade`, `apk upgrade`, `dnf upgrade`, `zypper update`) makes the image depend on ' +
      'the day it was built: two builds of the same file ship different packages. It does bring in security ' +
      'fixes, which is why this rule is contested and not in the recommended preset. A newer base image gets the ' +
      'same fixes reproducibly.',
    fixable: undefined,
    alsoKnownAs: [
      'semgrep:avoid-apt-get-upgrade',
      'semgrep:avoid-apk-upgrade',
      'semgrep:avoid-yum-update',
      'semgrep:avoid-dnf-update',
      'semgrep:avoid-zypper-update',
      'dockerfilelint:apt-get-upgrade',
      'dockerfile_lint:yum_update_all',
    ],
    examples: {
      invalid: ['FROM alpine:3.20\nRUN apk upgrade --no-cache\n'],
      valid: ['FROM alpine:3.20\nRUN apk upgrade --no-cache openssl=3.3.2-r0\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const pc of packageCommands(file, node)) {
        if (!pc.subcommand || !isBulkUpgrade(pc)) continue;
        context.report({
          message: `${pc.tool} ${verb(pc)} upgrades every package, so the image depends on build time; prefer a newer base image`,
          range: pc.subcommand.range,
          codes: [],
        });
      }
    }
  },
});
