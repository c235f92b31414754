import { defineRule, type Fix } from '../src/engine/types.js';
import type { BuildFile } from '../src/model/build-file.js';
import type { InstructionNode } from '../src/model/types.js';
import { configWrittenEarlier } from '../src/shell/package-managers/cache.js';
import { insertAfterWord } from '../src/shell/package-managers/fixes.js';
import { packageCommands, type PackageCommand } from '../src/shell/package-managers/index.js';
import { addAptRepository, promptCheck, verb } from '../src/shell/package-managers/queries.js';
import { analyzeRun } from '../src/shell/run-script.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';

type ManagerOption = 'apt' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'conda' | 'add-apt-repository';

interface Options {
  managers: Partial<Record<ManagerOption, boolean>>;
}

const KEYS: readonly ManagerOption[] = ['apt', 'yum', 'dnf', 'microdnf', 'zypper', 'pip', 'conda', 'add-apt-repository'];

const CODES: Record<ManagerOption, string[]> = {
  apt: ['DL3014', 'DS-0021'],
  yum: ['DL3030'],
  zypper: ['DL3034'],
  dnf: ['DL3038'],
  microdnf: ['DL3038'],
  pip: [],
  conda: [],
  'add-apt-repository': [],
};

/** `APT::Get::Assume-Yes "true";` or `assumeyes=1` written to the manager's config earlier in the chain. */
function configuredYes(file: BuildFile, node: InstructionNode, key: ManagerOption): boolean {
  if (key === 'apt') return configWrittenEarlier(file, node, /APT::Get::Assume-Yes\s+"?(?:true|1|yes)"?/i, /apt\.conf/);
  if (key === 'yum' || key === 'dnf' || key === 'microdnf') return configWrittenEarlier(file, node, /assumeyes\s*=\s*(?:1|true)/i, /(?:yum|dnf)\.conf/);
  return false;
}

export default defineRule<Options>({
  meta: {
    id: 'non-interactive-install',
    codes: ['DL3014', 'DS-0021', 'DL3030', 'DL3034', 'DL3038'],
    severity: 'warning',
    category: 'correctness',
    presets: ['recommended'],
    description: 'A package manager command that can ask for confirmation runs without its non-interactive switch',
    rationale:
      'A build has no terminal. When apt-get, yum, dnf or zypper stops to ask "Do you want to continue?", the ' +
      'question reads end-of-file and the step aborts. The non-interactive switch (`-y`, or zypper\'s `-n`) makes ' +
      'the command proceed. `DEBIAN_FRONTEND=noninteractive` only silences debconf questions, not apt\'s own prompt.',
    fixable: 'safe',
    fixDescription:
      'Inserts `-y` after the subcommand (zypper: `-n` after `zypper`; exec form: a new element). A build cannot answer ' +
      'the prompt, so the switch only turns an abort into progress.',
    alsoKnownAs: [
      'kics:77783205',
      'kics:6e19193a',
      'kics:7ebd323c',
      'kics:45e1fca5',
      'semgrep:missing-assume-yes-switch',
      'semgrep:missing-yum-assume-yes-switch',
      'semgrep:missing-dnf-assume-yes-switch',
      'semgrep:missing-zypper-no-confirm-switch',
      'dockerfilelint:apt-get_missing_param',
    ],
    options: {
      schema: {
        type: 'object',
        properties: {
          managers: { type: 'object', properties: Object.fromEntries(KEYS.map((key) => [key, { type: 'boolean' }])), additionalProperties: false },
        },
        additionalProperties: false,
      },
      defaults: { managers: Object.fromEntries(KEYS.map((key) => [key, true])) },
      docs: {
        managers:
          'Which commands are checked: `apt` (apt-get, apt), `yum`, `dnf` (dnf, tdnf), `microdnf`, `zypper`, `pip` ' +
          '(`pip uninstall`), `conda` (conda, mamba) and `add-apt-repository`. All on by default; microdnf does not ' +
          'prompt today but accepts `-y`, which hadolint requires.',
      },
    },
    examples: {
      invalid: [
        'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n',
        'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
      ],
      valid: [
        'FROM debian:12\nRUN apt-get update && apt-get install -qy --no-install-recommends curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*\n',
        'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.0.1 && zypper clean --all\n',
      ],
    },
  },
  check(context) {
    const { file, options } = context;
    const enabled = (key: ManagerOption): boolean => options.managers[key] !== false;
    for (const node of file.find('RUN')) {
      for (const pc of packageCommands(file, node)) {
        const found = promptCheck(pc);
        if (!found || found.answered || !enabled(found.key)) continue;
        if (configuredYes(file, node, found.key)) continue;
        if (pc.manager === 'conda' && hasCondaAlwaysYes(file, node)) continue;
        const word = pc.subcommand ?? pc.command.name;
        if (!word) continue;
        const sub = verb(pc);
        context.report({
          message: `${pc.tool} ${sub} may prompt and abort the build; add ${found.switch}`,
          range: word.range,
          codes: CODES[found.key],
          fix: fixFor(file, node, pc, found.switch),
        });
      }
      if (!enabled('add-apt-repository')) continue;
      for (const command of analyzeRun(file, node).commands) {
        const found = addAptRepository(command);
        if (!found || found.answered || !command.name) continue;
        context.report({
          message: 'add-apt-repository may prompt and abort the build; add -y',
          range: command.name.range,
          codes: [],
          fix: insertFix(file, node, command, command.name, '-y'),
        });
      }
    }
  },
});

function hasCondaAlwaysYes(file: BuildFile, node: InstructionNode): boolean {
  const found = file.scope(node).lookup('CONDA_ALWAYS_YES');
  return found?.known === true && /^(?:1|true|yes)$/i.test(found.value);
}

function fixFor(file: BuildFile, node: InstructionNode, pc: PackageCommand, option: string): Fix | undefined {
  if (pc.manager === 'zypper') return pc.command.name ? insertFix(file, node, pc.command, pc.command.name, option) : undefined;
  return pc.subcommand ? insertFix(file, node, pc.command, pc.subcommand, option) : undefined;
}

function insertFix(file: BuildFile, node: InstructionNode, command: SimpleCommand, word: ShellWord, option: string): Fix | undefined {
  const edit = insertAfterWord(file, node, command, word, option);
  return edit ? { edits: [edit], safe: true, description: `Add ${option}` } : undefined;
}
