import path from 'node:path';
import type { BuildFile } from './build-file.js';
import { perFile } from './per-file.js';
import type { InstructionNode, Stage } from './types.js';

/**
 * USER and WORKDIR state through a stage's chain (RULES.md §0.5 "Effective state per
 * instruction"), and the resolution of a USER value into its user and group parts.
 */

export interface ResolvedUser {
  /** The USER instruction that sets it. */
  node: InstructionNode;
  /** The stage that instruction belongs to. */
  stage: Stage;
  /** False when a variable in the value cannot be resolved. */
  known: boolean;
  /** The user part (before `:`), resolved. */
  user: string;
  /** The group part (after `:`), resolved; undefined when not given. */
  group: string | undefined;
}

function lastUserBefore(stage: Stage, before: number | undefined): InstructionNode | undefined {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const node = stage.instructions[i] as InstructionNode;
    if (before !== undefined && node.index >= before) continue;
    if (node.keyword === 'USER') return node;
  }
  return undefined;
}

/** Resolves the value of a USER instruction. */
export function resolveUser(file: BuildFile, node: InstructionNode, stage: Stage): ResolvedUser | undefined {
  const written = node.args[0]?.text;
  if (written === undefined) return undefined;
  const expansion = file.scope(node).expand(written, file.escapeChar);
  const [user = '', group] = expansion.value.split(':');
  return { node, stage, known: expansion.known, user: user.trim(), group: group?.trim() };
}

/** The USER in effect at the end of a stage (its own last USER, else its parent's, …). */
export function runtimeUser(file: BuildFile, stage: Stage): ResolvedUser | undefined {
  for (const each of file.chain(stage)) {
    const node = lastUserBefore(each, undefined);
    if (node) return resolveUser(file, node, each);
  }
  return undefined;
}

/** The USER in effect at an instruction (undefined: the base image's user, unknown). */
export function userAt(file: BuildFile, node: InstructionNode): ResolvedUser | undefined {
  const stage = node.onbuildParent ? undefined : node.stage;
  if (!stage) return undefined;
  for (const each of file.chain(stage)) {
    const user = lastUserBefore(each, each === stage ? node.index : undefined);
    if (user) return resolveUser(file, user, each);
  }
  return undefined;
}

/** Whether a user value names root (`root`, `0`; `ContainerAdministrator` on Windows). */
export function isRootName(user: string, windows = false): boolean {
  if (windows) return user.toLowerCase() === 'containeradministrator';
  return user === 'root' || user === '0';
}

/** Stands for the base image's unknown WORKDIR; paths under it never equal a real path. */
export const BASE_WORKDIR = '/\u0000base-workdir';

/**
 * The WORKDIR at an instruction, resolved through the chain: undefined when a variable
 * cannot be resolved; under `BASE_WORKDIR` when the base image's WORKDIR applies.
 */
export function workdirAt(file: BuildFile, node: InstructionNode): string | undefined {
  const stage = node.onbuildParent ? undefined : node.stage;
  if (!stage) return undefined;
  const workdirs = stageWorkdirs(file, stage);
  // A stage's instructions have consecutive indexes.
  const position = node.index - (stage.instructions[0] as InstructionNode).index;
  if (position < 0) return workdirs.start;
  return position < workdirs.before.length ? workdirs.before[position] : workdirs.end;
}

/** The WORKDIR where a stage starts, in effect at each of its instructions, and where it ends. */
interface StageWorkdirs {
  start: string | undefined;
  /** By position in the stage: the WORKDIR in effect at that instruction (set by the WORKDIRs before it). */
  before: (string | undefined)[];
  end: string | undefined;
}

// Rules ask for the WORKDIR of most instructions: each stage's WORKDIRs are resolved once.
const stageWorkdirsCache = perFile(() => new Map<Stage, StageWorkdirs>());

function stageWorkdirs(file: BuildFile, stage: Stage): StageWorkdirs {
  const cache = stageWorkdirsCache(file);
  const cached = cache.get(stage);
  if (cached) return cached;
  // The stages of the chain not resolved yet, root last (a parent is always an earlier stage).
  const pending: Stage[] = [];
  for (let each: Stage | undefined = stage; each && !cache.has(each); each = each.parent) pending.push(each);
  for (let k = pending.length - 1; k >= 0; k--) {
    const each = pending[k] as Stage;
    // The base image's WORKDIR is unknown: a sentinel keeps paths relative to it comparable.
    const start = each.parent ? cache.get(each.parent)?.end : each.base.kind === 'scratch' ? '/' : BASE_WORKDIR;
    const before: (string | undefined)[] = [];
    let current = start;
    for (const workdir of each.instructions) {
      before.push(current);
      if (workdir.keyword !== 'WORKDIR') continue;
      const written = workdir.args.map((t) => t.text).join(' ');
      const expansion = file.scope(workdir).expand(written, file.escapeChar);
      if (!expansion.known) current = undefined;
      else {
        const value = unquote(expansion.value);
        if (value.startsWith('/')) current = path.posix.normalize(value);
        else if (current !== undefined) current = path.posix.join(current, value);
      }
    }
    cache.set(each, { start, before, end: current });
  }
  return cache.get(stage) as StageWorkdirs;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]) return value.slice(1, -1);
  return value;
}

/** Resolves a path against a directory; undefined when the directory is unknown and the path relative. */
export function resolveAgainst(dir: string | undefined, value: string): string | undefined {
  if (value.startsWith('/')) return normalizePath(value);
  if (dir === undefined) return undefined;
  return normalizePath(path.posix.join(dir, value));
}

/** `path.posix.normalize` without a trailing slash (except for `/`). */
export function normalizePath(value: string): string {
  const normalized = path.posix.normalize(value);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** Whether `inner` equals `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  if (outer === '/') return inner.startsWith('/');
  return inner === outer || inner.startsWith(`${outer}/`);
}
