import { basename } from './basename.js';
import type { ShellAssignment, ShellWord } from './types.js';
import { copyWord } from './word.js';

/**
 * Looking through command wrappers (`sudo`, `env`, `xargs`, `sh -c`, ...) so that the inner
 * command can be analysed as if written directly (RULES.md §0.5 "The shell model").
 *
 * `unwrapWords` only looks at the argv words of one simple command; re-parsing the script of
 * `sh -c '<script>'` is left to the caller (the parser), which knows where the word came from.
 */

export interface UnwrapHooks {
  /**
   * Splits a `NAME=value` word (`eq` is the index of `=` in both `raw` and `value`) into an
   * assignment whose value is a sub-word with exact positions.
   */
  assignment(word: ShellWord, eq: number): ShellAssignment;
}

export interface UnwrapResult {
  /** Index in `words` of the inner command's name; `words.length` when there is none. */
  nameIndex: number;
  /** The wrappers looked through, outermost first (not including `script.wrapper`). */
  wrappers: string[];
  /** `NAME=value` words given to `env` or `sudo`. */
  assignments: ShellAssignment[];
  /** False behind `xargs`: the argument list is only partly known. */
  complete: boolean;
  /** Set when the innermost wrapper is `sh -c '<script>'` or `su -c '<script>'`. */
  script: { word: ShellWord; index: number; wrapper: string } | undefined;
}

/** The POSIX shells whose `-c` script is parsed as a script. */
export const SHELL_NAMES: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

/** The wrapper names `unwrapWords` looks through. */
export const WRAPPER_NAMES: ReadonlySet<string> = new Set([
  'sudo',
  'doas',
  'env',
  'command',
  'exec',
  'nice',
  'nohup',
  'time',
  'timeout',
  'stdbuf',
  'ionice',
  'busybox',
  'xargs',
  'su',
  ...SHELL_NAMES,
]);

interface OptionGrammar {
  /** Short option letters that take a value (`-u root`, `-uroot`). */
  shortValue: string;
  /** Long options (without dashes) that take a value when written without `=`. */
  longValue: readonly string[];
  /** Short letters whose value, if any, is only ever written inline (`xargs -i{}`). */
  shortInline?: string;
  /** Short letters that mean "this is not a wrapper" (`command -v`). */
  stopShort?: string;
  /** Long options that mean "this is not a wrapper". */
  stopLong?: readonly string[];
}

const GRAMMARS: Record<string, OptionGrammar> = {
  sudo: {
    shortValue: 'ugCDhprtUT',
    longValue: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout'],
    stopShort: 'lVvkK',
    stopLong: ['list', 'version', 'validate', 'help', 'edit'],
  },
  doas: { shortValue: 'uC', longValue: [] },
  env: {
    shortValue: 'uCS',
    longValue: ['unset', 'chdir', 'split-string', 'block-signal', 'default-signal', 'ignore-signal'],
  },
  command: { shortValue: '', longValue: [], stopShort: 'vV' },
  exec: { shortValue: 'a', longValue: [] },
  nice: { shortValue: 'n', longValue: ['adjustment'] },
  nohup: { shortValue: '', longValue: [] },
  time: { shortValue: 'fo', longValue: ['format', 'output'] },
  timeout: { shortValue: 'sk', longValue: ['signal', 'kill-after'] },
  stdbuf: { shortValue: 'ioe', longValue: ['input', 'output', 'error'] },
  ionice: { shortValue: 'cnpPu', longValue: ['class', 'classdata', 'pid', 'pgid', 'uid'] },
  xargs: {
    shortValue: 'adEILnPs',
    shortInline: 'eil',
    longValue: ['arg-file', 'delimiter', 'eof', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'process-slot-var'],
  },
};

const SHELL_GRAMMAR: OptionGrammar = { shortValue: 'oO', longValue: ['rcfile', 'init-file'] };

/** Index of `=` when `text` starts with `NAME=` (a shell variable name), else -1. */
export function assignmentPrefix(text: string): number {
  const first = text.charCodeAt(0);
  if (!(first === 95 || (first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return -1;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) return i;
    if (!(c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return -1;
  }
  return -1;
}

/** Default split of `NAME=value`, exact when the word has no line continuation inside. */
export function splitAssignmentWord(word: ShellWord, eq: number): ShellAssignment {
  const name = word.value.slice(0, eq);
  const contiguous = word.endOffset - word.startOffset === word.raw.length && word.raw.slice(0, eq + 1) === word.value.slice(0, eq + 1);
  if (eq + 1 >= word.raw.length) return { name, value: undefined, range: word.range };
  const valueText = word.value.slice(eq + 1);
  let value: ShellWord;
  if (contiguous) {
    const startOffset = word.startOffset + eq + 1;
    value = copyWord(word, {
      raw: word.raw.slice(eq + 1),
      value: valueText,
      // `NAME=` holds no line break, so the value starts on the word's first line.
      range: {
        start: { line: word.range.start.line, character: word.range.start.character + eq + 1 },
        end: word.range.end,
      },
      startOffset,
    });
  } else {
    value = copyWord(word, { value: valueText });
  }
  return { name, value, range: word.range };
}

const defaultHooks: UnwrapHooks = { assignment: splitAssignmentWord };

/**
 * Skips the options of a wrapper starting at `i`. Returns the index of the first operand,
 * or -1 when an option says the command is not a wrapper.
 */
function skipOptions(words: readonly ShellWord[], i: number, g: OptionGrammar, dashIsOption = false): number {
  while (i < words.length) {
    const v = (words[i] as ShellWord).value;
    if (v === '--') return i + 1;
    if (v === '-' && dashIsOption) {
      i++;
      continue;
    }
    if (v.length < 2 || v.charCodeAt(0) !== 45) return i;
    if (v.charCodeAt(1) === 45) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      if (g.stopLong?.includes(name)) return -1;
      i += eq < 0 && g.longValue.includes(name) ? 2 : 1;
      continue;
    }
    let takesNext = false;
    for (let k = 1; k < v.length; k++) {
      const ch = v.charAt(k);
      if (g.stopShort?.includes(ch)) return -1;
      if (g.shortInline?.includes(ch)) break;
      if (g.shortValue.includes(ch)) {
        takesNext = k === v.length - 1;
        break;
      }
    }
    i += takesNext ? 2 : 1;
  }
  return i;
}

/** `sh [opts] -c script`: the index of the script word, or -1. */
function shellScriptIndex(words: readonly ShellWord[], i: number): number {
  let sawC = false;
  while (i < words.length) {
    const v = (words[i] as ShellWord).value;
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    const c0 = v.charCodeAt(0);
    if (v.length < 2 || (c0 !== 45 && c0 !== 43)) break;
    if (c0 === 45 && v.charCodeAt(1) === 45) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v.slice(2) : v.slice(2, eq);
      i += eq < 0 && SHELL_GRAMMAR.longValue.includes(name) ? 2 : 1;
      continue;
    }
    let takesNext = false;
    for (let k = 1; k < v.length; k++) {
      const ch = v.charAt(k);
      if (ch === 'c' && c0 === 45) sawC = true;
      else if (SHELL_GRAMMAR.shortValue.includes(ch)) {
        takesNext = k === v.length - 1;
        break;
      }
    }
    i += takesNext ? 2 : 1;
  }
  return sawC && i < words.length ? i : -1;
}

/** `su [options] [-] [user] -c script`: the index of the script word, or -1. */
function suScriptIndex(words: readonly ShellWord[], i: number): number {
  const withValue = 'sgGw';
  for (; i < words.length; i++) {
    const v = (words[i] as ShellWord).value;
    if (v === '-c' || v === '--command') return i + 1 < words.length ? i + 1 : -1;
    if (v.startsWith('--')) {
      if (v.startsWith('--command=')) return -1; // script embedded in the option word: not mapped
      if (v === '--shell' || v === '--group' || v === '--supp-group' || v === '--whitelist-environment') i++;
      continue;
    }
    if (v.length > 1 && v.charCodeAt(0) === 45) {
      for (let k = 1; k < v.length; k++) {
        const ch = v.charAt(k);
        if (ch === 'c') return k === v.length - 1 && i + 1 < words.length ? i + 1 : -1;
        if (withValue.includes(ch)) {
          if (k === v.length - 1) i++;
          break;
        }
      }
    }
  }
  return -1;
}

/**
 * Looks through the wrappers at the start of `words`. Nested wrappers are followed
 * (`sudo env X=1 nice -n 5 cmd`). A wrapper with nothing after its options is the command
 * itself (`sudo -v`, `env`, `exec 3>&1`).
 */
export function unwrapWords(words: readonly ShellWord[], hooks: UnwrapHooks = defaultHooks): UnwrapResult {
  const wrappers: string[] = [];
  const assignments: ShellAssignment[] = [];
  let complete = true;
  let i = 0;
  while (i < words.length) {
    const word = words[i] as ShellWord;
    if (word.hasVariables) break;
    const name = basename(word.value);
    if (!WRAPPER_NAMES.has(name)) break;
    const found: ShellAssignment[] = [];
    let next = -1;
    if (SHELL_NAMES.has(name)) {
      const index = shellScriptIndex(words, i + 1);
      if (index < 0) break;
      return { nameIndex: i, wrappers, assignments, complete, script: { word: words[index] as ShellWord, index, wrapper: `${name} -c` } };
    }
    if (name === 'su') {
      const index = suScriptIndex(words, i + 1);
      if (index < 0) break;
      return { nameIndex: i, wrappers, assignments, complete, script: { word: words[index] as ShellWord, index, wrapper: 'su -c' } };
    }
    if (name === 'busybox') {
      const applet = words[i + 1];
      next = applet && !applet.value.startsWith('-') ? i + 1 : -1;
    } else {
      const grammar = GRAMMARS[name];
      if (!grammar) break;
      next = skipOptions(words, i + 1, grammar, name === 'env');
      if (next >= 0 && name === 'timeout') next = next < words.length ? next + 1 : -1;
      if (next >= 0 && (name === 'env' || name === 'sudo')) {
        while (next < words.length) {
          const w = words[next] as ShellWord;
          const eq = assignmentPrefix(w.value);
          if (eq < 0) break;
          found.push(hooks.assignment(w, eq));
          next++;
        }
      }
    }
    if (next < 0 || next >= words.length) break;
    wrappers.push(name);
    for (const a of found) assignments.push(a);
    if (name === 'xargs') complete = false;
    i = next;
  }
  return { nameIndex: i, wrappers, assignments, complete, script: undefined };
}
