import { LineTable } from '../model/line-table.js';
import type { Range } from '../model/types.js';
import { isNameStart, NAME_CHARS } from '../model/variables.js';
import { programOf } from './basename.js';
import type { CommandPlacement, ShellAssignment, ShellRedirect, ShellScript, ShellWord, SimpleCommand } from './types.js';
import { unwrapWords, type UnwrapHooks } from './unwrap.js';
import { copyWord, fileEnd, SourceWord, type WordOrigin } from './word.js';

/**
 * A purpose-built POSIX sh (+ common bash extensions) parser that lists every simple command
 * of a script with exact source positions (RULES.md §0.5 "The shell model").
 *
 * Single pass over char codes, recursive descent for the compound commands, never throws:
 * on a syntax error it records the error, recovers and goes on.
 */

export interface ScriptSource {
  /** The script as the shell sees it (Dockerfile line continuations already joined). */
  text: string;
  /** Maps an offset in `text` to an offset in the build file text (monotonic). */
  toFileOffset(offset: number): number;
  /** Line table of the whole build file, for turning file offsets into positions. */
  lines: LineTable;
}

type Scope = Exclude<CommandPlacement, 'pipeline'>;
type FollowedBy = SimpleCommand['followedBy'];
type OffsetMap = (offset: number) => number;

// Character codes.
const TAB = 9;
const NL = 10;
const CR = 13;
const SP = 32;
const BANG = 33;
const DQ = 34;
const HASH = 35;
const DOLLAR = 36;
const AMP = 38;
const SQ = 39;
const LP = 40;
const RP = 41;
const STAR = 42;
const PLUS = 43;
const MINUS = 45;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QM = 63;
const AT = 64;
const LB = 91;
const BS = 92;
const RB = 93;
const BQ = 96;
const LBRACE = 123;
const PIPE = 124;
const RBRACE = 125;

// Terminators a list can stop at.
const T_RPAREN = 1;
const T_BRACE = 2;
const T_THEN = 4;
const T_ELIF = 8;
const T_ELSE = 16;
const T_FI = 32;
const T_DO = 64;
const T_DONE = 128;
const T_ESAC = 256;
const T_DSEMI = 512;
const T_STRAY = 1024; // a lone `;` where a command should start: never expected

const RESERVED_TERMINATORS: ReadonlyMap<string, number> = new Map([
  ['}', T_BRACE],
  ['then', T_THEN],
  ['elif', T_ELIF],
  ['else', T_ELSE],
  ['fi', T_FI],
  ['do', T_DO],
  ['done', T_DONE],
  ['esac', T_ESAC],
]);
const TERMINATOR_WORDS: readonly string[] = [...RESERVED_TERMINATORS.keys()];

/** The reserved words that open a compound command (or `[[`). */
const COMPOUND_KEYWORDS: readonly string[] = ['{', 'if', 'while', 'until', 'for', 'select', 'case', 'function', '[['];

/** Nesting depth beyond which the parser gives up (keeps the stack bounded). */
const MAX_DEPTH = 150;
/** How deep `sh -c "sh -c '...'"` re-parsing goes. */
const MAX_SCRIPT_DEPTH = 8;

class Abort extends Error {}

function isDelim(c: number): boolean {
  // NaN (past the end) is a delimiter too.
  return (
    c === SP || c === TAB || c === NL || c === CR || c === SEMI || c === AMP || c === PIPE || c === LT || c === GT || c === LP || c === RP || c !== c
  );
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

interface RawCommand {
  words: SourceWord[];
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  scope: Scope;
  pipeline: SimpleCommand['pipeline'];
  followedBy: FollowedBy;
  /** File offsets of the whole command. */
  start: number;
  end: number;
  /** Placeholder for something that turned out not to be a command (a function name, ...). */
  empty: boolean;
  /** The parser that read the words (their text offsets are in its text). */
  parser: Parser;
}

/** State shared by a script and the scripts re-parsed out of it (`sh -c`). */
interface Shared {
  pipelineIds: number;
  hasSyntaxError: boolean;
  hasComments: boolean;
  firstError: { message: string; offset: number } | undefined;
}

/** State of one script parse (shared by the sub-parsers of its backquote substitutions). */
class State {
  readonly raw: RawCommand[] = [];
  silent = 0;
  depth = 0;
  constructor(
    readonly shared: Shared,
    readonly lines: LineTable,
    readonly scriptDepth: number,
  ) {}
}

class Parser {
  readonly n: number;
  /** What this parser's words map their offsets through (not the parser: words outlive it). */
  readonly origin: WordOrigin;
  pos = 0;
  heredocs: { delim: string; strip: boolean }[] = [];
  /** Set by `scanDollar`: the expansion was a variable / a command substitution. */
  private dVar = false;
  private dSub = false;
  /** Set by `scanAnsi`: the index after the closing quote. */
  private ansiEnd = 0;

  constructor(
    readonly t: string,
    readonly map: OffsetMap,
    readonly st: State,
  ) {
    this.n = t.length;
    this.origin = { lines: st.lines, map };
  }

  // ---------------------------------------------------------------- errors and positions

  fail(message: string, at: number): void {
    const st = this.st;
    if (st.silent > 0) return;
    st.shared.hasSyntaxError = true;
    if (st.shared.firstError === undefined) {
      st.shared.firstError = { message, offset: this.map(Math.max(0, Math.min(at, this.n - 1))) };
    }
  }

  /** `value` may be the very string `t.slice(s, e)`: then it serves as the raw text too. */
  makeWord(s: number, e: number, value: string, hasVariables: boolean, hasCommandSubstitution: boolean, quoted: boolean, raw = this.t.slice(s, e)): SourceWord {
    return new SourceWord(this.origin, raw, value, hasVariables, hasCommandSubstitution, quoted, s, e);
  }

  // ---------------------------------------------------------------- blanks, comments, newlines

  /** Skips blanks, line continuations and comments; stops at a newline. */
  skipBlanks(): void {
    const t = this.t;
    const n = this.n;
    let i = this.pos;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === SP || c === TAB || c === CR) i++;
      else if (c === BS && t.charCodeAt(i + 1) === NL) i += 2;
      else if (c === BS && t.charCodeAt(i + 1) === CR && t.charCodeAt(i + 2) === NL) i += 3;
      else if (c === HASH) {
        this.st.shared.hasComments = true;
        const nl = t.indexOf('\n', i);
        i = nl < 0 ? n : nl;
      } else break;
    }
    this.pos = i;
  }

  /** Skips blanks, comments and newlines (reading pending heredoc bodies). */
  skipWs(): void {
    for (;;) {
      this.skipBlanks();
      if (this.t.charCodeAt(this.pos) !== NL) return;
      this.consumeNewline();
    }
  }

  consumeNewline(): void {
    this.pos++;
    if (this.heredocs.length > 0) this.readHeredocs();
  }

  private readHeredocs(): void {
    const t = this.t;
    const n = this.n;
    const docs = this.heredocs;
    this.heredocs = [];
    for (const doc of docs) {
      while (this.pos < n) {
        let ls = this.pos;
        let le = t.indexOf('\n', ls);
        if (le < 0) le = n;
        this.pos = le < n ? le + 1 : n;
        if (doc.strip) while (t.charCodeAt(ls) === TAB) ls++;
        let end = le;
        if (end > ls && t.charCodeAt(end - 1) === CR) end--;
        if (end - ls === doc.delim.length && t.startsWith(doc.delim, ls)) break;
      }
    }
  }

  /** The length of the plain word at the cursor when it could be a reserved word, else 0. */
  private plainWordLength(): number {
    const t = this.t;
    const s = this.pos;
    const c0 = t.charCodeAt(s);
    if (!((c0 >= 97 && c0 <= 122) || c0 === LBRACE || c0 === RBRACE || c0 === LB || c0 === BANG)) return 0;
    let i = s + 1;
    while (i < this.n && i - s <= 8) {
      const c = t.charCodeAt(i);
      if (isDelim(c)) break;
      i++;
    }
    return isDelim(t.charCodeAt(i)) ? i - s : 0;
  }

  /**
   * The one of `words` that is the plain word at the cursor, else ''. Compared in place: almost
   * every command name is looked at here, and cutting it out of the text cost a string each time.
   */
  private reservedWordAmong(words: readonly string[]): string {
    const length = this.plainWordLength();
    if (length === 0) return '';
    for (const word of words) if (word.length === length && this.t.startsWith(word, this.pos)) return word;
    return '';
  }

  /** Whether the plain word at the cursor is `word`. */
  private atReserved(word: string): boolean {
    return this.plainWordLength() === word.length && this.t.startsWith(word, this.pos);
  }

  /** Consumes `word` (after blanks and newlines) when it is next as a reserved word. */
  private eatReserved(word: string): boolean {
    this.skipWs();
    if (!this.atReserved(word)) return false;
    this.pos += word.length;
    return true;
  }

  /** The terminator at the cursor (a command position), or 0. */
  private peekTerminator(): number {
    const t = this.t;
    const c = t.charCodeAt(this.pos);
    if (c === RP) return T_RPAREN;
    if (c === SEMI) {
      const d = t.charCodeAt(this.pos + 1);
      return d === SEMI || d === AMP ? T_DSEMI : T_STRAY;
    }
    if (c === RBRACE || (c >= 100 && c <= 116)) {
      const w = this.reservedWordAmong(TERMINATOR_WORDS);
      return w === '' ? 0 : (RESERVED_TERMINATORS.get(w) ?? 0);
    }
    return 0;
  }

  private skipTerminator(term: number): void {
    const t = this.t;
    if (term === T_RPAREN || term === T_STRAY) this.pos++;
    else if (term === T_DSEMI) this.pos += t.charCodeAt(this.pos + 2) === AMP && t.charCodeAt(this.pos + 1) === SEMI ? 3 : 2;
    else this.pos += this.plainWordLength() || 1;
  }

  // ---------------------------------------------------------------- lists and pipelines

  /**
   * Parses commands until a terminator in `mask` (left unconsumed) or the end. A terminator
   * of an enclosing construct (`outer`) ends the list with an error; any other is skipped.
   */
  parseList(scope: Scope, mask: number, outer: number): void {
    const st = this.st;
    if (++st.depth > MAX_DEPTH) {
      this.fail('nesting too deep', this.pos);
      throw new Abort();
    }
    for (;;) {
      this.skipWs();
      if (this.pos >= this.n) break;
      const term = this.peekTerminator();
      if (term !== 0) {
        if ((term & mask) !== 0) break;
        this.fail('unexpected token', this.pos);
        if ((term & outer) !== 0) break;
        this.skipTerminator(term);
        continue;
      }
      const before = this.pos;
      this.parseAndOr(scope, mask | outer);
      if (this.pos === before) {
        this.fail('unexpected character', this.pos);
        this.pos++;
      }
    }
    st.depth--;
  }

  private parseAndOr(scope: Scope, stop: number): void {
    const t = this.t;
    for (;;) {
      const last = this.parsePipeline(scope, stop);
      this.skipBlanks();
      const c = t.charCodeAt(this.pos);
      const d = t.charCodeAt(this.pos + 1);
      let op: FollowedBy;
      if (c === AMP && d === AMP) op = '&&';
      else if (c === PIPE && d === PIPE) op = '||';
      if (op !== undefined) {
        if (last) last.followedBy = op;
        this.pos += 2;
        this.skipWs();
        if (this.pos >= this.n || this.peekTerminator() !== 0) {
          this.fail(`expected a command after ${op}`, this.pos);
          return;
        }
        continue;
      }
      if (c === SEMI) {
        if (d === SEMI || d === AMP) return; // case item terminator
        if (last) last.followedBy = ';';
        this.pos++;
      } else if (c === AMP) {
        if (last) last.followedBy = '&';
        this.pos++;
      } else if (c === NL) {
        if (last) last.followedBy = '\n';
        this.consumeNewline();
      } else if (this.pos < this.n && c !== RP && this.peekTerminator() === 0) {
        this.fail('unexpected word after command', this.pos);
      }
      return;
    }
  }

  private parsePipeline(scope: Scope, stop: number): RawCommand | undefined {
    const t = this.t;
    this.skipBlanks();
    if (t.charCodeAt(this.pos) === BANG && isDelim(t.charCodeAt(this.pos + 1))) {
      this.pos++;
      this.skipBlanks();
    }
    let last: RawCommand | undefined;
    let stages: (RawCommand | undefined)[] | undefined;
    for (;;) {
      const before = this.pos;
      last = this.parseCommand(scope, stop);
      this.skipBlanks();
      if (t.charCodeAt(this.pos) !== PIPE || t.charCodeAt(this.pos + 1) === PIPE || this.pos === before) break;
      stages ??= [];
      stages.push(last);
      if (last) last.followedBy = '|';
      this.pos += t.charCodeAt(this.pos + 1) === AMP ? 2 : 1;
      this.skipWs();
      if (this.pos >= this.n || this.peekTerminator() !== 0) {
        this.fail('expected a command after |', this.pos);
        last = undefined;
        break;
      }
    }
    if (stages !== undefined) {
      stages.push(last);
      if (this.st.silent === 0) {
        const id = this.st.shared.pipelineIds++;
        const count = stages.length;
        for (let k = 0; k < count; k++) {
          const stage = stages[k];
          if (stage) stage.pipeline = { id, stage: k, stages: count };
        }
      }
    }
    return last;
  }

  // ---------------------------------------------------------------- commands

  private parseCommand(scope: Scope, stop: number): RawCommand | undefined {
    const t = this.t;
    this.skipBlanks();
    const c = t.charCodeAt(this.pos);
    if (c === LP) {
      if (t.charCodeAt(this.pos + 1) === LP) {
        const end = this.arithmeticEnd(this.pos);
        if (end > 0) {
          this.pos = end;
          this.parseTrailingRedirects();
          return undefined;
        }
      }
      const open = this.pos;
      this.pos++;
      this.parseList('subshell', T_RPAREN, stop);
      if (t.charCodeAt(this.pos) === RP) this.pos++;
      else this.fail('unterminated subshell', open);
      this.parseTrailingRedirects();
      return undefined;
    }
    const word = this.reservedWordAmong(COMPOUND_KEYWORDS);
    if (word !== '') {
      switch (word) {
        case '{': {
          const open = this.pos;
          this.pos++;
          this.parseList(scope, T_BRACE, stop);
          if (!this.eatReserved('}')) this.fail('unterminated brace group', open);
          this.parseTrailingRedirects();
          return undefined;
        }
        case 'if':
          this.parseIf(scope, stop);
          return undefined;
        case 'while':
        case 'until':
          this.pos += word.length;
          this.parseLoopBody(scope, stop, true);
          return undefined;
        case 'for':
        case 'select':
          this.pos += word.length;
          this.parseFor(scope, stop);
          return undefined;
        case 'case':
          this.parseCase(scope, stop);
          return undefined;
        case 'function':
          this.parseFunctionKeyword(scope, stop);
          return undefined;
        case '[[':
          return this.parseDoubleBracket(scope);
        default:
          break;
      }
    }
    return this.parseSimple(scope, stop);
  }

  private parseTrailingRedirects(): void {
    for (;;) {
      this.skipBlanks();
      const c = this.t.charCodeAt(this.pos);
      if ((c === LT || c === GT) && this.t.charCodeAt(this.pos + 1) === LP) return;
      const sink: ShellRedirect[] = [];
      if (!this.parseRedirect(sink)) return;
    }
  }

  private parseIf(scope: Scope, stop: number): void {
    const open = this.pos;
    this.pos += 2;
    const inner = stop | T_THEN | T_ELIF | T_ELSE | T_FI;
    this.parseList(scope, T_THEN, inner);
    if (!this.eatReserved('then')) return this.fail('expected "then"', open);
    this.parseList(scope, T_ELIF | T_ELSE | T_FI, stop);
    for (;;) {
      this.skipWs();
      if (this.atReserved('elif')) {
        this.pos += 4;
        this.parseList(scope, T_THEN, inner);
        if (!this.eatReserved('then')) return this.fail('expected "then"', this.pos);
        this.parseList(scope, T_ELIF | T_ELSE | T_FI, stop);
      } else if (this.atReserved('else')) {
        this.pos += 4;
        this.parseList(scope, T_FI, stop);
        if (!this.eatReserved('fi')) return this.fail('expected "fi"', open);
        break;
      } else if (this.atReserved('fi')) {
        this.pos += 2;
        break;
      } else return this.fail('expected "fi"', open);
    }
    this.parseTrailingRedirects();
  }

  /** `[while|until] cond; do body; done` after the keyword; `cond` is skipped for `for`. */
  private parseLoopBody(scope: Scope, stop: number, withCondition: boolean): void {
    const open = this.pos;
    if (withCondition) this.parseList(scope, T_DO, stop | T_DO | T_DONE);
    if (!this.eatReserved('do')) {
      this.skipWs();
      if (!withCondition && this.atReserved('{')) {
        this.parseCommand(scope, stop);
        return;
      }
      return this.fail('expected "do"', open);
    }
    this.parseList(scope, T_DONE, stop);
    if (!this.eatReserved('done')) return this.fail('expected "done"', open);
    this.parseTrailingRedirects();
  }

  private parseFor(scope: Scope, stop: number): void {
    const t = this.t;
    this.skipBlanks();
    if (t.charCodeAt(this.pos) === LP && t.charCodeAt(this.pos + 1) === LP) {
      const end = this.arithmeticEnd(this.pos);
      if (end < 0) {
        this.fail('unterminated for ((', this.pos);
        this.pos = this.n;
        return;
      }
      this.pos = end;
    } else if (!this.scanWord(false)) {
      this.fail('expected a variable name after for', this.pos);
    }
    this.skipWs();
    if (this.atReserved('in')) {
      this.pos += 2;
      for (;;) {
        this.skipBlanks();
        const c = t.charCodeAt(this.pos);
        if (this.pos >= this.n || c === SEMI || c === NL || isDelim(c)) break;
        if (!this.scanWord(false)) break;
      }
    }
    this.skipBlanks();
    if (t.charCodeAt(this.pos) === SEMI && t.charCodeAt(this.pos + 1) !== SEMI) this.pos++;
    this.parseLoopBody(scope, stop, false);
  }

  private parseCase(scope: Scope, stop: number): void {
    const t = this.t;
    const open = this.pos;
    this.pos += 4;
    this.skipBlanks();
    if (!this.scanWord(false)) return this.fail('expected a word after case', this.pos);
    if (!this.eatReserved('in')) return this.fail('expected "in"', open);
    for (;;) {
      this.skipWs();
      if (this.pos >= this.n) return this.fail('expected "esac"', open);
      if (this.atReserved('esac')) {
        this.pos += 4;
        break;
      }
      if (t.charCodeAt(this.pos) === LP) this.pos++;
      // Patterns: word ( '|' word )* ')'
      for (;;) {
        this.skipBlanks();
        const c = t.charCodeAt(this.pos);
        if (c === RP) {
          this.pos++;
          break;
        }
        if (c === PIPE) {
          this.pos++;
          continue;
        }
        if (!this.scanWord(false)) {
          this.fail('bad case pattern', this.pos);
          return;
        }
      }
      this.parseList(scope, T_DSEMI | T_ESAC, stop);
      if (t.charCodeAt(this.pos) === SEMI) this.skipTerminator(T_DSEMI);
      else if (!this.atReserved('esac')) return this.fail('expected "esac"', open);
    }
    this.parseTrailingRedirects();
  }

  private parseFunctionKeyword(scope: Scope, stop: number): void {
    const t = this.t;
    this.pos += 8;
    this.skipBlanks();
    if (!this.scanWord(false)) return this.fail('expected a function name', this.pos);
    this.skipBlanks();
    if (t.charCodeAt(this.pos) === LP) {
      this.pos++;
      this.skipBlanks();
      if (t.charCodeAt(this.pos) === RP) this.pos++;
      else this.fail('expected ")"', this.pos);
    }
    this.skipWs();
    this.parseCommand(scope, stop);
  }

  /** `[[ ... ]]`: one command named `[[` whose words run up to and including `]]`. */
  private parseDoubleBracket(scope: Scope): RawCommand {
    const t = this.t;
    const rc = this.openCommand(scope);
    const s = this.pos;
    rc.words.push(this.makeWord(s, s + 2, '[[', false, false, false));
    this.pos += 2;
    let closed = false;
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.n) break;
      const p = this.pos;
      const c = t.charCodeAt(p);
      if (c === NL) {
        this.consumeNewline();
        continue;
      }
      if (c === RB && t.charCodeAt(p + 1) === RB && isDelim(t.charCodeAt(p + 2))) {
        rc.words.push(this.makeWord(p, p + 2, ']]', false, false, false));
        this.pos += 2;
        closed = true;
        break;
      }
      if (c === SEMI) break;
      if (c === AMP || c === PIPE || c === LT || c === GT || c === LP || c === RP) {
        const d = t.charCodeAt(p + 1);
        const len = (c === AMP && d === AMP) || (c === PIPE && d === PIPE) ? 2 : 1;
        const op = t.slice(p, p + len);
        rc.words.push(this.makeWord(p, p + len, op, false, false, false));
        this.pos += len;
        continue;
      }
      const w = this.scanWord(false);
      if (!w) {
        this.pos++;
        continue;
      }
      rc.words.push(w);
    }
    if (!closed) this.fail('expected "]]"', s);
    const last = rc.words[rc.words.length - 1] as ShellWord;
    this.closeCommand(rc, (rc.words[0] as ShellWord).startOffset, last.endOffset);
    this.parseTrailingRedirects();
    return rc;
  }

  private openCommand(scope: Scope): RawCommand {
    const rc: RawCommand = {
      words: [],
      assignments: [],
      redirects: [],
      scope,
      pipeline: undefined,
      followedBy: undefined,
      start: 0,
      end: 0,
      empty: true,
      parser: this,
    };
    // Pushed before its words are scanned so that commands come out in source order
    // (a command before the substitutions inside its words).
    if (this.st.silent === 0) this.st.raw.push(rc);
    return rc;
  }


  private closeCommand(rc: RawCommand, start: number, end: number): void {
    rc.start = start;
    rc.end = end < start ? start : end;
    rc.empty = false;
  }

  private parseSimple(scope: Scope, stop: number): RawCommand | undefined {
    const t = this.t;
    const rc = this.openCommand(scope);
    let first = -1;
    let lastEnd = -1;
    for (;;) {
      this.skipBlanks();
      const p = this.pos;
      if (p >= this.n) break;
      const c = t.charCodeAt(p);
      if (c === NL || c === SEMI || c === PIPE || c === RP) break;
      if (c === AMP && t.charCodeAt(p + 1) !== GT) break;
      if (c === LP) {
        if (rc.words.length === 1 && rc.assignments.length === 0 && rc.redirects.length === 0 && this.eatEmptyParens()) {
          // `name() body`: a function definition, not a command.
          rc.words.length = 0;
          this.skipWs();
          this.parseCommand(scope, stop);
          return undefined;
        }
        this.fail('unexpected "("', p);
        break;
      }
      if ((c === LT || c === GT) && t.charCodeAt(p + 1) === LP) {
        const w = this.scanWord(false);
        if (w) rc.words.push(w);
      } else if (this.parseRedirect(rc.redirects)) {
        // redirect recorded
      } else if (rc.words.length === 0 && this.parseAssignment(rc.assignments)) {
        // assignment recorded
      } else {
        const w = this.scanWord(false);
        if (!w) {
          this.fail('unexpected character', p);
          break;
        }
        rc.words.push(w);
      }
      if (this.pos === p) break;
      if (first < 0) first = p;
      lastEnd = this.pos;
    }
    if (first < 0) return undefined;
    const start = this.map(first);
    this.closeCommand(rc, start, fileEnd(this.origin, lastEnd, start));
    return rc;
  }

  private eatEmptyParens(): boolean {
    const t = this.t;
    let i = this.pos + 1;
    while (t.charCodeAt(i) === SP || t.charCodeAt(i) === TAB) i++;
    if (t.charCodeAt(i) !== RP) return false;
    this.pos = i + 1;
    return true;
  }

  /** End of a redirect operator at `i` (with its fd prefix), or -1. */
  private redirectOpEnd(i: number): number {
    const t = this.t;
    let j = i;
    while (j < this.n) {
      const c = t.charCodeAt(j);
      if (c < 48 || c > 57) break;
      j++;
    }
    const c = t.charCodeAt(j);
    const d = t.charCodeAt(j + 1);
    if (c === AMP) {
      if (j !== i || d !== GT) return -1;
      return t.charCodeAt(j + 2) === GT ? j + 3 : j + 2;
    }
    if (c === LT) {
      if (d === LT) {
        const e = t.charCodeAt(j + 2);
        return e === LT || e === MINUS ? j + 3 : j + 2;
      }
      return d === AMP || d === GT ? j + 2 : j + 1;
    }
    if (c === GT) return d === GT || d === AMP || d === PIPE ? j + 2 : j + 1;
    return -1;
  }

  private parseRedirect(into: ShellRedirect[]): boolean {
    const t = this.t;
    const s = this.pos;
    const opEnd = this.redirectOpEnd(s);
    if (opEnd < 0) return false;
    const operator = t.slice(s, opEnd);
    this.pos = opEnd;
    this.skipBlanks();
    const c = t.charCodeAt(this.pos);
    let target: ShellWord | undefined;
    if (isDelim(c) && !((c === LT || c === GT) && t.charCodeAt(this.pos + 1) === LP)) {
      this.fail('missing redirection target', s);
    } else {
      target = this.scanWord(false);
    }
    if (target && this.st.silent === 0 && !operator.endsWith('<<<') && (operator.endsWith('<<') || operator.endsWith('<<-'))) {
      this.heredocs.push({ delim: target.value, strip: operator.endsWith('-') });
    }
    const startOffset = this.map(s);
    const endOffset = target ? target.endOffset : fileEnd(this.origin, opEnd, startOffset);
    into.push({ operator, target, range: this.st.lines.range(startOffset, endOffset) });
    return true;
  }

  private parseAssignment(into: ShellAssignment[]): boolean {
    const t = this.t;
    const s = this.pos;
    if (!isNameStart(t.charCodeAt(s))) return false;
    let j = s + 1;
    while (j < this.n && NAME_CHARS[t.charCodeAt(j)] === 1) j++;
    if (t.charCodeAt(j) === LB) {
      let k = j + 1;
      while (k < this.n && t.charCodeAt(k) !== RB) {
        if (isDelim(t.charCodeAt(k))) return false;
        k++;
      }
      if (k >= this.n) return false;
      j = k + 1;
    }
    const nameEnd = j;
    if (t.charCodeAt(j) === PLUS && t.charCodeAt(j + 1) === EQ) j++;
    else if (t.charCodeAt(j) !== EQ) return false;
    this.pos = j + 1;
    const d = t.charCodeAt(this.pos);
    const value = !isDelim(d) || d === LP ? this.scanWord(true) : undefined;
    const startOffset = this.map(s);
    const endOffset = value ? value.endOffset : fileEnd(this.origin, j + 1, startOffset);
    into.push({ name: t.slice(s, nameEnd), value, range: this.st.lines.range(startOffset, endOffset) });
    return true;
  }

  // ---------------------------------------------------------------- words

  /**
   * Index after the `)` that closes the `(` at `i`, skipping quotes; -1 when unbalanced.
   */
  private balancedEnd(i: number): number {
    const t = this.t;
    const n = this.n;
    let depth = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === BS) i += 2;
      else if (c === SQ) {
        const close = t.indexOf("'", i + 1);
        if (close < 0) return -1;
        i = close + 1;
      } else if (c === DQ) {
        i++;
        while (i < n) {
          const d = t.charCodeAt(i);
          if (d === BS) i += 2;
          else if (d === DQ) break;
          else i++;
        }
        i++;
      } else if (c === LP) {
        depth++;
        i++;
      } else if (c === RP) {
        i++;
        if (--depth === 0) return i;
      } else i++;
    }
    return -1;
  }

  /** For `((` at `i`: the index after the closing `))` when it is arithmetic, else -1. */
  private arithmeticEnd(i: number): number {
    const end = this.balancedEnd(i);
    return end > i + 3 && this.t.charCodeAt(end - 2) === RP ? end : -1;
  }

  private appendRaw(value: string, from: number, to: number, offs: number[] | null): string {
    if (to <= from) return value;
    if (offs !== null) for (let k = from; k < to; k++) offs.push(k);
    return value + this.t.slice(from, to);
  }

  /**
   * Scans one word at the cursor. `value` is built from runs of raw text, flushed only where
   * quoting or escapes make it differ from the raw text. With `offs`, the source offset of
   * every value character is recorded (for re-parsing `sh -c` scripts).
   */
  scanWord(arrayOk: boolean, offs: number[] | null = null): SourceWord | undefined {
    const t = this.t;
    const n = this.n;
    const s = this.pos;
    let i = s;
    let seg = s;
    let value = '';
    let hasVar = false;
    let hasSub = false;
    let quoted = false;
    scan: while (i < n) {
      const c = t.charCodeAt(i);
      switch (c) {
        case SP:
        case TAB:
        case CR:
        case NL:
        case SEMI:
        case AMP:
        case PIPE:
        case RP:
          break scan;
        case LT:
        case GT:
          if (i === s && t.charCodeAt(i + 1) === LP) {
            // Process substitution <( ) / >( ).
            i = this.parseSubstitution(i + 2, i);
            hasVar = hasSub = true;
            continue;
          }
          break scan;
        case LP: {
          const prev = t.charCodeAt(i - 1);
          const extglob = i > s && (prev === QM || prev === STAR || prev === PLUS || prev === AT || prev === BANG);
          if ((i === s && arrayOk) || extglob) {
            const end = this.balancedEnd(i);
            if (end < 0) {
              this.fail('unbalanced "("', i);
              i = n;
              break scan;
            }
            i = end;
            continue;
          }
          break scan;
        }
        case BS: {
          value = this.appendRaw(value, seg, i, offs);
          const d = t.charCodeAt(i + 1);
          if (d === NL) {
            i += 2;
            seg = i;
          } else if (d === CR && t.charCodeAt(i + 2) === NL) {
            i += 3;
            seg = i;
          } else if (i + 1 >= n) {
            // A lone trailing backslash stays literal.
            seg = i;
            i++;
          } else {
            quoted = true;
            seg = i + 1; // the escaped character starts the next raw run
            i += 2;
          }
          continue;
        }
        case SQ: {
          value = this.appendRaw(value, seg, i, offs);
          quoted = true;
          const close = t.indexOf("'", i + 1);
          if (close < 0) {
            this.fail('unterminated single quote', i);
            value = this.appendRaw(value, i + 1, n, offs);
            i = seg = n;
            break scan;
          }
          value = this.appendRaw(value, i + 1, close, offs);
          i = seg = close + 1;
          continue;
        }
        case DQ: {
          value = this.appendRaw(value, seg, i, offs);
          quoted = true;
          const open = i;
          i++;
          seg = i;
          while (i < n) {
            const d = t.charCodeAt(i);
            if (d === DQ) break;
            if (d === BS) {
              const e = t.charCodeAt(i + 1);
              if (e === DOLLAR || e === BQ || e === DQ || e === BS) {
                value = this.appendRaw(value, seg, i, offs);
                seg = i + 1;
                i += 2;
              } else if (e === NL) {
                value = this.appendRaw(value, seg, i, offs);
                i += 2;
                seg = i;
              } else i += i + 1 < n ? 2 : 1;
            } else if (d === DOLLAR) {
              i = this.scanDollar(i);
              if (this.dVar) hasVar = true;
              if (this.dSub) hasSub = true;
            } else if (d === BQ) {
              i = this.scanBackquote(i, true);
              hasVar = hasSub = true;
            } else i++;
          }
          if (i >= n) {
            this.fail('unterminated double quote', open);
            value = this.appendRaw(value, seg, n, offs);
            i = seg = n;
            break scan;
          }
          value = this.appendRaw(value, seg, i, offs);
          i = seg = i + 1;
          continue;
        }
        case DOLLAR: {
          const d = t.charCodeAt(i + 1);
          if (d === SQ) {
            value = this.appendRaw(value, seg, i, offs);
            quoted = true;
            value = this.scanAnsi(value, i + 2, offs);
            i = seg = this.ansiEnd;
            continue;
          }
          if (d === DQ) {
            // $"..." (locale translation): a double-quoted string.
            value = this.appendRaw(value, seg, i, offs);
            i = seg = i + 1;
            continue;
          }
          i = this.scanDollar(i);
          if (this.dVar) hasVar = true;
          if (this.dSub) hasSub = true;
          continue;
        }
        case BQ:
          i = this.scanBackquote(i);
          hasVar = hasSub = true;
          continue;
        default:
          i++;
      }
    }
    value = this.appendRaw(value, seg, i, offs);
    this.pos = i;
    if (i === s) return undefined;
    // Nothing quoted or escaped (the common case): the value is the raw text.
    if (seg === s) return this.makeWord(s, i, value, hasVar, hasSub, quoted, value);
    return this.makeWord(s, i, value, hasVar, hasSub, quoted);
  }

  /** Scans the `$` expansion at `i` (value kept as written); returns the index after it. */
  private scanDollar(i: number): number {
    const t = this.t;
    const d = t.charCodeAt(i + 1);
    let end: number;
    let sub = false;
    let isVar = true;
    if (d === LBRACE) {
      end = this.scanBraceParam(i + 2, i);
      sub = this.dSub;
    } else if (d === LP) {
      const arith = t.charCodeAt(i + 2) === LP ? this.arithmeticEnd(i + 1) : -1;
      if (arith > 0) end = arith;
      else {
        end = this.parseSubstitution(i + 2, i);
        sub = true;
      }
    } else if (d === LB) {
      // $[ ... ] (obsolete arithmetic)
      const close = t.indexOf(']', i + 2);
      end = close < 0 ? this.n : close + 1;
    } else if (isNameStart(d)) {
      end = i + 2;
      while (end < this.n && NAME_CHARS[t.charCodeAt(end)] === 1) end++;
    } else if ((d >= 48 && d <= 57) || d === AT || d === STAR || d === HASH || d === QM || d === DOLLAR || d === BANG || d === MINUS) {
      end = i + 2;
    } else {
      end = i + 1;
      isVar = false;
    }
    this.dVar = isVar;
    this.dSub = sub;
    return end;
  }

  /** `${ ... }` from `i` (after the brace); returns the index after the closing brace. */
  private scanBraceParam(i: number, open: number): number {
    const t = this.t;
    const n = this.n;
    let depth = 1;
    let sub = false;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === BS) i += 2;
      else if (c === SQ) {
        const close = t.indexOf("'", i + 1);
        i = close < 0 ? n : close + 1;
      } else if (c === DQ) {
        i++;
        while (i < n) {
          const d = t.charCodeAt(i);
          if (d === BS) i += 2;
          else if (d === DQ) break;
          else if (d === DOLLAR) {
            i = this.scanDollar(i);
            if (this.dSub) sub = true;
          } else if (d === BQ) {
            i = this.scanBackquote(i, true);
            sub = true;
          } else i++;
        }
        i++;
      } else if (c === DOLLAR) {
        if (t.charCodeAt(i + 1) === LBRACE) {
          depth++;
          i += 2;
        } else {
          i = this.scanDollar(i);
          if (this.dSub) sub = true;
        }
      } else if (c === BQ) {
        i = this.scanBackquote(i);
        sub = true;
      } else if (c === RBRACE) {
        i++;
        if (--depth === 0) {
          this.dSub = sub;
          return i;
        }
      } else i++;
    }
    this.fail('unterminated ${', open);
    this.dSub = sub;
    return n;
  }

  /** Parses the commands of `$( ... )` / `<( ... )` from `i`; returns the index after `)`. */
  private parseSubstitution(i: number, open: number): number {
    this.pos = i;
    this.parseList('substitution', T_RPAREN, 0);
    if (this.t.charCodeAt(this.pos) === RP) return this.pos + 1;
    this.fail('unterminated command substitution', open);
    return this.pos;
  }

  /** Parses the backquote substitution at `i`; returns the index after the closing quote. */
  private scanBackquote(i: number, inDq = false): number {
    const t = this.t;
    const n = this.n;
    let j = i + 1;
    let escaped = false;
    while (j < n) {
      const c = t.charCodeAt(j);
      if (c === BS) {
        escaped = true;
        j += 2;
      } else if (c === BQ) break;
      else j++;
    }
    let close = j < n ? j : n;
    let end = close + 1;
    if (j >= n) {
      this.fail('unterminated backquote', i);
      close = end = n;
    }
    const cs = i + 1;
    const base = this.map;
    let sub: Parser;
    if (!escaped) {
      sub = new Parser(t.slice(cs, close), (k) => base(cs + k), this.st);
    } else {
      // Inside backquotes, \` \\ and \$ lose their backslash (and \" inside double quotes).
      let text = '';
      const offs: number[] = [];
      let seg = cs;
      for (let k = cs; k < close; k++) {
        if (t.charCodeAt(k) !== BS) continue;
        const e = t.charCodeAt(k + 1);
        if (e === BQ || e === BS || e === DOLLAR || (inDq && e === DQ)) {
          text += t.slice(seg, k);
          for (let m = seg; m < k; m++) offs.push(m);
          seg = k + 1;
        }
        k++;
      }
      text += t.slice(seg, close);
      for (let m = seg; m < close; m++) offs.push(m);
      const last = close - 1;
      sub = new Parser(text, (k) => base(offs[k] ?? last), this.st);
    }
    sub.parseList('substitution', 0, 0);
    return end;
  }

  /** `$'...'` from `i` (after the quote): appends the decoded text; sets `ansiEnd`. */
  private scanAnsi(value: string, i: number, offs: number[] | null): string {
    const t = this.t;
    const n = this.n;
    let seg = i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c === SQ) {
        value = this.appendRaw(value, seg, i, offs);
        this.ansiEnd = i + 1;
        return value;
      }
      if (c !== BS) {
        i++;
        continue;
      }
      value = this.appendRaw(value, seg, i, offs);
      const at = i;
      const e = t.charCodeAt(i + 1);
      let out: string;
      let next = i + 2;
      switch (e) {
        case 110: out = '\n'; break; // n
        case 116: out = '\t'; break; // t
        case 114: out = '\r'; break; // r
        case 97: out = '\x07'; break; // a
        case 98: out = '\b'; break; // b
        case 101: // e
        case 69: out = '\x1b'; break; // E
        case 102: out = '\f'; break; // f
        case 118: out = '\v'; break; // v
        case BS: out = '\\'; break;
        case SQ: out = "'"; break;
        case DQ: out = '"'; break;
        case QM: out = '?'; break;
        case 99: { // c: control character
          const x = t.charCodeAt(i + 2);
          out = x === x ? String.fromCharCode(x & 0x1f) : '\\c';
          next = x === x ? i + 3 : i + 2;
          break;
        }
        case 120: // x
        case 117: // u
        case 85: { // U
          const max = e === 120 ? 2 : e === 117 ? 4 : 8;
          let k = i + 2;
          let code = 0;
          while (k < n && k - (i + 2) < max && isHex(t.charCodeAt(k))) {
            code = code * 16 + parseInt(t.charAt(k), 16);
            k++;
          }
          if (k === i + 2) out = t.slice(i, i + 2);
          else out = code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
          next = k;
          break;
        }
        default:
          if (e >= 48 && e <= 55) {
            let k = i + 1;
            let code = 0;
            while (k < n && k - (i + 1) < 3) {
              const o = t.charCodeAt(k);
              if (o < 48 || o > 55) break;
              code = code * 8 + (o - 48);
              k++;
            }
            out = String.fromCharCode(code & 0xff);
            next = k;
          } else if (e !== e) {
            out = '\\';
            next = i + 1;
          } else out = t.slice(i, i + 2);
      }
      value += out;
      if (offs !== null) for (let k = 0; k < out.length; k++) offs.push(at);
      i = seg = next;
    }
    this.fail("unterminated $'", i);
    value = this.appendRaw(value, seg, n, offs);
    this.ansiEnd = n;
    return value;
  }
}

// ------------------------------------------------------------------ finishing commands

function keyOf(start: number, end: number): number {
  return start * 4194304 + (end - start);
}

interface ParseRun {
  shared: Shared;
  lines: LineTable;
  depth: number;
  /** Commands already listed by the enclosing script (`$( )` inside a double-quoted `sh -c`). */
  skip: Set<number> | undefined;
}

function runParse(text: string, map: OffsetMap, run: ParseRun): SimpleCommand[] {
  const st = new State(run.shared, run.lines, run.depth);
  const parser = new Parser(text, map, st);
  try {
    parser.parseList('list', 0, 0);
  } catch (error) {
    if (!(error instanceof Abort)) parser.fail('parser failure', parser.pos);
    run.shared.hasSyntaxError = true;
  }
  const out: SimpleCommand[] = [];
  try {
    finish(st, run, out);
  } catch {
    run.shared.hasSyntaxError = true;
  }
  return out;
}

function finish(st: State, run: ParseRun, out: SimpleCommand[]): void {
  st.depth = 0;
  let current: RawCommand | undefined;
  const hooks: UnwrapHooks = {
    assignment(word, eq) {
      const name = word.value.slice(0, eq);
      if (
        current === undefined ||
        !(word instanceof SourceWord) ||
        !current.words.includes(word) ||
        word.raw.slice(0, eq + 1) !== word.value.slice(0, eq + 1)
      ) {
        return { name, value: eq + 1 < word.value.length ? copyWord(word, { value: word.value.slice(eq + 1) }) : undefined, range: word.range };
      }
      const s = word.textStart + eq + 1;
      if (s >= word.textEnd) return { name, value: undefined, range: word.range };
      const value = new SourceWord(
        current.parser.origin,
        word.raw.slice(eq + 1),
        word.value.slice(eq + 1),
        word.hasVariables,
        word.hasCommandSubstitution,
        word.quoted,
        s,
        word.textEnd,
      );
      return { name, value, range: word.range };
    },
  };
  let skip: Set<number> | undefined;
  for (const rc of st.raw) {
    if (rc.empty) continue;
    if (run.skip !== undefined && rc.scope === 'substitution' && run.skip.has(keyOf(rc.start, rc.end))) continue;
    const placement: CommandPlacement = rc.pipeline ? 'pipeline' : rc.scope;
    if (rc.words.length === 0) {
      out.push(new ParsedCommand(st.lines, rc, undefined, [], [], rc.assignments, placement, [], true));
      continue;
    }
    current = rc;
    const u = unwrapWords(rc.words, hooks);
    const assignments = u.assignments.length > 0 ? rc.assignments.concat(u.assignments) : rc.assignments;
    if (u.script !== undefined && run.depth < MAX_SCRIPT_DEPTH) {
      skip ??= new Set(st.raw.filter((r) => !r.empty).map((r) => keyOf(r.start, r.end)));
      const inner = reparse(st, rc, u.script.index, { ...run, depth: run.depth + 1, skip });
      if (inner !== undefined && inner.length > 0) {
        const wrappers = u.wrappers.concat(u.script.wrapper);
        const wrapperWords: ShellWord[] = rc.words.slice(0, u.script.index + 1);
        let lastTop: SimpleCommand | undefined;
        for (const c of inner) {
          c.wrappers = wrappers.concat(c.wrappers);
          c.wrapperWords = wrapperWords.concat(c.wrapperWords ?? []);
          if (!u.complete) c.complete = false;
          if (assignments.length > 0) c.assignments = assignments.concat(c.assignments);
          if (c.placement === 'list') {
            c.placement = placement;
            c.scope = rc.scope;
            c.pipeline = rc.pipeline;
            lastTop = c;
          }
          out.push(c);
        }
        if (lastTop !== undefined && lastTop.followedBy === undefined) lastTop.followedBy = rc.followedBy;
        continue;
      }
    }
    const name = rc.words[u.nameIndex];
    const args = name === undefined ? [] : rc.words.slice(u.nameIndex + 1);
    const command = new ParsedCommand(st.lines, rc, name, args, rc.words, assignments, placement, u.wrappers, u.complete);
    if (u.nameIndex > 0) command.wrapperWords = rc.words.slice(0, u.nameIndex);
    out.push(command);
  }
}

/** A command of the script; its range is computed on first use (a third of them never have it read). */
class ParsedCommand implements SimpleCommand {
  redirects: ShellRedirect[];
  pipeline: SimpleCommand['pipeline'];
  followedBy: FollowedBy;
  scope: Scope;
  wrapperWords: ShellWord[] | undefined = undefined;
  readonly program: string | undefined;
  readonly #lines: LineTable;
  readonly #start: number;
  readonly #end: number;
  #range: Range | undefined;

  constructor(
    lines: LineTable,
    rc: RawCommand,
    readonly name: ShellWord | undefined,
    public args: ShellWord[],
    public words: ShellWord[],
    public assignments: ShellAssignment[],
    public placement: CommandPlacement,
    public wrappers: string[],
    public complete: boolean,
  ) {
    this.program = programOf(name);
    this.redirects = rc.redirects;
    this.pipeline = rc.pipeline;
    this.followedBy = rc.followedBy;
    this.scope = rc.scope;
    this.#lines = lines;
    this.#start = rc.start;
    this.#end = rc.end;
  }

  get range(): Range {
    return (this.#range ??= this.#lines.range(this.#start, this.#end));
  }
}

/** Re-parses the value of a `sh -c` script word, mapping positions back to the file. */
function reparse(st: State, rc: RawCommand, index: number, run: ParseRun): SimpleCommand[] | undefined {
  const start = rc.words[index]?.textStart;
  if (start === undefined) return undefined;
  const p = rc.parser;
  const offs: number[] = [];
  const savedPos = p.pos;
  const savedDocs = p.heredocs;
  st.silent++;
  let value: string | undefined;
  try {
    p.heredocs = [];
    p.pos = start;
    value = p.scanWord(false, offs)?.value;
  } catch {
    value = undefined;
  } finally {
    st.silent--;
    p.pos = savedPos;
    p.heredocs = savedDocs;
  }
  if (value === undefined || value.length === 0 || offs.length !== value.length) return undefined;
  const map = p.map;
  const lastSource = offs[offs.length - 1] as number;
  const toFile = (k: number): number => map(k < offs.length ? (offs[k] as number) : lastSource);
  return runParse(value, toFile, run);
}

// ------------------------------------------------------------------ public API

/** Lists the simple commands of a script with their positions in the build file. */
export function parseShellScript(source: ScriptSource): ShellScript {
  const shared: Shared = { pipelineIds: 0, hasSyntaxError: false, hasComments: false, firstError: undefined };
  let commands: SimpleCommand[];
  try {
    commands = runParse(source.text, (o) => source.toFileOffset(o), { shared, lines: source.lines, depth: 0, skip: undefined });
  } catch {
    commands = [];
    shared.hasSyntaxError = true;
  }
  const script: ShellScript = { commands, hasSyntaxError: shared.hasSyntaxError, hasComments: shared.hasComments };
  if (shared.firstError !== undefined) {
    const offset = shared.firstError.offset;
    script.syntaxError = { message: shared.firstError.message, range: source.lines.range(offset, offset + 1) };
  }
  return script;
}

/** Convenience for tests and for scripts that are the whole file: identity mapping. */
export function parseShellText(text: string): ShellScript {
  return parseShellScript({ text, toFileOffset: (offset) => offset, lines: new LineTable(text) });
}
