import type { Position, Range, Token } from './types.js';

/**
 * Line start offsets of a text, computed once, so that offset → position is a binary search
 * instead of a rescan. Lines end at `\n`, `\r\n` or a lone `\r`, as BuildKit reads them.
 */
export class LineTable {
  readonly text: string;
  private readonly starts: number[];

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    if (text.includes('\r')) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    } else {
      // Most files break lines with `\n` alone: the native search is several times faster than a char loop.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - (this.starts[line] as number) };
  }

  /** The 0-based line of an offset (clamped to the text), without building a position. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line] as number;
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  lineStart(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  token(startOffset: number, endOffset: number): Token {
    return new SourceToken(this, startOffset, endOffset);
  }
}

/**
 * A token whose text and range are computed on first use: a lint reads the ranges of the few
 * tokens it reports, and a model has thousands (most argument words' text is never read either).
 */
class SourceToken implements Token {
  private cachedText: string | undefined;
  private cachedRange: Range | undefined;

  constructor(
    private readonly lines: LineTable,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {}

  get text(): string {
    return (this.cachedText ??= this.lines.text.slice(this.startOffset, this.endOffset));
  }

  get range(): Range {
    return (this.cachedRange ??= this.lines.range(this.startOffset, this.endOffset));
  }
}
