import { classifyArgs, type ClassifiedArgs, type ClassifiedOption } from '../options.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { copyWord } from '../word.js';

/**
 * Shared vocabulary of the package-manager recognisers (RULES.md `pinned-versions` and the
 * other package-manager rules). Each manager module turns a `SimpleCommand` into a
 * `PackageCommand`; no rule parses a package manager's arguments itself.
 */

/** The family keys used in rule options (`managers: { apt: true, ... }`). */
export type ManagerKey =
  | 'apt'
  | 'pip'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'apk'
  | 'gem'
  | 'yum'
  | 'dnf'
  | 'zypper'
  | 'go'
  | 'cargo'
  | 'composer'
  | 'conda';

export type PackageAction = 'install' | 'update' | 'upgrade' | 'remove' | 'clean' | 'other';

export interface PackageWord {
  /**
   * The word naming the package. For a package that came from a variable (`$PKGS`), a copy of
   * the variable word (same `raw` and range) whose `value` is this package's text.
   */
  word: ShellWord;
  /** Package name part, e.g. `curl` from `curl=1.2`, `@types/node` from `@types/node@20`. */
  name: string;
  /** The package text after variable resolution (`curl=1.2`). */
  text: string;
  /** Whether the word pins a version (or names a fixed artifact: a file, a path, a commit). */
  pinned: boolean;
  /** Whether the pin is exact, not a range or a moving tag (the `exactOnly` option). */
  exact: boolean;
  /** False when part of the word is an unresolvable variable (then it counts as pinned). */
  known: boolean;
  /** The variable the package came from, for `$PKGS`-style words. */
  variable?: string;
  /** A VCS or git reference (pinned by a ref or commit, not by a version). */
  vcs?: boolean;
  /** E.g. the unquoted `>`/`<` constraint case: `quote the version constraint`. */
  note?: string;
}

export interface PackageCommand {
  /** The family key used in the `managers` option. */
  manager: ManagerKey;
  /** The actual program: `apt-get`, `pip3`, `microdnf`, ... (`python3 -m pip` → `pip`). */
  tool: string;
  command: SimpleCommand;
  /** The first non-option word after the tool (RULES.md §0.5 "subcommand"). */
  subcommand: ShellWord | undefined;
  action: PackageAction;
  /** Only for install-like actions; empty otherwise. */
  packages: PackageWord[];
  options: ClassifiedArgs['options'];
  /** False when the command must be skipped for pinning (pip -c constraints, incomplete argv, ...). */
  checkPins: boolean;
}

/**
 * Resolves a word that contains variables: the words it expands to (known), or undefined when
 * it cannot be known. `packageCommands` builds one from the RUN's scope.
 */
export type WordResolver = (word: ShellWord) => ShellWord[] | undefined;

export interface RecognizeOptions {
  resolve?: WordResolver;
}

export type Recognizer = (command: SimpleCommand, options?: RecognizeOptions) => PackageCommand | undefined;

/** The program name of a command, by basename, or undefined when it is not a literal word. */
export function toolName(command: SimpleCommand): string | undefined {
  const name = command.name;
  if (!name || name.hasVariables || name.value === '') return undefined;
  return command.program;
}

/**
 * A tool name without a suffix that `suffix` matches (`.exe`, `.cmd`, `.phar`). Most command
 * names have no dot, and those skip the regular expression: every recogniser asks this of
 * every command.
 */
export function withoutSuffix<T extends string | undefined>(tool: T, suffix: RegExp): T {
  return tool !== undefined && tool.includes('.') ? (tool.replace(suffix, '') as T) : tool;
}

const RESOLVED = Symbol('resolved');

interface ResolvedWord extends ShellWord {
  [RESOLVED]?: { variable: string | undefined; source: ShellWord };
}

/**
 * A copy of `source` (same raw text and range) whose value is one resolved piece. Other code
 * sees a plain word; `resolvedFrom` tells it came from a variable.
 */
export function resolvedWord(source: ShellWord, value: string, variable: string | undefined): ShellWord {
  const word: ResolvedWord = copyWord(source, { value, hasVariables: false, hasCommandSubstitution: false });
  word[RESOLVED] = { variable, source };
  return word;
}

export function resolvedFrom(word: ShellWord): { variable: string | undefined; source: ShellWord } | undefined {
  return (word as ResolvedWord)[RESOLVED];
}

/**
 * The arguments with variables resolved where the resolver can: a wholly-variable word may
 * become several words (or none), a word that cannot be resolved is kept as written (its
 * `hasVariables` stays true, and package checks treat it as unknown).
 */
export function expandArgs(args: readonly ShellWord[], resolve: WordResolver | undefined): ShellWord[] {
  const out: ShellWord[] = [];
  for (const word of args) {
    if (!word.hasVariables || word.hasCommandSubstitution || !resolve) {
      out.push(word);
      continue;
    }
    const resolved = resolve(word);
    if (resolved) out.push(...resolved);
    else out.push(word);
  }
  return out;
}

/** `$NAME` / `${NAME}` (optionally double-quoted) as written: the variable's name. */
export function wholeVariableName(raw: string): string | undefined {
  const match = /^("?)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))\1$/.exec(raw);
  return match ? (match[2] ?? match[3]) : undefined;
}

/** Whether a word still holds an unresolved expansion (then its content is unknown). */
export function isUnknown(word: ShellWord): boolean {
  return word.hasVariables || word.hasCommandSubstitution;
}

/**
 * The text of a word before its first unresolved expansion: the part that is known. For
 * `curl=${V}` this is `curl=`; for `$PKG` it is empty.
 */
export function knownPrefix(word: ShellWord): string {
  if (!isUnknown(word)) return word.value;
  const index = word.value.search(/\$[A-Za-z_{(]|`/);
  return index < 0 ? word.value : word.value.slice(0, index);
}

/**
 * The unquoted-constraint case: `pip install flask>=2` is the word `flask` followed, with no
 * space, by the redirection `>` to `=2`.
 */
export function redirectNote(command: SimpleCommand, word: ShellWord): string | undefined {
  for (const redirect of command.redirects) {
    if (redirect.operator !== '>' && redirect.operator !== '<') continue;
    if (!/^=?\s*v?\d|^=/.test(redirect.target?.value ?? '')) continue;
    const start = redirect.range.start;
    if (start.line === word.range.end.line && start.character === word.range.end.character) return 'quote the version constraint';
  }
  return undefined;
}

export interface PackageCheck {
  name: string;
  pinned: boolean;
  exact?: boolean;
  vcs?: boolean;
}

/**
 * Builds the package entry for one word. Words with an unresolved variable count as pinned
 * when the package name is written before the variable; wholly unknown words are dropped.
 */
export function makePackage(
  command: SimpleCommand,
  word: ShellWord,
  check: (text: string) => PackageCheck,
  nameOf: (text: string) => string = (text) => text,
): PackageWord | undefined {
  const origin = resolvedFrom(word);
  const variable = origin?.variable;
  // The optional fields are added only when set (not spread from `{}`: a throwaway object per field per package).
  if (isUnknown(word)) {
    const prefix = knownPrefix(word);
    if (prefix === '') return undefined;
    const unknown: PackageWord = { word, name: nameOf(prefix), text: word.value, pinned: true, exact: true, known: false };
    if (variable) unknown.variable = variable;
    return unknown;
  }
  const text = word.value;
  const result = check(text);
  const note = result.pinned ? undefined : redirectNote(command, origin?.source ?? word);
  const found: PackageWord = { word, name: result.name, text, pinned: result.pinned, exact: result.pinned && (result.exact ?? true), known: true };
  if (variable) found.variable = variable;
  if (result.vcs) found.vcs = true;
  if (note) found.note = note;
  return found;
}

/** Whether a word is an option (starts with `-` and is more than `-`). */
export function isOptionWord(word: ShellWord): boolean {
  return word.value.length > 1 && word.value.startsWith('-') && !isUnknown(word);
}

const globCache = new Map<string, RegExp>();

/**
 * A glob (`*`, `?`, `[...]`) as an anchored regular expression. Memoized (rules compile their
 * option globs for every file): the result has no `g`/`y` flag, so sharing it is safe.
 */
export function globToRegExp(glob: string): RegExp {
  let regex = globCache.get(glob);
  if (regex === undefined) {
    regex = compileGlob(glob);
    if (globCache.size >= 10_000) globCache.clear();
    globCache.set(glob, regex);
  }
  return regex;
}

function compileGlob(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob.charAt(i);
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = close;
      }
    } else source += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

const SEMVER = /^v?=?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** An exact semantic version (`1.2.3`, `v1.2.3-rc.1`), not a range or a tag. */
export function isExactSemver(version: string): boolean {
  return SEMVER.test(version);
}

/** Classifies a tool's arguments after resolving variables in them. */
export function classify(args: readonly ShellWord[], withValue: readonly string[], resolve: WordResolver | undefined): ClassifiedArgs {
  return classifyArgs(expandArgs(args, resolve), { withValue });
}

export function hasAny(classified: ClassifiedArgs, names: readonly string[]): boolean {
  return classified.options.some((option) => names.includes(option.name));
}

/** The options among `names`, in order. */
export function optionsNamed(classified: ClassifiedArgs, names: readonly string[]): ClassifiedOption[] {
  return classified.options.filter((option) => names.includes(option.name));
}

/** The common part of every recogniser's result. */
export function baseCommand(
  manager: ManagerKey,
  tool: string,
  command: SimpleCommand,
  classified: ClassifiedArgs,
  subcommand: ShellWord | undefined,
  action: PackageAction,
): PackageCommand {
  return { manager, tool, command, subcommand, action, packages: [], options: classified.options, checkPins: command.complete };
}

/** Keeps the defined entries. */
export function compact<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((item): item is T => item !== undefined);
}
