import { DOCKERFILE_KEYWORDS } from './buildkit.js';
import type { LineTable } from './line-table.js';
import { readLogicalLine, skipSpaces, splitWords, wordEnd, type LogicalLine, type SplitWord } from './logical-line.js';
import { expandWord } from './variables.js';
import type {
  CommentNode,
  FlagNode,
  FlagOptionNode,
  HeredocNode,
  InstructionNode,
  JsonForm,
  PropertyNode,
  Stage,
  Token,
} from './types.js';
import { trimEndChars } from './trim.js';

/** Instructions whose leading `--name` words are flags. */
const FLAG_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
/** Instructions that accept the JSON exec form. */
const JSON_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'COPY', 'ADD', 'VOLUME']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
const PROPERTY_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL']);
const HEREDOC_WORD = /^(\d*)<<(-?)(.*)$/;

export interface InstructionSource {
  text: string;
  lines: LineTable;
  escapeChar: string;
}

/**
 * An instruction parsed from the file offset of its keyword. Flags, exec form, heredocs and
 * properties are computed from the text once, the argument words on first read: a RUN has
 * many, and rules read them from its shell parse instead.
 */
export class ParsedInstruction implements InstructionNode {
  readonly index: number;
  readonly keyword: string;
  readonly keywordToken: Token;
  readonly token: Token;
  stage: Stage | undefined;
  readonly flags: FlagNode[];
  readonly argsToken: Token | undefined;
  readonly argsValue: string;
  readonly json: JsonForm | undefined;
  readonly heredocs: HeredocNode[];
  readonly properties: PropertyNode[];
  readonly trigger: ParsedInstruction | undefined;
  onbuildParent: InstructionNode | undefined = undefined;
  leadingComments: CommentNode[] = [];
  /** File offset just past the instruction, heredoc bodies included (an ONBUILD's trigger too). */
  readonly endOffset: number;
  readonly logical: LogicalLine;
  private readonly lines: LineTable;
  private readonly escapeChar: string;
  /** Where the arguments start in `logical.value`: past the keyword and the flags. */
  private readonly argsStart: number;
  private argTokens: Token[] | undefined;
  private argsOffsetMap: ((offset: number) => number) | undefined;

  constructor(source: InstructionSource, keywordStart: number, index: number, stage: Stage | undefined) {
    const { text, lines, escapeChar } = source;
    this.index = index;
    this.stage = stage;
    this.lines = lines;
    this.escapeChar = escapeChar;
    let keywordEnd = keywordStart;
    while (keywordEnd < text.length && !isWordBreak(text.charCodeAt(keywordEnd))) keywordEnd++;
    this.keywordToken = lines.token(keywordStart, keywordEnd);
    const keyword = upperCaseKeyword(this.keywordToken.text);
    this.keyword = keyword;
    const logical = readLogicalLine(lines, keywordEnd, escapeChar);
    this.logical = logical;
    const value = logical.value;
    const tokenOf = (start: number, end: number): Token => this.tokenOf(start, end);

    let argsStart = skipSpaces(value, 0);
    this.trigger =
      keyword === 'ONBUILD' && argsStart < value.length
        ? new ParsedInstruction(source, logical.toFileOffset(argsStart), index, stage)
        : undefined;
    // Every instruction owns its lists, empty ones included: V8 does not inline iteration over a
    // shared frozen empty list, so each `for...of` over one allocated its results.
    const flags: FlagNode[] = [];
    if (FLAG_KEYWORDS.has(keyword)) {
      while (argsStart < value.length) {
        const end = wordEnd(value, argsStart, escapeChar);
        if (!value.startsWith('--', argsStart) || end - argsStart === 2) break;
        flags.push(parseFlag(value.slice(argsStart, end), { start: argsStart, end }, tokenOf));
        argsStart = skipSpaces(value, end);
      }
    }
    this.flags = flags;
    this.argsStart = argsStart;
    this.argsValue = value.slice(argsStart);
    const argsLength = trimEndChars(this.argsValue, ' \t').length;
    this.argsToken = argsLength > 0 ? tokenOf(argsStart, argsStart + argsLength) : undefined;
    this.json = JSON_KEYWORDS.has(keyword) ? parseJsonForm(value, argsStart, tokenOf) : undefined;

    let endOffset = logical.endOffset;
    const heredocs: HeredocNode[] = [];
    if (HEREDOC_KEYWORDS.has(keyword) && this.json === undefined && value.includes('<<')) {
      const found = findHeredocs(value, splitWords(value, argsStart, escapeChar), tokenOf);
      if (found.length > 0) {
        endOffset = readHeredocBodies(source, found, logical.endOffset, heredocs);
      }
    }
    this.heredocs = heredocs;
    this.properties = PROPERTY_KEYWORDS.has(keyword)
      ? parseProperties(keyword, splitWords(value, argsStart, escapeChar), value, tokenOf, escapeChar)
      : [];

    if (this.trigger) {
      this.trigger.onbuildParent = this;
      endOffset = Math.max(endOffset, this.trigger.endOffset);
    }
    this.endOffset = endOffset;
    this.token = lines.token(keywordStart, endOffset);
  }

  /** Argument words after the flags, as written, split on whitespace (shell form). */
  get args(): Token[] {
    if (this.argTokens) return this.argTokens;
    // The words as `splitWords` splits them, made tokens directly: rules read the words of most instructions.
    const value = this.logical.value;
    const tokens: Token[] = [];
    for (let start = skipSpaces(value, this.argsStart); start < value.length; ) {
      const end = wordEnd(value, start, this.escapeChar);
      tokens.push(this.tokenOf(start, end));
      start = skipSpaces(value, end);
    }
    return (this.argTokens = tokens);
  }

  get firstArg(): Token | undefined {
    if (this.argTokens) return this.argTokens[0];
    const value = this.logical.value;
    const start = skipSpaces(value, this.argsStart);
    return start < value.length ? this.tokenOf(start, wordEnd(value, start, this.escapeChar)) : undefined;
  }

  /** Made on first read, and bound: callers pass it on as a plain function. */
  get mapArgsOffset(): (offset: number) => number {
    return (this.argsOffsetMap ??= (offset) => this.logical.toFileOffset(this.argsStart + offset));
  }

  /** The token of a span of `logical.value`. */
  private tokenOf(start: number, end: number): Token {
    return this.lines.token(this.logical.toFileOffset(start), this.logical.toFileEnd(start, end));
  }
}

/**
 * The known keywords, each as its one string constant: the model's keywords are then the strings V8
 * interned for the code, which every rule's `node.keyword === 'RUN'` compares by identity.
 */
const KEYWORD_CONSTANTS = new Map(DOCKERFILE_KEYWORDS.map((keyword) => [keyword, keyword]));

/** The keyword as written, upper-cased (a known keyword as its constant; most are written upper-case already). */
function upperCaseKeyword(written: string): string {
  const known = KEYWORD_CONSTANTS.get(written);
  if (known !== undefined) return known;
  const upper = written.toUpperCase();
  return KEYWORD_CONSTANTS.get(upper) ?? upper;
}

function isWordBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** `/\s/` on one UTF-16 code unit, without a regular expression call for the ASCII ones (nearly all). */
function isJsWhitespace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(String.fromCharCode(c));
}

function unquote(value: string): string {
  if (value.length >= 2) {
    const first = value[0];
    if ((first === '"' || first === "'") && value[value.length - 1] === first) return value.slice(1, -1);
  }
  return value;
}

function parseFlag(text: string, word: SplitWord, tokenOf: (start: number, end: number) => Token): FlagNode {
  const equals = text.indexOf('=');
  const nameEnd = equals === -1 ? word.end : word.start + equals;
  const name = text.slice(2, equals === -1 ? undefined : equals).toLowerCase();
  const valueStart = equals === -1 ? undefined : word.start + equals + 1;
  const valueToken = valueStart === undefined ? undefined : tokenOf(valueStart, word.end);
  const rawValue = equals === -1 ? undefined : text.slice(equals + 1);
  const options: FlagOptionNode[] = [];
  if (rawValue !== undefined && valueStart !== undefined && rawValue.includes('=')) {
    let partStart = 0;
    let quote = '';
    for (let i = 0; i <= rawValue.length; i++) {
      const c = rawValue[i];
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        continue;
      }
      if (c === ',' || i === rawValue.length) {
        if (i > partStart) {
          const part = rawValue.slice(partStart, i);
          const partEquals = part.indexOf('=');
          const key = (partEquals === -1 ? part : part.slice(0, partEquals)).trim().toLowerCase();
          const optionValueStart = valueStart + partStart + partEquals + 1;
          options.push({
            key,
            value: partEquals === -1 ? undefined : unquote(part.slice(partEquals + 1)),
            token: tokenOf(valueStart + partStart, valueStart + i),
            valueToken: partEquals === -1 ? undefined : tokenOf(optionValueStart, valueStart + i),
          });
        }
        partStart = i + 1;
      }
    }
  }
  return {
    name,
    token: tokenOf(word.start, word.end),
    nameToken: tokenOf(word.start, nameEnd),
    valueToken,
    value: rawValue === undefined ? undefined : unquote(rawValue),
    options,
  };
}

/**
 * The exec form: a JSON array of strings and nothing else. Anything else (even text that
 * starts with `[`) is shell form, as BuildKit decides.
 */
export function parseJsonForm(value: string, from: number, tokenOf: (start: number, end: number) => Token): JsonForm | undefined {
  let i = from;
  const n = value.length;
  const skip = (): void => {
    while (i < n && isJsWhitespace(value.charCodeAt(i))) i++;
  };
  skip();
  if (value[i] !== '[') return undefined;
  i++;
  const strings: JsonForm['strings'] = [];
  skip();
  if (value[i] === ']') {
    i++;
    skip();
    return i === n ? { strings } : undefined;
  }
  for (;;) {
    skip();
    if (value[i] !== '"') return undefined;
    const start = i;
    i++;
    while (i < n && value[i] !== '"') {
      if (value[i] === '\\') i++;
      i++;
    }
    if (i >= n) return undefined;
    i++;
    let decoded: unknown;
    try {
      decoded = JSON.parse(value.slice(start, i));
    } catch {
      return undefined;
    }
    if (typeof decoded !== 'string') return undefined;
    strings.push({ value: decoded, token: tokenOf(start, i) });
    skip();
    if (value[i] === ',') {
      i++;
      continue;
    }
    if (value[i] === ']') {
      i++;
      skip();
      return i === n ? { strings } : undefined;
    }
    return undefined;
  }
}

interface HeredocStart {
  name: string;
  quoted: boolean;
  stripTabs: boolean;
  startToken: Token;
}

function findHeredocs(value: string, words: SplitWord[], tokenOf: (start: number, end: number) => Token): HeredocStart[] {
  const found: HeredocStart[] = [];
  for (let w = 0; w < words.length; w++) {
    const word = words[w] as SplitWord;
    const match = HEREDOC_WORD.exec(value.slice(word.start, word.end));
    if (!match) continue;
    let delimiter = match[3] as string;
    let end = word.end;
    if (delimiter.startsWith('<')) continue; // here-string `<<<`
    if (delimiter === '') {
      const next = words[w + 1];
      if (!next) continue;
      delimiter = value.slice(next.start, next.end);
      end = next.end;
      w++;
    }
    const quoted = /^(["']).*\1$/.test(delimiter);
    const name = quoted ? delimiter.slice(1, -1) : delimiter;
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) continue;
    found.push({ name, quoted, stripTabs: match[2] === '-', startToken: tokenOf(word.start, end) });
  }
  return found;
}

function readHeredocBodies(
  source: InstructionSource,
  starts: HeredocStart[],
  commandEnd: number,
  out: HeredocNode[],
): number {
  const { text, lines } = source;
  let position = commandEnd;
  let lineNumber = lines.positionAt(commandEnd).line + 1;
  let endOffset = commandEnd;
  for (const start of starts) {
    const bodyStart = lines.lineStart(lineNumber);
    let terminator: Token | undefined;
    while (lineNumber < lines.lineCount && lines.lineStart(lineNumber) < text.length) {
      const line = lines.lineText(lineNumber);
      const candidate = start.stripTabs ? line.replace(/^\t+/, '') : line;
      if (candidate === start.name) {
        terminator = lines.token(lines.lineStart(lineNumber), lines.lineEnd(lineNumber));
        lineNumber++;
        break;
      }
      lineNumber++;
    }
    const bodyEnd = terminator ? terminator.startOffset : text.length;
    out.push({
      name: start.name,
      startToken: start.startToken,
      quoted: start.quoted,
      stripTabs: start.stripTabs,
      body: bodyStart <= bodyEnd && bodyStart < text.length ? lines.token(bodyStart, bodyEnd) : undefined,
      terminator,
    });
    position = terminator ? terminator.endOffset : text.length;
    endOffset = position;
    if (!terminator) break;
  }
  return endOffset;
}

function parseProperties(
  keyword: string,
  words: SplitWord[],
  value: string,
  tokenOf: (start: number, end: number) => Token,
  escapeChar: string,
): PropertyNode[] {
  const first = words[0];
  if (!first) return [];
  const literal = (raw: string): string => expandWord(raw, () => undefined, escapeChar).value;
  const firstText = value.slice(first.start, first.end);
  if (keyword !== 'ARG' && !firstText.includes('=')) {
    // Legacy `ENV KEY value with spaces`: the rest of the line is the value.
    const second = words[1];
    const valueEnd = trimEndChars(value, ' \t').length;
    return [
      {
        name: firstText,
        nameToken: tokenOf(first.start, first.end),
        value: second ? literal(value.slice(second.start, valueEnd)) : '',
        valueToken: second ? tokenOf(second.start, valueEnd) : undefined,
        rawValue: second ? value.slice(second.start, valueEnd) : undefined,
        legacy: true,
      },
    ];
  }
  return words.map((word) => {
    const text = value.slice(word.start, word.end);
    const equals = text.indexOf('=');
    if (equals === -1) {
      return { name: text, nameToken: tokenOf(word.start, word.end), value: undefined, valueToken: undefined, legacy: false };
    }
    const rawValue = text.slice(equals + 1);
    return {
      name: unquote(text.slice(0, equals)),
      nameToken: tokenOf(word.start, word.start + equals),
      value: literal(rawValue),
      valueToken: tokenOf(word.start + equals + 1, word.end),
      rawValue,
      legacy: false,
    };
  });
}
