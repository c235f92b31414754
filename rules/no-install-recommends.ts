import { defineRule } from '../src/engine/types.js';
import { configWrittenEarlier } from '../src/shell/package-managers/cache.js';
import { insertAfterWord } from '../src/shell/package-managers/fixes.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { recommendsCheck } from '../src/shell/package-managers/queries.js';

type Key = 'apt' | 'dnf' | 'zypper';

interface Options {
  managers: Partial<Record<Key, boolean>>;
}

const CONFIG: Record<Key, { pattern: RegExp; file: RegExp }> = {
  apt: { pattern: /APT::Install-Recommends\s+"?(?:false|0)"?/i, file: /apt\.conf/ },
  dnf: { pattern: /install_weak_deps\s*=\s*(?:false|0)/i, file: /(?:yum|dnf)\.conf/ },
  zypper: { pattern: /solver\.onlyRequires\s*=\s*true/i, file: /zypp\.conf/ },
};

export default defineRule<Options>({
  meta: {
    id: 'no-install-recommends',
    codes: ['DL3015', 'DS-0029'],
    severity: 'info',
    category: 'size',
    presets: ['recommended'],
    description: 'A package install also pulls in recommended (weak) dependencies',
    rationale:
      'apt installs "Recommends" by default, dnf installs weak dependencies and zypper installs recommended ' +
      'packages. In an image these are usually dead weight: documentation tools, optional plugins, sometimes ' +
      'whole toolchains, which grow the image and its attack surface. Asking for exactly the packages you need ' +
      'keeps the image small.',
    fixable: 'unsafe',
    fixDescription:
      'Inserts the switch (`--no-install-recommends`, `--setopt=install_weak_deps=False`, `--no-recommends`) after the ' +
      'subcommand. Unsafe: the image may rely on a package that was only pulled in as a recommendation.',
    alsoKnownAs: ['kics:7384dfb2', 'semgrep:missing-no-install-recommends', 'dockerfilelint:apt-get_recommends', 'cis:4.3'],
    options: {
      schema: {
        type: 'object',
        properties: {
          managers: {
            type: 'object',
            properties: { apt: { type: 'boolean' }, dnf: { type: 'boolean' }, zypper: { type: 'boolean' } },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
      defaults: { managers: { apt: true, dnf: false, zypper: false } },
      docs: {
        managers:
          'Which managers are checked: `apt` (apt-get, apt; on by default), `dnf` (dnf, yum, microdnf, tdnf; off) and ' +
          '`zypper` (off).',
      },
    },
    examples: {
      invalid: ['FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n'],
      valid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n',
        'FROM debian:12\nRUN apt-get update && apt-get install -y -o APT::Install-Recommends=0 curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const defaults: Record<Key, boolean> = { apt: true, dnf: false, zypper: false };
    for (const node of file.find('RUN')) {
      for (const pc of packageCommands(file, node)) {
        const found = recommendsCheck(pc);
        if (!found || found.answered || !(options.managers[found.key] ?? defaults[found.key])) continue;
        const config = CONFIG[found.key];
        if (configWrittenEarlier(file, node, config.pattern, config.file)) continue;
        const word = pc.subcommand;
        if (!word) continue;
        const edit = insertAfterWord(file, node, pc.command, word, found.switch);
        context.report({
          message: `${pc.tool} install also installs recommended packages; add ${found.switch}`,
          range: word.range,
          codes: found.key === 'apt' ? ['DL3015', 'DS-0029'] : [],
          fix: edit ? { edits: [edit], safe: false, description: `Add ${found.switch}` } : undefined,
        });
      }
    }
  },
});
