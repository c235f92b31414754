import { defineRule } from '../src/engine/types.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { apkVirtualName, removedPackageNames, verb } from '../src/shell/package-managers/queries.js';

export default defineRule({
  meta: {
    id: 'apk-virtual-build-deps',
    codes: [],
    severity: 'info',
    category: 'size',
    presets: ['all'],
    description: 'A RUN adds several apk packages and deletes them again without a virtual package',
    rationale:
      'Build-only packages are easiest to remove as a group: `apk add --virtual .build-deps gcc make …` and then ' +
      '`apk del .build-deps` removes exactly what was added for the build, including anything the list changes ' +
      'to later, and nothing that another package still needs.',
    fixable: undefined,
    alsoKnownAs: ['dockerfilelint:apkadd-missing-virtual'],
    examples: {
      invalid: ['FROM alpine:3.20\nRUN apk add --no-cache gcc=13.2.1_git20240309-r0 make=4.4.1-r2 && make && apk del gcc make\n'],
      valid: ['FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 make=4.4.1-r2 && make && apk del .build-deps\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      const pcs = packageCommands(file, node);
      pcs.forEach((pc, index) => {
        if (pc.manager !== 'apk' || verb(pc) !== 'add' || !pc.subcommand || apkVirtualName(pc) !== undefined) return;
        const added = new Set(pc.packages.filter((pkg) => pkg.known).map((pkg) => pkg.name));
        if (added.size < 2) return;
        const deleted = pcs.slice(index + 1).some((later) => later.manager === 'apk' && removedPackageNames(later).filter((name) => added.has(name)).length >= 2);
        if (!deleted) return;
        context.report({
          message: "Group build-only packages with 'apk add --virtual .build-deps …' and delete the group",
          range: pc.subcommand.range,
          codes: [],
        });
      });
    }
  },
});
