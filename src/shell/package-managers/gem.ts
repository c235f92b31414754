import type { SimpleCommand } from '../types.js';
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

/** RubyGems' gem (DL3028). Every option not listed here takes no value. */

export const GEM_VALUE_OPTIONS: readonly string[] = [
  '-v',
  '--version',
  '-i',
  '--install-dir',
  '-n',
  '--bindir',
  '--source',
  '-s',
  '--platform',
  '-P',
  '--trust-policy',
  '-g',
  '--file',
  '--build-root',
  '--target-rbconfig',
  '--config-file',
  '-p',
  '--http-proxy',
];

const VERSION_OPTIONS = ['-v', '--version'];

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  i: 'install',
  update: 'upgrade',
  uninstall: 'remove',
  cleanup: 'clean',
};

/** `rails:7.1.3` is pinned; `rails` is not. A requirement (`rails:'~> 7.1'`) is not exact. */
export function checkGem(text: string): PackageCheck {
  const colon = text.indexOf(':');
  if (colon < 0) return { name: text, pinned: false };
  const version = text.slice(colon + 1).trim();
  return { name: text.slice(0, colon), pinned: version !== '', exact: /^=?\s*\d[\w.-]*$/.test(version) };
}

/** Whether a command name (a basename) can be gem: `packageCommands` asks first. */
export function isGemTool(tool: string): boolean {
  return tool === 'gem';
}

export function recognizeGem(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool || !isGemTool(tool)) return undefined;
  // Words after `--` are build options for the gem's extension, not gems.
  const dashes = command.args.findIndex((word) => word.value === '--' && !word.quoted);
  const args = dashes < 0 ? command.args : command.args.slice(0, dashes);
  const classified = classify(args, GEM_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const action = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  const result = baseCommand('gem', tool, command, classified, subcommand, action);
  if (!subcommand || (subcommand.value !== 'install' && subcommand.value !== 'i')) return result;
  const versions = optionsNamed(classified, VERSION_OPTIONS);
  const versioned = hasAny(classified, VERSION_OPTIONS);
  const exactVersion = versions.every((option) => /^=?\s*\d[\w.-]*$/.test((option.value ?? '').trim()) || isExactSemver(option.value ?? ''));
  const check = (text: string): PackageCheck => {
    const own = checkGem(text);
    return versioned && !own.pinned ? { name: own.name, pinned: true, exact: exactVersion } : own;
  };
  const words = classified.operands.slice(1);
  result.packages = compact(words.map((word) => makePackage(command, word, check, (prefix) => checkGem(prefix).name)));
  return result;
}
