import type { SimpleCommand } from '../types.js';
import {
  baseCommand,
  classify,
  compact,
  makePackage,
  optionsNamed,
  toolName,
  type PackageAction,
  type PackageCheck,
  type PackageCommand,
  type RecognizeOptions,
} from './common.js';

/** SUSE's zypper (DL3037). */

export const ZYPPER_VALUE_OPTIONS: readonly string[] = [
  // global options
  '-R',
  '--root',
  '-c',
  '--config',
  '-D',
  '--reposd-dir',
  '-C',
  '--cache-dir',
  '--raw-cache-dir',
  '--solv-cache-dir',
  '--pkg-cache-dir',
  '--installroot',
  '--userdata',
  '-p',
  '--plus-repo',
  // install options
  '-t',
  '--type',
  '-r',
  '--repo',
  '--from',
  '--download',
];

const TYPE_OPTIONS = ['-t', '--type'];
const NON_PACKAGE_TYPES = new Set(['pattern', 'product', 'patch']);

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  in: 'install',
  refresh: 'update',
  ref: 'update',
  update: 'upgrade',
  up: 'upgrade',
  'dist-upgrade': 'upgrade',
  dup: 'upgrade',
  patch: 'upgrade',
  remove: 'remove',
  rm: 'remove',
  clean: 'clean',
  cc: 'clean',
};

/** `curl=7.79.1`, `curl>=7` (also written `curl\>=7`), `./x.rpm` are pinned. */
export function checkZypperPackage(text: string): PackageCheck {
  const cut = text.search(/[=<>]/);
  const name = cut === -1 ? text : text.slice(0, cut).trimEnd();
  if (/[=<>]/.test(text)) return { name, pinned: true, exact: /^[^=<>]+=[^=<>]+$/.test(text) };
  if (/\.rpm$/i.test(text)) return { name, pinned: true };
  return { name, pinned: false };
}

/** Whether a command name (a basename) can be zypper: `packageCommands` asks first. */
export function isZypperTool(tool: string): boolean {
  return tool === 'zypper';
}

export function recognizeZypper(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool || !isZypperTool(tool)) return undefined;
  const classified = classify(command.args, ZYPPER_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const action = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  const result = baseCommand('zypper', tool, command, classified, subcommand, action);
  if (subcommand?.value !== 'install' && subcommand?.value !== 'in') return result;
  const types = optionsNamed(classified, TYPE_OPTIONS);
  const type = types.at(-1)?.value;
  if (type !== undefined && NON_PACKAGE_TYPES.has(type)) return result;
  const words = classified.operands.slice(1).filter((word) => !/^(?:pattern|product|patch|srcpackage):/.test(word.value));
  result.packages = compact(words.map((word) => makePackage(command, word, checkZypperPackage, (prefix) => checkZypperPackage(prefix).name)));
  return result;
}
