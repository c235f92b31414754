import type { ShellWord, SimpleCommand } from '../types.js';
import { baseCommand, classify, isExactSemver, makePackage, toolName, withoutSuffix, type PackageAction, type PackageCheck, type PackageCommand, type PackageWord, type RecognizeOptions } from './common.js';

/** `composer require` and `composer global require` (no peer code). */

export const COMPOSER_VALUE_OPTIONS: readonly string[] = [
  '-d',
  '--working-dir',
  '--prefer-install',
  '--ignore-platform-req',
  '--audit-format',
  '--minimal-changes',
];

const ACTIONS: Record<string, PackageAction> = {
  require: 'install',
  install: 'install',
  i: 'install',
  update: 'upgrade',
  u: 'upgrade',
  upgrade: 'upgrade',
  remove: 'remove',
  rm: 'remove',
  uninstall: 'remove',
  'clear-cache': 'clean',
  clearcache: 'clean',
  cc: 'clean',
};

const FLOATING = new Set(['', '*', 'dev-master', 'dev-main', '@dev']);

function constraintCheck(name: string, constraint: string): PackageCheck {
  const trimmed = constraint.trim();
  return { name, pinned: !FLOATING.has(trimmed), exact: isExactSemver(trimmed) || /^\d+\.\d+\.\d+(?:\.\d+)?$/.test(trimmed) };
}

/** `vendor/pkg:^1.2` (also `vendor/pkg=1.2` and `"vendor/pkg 1.2"`) is pinned; `vendor/pkg` is not. */
export function checkComposerPackage(text: string): PackageCheck {
  const match = /^([^\s:=]+)[\s:=]+(.*)$/s.exec(text);
  if (!match) return { name: text, pinned: false };
  return constraintCheck(match[1] as string, match[2] as string);
}

/** A package word names `vendor/package` (or a platform package such as `php`, `ext-json`). */
function isPackageName(text: string): boolean {
  return text.includes('/') || /^(?:php|ext-|lib-|composer)/.test(text);
}

function withoutPhar<T extends string | undefined>(tool: T): T {
  return withoutSuffix(tool, /\.phar$/);
}

/** Whether a command name (a basename) can be composer: `packageCommands` asks first. */
export function isComposerTool(tool: string): boolean {
  return withoutPhar(tool) === 'composer';
}

export function recognizeComposer(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = withoutPhar(toolName(command));
  if (tool !== 'composer') return undefined;
  const classified = classify(command.args, COMPOSER_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const verbIndex = subcommand?.value === 'global' ? 1 : 0;
  const verb = classified.operands[verbIndex];
  const action = (verb && ACTIONS[verb.value]) ?? 'other';
  const result = baseCommand('composer', tool, command, classified, subcommand, action);
  if (verb?.value !== 'require') return result;
  const words = classified.operands.slice(verbIndex + 1);
  const packages: PackageWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as ShellWord;
    const next = words[i + 1];
    let check = checkComposerPackage;
    // `composer require vendor/pkg ^1.2`: a following word that is not a package is the constraint.
    if (next && !next.hasVariables && !isPackageName(next.value) && !/[\s:=]/.test(word.value)) {
      const constraint = next.value;
      check = (text) => constraintCheck(text, constraint);
      i++;
    } else if (next?.hasVariables && !/[\s:=]/.test(word.value)) {
      // An unknown following word may be the constraint: do not report.
      check = (text) => ({ name: text, pinned: true, exact: false });
    }
    const entry = makePackage(command, word, check, (prefix) => prefix.replace(/[\s:=].*$/s, ''));
    if (entry) packages.push(entry);
  }
  result.packages = packages;
  return result;
}
