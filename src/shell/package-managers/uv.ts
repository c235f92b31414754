import type { SimpleCommand } from '../types.js';
import { baseCommand, classify, toolName, type PackageAction, type PackageCommand, type RecognizeOptions } from './common.js';

/** uv's project commands (`uv sync`, `uv lock`, `uv add`); `uv pip …` is read by pip.ts. Reported under `pip`. */

export const UV_PROJECT_VALUE_OPTIONS: readonly string[] = [
  '--cache-dir',
  '--directory',
  '--project',
  '--config-file',
  '--color',
  '--python-preference',
  '--allow-insecure-host',
  '-p',
  '--python',
  '--extra',
  '--group',
  '--only-group',
  '--no-group',
  '--package',
  '--index',
  '--default-index',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--index-strategy',
  '--keyring-provider',
  '--resolution',
  '--prerelease',
  '--exclude-newer',
  '--link-mode',
  '-P',
  '--upgrade-package',
  '--reinstall-package',
  '--refresh-package',
  '--no-install-package',
  '--python-platform',
];

const ACTIONS: Record<string, PackageAction> = { sync: 'install', add: 'install', remove: 'remove', lock: 'other' };

export function recognizeUv(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (tool !== 'uv') return undefined;
  const classified = classify(command.args, UV_PROJECT_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  if (!subcommand || subcommand.value === 'pip') return undefined;
  return baseCommand('pip', tool, command, classified, subcommand, ACTIONS[subcommand.value] ?? 'other');
}
