import type { Expansion, VariableReference, VariableValue } from './types.js';

/** Looks a variable up: undefined when it was never declared in the scope. */
export type VariableLookup = (name: string) => VariableValue | undefined;

const UNKNOWN: VariableValue = { known: false };

/**
 * BuildKit's word processing for instructions it expands (FROM, ENV, LABEL, COPY, ...):
 * quotes are removed, `$X`, `${X}` and `${X<modifier>word}` are substituted, single-quoted
 * text and escaped `\$` stay literal. A reference that cannot be resolved keeps its text and
 * marks the expansion unknown.
 */
export function expandWord(word: string, lookup: VariableLookup, escapeChar = '\\'): Expansion {
  // Most words (paths, image names, values) hold nothing to process: they expand to themselves.
  if (word.indexOf('$') < 0 && word.indexOf("'") < 0 && word.indexOf('"') < 0 && word.indexOf(escapeChar) < 0) {
    return { value: word, known: true, references: [] };
  }
  const state = { known: true, references: [] as VariableReference[] };
  const value = expandInto(word, 0, word.length, lookup, escapeChar, state, true);
  return { value, known: state.known, references: state.references };
}

interface ExpandState {
  known: boolean;
  references: VariableReference[];
}

function expandInto(
  word: string,
  from: number,
  to: number,
  lookup: VariableLookup,
  escapeChar: string,
  state: ExpandState,
  processQuotes: boolean,
): string {
  let out = '';
  let i = from;
  let inDouble = false;
  while (i < to) {
    // Ordinary characters are copied a run at a time, not one by one.
    const runEnd = nextSpecial(word, i, to, escapeChar);
    if (runEnd > i) {
      out += word.slice(i, runEnd);
      i = runEnd;
      if (i >= to) break;
    }
    const ch = word[i] as string;
    if (processQuotes && !inDouble && ch === "'") {
      const close = word.indexOf("'", i + 1);
      const end = close === -1 || close >= to ? to : close;
      out += word.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (processQuotes && ch === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (ch === escapeChar && i + 1 < to) {
      const next = word[i + 1] as string;
      // Inside double quotes only a few characters are escapable; elsewhere any is.
      if (!inDouble || next === '"' || next === '$' || next === escapeChar) {
        out += next;
        i += 2;
        continue;
      }
      out += ch;
      i++;
      continue;
    }
    if (ch === '$') {
      const parsed = parseReference(word, i, to);
      if (parsed) {
        out += resolveReference(parsed, word, lookup, escapeChar, state);
        i = parsed.end;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** The offset of the first quote, `$` or escape character in [from, to), or `to`. */
function nextSpecial(word: string, from: number, to: number, escapeChar: string): number {
  const escape = escapeChar.charCodeAt(0);
  let i = from;
  while (i < to) {
    const c = word.charCodeAt(i);
    if (c === 39 || c === 34 || c === 36 || c === escape) break;
    i++;
  }
  return i;
}

interface ParsedReference {
  name: string;
  start: number;
  end: number;
  modifier: string | undefined;
  wordStart: number;
  wordEnd: number;
}

/**
 * `[A-Za-z_]`, by char code: a variable name's first character (here and in the shell parser,
 * which both read names a character at a time, often before V8 optimizes).
 */
export function isNameStart(c: number): boolean {
  return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * By char code, 1 for `[A-Za-z0-9_]` (the rest of a variable name), else 0 or, past ASCII,
 * undefined: test `NAME_CHARS[c] === 1`, which also holds no name character for NaN. A table read
 * in place, not a predicate, because the loops over a name's characters run mostly in the CLI,
 * where V8 does not inline and a call per character costs.
 */
export const NAME_CHARS: Uint8Array = Uint8Array.from({ length: 128 }, (_, c) => (isNameStart(c) || (c >= 48 && c <= 57) ? 1 : 0));

const MODIFIERS = [':-', ':+', ':?', '##', '%%', '//', '-', '+', '?', '#', '%', '/'];

function parseReference(word: string, start: number, to: number): ParsedReference | undefined {
  const next = word[start + 1];
  if (next === undefined || start + 1 >= to) return undefined;
  if (next === '{') {
    let i = start + 2;
    const nameStart = i;
    while (i < to && NAME_CHARS[word.charCodeAt(i)] === 1) i++;
    const name = word.slice(nameStart, i);
    if (name.length === 0) return undefined;
    let modifier: string | undefined;
    for (const candidate of MODIFIERS) {
      if (word.startsWith(candidate, i)) {
        modifier = candidate;
        break;
      }
    }
    const wordStart = i + (modifier?.length ?? 0);
    let depth = 1;
    let j = wordStart;
    while (j < to) {
      const c = word[j];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) break;
      }
      j++;
    }
    if (j >= to) return undefined;
    if (modifier === undefined && j !== i) return undefined;
    return { name, start, end: j + 1, modifier, wordStart, wordEnd: j };
  }
  if (!isNameStart(next.charCodeAt(0))) return undefined;
  let i = start + 1;
  while (i < to && NAME_CHARS[word.charCodeAt(i)] === 1) i++;
  return { name: word.slice(start + 1, i), start, end: i, modifier: undefined, wordStart: i, wordEnd: i };
}

function resolveReference(
  ref: ParsedReference,
  word: string,
  lookup: VariableLookup,
  escapeChar: string,
  state: ExpandState,
): string {
  const modifierWord = ref.modifier === undefined ? undefined : word.slice(ref.wordStart, ref.wordEnd);
  state.references.push({ name: ref.name, start: ref.start, end: ref.end, modifier: ref.modifier, modifierWord });
  const raw = word.slice(ref.start, ref.end);
  const variable = lookup(ref.name) ?? UNKNOWN;
  const expandArgument = (): { text: string; known: boolean } => {
    const inner: ExpandState = { known: true, references: state.references };
    const text = expandInto(word, ref.wordStart, ref.wordEnd, lookup, escapeChar, inner, true);
    return { text, known: inner.known };
  };
  const unknown = (): string => {
    state.known = false;
    return raw;
  };
  switch (ref.modifier) {
    case undefined:
      return variable.known ? variable.value : unknown();
    case ':-':
    case '-': {
      if (!variable.known) return unknown();
      const useDefault = ref.modifier === ':-' ? variable.value === '' : false;
      if (!useDefault) return variable.value;
      const arg = expandArgument();
      if (!arg.known) state.known = false;
      return arg.text;
    }
    case ':+':
    case '+': {
      if (!variable.known) return unknown();
      const useAlternative = ref.modifier === ':+' ? variable.value !== '' : true;
      if (!useAlternative) return '';
      const arg = expandArgument();
      if (!arg.known) state.known = false;
      return arg.text;
    }
    case ':?':
    case '?':
      return variable.known ? variable.value : unknown();
    case '#':
    case '##':
    case '%':
    case '%%': {
      const arg = expandArgument();
      if (!variable.known || !arg.known) return unknown();
      return removePattern(variable.value, arg.text, ref.modifier);
    }
    case '/':
    case '//': {
      if (!variable.known) return unknown();
      const arg = expandArgument();
      if (!arg.known) return unknown();
      const slash = arg.text.indexOf('/');
      const pattern = slash === -1 ? arg.text : arg.text.slice(0, slash);
      const replacement = slash === -1 ? '' : arg.text.slice(slash + 1);
      if (pattern === '') return variable.value;
      const regex = globToRegExp(pattern, false);
      return variable.value.replace(new RegExp(regex.source, ref.modifier === '//' ? 'g' : ''), replacement);
    }
    default:
      return unknown();
  }
}

function removePattern(value: string, pattern: string, modifier: '#' | '##' | '%' | '%%'): string {
  const greedy = modifier.length === 2;
  if (modifier.startsWith('#')) {
    const lengths = [...Array(value.length + 1).keys()];
    if (greedy) lengths.reverse();
    const regex = globToRegExp(pattern, true);
    for (const length of lengths) {
      if (regex.test(value.slice(0, length))) return value.slice(length);
    }
    return value;
  }
  const starts = [...Array(value.length + 1).keys()];
  if (!greedy) starts.reverse();
  const regex = globToRegExp(pattern, true);
  for (const start of starts) {
    if (regex.test(value.slice(start))) return value.slice(0, start);
  }
  return value;
}

const globCache = new Map<string, RegExp>();

/**
 * Shell glob (`*`, `?`, `[...]`) to a regular expression; anchored when `whole`. Memoized (rules
 * match the same globs against every image of every file): the result has no `g`/`y` flag, so
 * sharing it is safe; do not set `lastIndex` on it.
 */
export function globToRegExp(glob: string, whole: boolean): RegExp {
  const key = `${whole ? '^' : '~'}${glob}`;
  const cached = globCache.get(key);
  if (cached !== undefined) return cached;
  const regex = compileGlob(glob, whole);
  if (globCache.size >= 10_000) globCache.clear();
  globCache.set(key, regex);
  return regex;
}

function compileGlob(glob: string, whole: boolean): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) source += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        source += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(whole ? `^${source}$` : source);
}

/** The variable references in a word, without resolving them (for rules that check names). */
export function findReferences(word: string, escapeChar = '\\'): VariableReference[] {
  return expandWord(word, () => undefined, escapeChar).references;
}
