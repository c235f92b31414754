import { commandName } from './downloads.js';
import { classifyArgs, type ClassifiedArgs } from './options.js';
import type { ShellWord, SimpleCommand } from './types.js';
import { trimEndChars } from '../model/trim.js';

/** git's command line: global options, the subcommand and its arguments. */

export interface GitCommand {
  command: SimpleCommand;
  /** `-c key=value` settings given before the subcommand. */
  settings: { key: string; value: string; word: ShellWord }[];
  /** The `-C <dir>` directory, when given. */
  directory: string | undefined;
  subcommand: ShellWord | undefined;
  /** The words after the subcommand. */
  args: ShellWord[];
}

const GLOBAL_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env', '--super-prefix', '--list-cmds', '--attr-source']);

export function recognizeGit(command: SimpleCommand): GitCommand | undefined {
  if (commandName(command) !== 'git') return undefined;
  const settings: GitCommand['settings'] = [];
  let directory: string | undefined;
  const args = command.args;
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] as ShellWord;
    const value = word.value;
    if (!value.startsWith('-')) break;
    if (value.includes('=') && value.startsWith('--')) continue;
    if (!GLOBAL_VALUE.has(value)) continue;
    const next = args[i + 1];
    i++;
    if (!next) break;
    if (value === '-c') {
      const eq = next.value.indexOf('=');
      settings.push({ key: eq < 0 ? next.value : next.value.slice(0, eq), value: eq < 0 ? 'true' : next.value.slice(eq + 1), word: next });
    } else if (value === '-C') directory = next.value;
  }
  return { command, settings, directory, subcommand: args[i], args: args.slice(i + 1) };
}

const CLONE_VALUE = ['-b', '--branch', '-o', '--origin', '-u', '--upload-pack', '--reference', '--reference-if-able', '--separate-git-dir', '--depth', '--shallow-since', '--shallow-exclude', '-c', '--config', '-j', '--jobs', '--filter', '--template', '--server-option', '--bundle-uri', '--revision'];

export interface GitClone {
  git: GitCommand;
  classified: ClassifiedArgs;
  /** The repository word. */
  url: ShellWord | undefined;
  /** The directory the clone goes to, as written (default: the repository's basename). */
  directory: string | undefined;
  branch: string | undefined;
  revision: string | undefined;
}

export function recognizeGitClone(git: GitCommand): GitClone | undefined {
  if (git.subcommand?.value !== 'clone') return undefined;
  const classified = classifyArgs(git.args, { withValue: CLONE_VALUE });
  let branch: string | undefined;
  let revision: string | undefined;
  for (const option of classified.options) {
    if (option.name === '-b' || option.name === '--branch') branch = option.value;
    if (option.name === '--revision') revision = option.value;
  }
  const url = classified.operands[0];
  const explicit = classified.operands[1]?.value;
  const inferred = url === undefined ? undefined : trimEndChars(url.value, '/').replace(/\.git$/, '').replace(/^.*[/:]/, '');
  return { git, classified, url, directory: explicit ?? inferred, branch, revision };
}

/** A remote repository URL: it has a scheme or the form `user@host:`. */
export function isRemoteRepository(url: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:/.test(url);
}

/** A ref that names a fixed point: a version-like tag or a 7–40 hex commit. */
export function isPinnedRef(ref: string): boolean {
  return /^v?\d+(?:[-+._][0-9A-Za-z.+-]*)?$/.test(ref) || /^[0-9a-f]{7,40}$/i.test(ref) || /^(?:refs\/tags\/|[A-Za-z][\w.-]*[-_/]v?\d+(?:\.\d+)+)/.test(ref);
}
