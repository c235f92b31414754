import { defineRule } from '../src/engine/types.js';
import { classifyArgs } from '../src/shell/options.js';
import { analyzeRun } from '../src/shell/run-script.js';

type Options = {
  commands: string[];
};

const DEFAULT_COMMANDS = [
  'free', 'kill', 'killall', 'pkill', 'mount', 'umount', 'ps', 'top', 'htop',
  'service', 'shutdown', 'reboot', 'halt', 'poweroff',
  'ssh', 'vim', 'vi', 'nano', 'emacs', 'ifconfig',
  'systemctl start', 'systemctl stop', 'systemctl restart', 'systemctl reload', 'systemctl status',
];

interface CommandLists {
  plain: Set<string>;
  /** Command name to the subcommands reported. */
  withSubcommand: Map<string, Set<string>>;
}

/** Options of systemctl-like tools that take a value (a module constant: classifyArgs keeps a long list's Set by identity). */
const SUBCOMMAND_TOOL_VALUE_OPTIONS = ['-H', '--host', '-M', '--machine', '-p', '--property', '-t', '--type', '-o', '--output'];

/** Parsed once per option list: the same list is passed for every file linted with a config. */
const parsedLists = new WeakMap<readonly string[], CommandLists>();

function commandLists(commands: readonly string[]): CommandLists {
  const known = parsedLists.get(commands);
  if (known) return known;
  const plain = new Set<string>();
  const withSubcommand = new Map<string, Set<string>>();
  for (const entry of commands) {
    const [name, subcommand] = entry.trim().split(/\s+/);
    if (!name) continue;
    if (subcommand === undefined) plain.add(name);
    else withSubcommand.set(name, (withSubcommand.get(name) ?? new Set()).add(subcommand));
  }
  const lists = { plain, withSubcommand };
  parsedLists.set(commands, lists);
  return lists;
}

export default defineRule<Options>({
  meta: {
    id: 'no-nonsensical-commands',
    codes: ['DL3001'],
    severity: 'info',
    category: 'maintainability',
    presets: ['recommended'],
    description: 'A RUN uses an interactive or service-control command that does nothing useful during a build',
    rationale:
      'A build runs each RUN once, without a terminal, an init system or running services. Editors, process ' +
      'viewers, `service`/`systemctl start` and `shutdown` either fail, hang, or change nothing in the image, and ' +
      'usually mean the author expected a VM-like environment.',
    fixable: undefined,
    alsoKnownAs: ['kics:9b6b0f38', 'semgrep:nonsensical-command', 'cis:4.3'],
    options: {
      schema: {
        type: 'object',
        properties: { commands: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
      defaults: { commands: DEFAULT_COMMANDS },
      docs: {
        commands: 'Command names to report; an entry `name subcommand` (e.g. `systemctl start`) reports only that subcommand.',
      },
    },
    examples: {
      invalid: ['FROM debian:12\nRUN service nginx start\n', 'FROM debian:12\nRUN systemctl start nginx\n'],
      valid: ['FROM debian:12\nRUN systemctl enable nginx\n', 'FROM debian:12\nRUN apt-get install -y --no-install-recommends vim=2:9.0.1378-2\n'],
    },
  },
  check(context) {
    const { file } = context;
    const { plain, withSubcommand } = commandLists(context.options.commands);
    for (const node of file.find('RUN')) {
      for (const command of analyzeRun(file, node).commands) {
        const name = command.name;
        if (!name) continue;
        if (plain.has(name.value)) {
          context.report({ message: `'${name.value}' has no useful effect while building an image`, range: name.range, codes: ['DL3001'] });
          continue;
        }
        const subcommands = withSubcommand.get(name.value);
        if (!subcommands) continue;
        const subcommand = classifyArgs(command.args, { withValue: SUBCOMMAND_TOOL_VALUE_OPTIONS }).operands[0];
        if (!subcommand || !subcommands.has(subcommand.value)) continue;
        context.report({
          message: `'${name.value} ${subcommand.value}' has no useful effect while building an image`,
          range: { start: name.range.start, end: subcommand.range.end },
          codes: ['DL3001'],
        });
      }
    }
  },
});
