import { classifyArgs, type ClassifiedOption } from '../options.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { APK_VALUE_OPTIONS } from './apk.js';
import { APT_VALUE_OPTIONS } from './apt.js';
import { toolName, type PackageCommand } from './common.js';
import { RPM_VALUE_OPTIONS } from './rpm.js';
import { ZYPPER_VALUE_OPTIONS } from './zypper.js';

/**
 * What a recognised package-manager command does, in the terms of the RULES.md §6 rules
 * (prompts, upgrades, index refreshes, removals). Rules ask these helpers instead of reading
 * a manager's arguments themselves.
 */

const APT_TOOLS = new Set(['apt-get', 'apt']);
const RPM_TOOLS = new Set(['yum', 'dnf', 'dnf5', 'microdnf', 'tdnf']);

/** The operands of a command after the subcommand (positional words, options skipped). */
function operands(pc: PackageCommand): ShellWord[] {
  const withValue = valueOptions(pc);
  const classified = classifyArgs(pc.command.args, { withValue });
  const at = pc.subcommand ? classified.operands.indexOf(pc.subcommand) : -1;
  return at < 0 ? classified.operands.slice(1) : classified.operands.slice(at + 1);
}

function valueOptions(pc: PackageCommand): readonly string[] {
  switch (pc.manager) {
    case 'apt':
      return APT_VALUE_OPTIONS;
    case 'apk':
      return APK_VALUE_OPTIONS;
    case 'yum':
    case 'dnf':
      return RPM_VALUE_OPTIONS;
    case 'zypper':
      return ZYPPER_VALUE_OPTIONS;
    default:
      return [];
  }
}

/** The subcommand as written (`install`), or the two-word form for `group install`/`module install`. */
export function verb(pc: PackageCommand): string {
  const first = pc.subcommand?.value ?? '';
  if (RPM_TOOLS.has(pc.tool) && (first === 'group' || first === 'groups' || first === 'module')) {
    const second = operands(pc)[0]?.value;
    return second ? `${first} ${second}` : first;
  }
  return first;
}

/** Whether the command is apt-get/apt (not aptitude), yum/dnf/microdnf/tdnf, or zypper. */
export function isAptGet(pc: PackageCommand): boolean {
  return pc.manager === 'apt' && APT_TOOLS.has(pc.tool);
}

export function isRpm(pc: PackageCommand): boolean {
  return (pc.manager === 'yum' || pc.manager === 'dnf') && RPM_TOOLS.has(pc.tool);
}

function hasOption(pc: PackageCommand, names: readonly string[]): boolean {
  return pc.options.some((option) => names.includes(option.name));
}

function optionValues(pc: PackageCommand, names: readonly string[]): string[] {
  return pc.options.filter((option) => names.includes(option.name)).map((option) => option.value ?? '');
}

/** apt's quiet level: `-q` counts one each, `-qq` two, `-q=2`/`--quiet=2` the number. */
export function aptQuietLevel(pc: PackageCommand): number {
  let level = 0;
  const seen = new Set<ClassifiedOption['word']>();
  for (const option of pc.options) {
    if (option.name === '--quiet') {
      level += option.value !== undefined && /^\d+$/.test(option.value) ? Number(option.value) : 1;
      continue;
    }
    if (option.name !== '-q') continue;
    const explicit = /^-q=?(\d+)$/.exec(option.word.value);
    if (explicit) {
      if (!seen.has(option.word)) level += Number(explicit[1]);
      seen.add(option.word);
    } else level += 1;
  }
  return level;
}

const APT_PROMPTING = new Set(['install', 'reinstall', 'remove', 'purge', 'upgrade', 'dist-upgrade', 'full-upgrade', 'autoremove', 'build-dep']);
const RPM_PROMPTING = new Set([
  'install',
  'groupinstall',
  'localinstall',
  'reinstall',
  'remove',
  'erase',
  'upgrade',
  'update',
  'downgrade',
  'group install',
  'groups install',
  'module install',
]);
const ZYPPER_PROMPTING = new Set(['install', 'in', 'remove', 'rm', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si']);
const CONDA_TOOLS = new Set(['conda', 'mamba']);
const CONDA_PROMPTING = new Set(['install', 'create', 'remove', 'update', 'uninstall', 'upgrade']);

export interface PromptCheck {
  /** The options key of `non-interactive-install`. */
  key: 'apt' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'conda';
  /** Whether a non-interactive switch is present on the command itself. */
  answered: boolean;
  /** The switch to add. */
  switch: string;
}

/**
 * Whether a command can stop at a confirmation prompt (RULES.md `non-interactive-install`),
 * and whether the command line answers it. Configuration files are the rule's business.
 */
export function promptCheck(pc: PackageCommand): PromptCheck | undefined {
  const sub = verb(pc);
  if (isAptGet(pc)) {
    if (!APT_PROMPTING.has(sub)) return undefined;
    const answered =
      hasOption(pc, ['-y', '--yes', '--assume-yes']) ||
      aptQuietLevel(pc) >= 2 ||
      optionValues(pc, ['-o', '--option']).some((value) => /^APT::Get::Assume-Yes=(?:true|1|yes)$/i.test(value));
    return { key: 'apt', answered, switch: '-y' };
  }
  if (isRpm(pc)) {
    if (!RPM_PROMPTING.has(sub)) return undefined;
    const answered =
      hasOption(pc, ['-y', '--assumeyes']) || optionValues(pc, ['--setopt']).some((value) => /^assumeyes=(?:1|true)$/i.test(value));
    const key = pc.tool === 'yum' ? 'yum' : pc.tool === 'microdnf' ? 'microdnf' : 'dnf';
    return { key, answered, switch: '-y' };
  }
  if (pc.manager === 'zypper') {
    if (!ZYPPER_PROMPTING.has(sub)) return undefined;
    const subStart = pc.subcommand?.startOffset ?? Infinity;
    const global = pc.options.some((option) => (option.name === '-n' || option.name === '--non-interactive') && option.word.startOffset < subStart);
    const local = pc.options.some((option) => (option.name === '-y' || option.name === '--no-confirm') && option.word.startOffset > subStart);
    return { key: 'zypper', answered: global || local, switch: '-n' };
  }
  if (pc.manager === 'pip' && /^pip(?:\d+(?:\.\d+)*)?$/.test(pc.tool)) {
    if (sub !== 'uninstall') return undefined;
    return { key: 'pip', answered: hasOption(pc, ['-y', '--yes']), switch: '-y' };
  }
  if (pc.manager === 'conda' && CONDA_TOOLS.has(pc.tool)) {
    if (!CONDA_PROMPTING.has(sub)) return undefined;
    return { key: 'conda', answered: hasOption(pc, ['-y', '--yes']), switch: '-y' };
  }
  return undefined;
}

/** `add-apt-repository` (not a package manager, but it prompts): the command and whether `-y` is given. */
export function addAptRepository(command: SimpleCommand): { answered: boolean } | undefined {
  if (toolName(command) !== 'add-apt-repository') return undefined;
  const classified = classifyArgs(command.args, { withValue: ['-k', '--keyserver', '-c', '--component', '-p', '--pocket', '-S', '--sourceslist'] });
  return { answered: classified.options.some((option) => option.name === '-y' || option.name === '--yes') };
}

export interface RecommendsCheck {
  key: 'apt' | 'dnf' | 'zypper';
  answered: boolean;
  switch: string;
}

/** Whether an install pulls weak dependencies by default, and whether the command line turns that off. */
export function recommendsCheck(pc: PackageCommand): RecommendsCheck | undefined {
  const sub = verb(pc);
  if (isAptGet(pc)) {
    if (sub !== 'install') return undefined;
    const answered =
      hasOption(pc, ['--no-install-recommends']) ||
      optionValues(pc, ['-o', '--option']).some((value) => /^APT::Install-Recommends=(?:false|0|no|off)$/i.test(value));
    return { key: 'apt', answered, switch: '--no-install-recommends' };
  }
  if (isRpm(pc)) {
    if (sub !== 'install' && sub !== 'in') return undefined;
    const answered = optionValues(pc, ['--setopt']).some((value) => /^install_weak_deps=(?:false|0|no)$/i.test(value)) || hasOption(pc, ['--no-install-recommends']);
    return { key: 'dnf', answered, switch: '--setopt=install_weak_deps=False' };
  }
  if (pc.manager === 'zypper') {
    if (sub !== 'install' && sub !== 'in') return undefined;
    return { key: 'zypper', answered: hasOption(pc, ['--no-recommends']), switch: '--no-recommends' };
  }
  return undefined;
}

/** `apt-get|apt dist-upgrade|full-upgrade`, `zypper dist-upgrade|dup`, `dnf system-upgrade`. */
export function distUpgrade(pc: PackageCommand): 'apt' | 'zypper' | 'dnf' | undefined {
  const sub = verb(pc);
  if (isAptGet(pc) && (sub === 'dist-upgrade' || sub === 'full-upgrade')) return 'apt';
  if (pc.manager === 'zypper' && (sub === 'dist-upgrade' || sub === 'dup')) return 'zypper';
  if (pc.manager === 'dnf' && sub === 'system-upgrade') return 'dnf';
  return undefined;
}

/** A bulk upgrade of every installed package (no package arguments). */
export function isBulkUpgrade(pc: PackageCommand): boolean {
  const sub = verb(pc);
  let applies = false;
  if (isAptGet(pc)) applies = sub === 'upgrade';
  else if (pc.manager === 'apk') applies = sub === 'upgrade';
  else if (isRpm(pc)) applies = sub === 'update' || sub === 'upgrade';
  else if (pc.manager === 'zypper') applies = sub === 'update' || sub === 'up' || sub === 'patch';
  if (!applies) return false;
  return operands(pc).length === 0;
}

/** The families whose index refresh and install belong together (`update-with-install`). */
export type IndexFamily = 'apt' | 'apk' | 'zypper' | 'rpm';

export function indexFamily(pc: PackageCommand): IndexFamily | undefined {
  if (pc.manager === 'apt') return 'apt';
  if (pc.manager === 'apk') return 'apk';
  if (pc.manager === 'zypper') return 'zypper';
  if (isRpm(pc)) return 'rpm';
  return undefined;
}

/**
 * An index refresh: `apt-get|apt|aptitude update`, `apk update`, `zypper refresh|ref`,
 * `yum|dnf makecache` (and, with `rpmUpdateIsRefresh`, `yum|dnf update|upgrade` without packages).
 */
export function isIndexRefresh(pc: PackageCommand, rpmUpdateIsRefresh = false): boolean {
  const sub = verb(pc);
  switch (indexFamily(pc)) {
    case 'apt':
      return sub === 'update' || aptInstallUpdates(pc);
    case 'apk':
      return sub === 'update';
    case 'zypper':
      return sub === 'refresh' || sub === 'ref';
    case 'rpm':
      return sub === 'makecache' || (rpmUpdateIsRefresh && (sub === 'update' || sub === 'upgrade') && operands(pc).length === 0);
    default:
      return false;
  }
}

const INSTALL_LIKE: Record<IndexFamily, ReadonlySet<string>> = {
  apt: new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep', 'source', 'safe-upgrade']),
  apk: new Set(['add', 'upgrade', 'fix']),
  zypper: new Set(['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si']),
  rpm: new Set(['install', 'update', 'upgrade', 'groupinstall', 'localinstall', 'reinstall', 'group install', 'groups install', 'module install', 'downgrade']),
};

/** An install-like command that uses the package index. */
export function isInstallLike(pc: PackageCommand): boolean {
  const family = indexFamily(pc);
  return family !== undefined && INSTALL_LIKE[family].has(verb(pc));
}

/** `apt-get install --update` (apt 3): refreshes the lists before installing. */
export function aptInstallUpdates(pc: PackageCommand): boolean {
  return pc.manager === 'apt' && hasOption(pc, ['--update', '-U']) && ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'reinstall', 'build-dep'].includes(verb(pc));
}

/** apt `install`, `build-dep` or `source`: needs the package lists. */
export function needsAptLists(pc: PackageCommand): boolean {
  return pc.manager === 'apt' && ['install', 'build-dep', 'source', 'reinstall'].includes(verb(pc));
}

/** The tool-level cache key of a command (`apt`, `apk`, `yum`, `dnf`, `microdnf`, `tdnf`, `zypper`, `pip`, `uv`, `yarn`, `npm`, `gem`, ...). */
export function cacheTool(pc: PackageCommand): string {
  if (pc.manager === 'pip') return pc.tool === 'uv pip' ? 'uv' : pc.tool === 'pipx' ? 'pipx' : 'pip';
  if (pc.manager === 'dnf') return pc.tool === 'dnf5' ? 'dnf' : pc.tool;
  return pc.manager;
}

const RPM_CACHE_FILLING = new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'update', 'upgrade', 'downgrade', 'makecache', 'group install', 'groups install', 'module install']);
const ZYPPER_CACHE_FILLING = new Set(['install', 'in', 'remove', 'rm', 'update', 'up', 'patch', 'dist-upgrade', 'dup', 'source-install', 'si', 'refresh', 'ref']);

/** Whether a command fills its manager's cache or index (`clean-package-cache`). */
export function fillsCache(pc: PackageCommand): boolean {
  const sub = verb(pc);
  switch (pc.manager) {
    case 'apt':
      return sub === 'update' || aptInstallUpdates(pc);
    case 'apk':
      return sub === 'add' || sub === 'update';
    case 'yum':
    case 'dnf':
      return isRpm(pc) && RPM_CACHE_FILLING.has(sub);
    case 'zypper':
      return ZYPPER_CACHE_FILLING.has(sub);
    case 'pip':
      return (pc.tool !== 'pipx') && sub === 'install';
    case 'yarn':
      return pc.action === 'install' && pc.tool === 'yarn';
    case 'npm':
      return pc.tool === 'npm' && pc.action === 'install';
    case 'gem':
      return sub === 'install';
    default:
      return false;
  }
}

/** Whether a command cleans its own cache: `<tool> clean all`, `zypper clean|cc`, `pip cache purge`, `yarn cache clean`, ... */
export function cleansCache(pc: PackageCommand, tool: string): boolean {
  // Asked of every command after a cache-filling one: most belong to another tool, and skip classifying their arguments.
  if (cacheTool(pc) !== tool && !(tool === 'dnf' && pc.tool === 'dnf5')) return false;
  const sub = verb(pc);
  const rest = operands(pc).map((word) => word.value);
  switch (tool) {
    case 'apt':
      return sub === 'distclean' || sub === 'dist-clean';
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      return sub === 'clean' && rest.includes('all');
    case 'zypper':
      return sub === 'clean' || sub === 'cc';
    case 'pip':
      return sub === 'cache' && (rest[0] === 'purge' || rest[0] === 'remove');
    case 'uv':
      return false;
    case 'yarn':
      return sub === 'cache' && rest[0] === 'clean';
    case 'npm':
      return sub === 'cache' && rest[0] === 'clean' && hasOption(pc, ['--force', '-f']);
    case 'gem':
      return sub === 'cleanup';
    default:
      return false;
  }
}

/** `apt-get clean` (the archives, not the lists). */
export function isAptClean(pc: PackageCommand): boolean {
  return pc.manager === 'apt' && ['clean', 'distclean', 'dist-clean'].includes(verb(pc));
}

/** `uv cache clean` (uv's own command; `uv pip` is what the pip recogniser sees). */
export function isUvCacheClean(command: SimpleCommand): boolean {
  if (toolName(command) !== 'uv') return false;
  const words = command.args.filter((word) => !word.value.startsWith('-')).map((word) => word.value);
  return words[0] === 'cache' && (words[1] === 'clean' || words[1] === 'prune');
}

/** `pip config set global.no-cache-dir …`. */
export function isPipNoCacheConfig(pc: PackageCommand): boolean {
  if (pc.manager !== 'pip' || verb(pc) !== 'config') return false;
  const rest = operands(pc).map((word) => word.value);
  return rest[0] === 'set' && /^(?:global|install|user)\.no-cache-dir$/.test(rest[1] ?? '') && !/^(?:false|0|no|off)$/i.test(rest[2] ?? 'true');
}

/** The value of a cache-directory option (`pip --cache-dir`, `yarn --cache-folder`), if given. */
export function cacheDirOption(pc: PackageCommand): string | undefined {
  return pc.options.filter((option) => ['--cache-dir', '--cache-folder', '--cache'].includes(option.name)).at(-1)?.value;
}

/** Whether a pip/uv install disables its cache on the command line. */
export function disablesCache(pc: PackageCommand): boolean {
  if (pc.manager === 'pip') return hasOption(pc, pc.tool === 'uv pip' ? ['--no-cache', '-n'] : ['--no-cache-dir']);
  // `apk add --no-network` installs from what is already there and downloads nothing.
  if (pc.manager === 'apk') return hasOption(pc, ['--no-cache', '--no-network']);
  return false;
}

/** `rvm install` / `rvm cleanup all` (rvm is not a package manager the recognisers know). */
export function rvmCommand(command: SimpleCommand): 'install' | 'cleanup' | undefined {
  if (toolName(command) !== 'rvm') return undefined;
  const words = command.args.map((word) => word.value);
  if (words[0] === 'install') return 'install';
  if (words[0] === 'cleanup' && words[1] === 'all') return 'cleanup';
  return undefined;
}

/** The names an `apk del`, `apt-get remove|purge`, `yum|dnf remove|erase` removes. */
export function removedPackageNames(pc: PackageCommand): string[] {
  const sub = verb(pc);
  const removes =
    (pc.manager === 'apk' && sub === 'del') ||
    (isAptGet(pc) && (sub === 'remove' || sub === 'purge' || sub === 'autoremove')) ||
    (isRpm(pc) && (sub === 'remove' || sub === 'erase' || sub === 'autoremove'));
  if (!removes) return [];
  return operands(pc)
    .filter((word) => !word.hasVariables)
    .map((word) => word.value.replace(/[=:<>~].*$/s, ''));
}

/** The virtual package name of `apk add -t|--virtual NAME`. */
export function apkVirtualName(pc: PackageCommand): string | undefined {
  if (pc.manager !== 'apk') return undefined;
  return pc.options.filter((option) => option.name === '-t' || option.name === '--virtual').at(-1)?.value;
}

/**
 * Cross-compilation wrappers from tonistiigi/xx (`xx-apt-get install`, `xx-apk add`): they run
 * apt-get/apk for the target platform, so they count as installs of that family.
 */
export function crossInstallFamily(command: SimpleCommand): IndexFamily | undefined {
  const tool = toolName(command);
  const first = command.args.find((word) => !word.value.startsWith('-'))?.value;
  if ((tool === 'xx-apt-get' || tool === 'xx-apt') && (first === 'install' || first === 'build-dep')) return 'apt';
  if (tool === 'xx-apk' && first === 'add') return 'apk';
  return undefined;
}
