import type { Range } from '../model/types.js';

/**
 * A word of a simple command. `value` has quotes removed; variable references are kept as
 * written (`$HOME`, `${V}`) so they stay recognisable, and `hasVariables` tells whether any
 * unquoted-or-double-quoted expansion is present.
 */
export interface ShellWord {
  /** The word as written in the script (quotes kept). */
  raw: string;
  /** Quotes removed, escapes resolved, `$…` references kept literally. */
  value: string;
  /** True when the word contains a `$var`, `${…}`, `$(…)` or backquote expansion. */
  hasVariables: boolean;
  /** True when the word contains a `$(…)` or backquote command substitution. */
  hasCommandSubstitution: boolean;
  /** True when any part of the word was quoted. */
  quoted: boolean;
  /** Exact range in the build file. */
  range: Range;
  /** Offsets in the build file text. */
  startOffset: number;
  endOffset: number;
}

export interface ShellAssignment {
  name: string;
  value: ShellWord | undefined;
  range: Range;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>`, `&>`, `<<<`, `>&`, ... */
  operator: string;
  target: ShellWord | undefined;
  range: Range;
}

/** Where a simple command sits in its script. */
export type CommandPlacement =
  | 'list' // top level of the script or of a list
  | 'pipeline' // a stage of a pipeline with two or more stages
  | 'subshell' // inside ( ... )
  | 'substitution'; // inside $( ... ), backquotes or <( ... )

export interface SimpleCommand {
  /** The command name after unwrapping (`sudo apt-get` → `apt-get`); undefined for an
   *  assignment-only command. */
  name: ShellWord | undefined;
  /** The basename of the name's value (`/usr/bin/pip3` → `pip3`), undefined without a name: every
   *  rule and analysis that recognises a program reads it, so it is computed once (`programOf`). */
  program: string | undefined;
  /** The arguments after the name (the name itself excluded). */
  args: ShellWord[];
  /** All words as written, wrappers included (name first). */
  words: ShellWord[];
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  placement: CommandPlacement;
  /** The wrappers looked through, outermost first (`sudo`, `env`, `sh -c`, ...). */
  wrappers: string[];
  /** False when the argument list is known to be incomplete (e.g. behind `xargs`). */
  complete: boolean;
  /** For a pipeline stage: the index of this stage and the pipeline's id in the script. */
  pipeline: { id: number; stage: number; stages: number } | undefined;
  /** The operator that connects this command to the next one at the same level. */
  followedBy: '&&' | '||' | ';' | '|' | '&' | '\n' | undefined;
  /** Range of the whole command (name to last argument). */
  range: Range;
  /**
   * The context the command sits in, whether or not it is a pipeline stage: `placement`
   * says 'pipeline' for a stage, `scope` still tells a stage inside `$( )` from one at the
   * top level.
   */
  scope?: Exclude<CommandPlacement, 'pipeline'>;
  /** The words of the wrappers looked through (`sudo -u x`, `sh -c '…'`), outermost first. */
  wrapperWords?: ShellWord[];
}

export interface ShellScript {
  commands: SimpleCommand[];
  /** True when the parser had to recover from a syntax error. */
  hasSyntaxError: boolean;
  /** True when the script contains shell comments. */
  hasComments: boolean;
  /** The first syntax error, when `hasSyntaxError`. */
  syntaxError?: { message: string; range: Range };
}
