import type { ShellWord, SimpleCommand } from '../types.js';
import {
  baseCommand,
  classify,
  compact,
  isExactSemver,
  makePackage,
  toolName,
  withoutSuffix,
  type ManagerKey,
  type PackageAction,
  type PackageCheck,
  type PackageCommand,
  type RecognizeOptions,
} from './common.js';

/** npm (DL3016), yarn and pnpm: they share npm's package-spec grammar. */

export const NPM_VALUE_OPTIONS: readonly string[] = [
  '--registry',
  '--loglevel',
  '--prefix',
  '--cache',
  '-w',
  '--workspace',
  '--omit',
  '--include',
  '--install-strategy',
  '--userconfig',
  '--globalconfig',
  '--tag',
  '--before',
  '--network-timeout',
  '--fetch-retries',
  '--location',
  '-C',
];

const YARN_VALUE_OPTIONS: readonly string[] = [
  '--registry',
  '--cache-folder',
  '--modules-folder',
  '--global-folder',
  '--link-folder',
  '--network-timeout',
  '--network-concurrency',
  '--mutex',
  '--cwd',
  '--prefix',
  '--use-yarnrc',
  '--https-proxy',
  '--proxy',
  '--preferred-cache-folder',
];

const PNPM_VALUE_OPTIONS: readonly string[] = [
  '--registry',
  '--filter',
  '-F',
  '-C',
  '--dir',
  '--store-dir',
  '--virtual-store-dir',
  '--modules-dir',
  '--reporter',
  '--loglevel',
  '--network-concurrency',
  '--child-concurrency',
  '--config',
  '--workspace-concurrency',
];

const NPM_INSTALL = new Set(['install', 'i', 'add', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall']);

const NPM_ACTIONS: Record<string, PackageAction> = {
  ci: 'install',
  'clean-install': 'install',
  'install-clean': 'install',
  ic: 'install',
  'isntall-clean': 'install',
  update: 'upgrade',
  up: 'upgrade',
  upgrade: 'upgrade',
  uninstall: 'remove',
  remove: 'remove',
  rm: 'remove',
  r: 'remove',
  un: 'remove',
  unlink: 'remove',
  prune: 'remove',
};

const YARN_ACTIONS: Record<string, PackageAction> = {
  add: 'install',
  install: 'install',
  upgrade: 'upgrade',
  up: 'upgrade',
  remove: 'remove',
  autoclean: 'clean',
};

const PNPM_ACTIONS: Record<string, PackageAction> = {
  add: 'install',
  install: 'install',
  i: 'install',
  update: 'upgrade',
  up: 'upgrade',
  upgrade: 'upgrade',
  remove: 'remove',
  rm: 'remove',
  uninstall: 'remove',
  un: 'remove',
  prune: 'remove',
};

const GIT_URL = /^(?:git:\/\/|git\+ssh:\/\/|git\+https?:\/\/|git\+file:\/\/|ssh:\/\/git@|git@)/;
const HOSTED = /^(?:github|gitlab|bitbucket|gist):/;
const SHORT_REPO = /^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/;
const TARBALL = /\.(?:tgz|tar\.gz|tar)$/i;
const LOCAL = /^(?:\.{1,2}(?:\/|$)|\/|~\/|file:)/;
const FLOATING = new Set(['', 'latest', '*', 'x', 'X']);

function gitCheck(text: string): PackageCheck {
  const hash = text.indexOf('#');
  const committish = hash < 0 ? '' : text.slice(hash + 1);
  if (committish === '') return { name: text, pinned: false, vcs: true };
  if (committish.startsWith('semver:')) {
    const range = committish.slice('semver:'.length);
    return { name: text.slice(0, hash), pinned: range !== '' && !FLOATING.has(range), exact: isExactSemver(range), vcs: true };
  }
  return { name: text.slice(0, hash), pinned: true, vcs: true };
}

/** The npm package-spec grammar: `name@spec`, `@scope/name@spec`, git, tarballs, paths. */
export function checkNpmSpec(text: string): PackageCheck {
  if (LOCAL.test(text)) return { name: text, pinned: true };
  if (GIT_URL.test(text) || HOSTED.test(text)) return gitCheck(text);
  if (/^https?:\/\//i.test(text)) return { name: text, pinned: TARBALL.test(text.replace(/[?#].*$/s, '')) };
  if (TARBALL.test(text)) return { name: text, pinned: true };
  if (!text.startsWith('@') && SHORT_REPO.test(text)) return gitCheck(text);
  const at = text.indexOf('@', text.startsWith('@') ? 1 : 0);
  if (at < 0) return { name: text, pinned: false };
  const name = text.slice(0, at);
  const spec = text.slice(at + 1).trim();
  if (FLOATING.has(spec)) return { name, pinned: false };
  if (spec.startsWith('npm:')) {
    const inner = checkNpmSpec(spec.slice(4));
    return { name, pinned: inner.pinned, exact: inner.exact ?? inner.pinned };
  }
  return { name, pinned: true, exact: isExactSemver(spec) };
}

interface Grammar {
  manager: ManagerKey;
  withValue: readonly string[];
  actions: Record<string, PackageAction>;
  /** Whether the operands after this subcommand (and after `global`) are packages. */
  installs(subcommand: string): boolean;
}

// A Map, not an object: every command name is looked up here, and a fresh string as an
// object key costs a string-table lookup each time.
const GRAMMARS: ReadonlyMap<string, Grammar> = new Map([
  ['npm', { manager: 'npm', withValue: NPM_VALUE_OPTIONS, actions: NPM_ACTIONS, installs: (sub) => NPM_INSTALL.has(sub) }],
  ['yarn', { manager: 'yarn', withValue: YARN_VALUE_OPTIONS, actions: YARN_ACTIONS, installs: (sub) => sub === 'add' }],
  ['pnpm', { manager: 'pnpm', withValue: PNPM_VALUE_OPTIONS, actions: PNPM_ACTIONS, installs: (sub) => sub === 'add' || sub === 'install' || sub === 'i' }],
]);

function actionOf(grammar: Grammar, tool: string, verb: ShellWord | undefined, next: ShellWord | undefined): PackageAction {
  if (!verb) return tool === 'yarn' ? 'install' : 'other';
  if (grammar.installs(verb.value)) return 'install';
  if (verb.value === 'cache' && next && (next.value === 'clean' || next.value === 'clear' || next.value === 'prune')) return 'clean';
  if (verb.value === 'store' && next?.value === 'prune') return 'clean';
  return grammar.actions[verb.value] ?? 'other';
}

function withoutWindowsSuffix<T extends string | undefined>(tool: T): T {
  return withoutSuffix(tool, /(?:\.cmd|\.exe)$/i);
}

/** Whether a command name (a basename) can be npm, yarn or pnpm: `packageCommands` asks first. */
export function isNpmTool(tool: string): boolean {
  return GRAMMARS.has(withoutWindowsSuffix(tool));
}

export function recognizeNpm(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const tool = withoutWindowsSuffix(toolName(command));
  if (!tool) return undefined;
  const grammar = GRAMMARS.get(tool);
  if (!grammar) return undefined;
  const classified = classify(command.args, grammar.withValue, options.resolve);
  const subcommand = classified.operands[0];
  // `yarn global add x`, `composer`-style: the verb follows `global`.
  const globalForm = subcommand?.value === 'global' && tool === 'yarn';
  const verbIndex = globalForm ? 1 : 0;
  const verb = classified.operands[verbIndex];
  // Bare `yarn` installs, but `yarn --version` / `yarn --help` only print.
  const infoOnly = !verb && command.args.some((a) => ['--version', '-v', '--help', '-h'].includes(a.value));
  const action = infoOnly ? 'other' : actionOf(grammar, tool, verb, classified.operands[verbIndex + 1]);
  const result = baseCommand(grammar.manager, tool, command, classified, subcommand, action);
  if (!verb || !grammar.installs(verb.value)) return result;
  const words = classified.operands.slice(verbIndex + 1);
  result.packages = compact(words.map((word) => makePackage(command, word, checkNpmSpec, (prefix) => checkNpmSpec(prefix).name)));
  return result;
}
