import { classifyArgs, type ClassifiedArgs } from './options.js';
import type { ShellWord, SimpleCommand } from './types.js';

/**
 * The file-system paths a command writes, with the word that names each (RULES.md §8
 * `no-volume-then-modify`): path operands of `mkdir`, `touch`, `rm`, `chown`, `chmod`,
 * destinations of `cp`, `mv`, `install`, `ln`, files edited by `sed -i`, `tee` outputs,
 * `>`/`>>` redirections, `tar -C`, `unzip -d`, `git clone`'s directory, `curl -o` and
 * `wget -O`/`-P`.
 */
export interface WrittenPath {
  /** The path as the shell sees it (quotes removed, variables as written). */
  value: string;
  /** The word naming the path (for an inline option value, the option word). */
  word: ShellWord;
}

const COPY_VALUE_OPTIONS = ['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group'];
const OPTION_SPECS: Readonly<Record<string, string[]>> = {
  mkdir: ['-m', '--mode', '--context'],
  touch: ['-d', '--date', '-r', '--reference', '-t'],
  rm: [],
  chown: ['--reference', '--from'],
  chgrp: ['--reference'],
  chmod: ['--reference'],
  cp: COPY_VALUE_OPTIONS,
  mv: COPY_VALUE_OPTIONS,
  install: COPY_VALUE_OPTIONS,
  ln: COPY_VALUE_OPTIONS,
  sed: ['-e', '--expression', '-f', '--file', '-l', '--line-length'],
  tee: [],
  tar: ['-C', '--directory', '-f', '--file', '-T', '--files-from', '-X', '--exclude-from', '--exclude', '-b', '--blocking-factor', '--owner', '--group', '--mode'],
  unzip: ['-d', '-x'],
  git: ['-C', '-c', '--branch', '-b', '--depth', '--origin', '-o', '--template', '--reference', '--config', '--filter', '-j', '--jobs'],
  curl: ['-o', '--output', '-H', '--header', '-d', '--data', '-X', '--request', '-u', '--user', '-A', '--user-agent', '-w', '--write-out', '-x', '--proxy', '-m', '--max-time', '--retry', '--connect-timeout', '--output-dir'],
  wget: ['-O', '--output-document', '-P', '--directory-prefix', '-o', '--output-file', '-a', '--append-output', '-t', '--tries', '-T', '--timeout', '-U', '--user-agent', '--header', '-e', '--execute', '--progress'],
};

const operandPaths = (words: ShellWord[]): WrittenPath[] => words.map((word) => ({ value: word.value, word }));

function optionPaths(parsed: ClassifiedArgs, names: string[]): WrittenPath[] {
  const found: WrittenPath[] = [];
  for (const option of parsed.options) {
    if (!names.includes(option.name) || option.value === undefined || option.value === '-') continue;
    found.push({ value: option.value, word: option.valueWord ?? option.word });
  }
  return found;
}

function destination(parsed: ClassifiedArgs): WrittenPath[] {
  const target = optionPaths(parsed, ['-t', '--target-directory']);
  if (target.length > 0) return target;
  const last = parsed.operands.at(-1);
  return parsed.operands.length >= 2 && last ? [{ value: last.value, word: last }] : [];
}

/** The paths a command writes; empty for commands it does not know. */
export function writtenPaths(command: SimpleCommand): WrittenPath[] {
  const paths: WrittenPath[] = [];
  for (const redirect of command.redirects) {
    if ((redirect.operator === '>' || redirect.operator === '>>' || redirect.operator === '>|' || redirect.operator === '&>' || redirect.operator === '&>>' || /^\d>>?$/.test(redirect.operator)) && redirect.target) {
      if (!redirect.target.value.startsWith('/dev/')) paths.push({ value: redirect.target.value, word: redirect.target });
    }
  }
  const name = command.program;
  if (!name || !command.complete) return paths;
  const spec = OPTION_SPECS[name];
  if (!spec) return paths;
  const parsed = classifyArgs(command.args, { withValue: spec });
  switch (name) {
    case 'mkdir':
    case 'touch':
    case 'rm':
    case 'tee':
      return paths.concat(operandPaths(parsed.operands));
    case 'chown':
    case 'chgrp':
    case 'chmod': {
      const hasReference = parsed.options.some((o) => o.name === '--reference');
      return paths.concat(operandPaths(parsed.operands.slice(hasReference ? 0 : 1)));
    }
    case 'cp':
    case 'mv':
    case 'install':
    case 'ln':
      if (name === 'install' && parsed.options.some((o) => o.name === '-d' || o.name === '--directory')) return paths.concat(operandPaths(parsed.operands));
      return paths.concat(destination(parsed));
    case 'sed': {
      if (!parsed.options.some((o) => o.name === '-i' || o.name.startsWith('--in-place'))) return paths;
      const hasScriptOption = parsed.options.some((o) => o.name === '-e' || o.name === '--expression' || o.name === '-f' || o.name === '--file');
      return paths.concat(operandPaths(parsed.operands.slice(hasScriptOption ? 0 : 1)));
    }
    case 'tar':
      return paths.concat(optionPaths(parsed, ['-C', '--directory']));
    case 'unzip':
      return paths.concat(optionPaths(parsed, ['-d']));
    case 'git': {
      const [subcommand, , directory] = parsed.operands;
      return subcommand?.value === 'clone' && directory ? paths.concat([{ value: directory.value, word: directory }]) : paths;
    }
    case 'curl':
      return paths.concat(optionPaths(parsed, ['-o', '--output', '--output-dir']));
    case 'wget':
      return paths.concat(optionPaths(parsed, ['-O', '--output-document', '-P', '--directory-prefix']));
    default:
      return paths;
  }
}
