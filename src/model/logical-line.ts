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
  readonly emptyContinuationLines: number[];

  constructor(
    value: string,
    valueStarts: number[],
    fileStarts: number[],
    endOffset: number,
    emptyContinuationLines: number[],
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

function lineEndAt(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd + 1;
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

/**
 * Reads the logical line that starts at `from` (a file offset, usually just after the
 * instruction keyword).
 */
export function readLogicalLine(text: string, from: number, escapeChar: string): LogicalLine {
  const escape = escapeChar.charCodeAt(0);
  let value = '';
  const valueStarts: number[] = [];
  const fileStarts: number[] = [];
  const emptyLines: number[] = [];
  let position = from;
  let endOffset = from;
  let first = true;
  for (;;) {
    const lineEnd = lineEndAt(text, position);
    if (!first && (isBlank(text, position, lineEnd) || isCommentLine(text, position, lineEnd))) {
      if (isBlank(text, position, lineEnd)) emptyLines.push(position);
      if (lineEnd >= text.length) break;
      position = nextLineStart(text, lineEnd);
      continue;
    }
    first = false;
    let contentEnd = lineEnd;
    while (contentEnd > position && (text.charCodeAt(contentEnd - 1) === 32 || text.charCodeAt(contentEnd - 1) === 9)) {
      contentEnd--;
    }
    const continues = contentEnd > position && text.charCodeAt(contentEnd - 1) === escape;
    const segmentEnd = continues ? contentEnd - 1 : lineEnd;
    valueStarts.push(value.length);
    fileStarts.push(position);
    value += text.slice(position, segmentEnd);
    endOffset = continues ? contentEnd : lineEnd;
    if (!continues || lineEnd >= text.length) break;
    position = nextLineStart(text, lineEnd);
  }
  // Trailing blank lines at the end of a continuation are not part of the instruction.
  while (emptyLines.length > 0 && (emptyLines[emptyLines.length - 1] as number) > endOffset) emptyLines.pop();
  if (valueStarts.length === 0) {
    valueStarts.push(0);
    fileStarts.push(from);
  }
  return new LogicalLine(value, valueStarts, fileStarts, endOffset, emptyLines);
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
  const escape = escapeChar.charCodeAt(0);
  const words: SplitWord[] = [];
  let i = from;
  const n = value.length;
  while (i < n) {
    while (i < n && isSpace(value.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let quote = 0;
    while (i < n) {
      const c = value.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
        else if (quote === 34 && c === escape && i + 1 < n) i++;
        i++;
        continue;
      }
      if (isSpace(c)) break;
      if (c === 34 || c === 39) quote = c;
      else if (c === escape && i + 1 < n) i++;
      i++;
    }
    words.push({ start, end: i });
  }
  return words;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
