import type { SimpleCommand } from '../types.js';
import { baseCommand, classify, compact, makePackage, toolName, type PackageAction, type PackageCheck, type PackageCommand, type RecognizeOptions } from './common.js';

/** Alpine's apk (DL3018). */

export const APK_VALUE_OPTIONS: readonly string[] = [
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '--repositories-file',
  '-p',
  '--root',
  '--arch',
  '--cache-dir',
  '--keys-dir',
  '--cache-max-age',
  '--timeout',
  '--progress-fd',
];

const ACTIONS: Record<string, PackageAction> = {
  add: 'install',
  fix: 'install',
  update: 'update',
  upgrade: 'upgrade',
  del: 'remove',
};

/** `git=2.40.1-r0`, `git~2.40`, `py3-foo<2`, `./x.apk` are pinned. */
export function checkApkPackage(text: string): PackageCheck {
  const name = text.replace(/[=~<>].*$/s, '');
  if (/[=~<>]/.test(text)) return { name, pinned: true, exact: /^[^=~<>]+=[^=~<>]+$/.test(text) && !text.includes('*') };
  if (text.endsWith('.apk')) return { name, pinned: true };
  return { name, pinned: false };
}

/** Whether a command name (a basename) can be apk: `packageCommands` asks first. */
export function isApkTool(tool: string): boolean {
  return tool === 'apk';
}

export function recognizeApk(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  if (!tool || !isApkTool(tool)) return undefined;
  const classified = classify(command.args, APK_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  let action: PackageAction = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  if (subcommand?.value === 'cache' && ['clean', 'purge'].includes(classified.operands[1]?.value ?? '')) action = 'clean';
  const result = baseCommand('apk', tool, command, classified, subcommand, action);
  if (subcommand?.value !== 'add') return result;
  const words = classified.operands.slice(1);
  result.packages = compact(words.map((word) => makePackage(command, word, checkApkPackage, (prefix) => checkApkPackage(prefix).name)));
  return result;
}
