import type { LineTable } from '../model/line-table.js';
import type { Range } from '../model/types.js';
import type { ShellWord } from './types.js';

/**
 * A parsed word whose range is computed on first use, like the model's tokens: a lint reads
 * the ranges of the few words it reports, and the scripts of a corpus have hundreds of
 * thousands of words.
 */
export class SourceWord implements ShellWord {
  readonly #lines: LineTable;
  #range: Range | undefined;

  constructor(
    lines: LineTable,
    readonly raw: string,
    readonly value: string,
    readonly hasVariables: boolean,
    readonly hasCommandSubstitution: boolean,
    readonly quoted: boolean,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {
    this.#lines = lines;
  }

  get range(): Range {
    return (this.#range ??= this.#lines.range(this.startOffset, this.endOffset));
  }
}

/**
 * A copy of a word with some fields changed. Use it instead of `{ ...word }`: spreading a
 * `SourceWord` would leave its range behind.
 */
export function copyWord(word: ShellWord, changes: Partial<ShellWord>): ShellWord {
  return { ...word, range: word.range, ...changes };
}
