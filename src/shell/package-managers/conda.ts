import type { SimpleCommand } from '../types.js';
import { baseCommand, classify, compact, makePackage, toolName, withoutSuffix, type PackageAction, type PackageCheck, type PackageCommand, type RecognizeOptions } from './common.js';

/** conda, mamba and micromamba `install` / `create` (no peer code). */

export const CONDA_VALUE_OPTIONS: readonly string[] = [
  '-n',
  '--name',
  '-p',
  '--prefix',
  '-c',
  '--channel',
  '--file',
  '-f',
  '--repodata-fn',
  '--experimental',
  '--solver',
  '-r',
  '--root-prefix',
  '--platform',
  '--subdir',
  '--clone',
  '--channel-priority',
  '--chdir',
  '--rc-file',
  '--env-file',
];

const TOOLS = new Set(['conda', 'mamba', 'micromamba']);

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  create: 'install',
  update: 'upgrade',
  upgrade: 'upgrade',
  remove: 'remove',
  uninstall: 'remove',
  clean: 'clean',
};

/** `numpy=1.26`, `numpy==1.26.4`, `conda-forge::numpy=1.26` are pinned; `numpy` is not. */
export function checkCondaPackage(text: string): PackageCheck {
  const bare = text.replace(/^.*::/, '');
  const name = bare.replace(/[\s=<>!~[].*$/s, '');
  if (!bare.includes('=')) return { name, pinned: false };
  const exact = /==/.test(bare) || /^[^=]+=[^=*]+=[^=]+$/.test(bare) || /^[^=<>!~]+=\d+\.\d+\.\d[^*]*$/.test(bare);
  return { name, pinned: true, exact };
}

function withoutExe<T extends string | undefined>(tool: T): T {
  return withoutSuffix(tool, /\.exe$/i);
}

/** Whether a command name (a basename) can be conda: `packageCommands` asks first. */
export function isCondaTool(tool: string): boolean {
  return TOOLS.has(withoutExe(tool));
}

export function recognizeConda(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = withoutExe(toolName(command));
  if (!tool || !TOOLS.has(tool)) return undefined;
  const classified = classify(command.args, CONDA_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const action = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  const result = baseCommand('conda', tool, command, classified, subcommand, action);
  if (subcommand?.value !== 'install' && subcommand?.value !== 'create') return result;
  const words = classified.operands.slice(1);
  result.packages = compact(words.map((word) => makePackage(command, word, checkCondaPackage, (prefix) => checkCondaPackage(prefix).name)));
  return result;
}
