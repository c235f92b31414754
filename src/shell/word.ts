import type { LineTable } from '../model/line-table.js';
import type { Range } from '../model/types.js';
import type { ShellWord } from './types.js';

/** The script a word was read from: how its text offsets map to the build file, and the file's lines. */
export interface WordOrigin {
  readonly lines: LineTable;
  /** The build-file offset of an offset in the script text (monotonic). */
  map(offset: number): number;
}

/**
 * A parsed word whose file offsets and range are computed when read, like the model's tokens:
 * a lint reads the positions of about one word in six, and the scripts of a corpus have
 * hundreds of thousands of words.
 */
export class SourceWord implements ShellWord {
  readonly #origin: WordOrigin;
  #range: Range | undefined;

  constructor(
    origin: WordOrigin,
    readonly raw: string,
    readonly value: string,
    readonly hasVariables: boolean,
    readonly hasCommandSubstitution: boolean,
    readonly quoted: boolean,
    /** The word's span in the script text it was read from (not in the build file). */
    readonly textStart: number,
    readonly textEnd: number,
  ) {
    this.#origin = origin;
  }

  get startOffset(): number {
    return this.#origin.map(this.textStart);
  }

  get endOffset(): number {
    return fileEnd(this.#origin, this.textEnd, this.startOffset);
  }

  get range(): Range {
    if (this.#range === undefined) {
      const start = this.startOffset;
      this.#range = this.#origin.lines.range(start, fileEnd(this.#origin, this.textEnd, start));
    }
    return this.#range;
  }
}

/**
 * The build-file offset just past a script span ending at `end` whose start maps to
 * `fileStart`. The end maps through the span's last character: the offset after it may lie
 * past a line continuation.
 */
export function fileEnd(origin: WordOrigin, end: number, fileStart: number): number {
  if (end <= 0) return fileStart;
  const e = origin.map(end - 1) + 1;
  return e < fileStart ? fileStart : e;
}

/**
 * A copy of a word with some fields changed. Use it instead of `{ ...word }`: spreading a
 * `SourceWord` would leave its offsets and range behind.
 */
export function copyWord(word: ShellWord, changes: Partial<ShellWord>): ShellWord {
  return { ...word, startOffset: word.startOffset, endOffset: word.endOffset, range: word.range, ...changes };
}
