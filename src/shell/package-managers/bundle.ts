import type { SimpleCommand } from '../types.js';
import { baseCommand, classify, toolName, type PackageAction, type PackageCommand, type RecognizeOptions } from './common.js';

/** Bundler (`bundle install`, `bundle config set …`); reported under the `gem` family. */

export const BUNDLE_VALUE_OPTIONS: readonly string[] = [
  '--gemfile',
  '--path',
  '--binstubs',
  '--jobs',
  '-j',
  '--retry',
  '--shebang',
  '--standalone',
  '--trust-policy',
  '--with',
  '--without',
  '--target-rbconfig',
];

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  update: 'upgrade',
  clean: 'clean',
  remove: 'remove',
  add: 'install',
};

export function recognizeBundle(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (tool !== 'bundle' && tool !== 'bundler') return undefined;
  const classified = classify(command.args, BUNDLE_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  // Bare `bundle` runs `bundle install`.
  const action = subcommand ? (ACTIONS[subcommand.value] ?? 'other') : 'install';
  return baseCommand('gem', tool, command, classified, subcommand, action);
}
