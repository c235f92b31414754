import { defineRule, type Fix } from '../src/engine/types.js';
import { replaceWord } from '../src/shell/package-managers/fixes.js';
import { packageCommands } from '../src/shell/package-managers/index.js';
import { verb } from '../src/shell/package-managers/queries.js';
import { analyzeRun } from '../src/shell/run-script.js';

const CODES = ['DL3027', 'CKV_DOCKER_9'];
const SAFE = new Set(['install', 'remove', 'purge', 'update', 'autoremove', 'clean', 'build-dep']);

export default defineRule({
  meta: {
    id: 'prefer-apt-get',
    codes: CODES,
    severity: 'warning',
    category: 'maintainability',
    presets: ['recommended'],
    description: '`apt` is used in a script instead of `apt-get`',
    rationale:
      '`apt` is the command-line front end for people: its output, prompts and behaviour may change between ' +
      'releases, and it warns that its interface is not stable for scripts. `apt-get` and `apt-cache` are the ' +
      'stable interfaces meant for scripts such as build steps.',
    fixable: 'safe/unsafe',
    fixDescription:
      'Replaces `apt` with `apt-get`: safe for `install`, `remove`, `purge`, `update`, `autoremove`, `clean` and ' +
      '`build-dep`, unsafe for `upgrade` (`apt upgrade` may install new packages, `apt-get upgrade` does not). ' +
      'No fix for other subcommands (`list`, `search`, `show`, `full-upgrade`).',
    alsoKnownAs: ['kics:b84a0b47', 'semgrep:prefer-apt-get'],
    examples: {
      invalid: ['FROM debian:12\nRUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n'],
      valid: ['FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n'],
    },
  },
  check(context) {
    const { file } = context;
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        const name = command.name;
        if (!name || name.hasVariables || command.program !== 'apt') continue;
        const pc = packageCommands(file, node).findLast((each) => each.command === command);
        const sub = pc ? verb(pc) : '';
        let fix: Fix | undefined;
        if (SAFE.has(sub) || sub === 'upgrade') {
          const edit = replaceWord(file, name, 'apt', 'apt-get');
          if (edit) fix = { edits: [edit], safe: sub !== 'upgrade', description: 'Use apt-get' };
        }
        context.report({ message: "Use apt-get (or apt-cache) in scripts; apt's interface is not stable", range: name.range, codes: CODES, fix });
      }
    }
  },
});
