import type { SimpleCommand } from '../types.js';
import { baseCommand, classify, compact, makePackage, toolName, type PackageAction, type PackageCheck, type PackageCommand, type RecognizeOptions } from './common.js';

/** apt-get, apt and aptitude (RULES.md `pinned-versions`, DL3008). */

const TOOLS = new Set(['apt-get', 'apt', 'aptitude']);

export const APT_VALUE_OPTIONS: readonly string[] = [
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
  // aptitude
  '-F',
  '--display-format',
  '-w',
  '--width',
  '--sort',
  '-S',
];

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  reinstall: 'install',
  'build-dep': 'install',
  update: 'update',
  upgrade: 'upgrade',
  'dist-upgrade': 'upgrade',
  'full-upgrade': 'upgrade',
  'safe-upgrade': 'upgrade',
  remove: 'remove',
  purge: 'remove',
  autoremove: 'remove',
  autopurge: 'remove',
  clean: 'clean',
  autoclean: 'clean',
};

/** `pkg=1.2.*`, `pkg/bookworm-backports`, `./local.deb` are pinned; `pkg`, `pkg:arch` are not. */
export function checkAptPackage(text: string): PackageCheck {
  const name = text.replace(/[=/].*$/s, '').replace(/:[^:]*$/, '');
  if (text.includes('=')) return { name, pinned: true, exact: !text.includes('*') };
  if (text.includes('/') || text.endsWith('.deb')) return { name, pinned: true };
  return { name, pinned: false };
}

/** Whether a command name (a basename) can be apt: `packageCommands` asks first. */
export function isAptTool(tool: string): boolean {
  return TOOLS.has(tool);
}

export function recognizeApt(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool || !isAptTool(tool)) return undefined;
  const classified = classify(command.args, APT_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const action = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  const result = baseCommand('apt', tool, command, classified, subcommand, action);
  if (subcommand?.value !== 'install') return result;
  const words = classified.operands.slice(1).filter((word) => word.hasVariables || !/[-+]$/.test(word.value));
  result.packages = compact(words.map((word) => makePackage(command, word, checkAptPackage, (prefix) => checkAptPackage(prefix).name)));
  return result;
}
