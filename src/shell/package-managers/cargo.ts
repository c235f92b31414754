import type { SimpleCommand } from '../types.js';
import { copyWord } from '../word.js';
import {
  baseCommand,
  classify,
  compact,
  hasAny,
  isExactSemver,
  makePackage,
  optionsNamed,
  toolName,
  type PackageAction,
  type PackageCheck,
  type PackageCommand,
  type RecognizeOptions,
} from './common.js';

/** `cargo install` (no peer code). */

export const CARGO_VALUE_OPTIONS: readonly string[] = [
  '--version',
  '--vers',
  '--git',
  '--branch',
  '--tag',
  '--rev',
  '--path',
  '--root',
  '--index',
  '--registry',
  '-j',
  '--jobs',
  '--target',
  '--target-dir',
  '--profile',
  '-F',
  '--features',
  '--bin',
  '--example',
  '--config',
  '-Z',
  '--color',
  '--manifest-path',
  '-p',
  '--package',
];

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  uninstall: 'remove',
  clean: 'clean',
  update: 'upgrade',
  fetch: 'update',
};

/** `ripgrep@14.1.0` is pinned; `ripgrep` is not. */
export function checkCrate(text: string): PackageCheck {
  const at = text.indexOf('@');
  if (at < 0) return { name: text, pinned: false };
  const version = text.slice(at + 1);
  return { name: text.slice(0, at), pinned: version !== '', exact: isExactSemver(version) || /^=\d/.test(version) };
}

/** Whether a command name (a basename) can be cargo: `packageCommands` asks first. */
export function isCargoTool(tool: string): boolean {
  return tool === 'cargo';
}

export function recognizeCargo(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool || !isCargoTool(tool)) return undefined;
  // `cargo +nightly install x`: the toolchain selector is not the subcommand.
  const args = command.args[0]?.value.startsWith('+') ? command.args.slice(1) : command.args;
  const classified = classify(args, CARGO_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const action = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  const result = baseCommand('cargo', tool, command, classified, subcommand, action);
  if (subcommand?.value !== 'install') return result;
  const version = optionsNamed(classified, ['--version', '--vers']).at(-1)?.value;
  const git = optionsNamed(classified, ['--git']).at(-1);
  const gitRef = hasAny(classified, ['--rev', '--tag']);
  const path = hasAny(classified, ['--path']);
  const check = (text: string): PackageCheck => {
    const own = checkCrate(text);
    if (own.pinned || path) return { ...own, pinned: true };
    if (version !== undefined) return { name: own.name, pinned: true, exact: isExactSemver(version) || /^=\d/.test(version) };
    if (git) return { name: own.name, pinned: gitRef, exact: hasAny(classified, ['--rev']) };
    return own;
  };
  const crates = classified.operands.slice(1);
  result.packages = compact(crates.map((word) => makePackage(command, word, check, (prefix) => checkCrate(prefix).name)));
  // `cargo install --git <url>` with no crate name: the repository is what gets installed.
  if (crates.length === 0 && git) {
    const word = git.valueWord ?? copyWord(git.word, { value: git.value ?? '' });
    const entry = makePackage(command, word, (text) => ({ name: text, pinned: gitRef || version !== undefined, exact: hasAny(classified, ['--rev']), vcs: true }));
    if (entry) result.packages.push(entry);
  }
  return result;
}
