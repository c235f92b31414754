import type { ClassifiedOption } from '../options.js';
import type { ShellWord, SimpleCommand } from '../types.js';
import { copyWord } from '../word.js';
import {
  baseCommand,
  classify,
  compact,
  hasAny,
  makePackage,
  toolName,
  withoutSuffix,
  type PackageAction,
  type PackageCheck,
  type PackageCommand,
  type RecognizeOptions,
} from './common.js';

/** pip, pip2, pip3, pip3.N, `python… -m pip`, `py -m pip`, pipx and `uv pip` (DL3013). */

export const PIP_VALUE_OPTIONS: readonly string[] = [
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--src',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--proxy',
  '--trusted-host',
  '--upgrade-strategy',
  '--root-user-action',
  '--python',
  '--cache-dir',
  '--log',
  '--log-file',
  '--timeout',
  '--retries',
  '--cert',
  '--client-cert',
  '--report',
  '-C',
  '--config-settings',
  '--global-option',
  '--exists-action',
  '--keyring-provider',
  '--use-feature',
  '--use-deprecated',
];

/** `uv pip install` adds these value-taking options to pip's. */
const UV_VALUE_OPTIONS: readonly string[] = [
  '-p',
  '--override',
  '--overrides',
  '-b',
  '--build-constraint',
  '--build-constraints',
  '--constraints',
  '--index',
  '--default-index',
  '--index-strategy',
  '--resolution',
  '--prerelease',
  '--exclude-newer',
  '--python-platform',
  '--link-mode',
  '-P',
  '--upgrade-package',
  '--reinstall-package',
  '--refresh-package',
  '--no-build-isolation-package',
  '--config-file',
  '--extra',
  '--group',
  '--directory',
  '--project',
  '--color',
  '--torch-backend',
];

const PIPX_VALUE_OPTIONS: readonly string[] = ['--python', '--pip-args', '--suffix', '--index-url', '-i', '--spec', '--preinstall', '--backend'];

const CONSTRAINT_OPTIONS = ['-c', '--constraint', '--constraints'];
const EDITABLE_OPTIONS = ['-e', '--editable'];

const ACTIONS: Record<string, PackageAction> = {
  install: 'install',
  inject: 'install',
  uninstall: 'remove',
  remove: 'remove',
  sync: 'install',
  upgrade: 'upgrade',
  'upgrade-all': 'upgrade',
  reinstall: 'install',
  purge: 'clean',
};

const PIP_NAME = /^pip(?:\d+(?:\.\d+)*)?$/;
const PYTHON_NAME = /^(?:python(?:\d+(?:\.\d+)*)?|py)(?:\.exe)?$/;
/** Python interpreter options that take a value. */
const PYTHON_VALUE = new Set(['-X', '-W', '--check-hash-based-pycs']);

const ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|zip)$/i;
const VCS = /^(?:git|hg|svn|bzr)\+[A-Za-z]+:\/\/([^/]*)(\/[^#]*)?/;
const SPECIFIER = /===|==|~=|>=|<=|!=|<|>/;
const LOCAL_PATH = /^(?:\.{1,2}(?:[/\\]|$)|\/|~\/)/;
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

function stripUrl(text: string): string {
  return text.replace(/[?#].*$/s, '');
}

function vcsHasRef(url: string): boolean {
  const path = VCS.exec(url)?.[2] ?? '';
  return /@./.test(path);
}

/** The requirement grammar of pip (PEP 508 plus pip's paths, archives and VCS URLs). */
export function checkPipRequirement(text: string, editable = false): PackageCheck {
  const trimmed = text.trim();
  const name = NAME.exec(trimmed)?.[0] ?? trimmed;
  if (/^(?:git|hg|svn|bzr)\+/.test(trimmed)) {
    const pinned = vcsHasRef(trimmed);
    const hash = trimmed.indexOf('#');
    const egg = hash === -1 ? undefined : /(?:^|[&#])egg=([^&]+)/.exec(trimmed.slice(hash + 1))?.[1];
    return { name: egg ?? trimmed, pinned, vcs: true };
  }
  if (LOCAL_PATH.test(trimmed)) return { name: trimmed, pinned: true };
  if (editable) return { name, pinned: false };
  const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*@\s*(\S.*)$/.exec(trimmed);
  if (direct) {
    const url = direct[2] as string;
    const exact = !/^(?:git|hg|svn|bzr)\+/.test(url) || vcsHasRef(url);
    return { name: direct[1] as string, pinned: true, exact };
  }
  if (/^https?:\/\//i.test(trimmed)) {
    const archive = ARCHIVE.test(stripUrl(trimmed));
    return { name: trimmed, pinned: archive };
  }
  if (ARCHIVE.test(stripUrl(trimmed))) return { name: trimmed, pinned: true };
  const requirement = trimmed.replace(/;.*$/s, '');
  const spec = SPECIFIER.exec(requirement);
  if (spec) return { name, pinned: true, exact: /(?<![<>!~])==/.test(requirement) && !/==[^,*=]*\*/.test(requirement) };
  return { name, pinned: false };
}

const UV_GLOBAL_VALUE = new Set(['--cache-dir', '--directory', '--project', '--config-file', '--color', '--python-preference', '--allow-insecure-host']);

/** The index of the first operand of a word list, skipping options and their values. */
function firstOperand(args: readonly ShellWord[], withValue: ReadonlySet<string>): number {
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as ShellWord).value;
    if (!value.startsWith('-') || value === '-') return i;
    if (withValue.has(value)) i++;
  }
  return -1;
}

/** `python [options] -m pip …`: the module and the index of its first argument. */
function pythonModule(args: readonly ShellWord[]): { module: string; start: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as ShellWord).value;
    if (!value.startsWith('-') || value === '-' || value === '--') return undefined; // a script or stdin
    if (value.startsWith('--')) {
      if (value === '--check-hash-based-pycs') i++;
      continue;
    }
    for (let k = 1; k < value.length; k++) {
      const letter = value.charAt(k);
      if (letter === 'c') return undefined; // -c code
      if (letter === 'm') {
        const rest = value.slice(k + 1);
        if (rest !== '') return { module: rest, start: i + 1 };
        const next = args[i + 1];
        return next ? { module: next.value, start: i + 2 } : undefined;
      }
      if (PYTHON_VALUE.has(`-${letter}`)) {
        if (k === value.length - 1) i++;
        break;
      }
    }
  }
  return undefined;
}

/** Which program a command name runs, of those that can run pip. */
function pipProgram(tool: string): 'pip' | 'pipx' | 'uv' | 'python' | undefined {
  const base = withoutSuffix(tool, /\.exe$/i);
  if (PIP_NAME.test(base)) return 'pip';
  if (base === 'pipx' || base === 'uv') return base;
  return PYTHON_NAME.test(base) ? 'python' : undefined;
}

/** Whether a command name (a basename) can run pip (`pip3`, `python -m pip`, `uv pip`): `packageCommands` asks first. */
export function isPipTool(tool: string): boolean {
  return pipProgram(tool) !== undefined;
}

/** Finds where pip's own arguments start: after `pip`, `python -m pip`, `pipx`, `uv pip`. */
function pipArgs(command: SimpleCommand): { tool: string; args: ShellWord[]; kind: 'pip' | 'pipx' | 'uv' } | undefined {
  const tool = toolName(command);
  if (!tool) return undefined;
  const program = pipProgram(tool);
  if (!program) return undefined;
  if (program === 'pip' || program === 'pipx') return { tool, args: command.args, kind: program };
  if (program === 'uv') {
    const first = firstOperand(command.args, UV_GLOBAL_VALUE);
    if (first < 0 || command.args[first]?.value !== 'pip') return undefined;
    return { tool: 'uv pip', args: [...command.args.slice(0, first), ...command.args.slice(first + 1)], kind: 'uv' };
  }
  const found = pythonModule(command.args);
  if (!found || !PIP_NAME.test(found.module)) return undefined;
  return { tool: found.module, args: command.args.slice(found.start), kind: 'pip' };
}

/** The value of an option as a word: its own word, or for `--opt=value` a copy of the option word. */
function valueAsWord(option: ClassifiedOption): ShellWord | undefined {
  if (option.valueWord) return option.valueWord;
  if (option.value === undefined) return undefined;
  return copyWord(option.word, { value: option.value });
}

export function recognizePip(command: SimpleCommand, options: RecognizeOptions = {}): PackageCommand | undefined {
  const found = pipArgs(command);
  if (!found) return undefined;
  const withValue =
    found.kind === 'pipx' ? PIPX_VALUE_OPTIONS : found.kind === 'uv' ? [...PIP_VALUE_OPTIONS, ...UV_VALUE_OPTIONS] : PIP_VALUE_OPTIONS;
  const classified = classify(found.args, withValue, options.resolve);
  const subcommand = classified.operands[0];
  const action = (subcommand && ACTIONS[subcommand.value]) ?? 'other';
  const result = baseCommand('pip', found.tool, command, classified, subcommand, action);
  if (subcommand?.value !== 'install' && !(found.kind === 'pipx' && subcommand?.value === 'inject')) return result;
  if (hasAny(classified, CONSTRAINT_OPTIONS)) result.checkPins = false;
  const nameOf = (prefix: string): string => checkPipRequirement(prefix).name;
  let words: { word: ShellWord; editable: boolean }[];
  if (found.kind === 'pipx') {
    const specs = compact(classified.options.filter((option) => option.name === '--spec').map(valueAsWord));
    const operands = subcommand.value === 'inject' ? classified.operands.slice(2) : classified.operands.slice(1);
    words = (specs.length > 0 ? specs : operands).map((word) => ({ word, editable: false }));
  } else {
    words = classified.operands.slice(1).map((word) => ({ word, editable: false }));
    for (const option of classified.options) {
      if (!EDITABLE_OPTIONS.includes(option.name)) continue;
      const word = valueAsWord(option);
      if (word) words.push({ word, editable: true });
    }
    words.sort((a, b) => a.word.startOffset - b.word.startOffset);
  }
  result.packages = compact(words.map(({ word, editable }) => makePackage(command, word, (text) => checkPipRequirement(text, editable), nameOf)));
  return result;
}
