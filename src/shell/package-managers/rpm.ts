import type { SimpleCommand } from '../types.js';
import { baseCommand, classify, compact, makePackage, toolName, type PackageAction, type PackageCheck, type PackageCommand, type RecognizeOptions } from './common.js';

/** yum (DL3033) and dnf, microdnf, tdnf (DL3041). */

export const RPM_VALUE_OPTIONS: readonly string[] = [
  '-c',
  '--config',
  '--installroot',
  '--releasever',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '--repofrompath',
  '-x',
  '--exclude',
  '--excludepkgs',
  '--setopt',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--rpmverbosity',
  '--color',
  '--downloaddir',
  '--destdir',
  '--forcearch',
  '--comment',
  '--advisory',
  '--advisories',
  '--bz',
  '--bzs',
  '--cve',
  '--cves',
  '--sec-severity',
  '--secseverity',
  '--disableplugin',
  '--enableplugin',
  '--installonly-limit',
  '--platform',
  '--use-host-config',
  '-R',
  '--randomwait',
];

// A Map: every command name is looked up here (see npm's GRAMMARS).
const TOOLS: ReadonlyMap<string, 'yum' | 'dnf'> = new Map([
  ['yum', 'yum'],
  ['dnf', 'dnf'],
  ['dnf5', 'dnf'],
  ['microdnf', 'dnf'],
  ['tdnf', 'dnf'],
]);

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  in: 'install',
  localinstall: 'install',
  reinstall: 'install',
  groupinstall: 'install',
  makecache: 'update',
  'check-update': 'update',
  update: 'upgrade',
  upgrade: 'upgrade',
  'update-minimal': 'upgrade',
  'upgrade-minimal': 'upgrade',
  'distro-sync': 'upgrade',
  distrosync: 'upgrade',
  remove: 'remove',
  rm: 'remove',
  erase: 'remove',
  autoremove: 'remove',
  clean: 'clean',
};

const INSTALLS = new Set(['install', 'in', 'localinstall', 'reinstall']);
const VERSION_PART = /^[0-9A-Za-z.~^_:+]+$/;

/** Whether a package spec has the `name-version[-release]` shape (`tomcat-9.0.1`, `gcc-c++-11.3.1`). */
export function hasVersionShape(text: string): boolean {
  const parts = text.split('-');
  if (parts.length < 2) return false;
  const rest = parts.slice(1);
  return rest.every((part) => VERSION_PART.test(part)) && rest.some((part) => /^[0-9]/.test(part));
}

/** The package name part of a yum/dnf spec (`tomcat` from `tomcat-9.0.1`, `curl` from `curl >= 7`). */
function rpmName(text: string): string {
  const cut = text.search(/[=<>]/);
  const relation = cut === -1 ? text : text.slice(0, cut).trimEnd();
  if (relation !== text) return relation;
  if (hasVersionShape(text)) {
    const parts = text.split('-');
    const firstVersion = parts.findIndex((part, i) => i > 0 && /^[0-9]/.test(part));
    return parts.slice(0, firstVersion).join('-');
  }
  return text;
}

/** `tomcat-9.0.1`, `curl = 7.76.1`, `./x.rpm` are pinned; `python3-devel` is not. */
export function checkRpmPackage(text: string): PackageCheck {
  const name = rpmName(text);
  if (/\.rpm$/i.test(text)) return { name, pinned: true };
  if (/[<>]/.test(text)) return { name, pinned: true, exact: false };
  if (text.includes('=')) return { name, pinned: true, exact: !text.includes('*') };
  if (hasVersionShape(text)) return { name, pinned: true, exact: !text.includes('*') };
  return { name, pinned: false };
}

/** Group, capability and file-provide arguments are not checked. */
function skipped(text: string): boolean {
  return text.startsWith('@') || text.includes('(') || text.startsWith('/');
}

/** Whether a command name (a basename) can be yum or dnf: `packageCommands` asks first. */
export function isRpmTool(tool: string): boolean {
  return TOOLS.has(tool);
}

export function recognizeRpm(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = toolName(command);
  const manager = tool ? TOOLS.get(tool) : undefined;
  if (!tool || !manager) return undefined;
  const classified = classify(command.args, RPM_VALUE_OPTIONS, options.resolve);
  const subcommand = classified.operands[0];
  const verb = subcommand?.value ?? '';
  const second = classified.operands[1];
  let action: PackageAction = ACTIONS[verb] ?? 'other';
  if ((verb === 'module' || verb === 'group' || verb === 'groups') && second) action = ACTIONS[second.value] ?? 'other';
  const result = baseCommand(manager, tool, command, classified, subcommand, action);
  const nameOf = (prefix: string): string => rpmName(prefix.replace(/-$/, ''));
  if (verb === 'module' && second?.value === 'install') {
    const check = (text: string): PackageCheck => ({ name: text.replace(/[:/].*$/s, ''), pinned: text.includes(':') });
    result.packages = compact(classified.operands.slice(2).map((word) => makePackage(command, word, check, nameOf)));
    return result;
  }
  if (!INSTALLS.has(verb)) return result;
  const words = classified.operands.slice(1).filter((word) => word.hasVariables || !skipped(word.value));
  result.packages = compact(words.map((word) => makePackage(command, word, checkRpmPackage, nameOf)));
  return result;
}
