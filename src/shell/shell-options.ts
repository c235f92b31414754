import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode, Position } from '../model/types.js';
import { perFile } from '../model/per-file.js';
import { analyzeRun, isPosixShell, type RunScript } from './run-script.js';
import type { SimpleCommand } from './types.js';

/**
 * Which shell options (`errexit`, `pipefail`, ...) are in effect at a command of a RUN
 * script: from SHELL, an exec-form shell, a heredoc shebang, a `bash -eo pipefail -c` wrapper
 * or the command line that feeds a heredoc to a shell, and `set` commands run earlier in the
 * script (RULES.md §7 `require-pipefail`, `no-ignored-failures`).
 */

export type ShellOptionName = 'errexit' | 'pipefail' | 'nounset' | 'xtrace' | (string & {});

const SHORT_OPTIONS: Readonly<Record<string, string>> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', v: 'verbose' };

export interface OptionChanges {
  on: Set<string>;
  off: Set<string>;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * The options a shell invocation's arguments or a `set` command's arguments turn on and off:
 * `-e`, `-euo pipefail`, `-o errexit -o pipefail`, `+e`, `+o pipefail`. Stops at the first
 * operand, `--` or `-`.
 */
export function optionsFromArgs(args: readonly string[]): OptionChanges {
  const on = new Set<string>();
  const off = new Set<string>();
  const set = (name: string | undefined, enable: boolean): void => {
    if (name === undefined) return;
    (enable ? on : off).add(name);
    (enable ? off : on).delete(name);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--' || arg === '-' || arg === '+') break;
    if (arg.startsWith('--')) continue; // bash long options: --login, --noprofile, ...
    if (!/^[-+][A-Za-z]+$/.test(arg)) break;
    const enable = arg.startsWith('-');
    for (const letter of arg.slice(1)) {
      if (letter === 'o') set(args[++i], enable);
      else if (letter !== 'c' && letter !== 's' && letter !== 'i' && letter !== 'l') set(SHORT_OPTIONS[letter], enable);
    }
  }
  return { on, off };
}

/** The options of a shell invocation argv (`["/bin/bash", "-o", "pipefail", "-c"]`); empty unless argv[0] is a POSIX shell. */
export function shellInvocationOptions(argv: readonly string[]): Set<string> {
  const program = argv[0];
  if (program === undefined) return new Set();
  const name = basename(program) === 'env' ? argv[1] : program;
  if (name === undefined || !isPosixShell(name)) return new Set();
  return optionsFromArgs(argv.slice(basename(program) === 'env' ? 2 : 1)).on;
}

/** The interpreter argv of a `#!` line, e.g. `#!/bin/bash -eo pipefail` → `["/bin/bash", "-eo", "pipefail"]`. */
export function shebangArgv(text: string): string[] | undefined {
  const match = /^#!\s*([^\n]*)/.exec(text);
  if (!match) return undefined;
  const words = (match[1] as string).trim().split(/\s+/).filter((w) => w !== '');
  return words.length > 0 ? words : undefined;
}

/** The options a script starts with, before any `set` inside it runs. */
export function initialScriptOptions(file: BuildFile, node: InstructionNode, script: RunScript): Set<string> {
  if (script.kind === 'exec') {
    return shellInvocationOptions(node.json?.strings.map((s) => s.value) ?? []);
  }
  if (script.kind === 'shell') return shellInvocationOptions(file.shellAt(node));
  const shebang = script.source ? shebangArgv(script.source.text) : undefined;
  if (shebang) return shellInvocationOptions(shebang);
  const options = shellInvocationOptions(file.shellAt(node));
  // `RUN bash -eo pipefail <<EOF`: the command line's shell options apply to the body.
  const commandLine = analyzeRun(file, node).scripts.find((s) => s.kind === 'shell');
  for (const command of commandLine?.script.commands ?? []) {
    if (command.name && isPosixShell(command.name.value)) {
      for (const option of shellInvocationOptions([command.name.value, ...command.args.map((a) => a.value)])) options.add(option);
    }
  }
  return options;
}

/** Whether a `sh -c` wrapper the command was unwrapped from turns the option on (`bash -o pipefail -c '…'`). */
function setByWrapper(command: SimpleCommand, option: ShellOptionName): boolean {
  const words = command.wrapperWords;
  if (words === undefined) return false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word || !isPosixShell(word.value)) continue;
    if (optionsFromArgs(words.slice(i + 1).map((w) => w.value)).on.has(option)) return true;
  }
  return false;
}

/**
 * The shells a command runs in: only `sh -c`-style wrappers start a new shell, so `sudo`, `env`
 * and `xargs` wrappers share the options of the script around them.
 */
const wrapperKey = (command: SimpleCommand): string => command.wrappers.filter((w) => w.endsWith(' -c')).join('\u0000');

/** Whether `set` at this command applies to later commands of the same script level. */
function isTopLevelSet(command: SimpleCommand): boolean {
  return command.name?.value === 'set' && command.placement === 'list' && (command.scope ?? 'list') === 'list';
}

/** A top-level `set` command of a script, read once: `optionInEffect` is asked about every command. */
interface SetCommand {
  command: SimpleCommand;
  /**
   * The furthest end of this `set` and of every command listed before it: the loop over a
   * script's commands stops at the first one that ends after the asked command starts.
   */
  reach: Position;
  wrapperKey: string;
  changes: OptionChanges;
}

/** What `optionInEffect` needs of a script, computed once. */
interface ScriptOptions {
  initial: ReadonlySet<string>;
  /** The top-level `set` commands, in order. */
  sets: SetCommand[];
}

const scriptOptionsCache = perFile(() => new Map<RunScript, ScriptOptions>());

const endsAfter = (end: Position, start: Position): boolean => end.line > start.line || (end.line === start.line && end.character > start.character);

function scriptOptions(file: BuildFile, node: InstructionNode, script: RunScript): ScriptOptions {
  const cache = scriptOptionsCache(file);
  let found = cache.get(script);
  if (found === undefined) {
    const commands = script.script.commands;
    let lastSet = commands.length - 1;
    while (lastSet >= 0 && !isTopLevelSet(commands[lastSet] as SimpleCommand)) lastSet--;
    const sets: SetCommand[] = [];
    let reach: Position | undefined;
    for (let i = 0; i <= lastSet; i++) {
      const command = commands[i] as SimpleCommand;
      const end = command.range.end;
      if (reach === undefined || endsAfter(end, reach)) reach = end;
      if (isTopLevelSet(command)) sets.push({ command, reach, wrapperKey: wrapperKey(command), changes: optionsFromArgs(command.args.map((a) => a.value)) });
    }
    found = { initial: initialScriptOptions(file, node, script), sets };
    cache.set(script, found);
  }
  return found;
}

/**
 * Whether a shell option is on when `command` runs: set by the shell invocation, a wrapper,
 * a shebang, or a top-level `set` earlier in the same script (a later `set +o` turns it off).
 */
export function optionInEffect(file: BuildFile, node: InstructionNode, script: RunScript, command: SimpleCommand, option: ShellOptionName): boolean {
  const { initial, sets } = scriptOptions(file, node, script);
  let enabled = initial.has(option) || setByWrapper(command, option);
  if (sets.length === 0) return enabled;
  // Built at the first earlier `set`: most commands have none before them.
  let key: string | undefined;
  const start = command.range.start;
  for (const set of sets) {
    // A `set` listed after the command is reached past it too (the command ends after it starts).
    if (set.command === command || endsAfter(set.reach, start)) break;
    key ??= wrapperKey(command);
    if (set.wrapperKey !== key) continue;
    if (set.changes.on.has(option)) enabled = true;
    if (set.changes.off.has(option)) enabled = false;
  }
  return enabled;
}

/** The script of a RUN that contains a command. */
export function scriptOf(file: BuildFile, node: InstructionNode, command: SimpleCommand): RunScript | undefined {
  return analyzeRun(file, node).scripts.find((s) => s.script.commands.includes(command));
}
