import type { LineTable } from './line-table.js';

/**
 * An instruction's text as BuildKit reads it: physical lines joined at escape-character
 * continuations, with blank and comment lines inside the continuation dropped. Offsets in
 * the joined text map back to file offsets.
 */
export class LogicalLine {
  readonly value: string;
  /** Parallel arrays: a segment of `value` starting at valueStarts[i] begins at fileStarts[i]. */
  private readonly valueStarts: number[];
  private readonly fileStarts: number[];
  /** File offset just past the last character that belongs to the logical line. */
  readonly endOffset: number;
  /** File offsets of blank lines that sat inside the continuation (NoEmptyContinuation). */
  readonly emptyContinuationLines: readonly number[];

  constructor(
    value: string,
    valueStarts: number[],
    fileStarts: number[],
    endOffset: number,
    emptyContinuationLines: readonly number[],
  ) {
    this.value = value;
    this.valueStarts = valueStarts;
    this.fileStarts = fileStarts;
    this.endOffset = endOffset;
    this.emptyContinuationLines = emptyContinuationLines;
  }

  /** Maps an offset in `value` (0..value.length) to a file offset. */
  toFileOffset(offset: number): number {
    const starts = this.valueStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return (this.fileStarts[low] as number) + (offset - (starts[low] as number));
  }

  /** The file offset just past the half-open span [start, end) of `value` (at `start` when it is empty). */
  toFileEnd(start: number, end: number): number {
    return end <= start ? this.toFileOffset(start) : this.toFileOffset(end - 1) + 1;
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function isCommentLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 35; // '#'
  }
  return false;
}

/** Shared by the logical lines without blank lines in a continuation (nearly all of them). */
const NO_EMPTY_LINES: readonly number[] = Object.freeze([]);

/**
 * Reads the logical line that starts at `from` (a file offset, usually just after the
 * instruction keyword). Line ends come from the line table, not from scanning every character.
 */
export function readLogicalLine(lines: LineTable, from: number, escapeChar: string): LogicalLine {
  const text = lines.text;
  const escape = escapeChar.charCodeAt(0);
  let value = '';
  // Created at their final size for a one-line instruction; the few continued ones grow them.
  const valueStarts = [0];
  const fileStarts = [from];
  let emptyLines: number[] | undefined;
  let line = lines.lineAt(from);
  let position = from;
  let endOffset = from;
  let first = true;
  for (;;) {
    const lineEnd = lines.lineEnd(line);
    const lastLine = line + 1 >= lines.lineCount;
    if (!first && (isBlank(text, position, lineEnd) || isCommentLine(text, position, lineEnd))) {
      if (isBlank(text, position, lineEnd)) (emptyLines ??= []).push(position);
      if (lastLine) break;
      line++;
      position = lines.lineStart(line);
      continue;
    }
    let contentEnd = lineEnd;
    while (contentEnd > position && (text.charCodeAt(contentEnd - 1) === 32 || text.charCodeAt(contentEnd - 1) === 9)) {
      contentEnd--;
    }
    const continues = contentEnd > position && text.charCodeAt(contentEnd - 1) === escape;
    const segmentEnd = continues ? contentEnd - 1 : lineEnd;
    if (!first) {
      valueStarts.push(value.length);
      fileStarts.push(position);
    }
    first = false;
    value += text.slice(position, segmentEnd);
    endOffset = continues ? contentEnd : lineEnd;
    if (!continues || lastLine) break;
    line++;
    position = lines.lineStart(line);
  }
  // Trailing blank lines at the end of a continuation are not part of the instruction.
  while (emptyLines !== undefined && emptyLines.length > 0 && (emptyLines[emptyLines.length - 1] as number) > endOffset) emptyLines.pop();
  return new LogicalLine(value, valueStarts, fileStarts, endOffset, emptyLines ?? NO_EMPTY_LINES);
}

/** A word of a logical value: start and end offsets in it (the text is `value.slice(start, end)`). */
export interface SplitWord {
  start: number;
  end: number;
}

/**
 * Splits on unquoted whitespace, keeping quotes and escapes in the words, as BuildKit does
 * for the arguments of instructions other than RUN/CMD/ENTRYPOINT in shell form.
 */
export function splitWords(value: string, from: number, escapeChar: string): SplitWord[] {
  const words: SplitWord[] = [];
  for (let start = skipSpaces(value, from); start < value.length; ) {
    const end = wordEnd(value, start, escapeChar);
    words.push({ start, end });
    start = skipSpaces(value, end);
  }
  return words;
}

// skipSpaces and wordEnd test for a blank (space, tab, line break) in place, not with a helper:
// they see every character of the arguments, and the CLI runs with TurboFan's inlining off
// (cli/v8-flags.ts), so a call per character cost more than the rest of the loop.

/** The offset of the first non-blank character at or after `from` (the length when there is none). */
export function skipSpaces(value: string, from: number): number {
  let i = from;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
  }
  return i;
}

/** The end of the word that starts at `start` (a non-blank character), as `splitWords` splits. */
export function wordEnd(value: string, start: number, escapeChar: string): number {
  const escape = escapeChar.charCodeAt(0);
  const n = value.length;
  let i = start;
  let quote = 0;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
      else if (quote === 34 && c === escape && i + 1 < n) i++;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) break;
    if (c === 34 || c === 39) quote = c;
    else if (c === escape && i + 1 < n) i++;
    i++;
  }
  return i;
}
