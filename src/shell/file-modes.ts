import { classifyArgs } from './options.js';
import type { ShellWord, SimpleCommand } from './types.js';

/**
 * File-mode parsing for the permission rules (`no-setuid-setgid`, `no-world-writable`,
 * `openshift-arbitrary-uid`): what an octal or symbolic mode grants, and where a RUN sets
 * modes (`chmod`, `install -m`, `mkdir -m`).
 */

export interface ModeEffect {
  setuid: boolean;
  setgid: boolean;
  /** The "other" class gains write (and the sticky bit is not set by an octal mode). */
  worldWritable: boolean;
  /** The group class gains write (`g+w`, `g=u`, `775`). */
  groupWritable: boolean;
  /** Whether the text was a mode at all. */
  valid: boolean;
}

const OCTAL = /^0?[0-7]{1,4}$/;
const SYMBOLIC_CLAUSE = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/;

/** What a chmod-style mode grants; `valid: false` for text that is not a mode. */
export function parseMode(mode: string): ModeEffect {
  const effect: ModeEffect = { setuid: false, setgid: false, worldWritable: false, groupWritable: false, valid: false };
  if (OCTAL.test(mode)) {
    const digits = mode.length === 5 ? mode.slice(1) : mode;
    const padded = digits.padStart(4, '0');
    const special = Number(padded[0]);
    const group = Number(padded[2]);
    const other = Number(padded[3]);
    effect.valid = true;
    // A four-digit mode (or five with a leading 0) sets the special bits.
    if (digits.length === 4) {
      effect.setuid = (special & 4) !== 0;
      effect.setgid = (special & 2) !== 0;
    }
    effect.worldWritable = (other & 2) !== 0 && (special & 1) === 0;
    effect.groupWritable = (group & 2) !== 0;
    return effect;
  }
  const clauses = mode.split(',');
  let sticky = false;
  for (const clause of clauses) {
    const match = SYMBOLIC_CLAUSE.exec(clause);
    if (!match) return { ...effect, valid: false };
    const who = match[1] as string;
    const ops = (match[2] as string).match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const op of ops) {
      const operator = op[0];
      const perms = op.slice(1);
      if (operator === '-') continue;
      if (perms.includes('t')) sticky = true;
      const all = who === '' || who.includes('a');
      if (perms.includes('s')) {
        if (all || who.includes('u')) effect.setuid = true;
        if (all || who.includes('g')) effect.setgid = true;
      }
      if (perms.includes('w') && (who.includes('o') || who.includes('a'))) effect.worldWritable = true;
      if ((perms.includes('w') || perms.includes('u')) && (who.includes('g') || who.includes('a'))) effect.groupWritable = true;
    }
  }
  // `o+t` (the sticky bit) makes a world-writable directory /tmp-style, like octal 1777.
  if (sticky) effect.worldWritable = false;
  effect.valid = true;
  return effect;
}

export interface ModeSetting {
  tool: 'chmod' | 'install' | 'mkdir';
  mode: ShellWord;
  /** The mode text (the inline part of `-m0755` / `--mode=0755`). */
  modeText: string;
  paths: ShellWord[];
  recursive: boolean;
}

const INSTALL_VALUE_OPTIONS: readonly string[] = ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory', '-Z', '--context'];
const MKDIR_VALUE_OPTIONS: readonly string[] = ['-m', '--mode', '-Z', '--context'];

/** Whether a word could hold `-m` or `--mode`: most `mkdir`/`install` commands have none, and skip classifying. */
function mayHaveModeOption(args: readonly ShellWord[]): boolean {
  return args.some((word) => word.value.startsWith('-') && word.value.includes('m'));
}

/** Where a command sets a file mode: `chmod MODE path…`, `install -m MODE`, `mkdir -m MODE`. */
export function modeSetting(command: SimpleCommand): ModeSetting | undefined {
  const name = command.program;
  if (name === 'chmod') {
    // Symbolic modes such as `-w` look like options, so chmod's own options are listed.
    let mode: ShellWord | undefined;
    const paths: ShellWord[] = [];
    let recursive = false;
    let endOfOptions = false;
    for (const word of command.args) {
      const v = word.value;
      if (!endOfOptions && v === '--') {
        endOfOptions = true;
        continue;
      }
      if (!endOfOptions && v.startsWith('--')) {
        if (v.startsWith('--reference')) return undefined;
        if (v === '--recursive') recursive = true;
        continue;
      }
      if (!endOfOptions && /^-[Rvcfh]+$/.test(v)) {
        if (v.includes('R')) recursive = true;
        continue;
      }
      if (mode === undefined) mode = word;
      else paths.push(word);
    }
    if (!mode) return undefined;
    return { tool: 'chmod', mode, modeText: mode.value, paths, recursive };
  }
  if ((name === 'install' || name === 'mkdir') && mayHaveModeOption(command.args)) {
    const withValue = name === 'install' ? INSTALL_VALUE_OPTIONS : MKDIR_VALUE_OPTIONS;
    const classified = classifyArgs(command.args, { withValue });
    const option = classified.options.find((o) => o.name === '-m' || o.name === '--mode');
    if (!option || option.value === undefined) return undefined;
    const mode = option.valueWord ?? option.word;
    const isDirInstall = name === 'install' && classified.options.some((o) => o.name === '-d' || o.name === '--directory');
    const paths = name === 'install' && !isDirInstall ? classified.operands.slice(-1) : classified.operands;
    return { tool: name, mode, modeText: option.value, paths, recursive: false };
  }
  return undefined;
}

/** The range of a mode word's mode text (the `0755` in `-m0755` or `--mode=0755`). */
export function modeTextOffsets(setting: ModeSetting): { start: number; end: number } {
  const word = setting.mode;
  const contiguous = word.endOffset - word.startOffset === word.raw.length && word.raw === word.value;
  if (contiguous && word.value.endsWith(setting.modeText) && word.value !== setting.modeText) {
    return { start: word.endOffset - setting.modeText.length, end: word.endOffset };
  }
  return { start: word.startOffset, end: word.endOffset };
}
