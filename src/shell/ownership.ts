import type { BuildFile } from '../model/build-file.js';
import type { InstructionNode } from '../model/types.js';
import { resolveAgainst, workdirAt } from '../model/users.js';
import { basename } from './basename.js';
import { modeSetting, parseMode } from './file-modes.js';
import { analyzeRun } from './run-script.js';
import type { ShellWord, SimpleCommand } from './types.js';

/**
 * Ownership and permission changes of a RUN (`chown`, `chgrp`, `chmod`, `install -m`, …) with
 * their target paths resolved against the WORKDIR, for `prefer-copy-chown` and
 * `openshift-arbitrary-uid`.
 */

export interface PathChange {
  kind: 'chown' | 'chgrp' | 'chmod';
  command: SimpleCommand;
  /** The command word (`chown`). */
  word: ShellWord;
  /** chown: `user[:group]`; chgrp: the group; chmod: the mode. */
  spec: string;
  /** The target paths, resolved; unknown ones are left out. */
  paths: string[];
  recursive: boolean;
  /** Index of the command in the RUN's command list. */
  index: number;
}

/** Splits chown/chgrp arguments into the owner spec and the paths. */
function ownerArgs(command: SimpleCommand): { spec: ShellWord; paths: ShellWord[]; recursive: boolean } | undefined {
  let spec: ShellWord | undefined;
  const paths: ShellWord[] = [];
  let recursive = false;
  let endOfOptions = false;
  for (const word of command.args) {
    const v = word.value;
    if (!endOfOptions && v === '--') {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && v.startsWith('-') && v.length > 1) {
      if (v.startsWith('--reference')) return undefined;
      if (v === '-R' || v === '--recursive' || /^-[A-Za-z]*R/.test(v)) recursive = true;
      continue;
    }
    if (spec === undefined) spec = word;
    else paths.push(word);
  }
  return spec ? { spec, paths, recursive } : undefined;
}

/** The chown/chgrp/chmod changes of a RUN, in order. */
export function pathChanges(file: BuildFile, node: InstructionNode): PathChange[] {
  const changes: PathChange[] = [];
  let workdir = workdirAt(file, node);
  const scope = file.scope(node);
  const resolve = (word: ShellWord): string | undefined => {
    if (word.hasCommandSubstitution) return undefined;
    const expansion = scope.expand(word.value, file.escapeChar);
    if (!expansion.known) return undefined;
    return resolveAgainst(workdir, expansion.value);
  };
  analyzeRun(file, node).commands.forEach((command, index) => {
    const word = command.name;
    if (!word) return;
    const name = basename(word.value);
    if (name === 'cd') workdir = undefined;
    if (name === 'chown' || name === 'chgrp') {
      const parsed = ownerArgs(command);
      if (!parsed) return;
      const spec = scope.expand(parsed.spec.value, file.escapeChar);
      if (!spec.known) return;
      const paths = parsed.paths.map(resolve).filter((p): p is string => p !== undefined);
      changes.push({ kind: name, command, word, spec: spec.value, paths, recursive: parsed.recursive, index });
      return;
    }
    // Only chmod's changes count: `install -m` and `mkdir -m` modes are not read.
    if (name !== 'chmod') return;
    const setting = modeSetting(command);
    if (setting && parseMode(setting.modeText).valid) {
      const paths = setting.paths.map(resolve).filter((p): p is string => p !== undefined);
      changes.push({ kind: 'chmod', command, word, spec: setting.modeText, paths, recursive: setting.recursive, index });
    }
  });
  return changes;
}
