import path from 'node:path';
import type { BuildFile } from '../../model/build-file.js';
import type { InstructionNode } from '../../model/types.js';
import { basename } from '../basename.js';
import { classifyArgs, type OptionSpec } from '../options.js';
import { analyzeRun } from '../run-script.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { toolName } from './common.js';
import { trimEndChars } from '../../model/trim.js';

/**
 * Package-manager caches (RULES.md §0.5 "cache mount covering path P", `clean-package-cache`,
 * `prefer-cache-mounts`): where each tool keeps its cache, whether a RUN's cache mounts cover
 * it, and which commands remove it.
 */

/**
 * Cache directories per tool. `~/` paths are per-user: a mount target ending with the
 * home-relative part counts (§0.5).
 */
export const CACHE_DIRS: Readonly<Record<string, readonly string[]>> = {
  'apt-lists': ['/var/lib/apt/lists'],
  'apt-archives': ['/var/cache/apt'],
  apk: ['/var/cache/apk', '/etc/apk/cache'],
  yum: ['/var/cache/yum'],
  dnf: ['/var/cache/dnf', '/var/cache/libdnf5', '~/.cache/libdnf5'],
  dnf5: ['/var/cache/dnf', '/var/cache/libdnf5', '~/.cache/libdnf5'],
  microdnf: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5', '~/.cache/libdnf5'],
  tdnf: ['/var/cache/tdnf'],
  zypper: ['/var/cache/zypp'],
  pip: ['~/.cache/pip'],
  uv: ['~/.cache/uv'],
  yarn: ['~/.cache/yarn', '/usr/local/share/.cache/yarn', '~/.yarn/berry/cache'],
  npm: ['~/.npm'],
  pnpm: ['~/.local/share/pnpm/store', '~/.cache/pnpm', '~/.pnpm-store'],
  go: ['~/.cache/go-build', '~/go/pkg/mod', '/go/pkg/mod'],
  cargo: ['~/.cargo/registry', '/usr/local/cargo/registry', '~/.cargo/git', '/usr/local/cargo/git'],
};

/** The directory suggested for a cache mount, per tool. */
export const SUGGESTED_CACHE_DIR: Readonly<Record<string, string>> = {
  apt: '/var/cache/apt',
  apk: '/var/cache/apk',
  yum: '/var/cache/yum',
  dnf: '/var/cache/dnf',
  zypper: '/var/cache/zypp',
  pip: '/root/.cache/pip',
  npm: '/root/.npm',
  yarn: '/usr/local/share/.cache/yarn',
  pnpm: '/root/.local/share/pnpm/store',
  go: '/root/.cache/go-build',
  cargo: '/usr/local/cargo/registry',
};

function normalize(value: string): string {
  const normalized = path.posix.normalize(value);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

function within(inner: string, outer: string): boolean {
  if (outer === '/') return inner.startsWith('/');
  return inner === outer || inner.startsWith(`${outer}/`);
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) return value.slice(1, -1);
  return value;
}

/** The effective WORKDIR before a RUN, when known (undefined in ONBUILD triggers or when unknown). */
function workdirBefore(file: BuildFile, node: InstructionNode): string | undefined {
  const stage = node.onbuildParent ? undefined : node.stage;
  if (!stage) return undefined;
  const workdirs: InstructionNode[] = [];
  for (const each of file.chain(stage)) {
    for (let i = each.instructions.length - 1; i >= 0; i--) {
      const candidate = each.instructions[i] as InstructionNode;
      if (each === stage && candidate.index >= node.index) continue;
      if (candidate.keyword === 'WORKDIR') workdirs.unshift(candidate);
    }
  }
  let current: string | undefined;
  for (const workdir of workdirs) {
    const expansion = file.scope(workdir).expand(workdir.argsValue.trim(), file.escapeChar);
    if (!expansion.known) {
      current = undefined;
      continue;
    }
    const value = unquote(expansion.value);
    if (value.startsWith('/')) current = normalize(value);
    else if (current !== undefined) current = normalize(path.posix.join(current, value));
  }
  return current;
}

/** The resolved targets of a RUN's `--mount=type=cache` and `--mount=type=tmpfs` flags. */
export function cacheMountTargets(file: BuildFile, node: InstructionNode): string[] {
  const targets: string[] = [];
  const scope = file.scope(node);
  for (const flag of node.flags) {
    if (flag.name !== 'mount') continue;
    const type = flag.options.find((option) => option.key === 'type')?.value?.toLowerCase();
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = flag.options.find((option) => option.key === 'target' || option.key === 'dst' || option.key === 'destination')?.value;
    if (target === undefined || target === '') continue;
    const expansion = scope.expand(target, file.escapeChar);
    if (!expansion.known) continue;
    const value = unquote(expansion.value);
    if (value.startsWith('/')) targets.push(normalize(value));
    else {
      const dir = workdirBefore(file, node);
      if (dir !== undefined) targets.push(normalize(path.posix.join(dir, value)));
      else if (!value.startsWith('~')) targets.push(normalize(`/${value}`));
    }
  }
  return targets;
}

/**
 * Whether a cache mount target covers path P: it equals P or is an ancestor. For a per-user
 * path `~/R`, a target under `/root` or ending with `/R` (or an ancestor part of it) counts.
 */
export function targetCovers(target: string, dir: string): boolean {
  if (!dir.startsWith('~/')) return within(dir, target);
  const relative = dir.slice(2);
  if (within(`/root/${relative}`, target) && target !== '/') return true;
  const parts = relative.split('/');
  for (let n = parts.length; n >= 1; n--) {
    const piece = parts.slice(0, n).join('/');
    if (target.endsWith(`/${piece}`)) return true;
  }
  return false;
}

/** Whether any of the RUN's cache mounts covers one of the directories. */
export function cacheMountCovers(file: BuildFile, node: InstructionNode, dirs: readonly string[]): boolean {
  const targets = cacheMountTargets(file, node);
  return targets.some((target) => dirs.some((dir) => targetCovers(target, dir)));
}

/** Whether a path (as written, `$HOME`/`~` allowed) is a mount target of the RUN. */
export function isMountTarget(file: BuildFile, node: InstructionNode, written: string): boolean {
  const value = normalize(written.replace(/^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/, '/root'));
  return cacheMountTargets(file, node).some((target) => target === value || within(value, target));
}

/** Paths with a per-user home written as `~`, `$HOME` or `/root`, all as `~`. */
function homeForm(value: string): string {
  return value.replace(/^(?:\$HOME|\$\{HOME\}|\/root|\/home\/[^/]+)(?=\/|$)/, '~');
}

/** `rm` takes no option with a value. */
const RM_OPTIONS: OptionSpec = { withValue: [] };

/** What an `rm` command removes: its operands, and whether it removes directories recursively. */
interface RmRemoval {
  operands: readonly ShellWord[];
  recursive: boolean;
}

function rmRemoval(command: SimpleCommand): RmRemoval {
  const classified = classifyArgs(command.args, RM_OPTIONS);
  const recursive = classified.options.some((option) => option.name === '-r' || option.name === '-R' || option.name === '--recursive');
  return { operands: classified.operands, recursive };
}

/**
 * Whether `rm` removes the directory `dir` (or everything in it): `rm -r dir`, `rm -rf dir/`,
 * `rm -rf dir/*`, or `rm -r <ancestor>` below `/`. Per-user dirs (`~/…`) also match their
 * `$HOME`/`/root` spellings.
 */
function rmRemoves({ operands, recursive }: RmRemoval, dir: string): boolean {
  const target = dir.startsWith('~/') ? dir : normalize(dir);
  for (const operand of operands) {
    let value = operand.value;
    if (value === '' || value === '/') continue;
    const contents = value.endsWith('/*');
    if (contents) value = value.slice(0, -2);
    if (value === '') continue;
    if (target.startsWith('~/')) value = homeForm(value);
    else if (operand.hasVariables) continue;
    const normalized = value.startsWith('~') ? trimEndChars(value, '/') : normalize(value);
    if (normalized === target) return true;
    if (!recursive) continue;
    // An ancestor of the cache directory (not `/` itself).
    if (normalized !== '/' && normalized !== '~' && target.startsWith(`${normalized}/`)) return true;
    if (contents && normalized === target) return true;
  }
  return false;
}

/** The absolute paths a `find` command deletes under (`find DIR … -delete`, `find DIR … -exec rm …`), normalized; none when it deletes nothing. */
function findDeletedRoots(command: SimpleCommand): string[] {
  const words = command.args.map((word) => word.value);
  const deletes = words.includes('-delete') || words.some((word, i) => (word === '-exec' || word === '-execdir') && basename(words[i + 1] ?? '') === 'rm');
  if (!deletes) return [];
  return words.filter((word) => word.startsWith('/')).map((word) => normalize(word.replace(/\/\*$/, '')));
}

/** Whether a command removes one of the directories (rm or find). */
export function removesAny(command: SimpleCommand, dirs: readonly string[]): boolean {
  // Asked of every command after a package install, once per manager: name the tool once.
  const tool = toolName(command);
  if (tool === 'rm') {
    const removal = rmRemoval(command);
    return dirs.some((dir) => rmRemoves(removal, dir));
  }
  if (tool !== 'find') return false;
  const roots = findDeletedRoots(command);
  return dirs.some((dir) => {
    const target = normalize(dir);
    return roots.some((root) => root !== '/' && (within(root, target) || within(target, root)));
  });
}

const TRUTHY = /^(?:1|true|yes|on)$/i;

/** Whether `value` is a truthy environment setting (`1`, `true`, `yes`, `on`). */
export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && TRUTHY.test(value.trim());
}

/**
 * Whether the environment variable `name` is truthy for a command of a RUN: an inline
 * assignment, an earlier `export NAME=…` (or assignment) in the RUN, or an ENV/ARG value.
 */
export function envTruthy(file: BuildFile, node: InstructionNode, command: SimpleCommand, name: string): boolean {
  const inline = command.assignments.find((assignment) => assignment.name === name);
  if (inline) return isTruthy(inline.value?.value ?? '');
  let value: string | undefined;
  let set = false;
  for (const earlier of analyzeRun(file, node).commands) {
    if (earlier === command) break;
    if (earlier.range.start.line > command.range.start.line) break;
    if (!earlier.name && earlier.assignments.some((a) => a.name === name)) {
      value = earlier.assignments.find((a) => a.name === name)?.value?.value ?? '';
      set = true;
    }
    if (earlier.name?.value === 'export') {
      for (const arg of earlier.args) {
        const eq = arg.value.indexOf('=');
        if (eq > 0 && arg.value.slice(0, eq) === name) {
          value = arg.value.slice(eq + 1);
          set = true;
        }
      }
    }
  }
  if (set) return isTruthy(value);
  const found = file.scope(node).lookup(name);
  return found?.known === true && isTruthy(found.value);
}

/** The RUN instructions (ONBUILD excluded) of the stage's chain before `node`, root-most first. */
export function earlierChainRuns(file: BuildFile, node: InstructionNode): InstructionNode[] {
  const stage = node.onbuildParent ? undefined : node.stage;
  if (!stage) return [];
  return file
    .chain(stage)
    .reverse()
    .flatMap((each) => each.instructions.filter((i) => i.keyword === 'RUN' && (each !== stage || i.index < node.index)));
}

/** The raw text of a RUN (arguments and heredoc bodies), for configuration-file writes. */
function runText(node: InstructionNode): string {
  return [node.argsValue, ...node.heredocs.map((heredoc) => heredoc.body?.text ?? '')].join('\n');
}

/**
 * Whether an earlier RUN in the chain writes a package-manager setting matching `pattern` to
 * a configuration file (`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/90yes`).
 */
export function configWrittenEarlier(file: BuildFile, node: InstructionNode, pattern: RegExp, fileHint: RegExp): boolean {
  return earlierChainRuns(file, node).some((run) => {
    const text = runText(run);
    return pattern.test(text) && fileHint.test(text);
  });
}

/** The words of a command after its name, values only (for messages and simple tests). */
export function argValues(command: SimpleCommand): string[] {
  return command.args.map((word: ShellWord) => word.value);
}

/** Whether `rm` removes a path matching `pattern` (as written, `$HOME`/`/root` read as `~`). */
export function rmRemovesMatching(command: SimpleCommand, pattern: RegExp | ((path: string) => boolean)): boolean {
  if (toolName(command) !== 'rm') return false;
  const classified = classifyArgs(command.args, RM_OPTIONS);
  const matches = typeof pattern === 'function' ? pattern : (path: string) => pattern.test(path);
  return classified.operands.some((operand) => matches(homeForm(operand.value)));
}
