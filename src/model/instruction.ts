import type { LineTable } from './line-table.js';
import { readLogicalLine, splitWords, type LogicalLine, type SplitWord } from './logical-line.js';
import { expandWord } from './variables.js';
import type {
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

export interface ParsedInstruction {
  node: InstructionNode;
  /** File offset just past the instruction, heredoc bodies included. */
  endOffset: number;
  logical: LogicalLine;
}

/**
 * Builds an instruction from the file offset of its keyword. Everything is computed from the
 * text once: flags, arguments, exec form, heredocs and properties.
 */
export function parseInstruction(
  source: InstructionSource,
  keywordStart: number,
  index: number,
  stage: Stage | undefined,
): ParsedInstruction {
  const { text, lines, escapeChar } = source;
  let keywordEnd = keywordStart;
  while (keywordEnd < text.length && !isWordBreak(text.charCodeAt(keywordEnd))) keywordEnd++;
  const keywordToken = lines.token(keywordStart, keywordEnd);
  const keyword = keywordToken.text.toUpperCase();
  const logical = readLogicalLine(text, keywordEnd, escapeChar);
  const value = logical.value;
  const tokenOf = (start: number, end: number): Token => lines.token(logical.toFileOffset(start), logical.toFileEnd(start, end));

  let words = splitWords(value, 0, escapeChar);
  const flags: FlagNode[] = [];
  let argsStart = words[0]?.start ?? value.length;
  let trigger: ParsedInstruction | undefined;

  if (keyword === 'ONBUILD') {
    const first = words[0];
    if (first) {
      trigger = parseInstruction(source, logical.toFileOffset(first.start), index, stage);
    }
  }

  if (FLAG_KEYWORDS.has(keyword)) {
    let consumed = 0;
    for (const word of words) {
      if (!value.startsWith('--', word.start) || word.end - word.start === 2) break;
      flags.push(parseFlag(value.slice(word.start, word.end), word, tokenOf));
      consumed++;
    }
    words = words.slice(consumed);
    argsStart = words[0]?.start ?? value.length;
  }

  const argsText = trimEndChars(value.slice(argsStart), ' \t');
  const argsToken = argsText.length > 0 ? tokenOf(argsStart, argsStart + argsText.length) : undefined;
  const json = JSON_KEYWORDS.has(keyword) ? parseJsonForm(value, argsStart, tokenOf) : undefined;

  const heredocs: HeredocNode[] = [];
  let endOffset = logical.endOffset;
  if (HEREDOC_KEYWORDS.has(keyword) && json === undefined && value.includes('<<')) {
    const found = findHeredocs(value, words, tokenOf);
    if (found.length > 0) endOffset = readHeredocBodies(source, found, logical.endOffset, heredocs);
  }

  const properties = PROPERTY_KEYWORDS.has(keyword) ? parseProperties(keyword, words, value, tokenOf, escapeChar) : [];

  const node: InstructionNode = {
    index,
    keyword,
    keywordToken,
    token: lines.token(keywordStart, trigger ? Math.max(endOffset, trigger.endOffset) : endOffset),
    stage,
    flags,
    args: words.map((word) => tokenOf(word.start, word.end)),
    argsToken,
    argsValue: value.slice(argsStart),
    mapArgsOffset: (offset: number) => logical.toFileOffset(argsStart + offset),
    json,
    heredocs,
    properties,
    trigger: trigger?.node,
    onbuildParent: undefined,
    leadingComments: [],
  };
  if (trigger) trigger.node.onbuildParent = node;
  return { node, endOffset: trigger ? Math.max(endOffset, trigger.endOffset) : endOffset, logical };
}

function isWordBreak(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
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
    while (i < n && /\s/.test(value[i] as string)) i++;
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
