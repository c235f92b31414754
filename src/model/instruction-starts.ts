/**
 * Where the instructions of a build file start, and its escape character, found by one linear
 * pass over the text with char-code loops.
 *
 * The answers are those of the parser layerlint's model used before (dockerfile-ast 0.7.1),
 * quirks included, so that the model's instructions stay exactly what they were; the model
 * itself reads every instruction from its start (`ParsedInstruction`) and skips starts that lie
 * inside the previous instruction's extent (a heredoc body or continuation the scan ended
 * earlier). test/model/instruction-starts.test.ts compares both against dockerfile-ast on
 * the corpus and on generated texts. What the scan reproduces:
 * - the parser-directive block: `#` lines with `name=value` from the first line on (after a
 *   BOM, leading blanks allowed), ended by a blank line or any other line; the escape
 *   character is the value of the first `escape` directive (name case-insensitive) whose value
 *   is exactly `\` or `` ` ``; instructions are looked for from the line after the block;
 * - an instruction starts at the first character of a line (after blanks) that is not `#`;
 *   it ends at the first line break that is not escaped, where escaped line breaks may be
 *   followed by blank lines and comment lines, and an escape character may be followed by
 *   blanks before the line break;
 * - RUN, COPY and ADD (also as an ONBUILD trigger) with an argument `<<NAME` (`<<-NAME`,
 *   quoted names) continue to the line that is exactly NAME (leading tabs allowed with
 *   `<<-`), each heredoc after the previous one, or to the end of the file.
 */

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const EQUALS = 61;
const BACKSLASH = 92;
const BACKTICK = 96;
const BOM = 0xfeff;

export interface InstructionStarts {
  /** The escape character: `\` unless an `escape` parser directive sets `` ` ``. */
  escapeChar: '\\' | '`';
  /** Offsets of the instruction keywords, ascending (ONBUILD triggers not included). */
  starts: number[];
}

export function scanInstructionStarts(text: string): InstructionStarts {
  const directives = readDirectives(text);
  const escapeChar = directives.escape === BACKTICK ? '`' : '\\';
  const scanner = new Scanner(text, escapeChar);
  let from = 0;
  if (directives.count > 0) from = lineStart(text, directives.count);
  else if (text.charCodeAt(0) === BOM) from = 1;
  return { escapeChar, starts: scanner.scan(from) };
}

/** The number of parser-directive lines and the first valid escape value (a char code, or -1). */
function readDirectives(text: string): { count: number; escape: number } {
  const n = text.length;
  let count = 0;
  let escape = -1;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  directives: for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB) continue;
    if (c !== HASH) break; // a line break (blank line) or anything else ends the block
    let nameStart = -1;
    let nameEnd = -1;
    for (let j = i + 1; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === SPACE || d === TAB) {
        if (nameStart !== -1 && nameEnd === -1) nameEnd = j;
        continue;
      }
      if (d === CR || d === LF) break directives;
      if (d !== EQUALS) {
        if (nameStart === -1) nameStart = j;
        continue;
      }
      if (nameEnd === -1) nameEnd = j;
      let valueStart = -1;
      let valueEnd = -1;
      let lineEnd = n;
      for (let k = j + 1; k < n; k++) {
        const e = text.charCodeAt(k);
        if (e === CR || e === LF) {
          if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
          lineEnd = k;
          break;
        }
        if (e === SPACE || e === TAB) {
          if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
          continue;
        }
        if (valueStart === -1) valueStart = k;
      }
      if (nameStart === -1) break directives; // `#=value`: a comment
      if (valueStart === -1) {
        valueStart = j + 1;
        valueEnd = lineEnd;
      } else if (valueEnd === -1) {
        valueEnd = n;
      }
      count++;
      if (escape === -1 && valueEnd - valueStart === 1 && text.slice(nameStart, nameEnd).toLowerCase() === 'escape') {
        const value = text.charCodeAt(valueStart);
        if (value === BACKSLASH || value === BACKTICK) escape = value;
      }
      // Scanning goes on just after the value: blanks then a line break end the block, and
      // another `#` on the same line reads one more directive (as dockerfile-ast does).
      i = text.charCodeAt(valueEnd) === CR ? valueEnd + 1 : valueEnd;
      continue directives;
    }
    break; // end of file inside a `#` line without `=`
  }
  return { count, escape };
}

/** Offset of the start of 0-based line `line` (line breaks `\r\n`, `\r`, `\n`), or the text length. */
function lineStart(text: string, line: number): number {
  const n = text.length;
  let current = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      if (c === CR && text.charCodeAt(i + 1) === LF) i++;
      if (++current === line) return i + 1;
    }
  }
  return n;
}

interface Argument {
  value: string;
  start: number;
  end: number;
}

class Scanner {
  private readonly text: string;
  private readonly n: number;
  private readonly escapeChar: string;
  private readonly escape: number;
  /** State of the last `keyword()` call. */
  private instructionEnd = -1;
  private argumentsFrom = -1;
  private keywordText = '';
  /** The characters the scan looks for, searched natively (the scan asks from ever later offsets). */
  private readonly lt: NextOccurrence;
  private readonly lf: NextOccurrence;
  private readonly cr: NextOccurrence;
  private readonly escapes: NextOccurrence;

  constructor(text: string, escapeChar: string) {
    this.text = text;
    this.n = text.length;
    this.escapeChar = escapeChar;
    this.escape = escapeChar.charCodeAt(0);
    this.lt = new NextOccurrence(text, '<');
    this.lf = new NextOccurrence(text, '\n');
    this.cr = new NextOccurrence(text, '\r');
    this.escapes = new NextOccurrence(text, escapeChar);
  }

  scan(from: number): number[] {
    const { text, n } = this;
    const starts: number[] = [];
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR || c === LF) continue;
      if (c === HASH) {
        i = this.lineEnd(i);
        continue;
      }
      starts.push(i);
      i = this.instruction(i);
    }
    return starts;
  }

  /** Offset of the line break ending the line at `from`, or the text length. */
  private lineEnd(from: number): number {
    return Math.min(this.lf.from(from + 1), this.cr.from(from + 1));
  }

  /** Reads the instruction starting at `start`; returns the offset of its final line break (or the text length). */
  private instruction(start: number): number {
    const end = this.keyword(start, false);
    if (this.argumentsFrom === -1) return end;
    return this.instructionArguments(start, this.instructionEnd, this.argumentsFrom);
  }

  /**
   * Reads the keyword from `start`. Sets `instructionEnd`, and `argumentsFrom` (the blank
   * after the keyword; -1 when the instruction has no arguments); returns where the
   * instruction ends when it has none. With `collect`, `keywordText` is the keyword as
   * dockerfile-ast spells it (escaped line breaks removed, a `#` after one dropped).
   */
  private keyword(start: number, collect: boolean): number {
    const { text, n, escape } = this;
    let keyword = collect ? text.charAt(start) : '';
    let instructionEnd = -1;
    let escaped = false;
    this.argumentsFrom = -1;
    let i = start + 1;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === escape) {
        escaped = true;
        const next = text.charCodeAt(i + 1);
        if (next === CR || next === LF) {
          if (instructionEnd === -1) instructionEnd = i;
          i++;
        } else if (next === SPACE || next === TAB) {
          const j = skipBlanks(text, i + 2, n);
          const d = text.charCodeAt(j);
          if (d === CR || d === LF) {
            i = j;
            continue;
          }
          instructionEnd = i + 1;
          if (collect) keyword += this.escapeChar;
          if (j >= n) break;
          i = j - 2;
          continue;
        } else {
          instructionEnd = i + 1;
          if (collect) keyword += this.escapeChar;
          escaped = false;
        }
        continue;
      }
      if (c === SPACE || c === TAB) {
        if (escaped) {
          const j = skipBlanks(text, i + 1, n);
          const d = text.charCodeAt(j);
          if (d === CR || d === LF) {
            i = j;
            continue;
          }
        }
        if (instructionEnd === -1) instructionEnd = i;
        this.instructionEnd = instructionEnd;
        this.argumentsFrom = i;
        this.keywordText = keyword;
        return i;
      }
      if (c === CR || c === LF) {
        if (escaped) continue;
        this.instructionEnd = instructionEnd === -1 ? i : instructionEnd;
        this.keywordText = keyword;
        return i;
      }
      if (c === HASH && escaped) continue;
      instructionEnd = i + 1;
      if (collect) keyword += text.charAt(i);
      escaped = false;
    }
    this.instructionEnd = instructionEnd === -1 ? n : instructionEnd;
    this.keywordText = keyword;
    return n;
  }

  /**
   * Reads the arguments from the blank at `from` (the keyword ends at `keywordEnd`); returns
   * the offset of the instruction's final line break.
   */
  private instructionArguments(start: number, keywordEnd: number, from: number): number {
    const { text, n, escape } = this;
    let escaped = false;
    for (let i = from + 1; i < n; i++) {
      // Outside a continuation only a line break or an escape character changes anything: jump to the next one.
      if (!escaped) i = Math.min(this.lf.from(i), this.cr.from(i), this.escapes.from(i));
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) {
        if (escaped) continue;
        return this.hasLt(keywordEnd, i) ? this.heredocs(start, i) : i;
      }
      if (c === escape) {
        const next = text.charCodeAt(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SPACE || next === TAB) {
          const j = skipBlanks(text, i + 2, n);
          if (j >= n) return n;
          const d = text.charCodeAt(j);
          if (d === CR || d === LF) escaped = true;
          i = j;
        }
        continue;
      }
      if (c === HASH) {
        if (escaped) i = this.lineEnd(i);
        continue;
      }
      if (c === SPACE || c === TAB) continue;
      escaped = false;
    }
    return n;
  }

  /** Whether there is a `<` in `[from, to)`. */
  private hasLt(from: number, to: number): boolean {
    return this.lt.from(from) < to;
  }

  /**
   * The instruction from `start` has its final unescaped line break at `end`: when it is a
   * RUN, COPY or ADD (or ONBUILD of one) with heredoc arguments, skips their bodies.
   */
  private heredocs(start: number, end: number): number {
    this.keyword(start, true);
    let keyword = this.keywordText.toUpperCase();
    let argumentsFrom = this.instructionEnd;
    if (keyword === 'ONBUILD') {
      const trigger = this.rawArguments(argumentsFrom, end)[0];
      if (!trigger) return end;
      keyword = this.text.slice(trigger.start, trigger.end).toUpperCase();
      argumentsFrom = trigger.end;
    }
    if (keyword !== 'RUN' && keyword !== 'COPY' && keyword !== 'ADD') return end;
    const args = this.rawArguments(argumentsFrom, end);
    // Flags: words with `--` before the first word without; as many words are dropped from the front.
    let flags = 0;
    for (const arg of args) {
      if (!arg.value.includes('--')) break;
      if (arg.value.startsWith('--')) flags++;
    }
    const names: string[] = [];
    let tabbed = false;
    for (let a = flags; a < args.length; a++) {
      const value = (args[a] as Argument).value;
      if (value.length > 2 && value.startsWith('<<')) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = heredocName(value);
        if (name !== null) names.push(name);
      }
    }
    let offset = end;
    for (const name of names) offset = this.heredocBody(name, offset, tabbed);
    return offset;
  }

  /** The offset of the line break after the line that is exactly `name` (leading tabs allowed when `tabbed`), from `offset`. */
  private heredocBody(name: string, offset: number, tabbed: boolean): number {
    const { text, n } = this;
    let wordStart = -1;
    let lineStart = true;
    for (let i = offset; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) lineStart = false;
      else if (c === TAB) {
        if (!tabbed) lineStart = false;
      } else if (c === CR || c === LF) {
        if (wordStart !== -1 && i - wordStart === name.length && text.startsWith(name, wordStart)) return i;
        wordStart = -1;
        lineStart = true;
      } else if (lineStart) {
        wordStart = i;
        lineStart = false;
      }
    }
    return n;
  }

  /**
   * The argument words of `[from, to)` with escapes resolved (an escaped `$` keeps its escape),
   * comment lines inside continuations dropped, and their file ranges (dockerfile-ast's
   * `Instruction.getRawArguments`).
   */
  private rawArguments(from: number, to: number): Argument[] {
    const { text, escape } = this;
    const args: Argument[] = [];
    let start = false;
    let comment = false;
    let found = -1;
    let escapedWhitespace = false;
    let escaping = false;
    let escapeMarker = -1;
    let value = '';
    const push = (end: number): void => {
      args.push({ value, start: found, end });
    };
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR || c === LF) {
        if (escaping) {
          escapedWhitespace = true;
          if (c === CR || c === LF) {
            escapedWhitespace = false;
            if (comment) {
              comment = false;
              start = true;
            }
          }
          continue;
        }
        if (found !== -1) {
          push(escapeMarker === -1 ? i : escapeMarker);
          escapeMarker = -1;
          value = '';
          found = -1;
        }
      } else if (c === escape) {
        const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < to; j++) {
            const d = text.charCodeAt(j);
            if (d === SPACE || d === TAB) continue;
            if (d === CR || d === LF) {
              if (d === CR) j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break;
            }
            escapeMarker = i;
            if (found === -1) i = j - 1;
            break;
          }
        } else if (next === CR || next === LF) {
          comment = false;
          escaping = true;
          start = true;
          if (found !== -1 && escapeMarker === -1) escapeMarker = i;
          i += next === CR ? 2 : 1;
        } else {
          if (escapedWhitespace && escapeMarker !== -1) {
            push(escapeMarker);
            value = '';
            found = -1;
          }
          escapeMarker = -1;
          escapedWhitespace = false;
          escaping = false;
          if (next === -1) break;
          value += next === 36 ? this.escapeChar + '$' : text.charAt(i + 1);
          if (found === -1) found = i;
          i++;
        }
      } else if (!comment) {
        if (start && c === HASH) {
          comment = true;
        } else {
          if (escapedWhitespace && escapeMarker !== -1) {
            push(escapeMarker);
            value = '';
            found = -1;
          }
          escapedWhitespace = false;
          escaping = false;
          escapeMarker = -1;
          value += text.charAt(i);
          if (found === -1) found = i;
        }
        start = false;
      }
    }
    if (found !== -1) push(escapeMarker === -1 ? to : escapeMarker);
    return args;
  }
}

/**
 * The offset of the next occurrence of a character, asked from offsets that never decrease:
 * each occurrence is searched for once, so the asks of a whole scan cost one pass of the
 * native search over the text.
 */
class NextOccurrence {
  /** The first occurrence at or after the last offset asked (the text length when there is none; -1 before the first ask). */
  private next = -1;

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** The first occurrence at or after `offset` (not before the last offset asked), or the text length. */
  from(offset: number): number {
    if (this.next < offset) {
      this.next = this.text.indexOf(this.char, offset);
      if (this.next === -1) this.next = this.text.length;
    }
    return this.next;
  }
}

/** The delimiter of a heredoc word (`<<NAME`, `<<-NAME`, quoted), or null when it is not one. */
/** The offset of the first character from `from` on that is not a space or tab (`end` if none). */
function skipBlanks(text: string, from: number, end: number): number {
  let j = from;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c !== SPACE && c !== TAB) break;
    j++;
  }
  return j;
}

function heredocName(word: string): string | null {
  let value = word.slice(2);
  if (value.startsWith('-')) value = value.slice(1);
  if (value.startsWith('"')) {
    if (!value.endsWith('"')) return null;
    value = value.substring(1, value.length - 1); // substring, not slice: `"` alone stays `"`
  }
  if (value.startsWith("'")) {
    if (!value.endsWith("'")) return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.startsWith('<')) return null;
  return value;
}
