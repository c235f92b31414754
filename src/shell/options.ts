import type { ShellWord } from './types.js';

/**
 * A generic option classifier for the package-manager helpers (RULES.md §0.5, "Options"):
 * combined short flags `-qy` are `-q -y`; `-ovalue`, `-o value`, `--opt=value` and
 * `--opt value` are recognised for value-taking options; `--` ends the options.
 */

export interface OptionSpec {
  /** options that take a value, e.g. ['-o','--option','-t','--target-release'] */
  withValue: readonly string[];
}

export interface ClassifiedOption {
  /** `-y`, `--no-install-recommends`, `-o`, ... (for `--opt=value`, the part before `=`). */
  name: string;
  /** The word the option came from. */
  word: ShellWord;
  /** The option's value text (inline or from the next word), if any. */
  value: string | undefined;
  /** The separate word holding the value (`-o value`, `--opt value`); undefined when inline. */
  valueWord: ShellWord | undefined;
}

export interface ClassifiedArgs {
  /** non-option words (operands), in order; the first is usually the subcommand */
  operands: ShellWord[];
  /** options found: name (e.g. '-y', '--no-install-recommends', '-o'), the word it came from, and its value word/text if any */
  options: ClassifiedOption[];
}

// The value-option lists are module constants classified against for every command: each gets
// its Set once. Short lists (often written inline at the call) are searched as they are.
const valueOptionSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const SHORT_LIST = 8;

function valueOptionSet(list: readonly string[]): ReadonlySet<string> | readonly string[] {
  if (list.length <= SHORT_LIST) return list;
  let set = valueOptionSets.get(list);
  if (set === undefined) {
    set = new Set(list);
    valueOptionSets.set(list, set);
  }
  return set;
}

function takesValue(withValue: ReadonlySet<string> | readonly string[], name: string): boolean {
  return withValue instanceof Set ? withValue.has(name) : (withValue as readonly string[]).includes(name);
}

export function classifyArgs(args: ShellWord[], spec: OptionSpec): ClassifiedArgs {
  const withValue = valueOptionSet(spec.withValue);
  const operands: ShellWord[] = [];
  const options: ClassifiedOption[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i] as ShellWord;
    const v = word.value;
    if (v === '--') {
      i++;
      break;
    }
    if (v.length < 2 || v.charCodeAt(0) !== 45) {
      operands.push(word);
      continue;
    }
    if (v.charCodeAt(1) === 45) {
      // --long, --long=value, --long value
      const eq = v.indexOf('=');
      if (eq > 0) {
        options.push({ name: v.slice(0, eq), word, value: v.slice(eq + 1), valueWord: undefined });
      } else if (takesValue(withValue, v) && i + 1 < args.length) {
        const valueWord = args[++i] as ShellWord;
        options.push({ name: v, word, value: valueWord.value, valueWord });
      } else {
        options.push({ name: v, word, value: undefined, valueWord: undefined });
      }
      continue;
    }
    if (takesValue(withValue, v)) {
      // A value-taking option written whole (also multi-letter single-dash ones: `-name x`).
      const valueWord = args[i + 1];
      if (valueWord !== undefined) i++;
      options.push({ name: v, word, value: valueWord?.value, valueWord });
      continue;
    }
    // Short cluster: -qy, -ovalue, -qo value
    for (let k = 1; k < v.length; k++) {
      const name = `-${v.charAt(k)}`;
      if (!takesValue(withValue, name)) {
        options.push({ name, word, value: undefined, valueWord: undefined });
        continue;
      }
      if (k + 1 < v.length) {
        options.push({ name, word, value: v.slice(k + 1), valueWord: undefined });
      } else {
        const valueWord = args[i + 1];
        if (valueWord !== undefined) i++;
        options.push({ name, word, value: valueWord?.value, valueWord });
      }
      break;
    }
  }
  for (; i < args.length; i++) operands.push(args[i] as ShellWord);
  return { operands, options };
}

export function hasOption(c: ClassifiedArgs, ...names: string[]): boolean {
  return c.options.some((o) => names.includes(o.name));
}

/** The value of the last occurrence of one of the options, if any. */
export function optionValue(c: ClassifiedArgs, ...names: string[]): string | undefined {
  for (let k = c.options.length - 1; k >= 0; k--) {
    const o = c.options[k] as ClassifiedOption;
    if (names.includes(o.name)) return o.value;
  }
  return undefined;
}
